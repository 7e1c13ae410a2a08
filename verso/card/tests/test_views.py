import csv
import datetime
import io
import re

import pytest
import zxingcpp
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from verso.card import codes, redemption, services
from verso.card.choices import AgeGroup, LifeSituation, StaffRole
from verso.card.models import Card, CardUse, Offering, Provider, Scheme, Staff
from verso.card.printing import card_document, document_text
from verso.card.tests.factories import card_world
from verso.core.models import AuditEntry
from verso.networks.services import organisation_create

pytestmark = pytest.mark.django_db


def issue_through_the_form(client, cw) -> str:
    response = client.post(
        reverse("card:issue", args=[cw.scheme.pk]),
        {"unit": cw.unit.pk, "age_group": "18_29", "gender": "woman", "life_situation": "student"},
    )
    assert response.status_code == 200
    assert b"The card was issued" in response.content
    return response.content.decode()


def test_an_issuer_issues_a_card_and_sees_its_code_once(client, world):
    cw = card_world(world)
    client.force_login(world.professional)
    page = issue_through_the_form(client, cw)
    card = Card.objects.latest("pk")
    link = re.search(r'value="(http://testserver/en/card/h/[^"]+/)"', page).group(1)
    token = link.rstrip("/").rsplit("/", 1)[1]
    code = codes.code_for_link(token)
    assert codes.display(code) in page
    assert card.code_digest == codes.code_digest(code)
    assert (card.age_group, card.gender, card.life_situation) == ("18_29", "woman", "student")
    assert "<svg" in page  # the QR code
    # The issuer's pages never show the code again.
    again = client.get(reverse("card:scheme", args=[cw.scheme.pk])).content.decode()
    assert codes.display(code) not in again


