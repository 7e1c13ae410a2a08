import pytest
from django.urls import reverse

from verso.card.tests.factories import card_world

pytestmark = pytest.mark.django_db


def test_pages(client, world):
    cw = card_world(world)
    client.force_login(world.group)
    for name, kw in [("card:home", {}), ("card:scheme", {"scheme_id": cw.scheme.pk}), ("card:redeem", {"scheme_id": cw.scheme.pk}), ("card:provider", {"provider_id": cw.provider.pk})]:
        r = client.get(reverse(name, kwargs=kw))
        assert r.status_code == 200, (name, r.content[:2000])
    r = client.post(reverse("card:redeem", kwargs={"scheme_id": cw.scheme.pk}), {"provider": cw.provider.pk, "code": cw.code, "offering": cw.offering.pk, "action": "redeem", "submission": "abc"})
    assert r.status_code == 302, r.content.decode()[:3000]
    client.force_login(world.coordinator)
    for name in ["card:statistics", "card:statistics_csv", "card:statistics_xlsx", "card:scheme_edit", "card:staff_add", "card:terms"]:
        r = client.get(reverse(name, kwargs={"scheme_id": cw.scheme.pk}))
        assert r.status_code == 200, (name, r.content[:2000])
    client.force_login(world.professional)
    r = client.post(reverse("card:issue", kwargs={"scheme_id": cw.scheme.pk}), {"unit": cw.unit.pk, "age_group": "18_29", "life_situation": "student"})
    assert r.status_code == 200 and b"The card was issued" in r.content, r.content.decode()[:3000]
    r = client.get(reverse("card:holder", kwargs={"token": cw.issued.link_token}))
    assert r.status_code == 200
    r = client.get(reverse("card:holder_pdf", kwargs={"token": cw.issued.link_token}))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    r = client.get(reverse("card:offering", kwargs={"offering_id": cw.offering.pk}))
    assert r.status_code == 200
