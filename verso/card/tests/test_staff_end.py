"""Ending a role in a card scheme: the scheme's administrators, after a confirmation,
audited; the last administrator stays."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from verso.card import services
from verso.card.choices import StaffRole
from verso.card.models import Staff
from verso.card.tests.factories import card_world
from verso.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _admin(world, user):
    return services.staff_add(
        actor=world.coordinator,
        scheme=card_world(world).scheme,
        user=user,
        organisation=None,
        role=StaffRole.ADMIN,
    )


def _end_url(staff):
    return reverse("card:staff_end", args=[staff.scheme_id, staff.pk])


def test_an_administrator_ends_an_issuers_role_after_confirming(client, world):
    scheme = card_world(world).scheme
    issuer = Staff.objects.get(scheme=scheme, user=world.professional, role=StaffRole.ISSUER)
    client.force_login(world.coordinator)
    page = client.get(reverse("card:scheme", args=[scheme.pk])).content.decode()
    assert _end_url(issuer) in page
    page = client.get(_end_url(issuer))
    assert page.status_code == 200 and "professional@test.example" in page.content.decode()
    assert Staff.objects.filter(pk=issuer.pk).exists()  # looking changes nothing
    response = client.post(_end_url(issuer), {})  # not confirmed
    assert response.status_code == 200
    assert "confirm" in response.context["form"].errors
    assert Staff.objects.filter(pk=issuer.pk).exists()
    response = client.post(_end_url(issuer), {"confirm": "on"})
    assert response.status_code == 302
    assert not Staff.objects.filter(pk=issuer.pk).exists()
    entry = AuditEntry.objects.get(action="card.staff_remove")
    assert entry.actor == world.coordinator and "professional@test.example" in entry.summary
    # the issuer can no longer issue
    client.force_login(world.professional)
    assert client.get(reverse("card:issue", args=[scheme.pk])).status_code == 404


def test_the_last_administrator_cannot_be_removed_and_the_page_says_why(client, world):
    admin = _admin(world, world.client)
    client.force_login(world.coordinator)
    response = client.post(_end_url(admin), {"confirm": "on"})
    assert response.status_code == 200
    errors = response.context["form"].errors["confirm"]
    assert errors == [
        "client@test.example is the scheme's last administrator. Give the role to someone "
        "else first, then end this one."
    ]
    assert Staff.objects.filter(pk=admin.pk).exists()
    assert not AuditEntry.objects.filter(action="card.staff_remove").exists()
    # with a second administrator, the first one's role can end
    _admin(world, world.outsider)
    response = client.post(_end_url(admin), {"confirm": "on"})
    assert response.status_code == 302
    assert not Staff.objects.filter(pk=admin.pk).exists()


def test_the_service_refuses_the_last_administrator_and_an_ended_role(world):
    admin = _admin(world, world.client)
    with pytest.raises(ValidationError) as caught:
        services.staff_remove(actor=world.coordinator, staff=admin)
    assert "confirm" in caught.value.message_dict
    other = _admin(world, world.outsider)
    services.staff_remove(actor=world.coordinator, staff=other)
    with pytest.raises(ValidationError):
        services.staff_remove(actor=world.coordinator, staff=other)  # already ended
    assert list(Staff.objects.filter(role=StaffRole.ADMIN)) == [admin]


def test_a_role_of_another_scheme_or_a_bad_id_is_not_found(client, world):
    scheme = card_world(world).scheme
    other = services.scheme_create(
        actor=world.outsider,
        network=world.other_network,
        name="Their card",
        area="Kuusamo",
        validity_days=365,
        max_children=3,
        terms="Theirs.",
    )
    theirs = services.staff_add(
        actor=world.outsider, scheme=other, user=world.client, organisation=None, role="admin"
    )
    client.force_login(world.coordinator)
    for staff_id in (theirs.pk, 999999, 0, 2**70):
        url = f"/en/card/schemes/{scheme.pk}/staff/{staff_id}/end/"
        assert client.post(url, {"confirm": "on"}).status_code == 404, staff_id
    assert Staff.objects.filter(pk=theirs.pk).exists()