def test_the_printed_card_is_credit_card_size_and_reads_back(client, world):
    cw = card_world(world)
    response = client.get(reverse("card:holder_pdf", args=[cw.issued.link_token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"
    document = card_document(cw.issued.card, cw.code, base_url="http://testserver/")
    page = document.pages[0]
    # 85.60 × 53.98 mm in CSS pixels (96 per inch)
    assert round(page.width * 25.4 / 96, 1) == 85.6
    assert round(page.height * 25.4 / 96, 1) == 54.0
    text = document_text(document)
    assert codes.display(cw.code) in text
    assert cw.issued.card.reference in text
    assert "Nature card" in text


def test_the_qr_code_reads_back_as_the_code(world):
    import segno

    cw = card_world(world)
    out = io.BytesIO()
    segno.make_qr(cw.code, error="m").save(out, kind="png", scale=6)
    out.seek(0)
    found = zxingcpp.read_barcodes(Image.open(out))
    assert [r.text for r in found] == [cw.code]


def test_the_holders_page_shows_validity_offerings_and_only_their_own_uses(client, world):
    cw = card_world(world)
    redemption.card_redeem(
        actor=world.group, provider=cw.provider, code=cw.code, offering=cw.offering
    )
    other = redemption.card_issue(
        actor=world.professional,
        scheme=cw.scheme,
        unit=cw.unit,
        age_group=AgeGroup.FROM_65,
        life_situation=LifeSituation.RETIRED,
    )
    redemption.card_redeem(
        actor=world.group, provider=cw.provider, code=other.code, offering=cw.quota_offering
    )
    response = client.get(reverse("card:holder", args=[cw.issued.link_token]))
    page = response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"
    assert "Valid until" in page
    assert "Art workshop" in page and "Melontaretki" in page  # the offerings
    uses = page.split("Your uses of the card")[1]
    assert "Art workshop" in uses and "Melontaretki" not in uses
    assert client.get(reverse("card:holder", args=["not-a-token"])).status_code == 404


def test_the_provider_checks_redeems_twice_and_the_quota_stops_the_third(client, world):
    cw = card_world(world)
    client.force_login(world.group)
    url = reverse("card:redeem", args=[cw.scheme.pk])
    checked = client.post(url, {"provider": cw.provider.pk, "code": cw.code, "action": "check"})
    assert "Valid" in checked.content.decode()
    for i in range(2):
        response = client.post(
            url,
            {
                "provider": cw.provider.pk,
                "code": cw.code,
                "offering": cw.quota_offering.pk,
                "action": "redeem",
                "submission": f"form-{i}",
            },
        )
        assert response.status_code == 302
    third = client.post(
        url,
        {
            "provider": cw.provider.pk,
            "code": cw.code,
            "offering": cw.quota_offering.pk,
            "action": "redeem",
            "submission": "form-3",
        },
    )
    assert third.status_code == 200
    assert "quota of 2 is full" in third.content.decode()
    assert CardUse.objects.count() == 2


def test_the_same_form_sent_twice_records_one_use(client, world):
    cw = card_world(world)
    client.force_login(world.group)
    data = {
        "provider": cw.provider.pk,
        "code": cw.code,
        "offering": cw.offering.pk,
        "children": "1",
        "action": "redeem",
        "submission": "same-form",
    }
    url = reverse("card:redeem", args=[cw.scheme.pk])
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert "already been recorded" in response.content.decode()
    assert CardUse.objects.count() == 1


def test_after_revocation_the_next_check_says_revoked(client, world):
    cw = card_world(world)
    client.force_login(world.professional)
    response = client.post(
        reverse("card:revoke", args=[cw.scheme.pk]),
        {"reference": cw.issued.card.reference.lower(), "replace": "on"},
    )
    assert response.status_code == 200 and b"The card was issued" in response.content
    client.force_login(world.group)
    checked = client.post(
        reverse("card:redeem", args=[cw.scheme.pk]),
        {"provider": cw.provider.pk, "code": cw.code, "action": "check"},
    )
    assert "Revoked" in checked.content.decode()


def test_undo_by_the_same_provider(client, world):
    cw = card_world(world)
    use, _new = redemption.card_redeem(
        actor=world.group, provider=cw.provider, code=cw.code, offering=cw.offering
    )
    client.force_login(world.group)
    response = client.post(reverse("card:use_undo", args=[cw.scheme.pk, use.pk]), follow=True)
    assert "The use was undone" in response.content.decode()
    assert CardUse.objects.get(pk=use.pk).undone_at is not None


def test_an_issuer_from_a_unit_that_is_not_an_issuing_unit_is_told_why(client, world):
    cw = card_world(world)
    gym = organisation_create(actor=None, name="Gym", sector="sports_leisure")
    provider = services.provider_add(actor=world.coordinator, scheme=cw.scheme, organisation=gym)
    services.staff_add(
        actor=world.coordinator,
        scheme=cw.scheme,
        user=world.client,
        organisation=gym,
        role=StaffRole.PROVIDER,
    )
    # An issuer row for an organisation that is not an issuing unit (made past the service,
    # which refuses it: e.g. a row left behind when a unit leaves the scheme).
    Staff.objects.create(scheme=cw.scheme, user=world.client, organisation=gym, role="issuer")
    client.force_login(world.client)
    response = client.get(reverse("card:issue", args=[cw.scheme.pk]))
    assert response.status_code == 403
    assert "Gym is not an issuing unit of this scheme" in response.content.decode()
    # and a provider that has not joined cannot record uses
    response = client.post(
        reverse("card:redeem", args=[cw.scheme.pk]),
        {"provider": provider.pk, "code": cw.code, "action": "check"},
    )
    assert "has not joined the scheme" in response.content.decode()


def test_provider_staff_are_not_issuers(client, world):
    cw = card_world(world)
    client.force_login(world.group)
    response = client.get(reverse("card:issue", args=[cw.scheme.pk]))
    assert response.status_code == 403
    assert "Only the staff of an issuing unit issue cards" in response.content.decode()


def test_statistics_suppress_small_cells_and_export(client, world):
    cw = card_world(world)
    for i in range(6):
        issued = redemption.card_issue(
            actor=world.professional,
            scheme=cw.scheme,
            unit=cw.unit,
            age_group=AgeGroup.FROM_18 if i < 5 else AgeGroup.FROM_65,
            life_situation=LifeSituation.STUDENT,
        )
        redemption.card_redeem(
            actor=world.group, provider=cw.provider, code=issued.code, offering=cw.offering
        )
    client.force_login(world.coordinator)
    page = client.get(reverse("card:statistics", args=[cw.scheme.pk])).content.decode()
    age_table = page.split("Uses by age group")[1].split("</table>")[0]
    assert re.search(r"18–29</th><td class=\"num\">5</td>", age_table)
    assert re.search(r"65 or over</th><td class=\"num\">&lt;5</td>", age_table)
    assert "<svg" in page and "Uses by month" in page
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("card:statistics_csv", args=[cw.scheme.pk])).content.decode()
            )
        )
    )
    assert ["18–29", "5", "5"] in rows and ["65 or over", "<5", "<5"] in rows
    book = load_workbook(
        io.BytesIO(client.get(reverse("card:statistics_xlsx", args=[cw.scheme.pk])).content)
    )
    values = [tuple(r) for r in book["age_group"].iter_rows(values_only=True)]
    assert ("18–29", 5, 5) in values and ("65 or over", "<5", "<5") in values
    assert AuditEntry.objects.filter(action="card.statistics_export").count() == 2


def test_public_offering_pages_in_three_languages(client, world):
    cw = card_world(world)
    for prefix, title in (("", "Taidetyöpaja"), ("/sv", "Konstverkstad"), ("/en", "Art workshop")):
        response = client.get(f"{prefix}/card/offerings/{cw.offering.pk}/")
        assert response.status_code == 200
        assert f"<h1>{title}</h1>" in response.content.decode()
    hidden = Offering.objects.filter(pk=cw.offering.pk)
    hidden.update(is_active=False)
    assert client.get(reverse("card:offering", args=[cw.offering.pk])).status_code == 404


def test_an_admin_builds_a_scheme_through_the_forms(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        reverse("card:scheme_create"),
        {
            "network": world.network.pk,
            "name": "Forest card",
            "area": "Koillismaa",
            "validity_days": "365",
            "max_children": "4",
            "asks_gender": "on",
            "terms": "Free for holders.",
        },
    )
    scheme = Scheme.objects.get(name="Forest card")
    assert response.status_code == 302
    client.post(reverse("card:unit_add", args=[scheme.pk]), {"organisation": world.unit.pk})
    client.post(
        reverse("card:provider_add", args=[scheme.pk]), {"organisation": world.organisation.pk}
    )
    response = client.post(
        reverse("card:staff_add", args=[scheme.pk]),
        {"email": world.group.email, "role": "provider", "organisation": world.organisation.pk},
    )
    assert response.status_code == 302
    provider = Provider.objects.get(scheme=scheme)
    client.force_login(world.group)
    response = client.post(
        reverse("card:provider_join", args=[provider.pk]),
        {"terms_version": "1", "accept": "on", "contact": world.group.person.pk},
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.has_joined and provider.accepted_by == world.group


def test_a_network_coordinator_cannot_start_a_scheme_for_another_network(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        reverse("card:scheme_create"),
        {
            "network": world.other_network.pk,
            "name": "Stolen",
            "area": "X",
            "validity_days": "365",
            "max_children": "4",
            "terms": "T",
        },
    )
    assert response.status_code == 200
    assert "network" in response.context["form"].errors
    assert not Scheme.objects.filter(name="Stolen").exists()


# Object-level access: ids of another network's scheme answer 404 and change nothing ---------


@pytest.fixture
def foreign(world):
    """A scheme of the other network, with its provider, offering, token and a use."""
    scheme = services.scheme_create(
        actor=world.outsider, network=world.other_network, name="Theirs", area="X", terms="T"
    )
    unit = services.issuing_unit_add(actor=world.outsider, scheme=scheme, organisation=world.unit)
    provider = services.provider_add(
        actor=world.outsider, scheme=scheme, organisation=world.organisation
    )
    services.staff_add(
        actor=world.outsider,
        scheme=scheme,
        user=world.outsider,
        organisation=world.organisation,
        role=StaffRole.PROVIDER,
    )
    provider = services.provider_join(
        actor=world.outsider,
        provider=provider,
        terms_version=1,
        contact=world.outsider.person,
        adult_companion_allowed=False,
    )
    offering = services.offering_create(
        actor=world.outsider, provider=provider, title_fi="Theirs", place="P", schedule="S"
    )
    issued = redemption.card_issue(
        actor=world.outsider,
        scheme=scheme,
        unit=unit,
        age_group=AgeGroup.FROM_18,
        life_situation=LifeSituation.OTHER,
    )
    use, _new = redemption.card_redeem(
        actor=world.outsider, provider=provider, code=issued.code, offering=offering
    )
    token, _key = services.provider_token_create(actor=world.outsider, provider=provider, name="t")
    return {
        "scheme": scheme,
        "provider": provider,
        "offering": offering,
        "use": use,
        "token": token,
    }


def _state():
    return (
        list(Scheme.objects.values()),
        list(Provider.objects.values()),
        list(Offering.objects.values()),
        list(CardUse.objects.values()),
        list(Card.objects.values()),
    )


@pytest.mark.parametrize("role", ["coordinator", "group", "professional"])
def test_ids_of_another_networks_scheme_answer_404_and_change_nothing(client, world, foreign, role):
    cw = card_world(world)
    client.force_login(world.user(role))
    s, p, o = foreign["scheme"].pk, foreign["provider"].pk, foreign["offering"].pk
    gets = [
        reverse("card:scheme", args=[s]),
        reverse("card:scheme_edit", args=[s]),
        reverse("card:statistics", args=[s]),
        reverse("card:statistics_csv", args=[s]),
        reverse("card:issue", args=[s]),
        reverse("card:redeem", args=[s]),
        reverse("card:provider", args=[p]),
        reverse("card:offering_edit", args=[o]),
    ]
    posts = [
        (reverse("card:scheme_edit", args=[s]), {"name": "Hacked", "area": "X"}),
        (reverse("card:terms", args=[s]), {"text": "Hacked"}),
        (reverse("card:unit_add", args=[s]), {"organisation": world.unit.pk}),
        (reverse("card:staff_add", args=[s]), {"email": world.client.email, "role": "admin"}),
        (reverse("card:provider_join", args=[p]), {"terms_version": 1, "accept": "on"}),
        (reverse("card:offering_edit", args=[o]), {"title_fi": "Hacked"}),
        (reverse("card:token_create", args=[p]), {"name": "mine"}),
        (reverse("card:token_revoke", args=[foreign["token"].pk]), {}),
        # the network's own scheme, with another network's use
        (reverse("card:use_undo", args=[cw.scheme.pk, foreign["use"].pk]), {}),
    ]
    before = _state()
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (403, 404), (url, response.status_code)
    assert _state() == before
    assert foreign["token"].__class__.objects.get(pk=foreign["token"].pk).revoked_at is None


def test_an_expired_card_says_so_on_the_holders_page(client, world):
    cw = card_world(world)
    Card.objects.filter(pk=cw.issued.card.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    page = client.get(reverse("card:holder", args=[cw.issued.link_token])).content.decode()
    assert "This card expired on" in page
