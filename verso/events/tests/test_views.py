"""Public pages (no sign-in), the sign-up form, the organisers' pages and exports."""

import csv
import io
import json
import re

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from verso.events import services
from verso.events.models import Activity, Signup, SignupStatus
from verso.events.tests.factories import activity, at, place, signup, signup_activity

pytestmark = pytest.mark.django_db


def detail_url(act, lang="en"):
    prefix = "" if lang == "fi" else f"/{lang}"
    return f"{prefix}/events/{act.pk}/"


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_public_detail_has_schema_org_event_and_open_graph(client, world):
    yard = place(world, latitude=65.96, longitude=29.18)
    act = signup_activity(world, place=yard, organisers=[world.organisation])
    response = client.get(detail_url(act))
    assert response.status_code == 200
    html = response.content.decode()
    data = json_ld(html)
    assert data["@type"] == "Event" and data["name"] == "Summer oasis pop-up"
    assert data["location"]["address"]["streetAddress"] == "Library road 1"
    assert data["location"]["geo"]["latitude"] == 65.96
    assert data["organizer"] == [{"@type": "Organization", "name": "Library"}]
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["maximumAttendeeCapacity"] == 10
    assert '<meta property="og:title" content="Summer oasis pop-up">' in html
    assert f'<meta property="og:url" content="http://testserver/en/events/{act.pk}/">' in html


def test_a_draft_is_not_public(client, world):
    act = activity(world, status="draft")
    assert client.get(detail_url(act)).status_code == 404
    assert client.get(reverse("events:public_list")).content.decode().count(act.title) == 0


def test_the_detail_page_shows_the_title_in_the_visitors_language(client, world):
    act = activity(world, translations={"sv": {"title": "Sommaroasens pop-up", "description": ""}})
    assert "Sommaroasens pop-up" in client.get(detail_url(act, "sv")).content.decode()
    assert "Summer oasis pop-up" in client.get(detail_url(act, "fi")).content.decode()


def test_signing_up_on_the_public_page_without_an_account(
    client, world, django_capture_on_commit_callbacks
):
    act = signup_activity(world, capacity=1, waitlist=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            detail_url(act),
            {"kind": "take_part", "name": "Aino", "email": "aino@test.example", "group_size": 1},
        )
    signup_row = Signup.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:signup_status", args=[signup_row.token])
    page = client.get(response["Location"]).content.decode()
    assert "You have a place." in page
    assert mail.outbox[0].to == ["aino@test.example"]
    assert signup_row.token in mail.outbox[0].body
    # A retry (a phone resending) answers the same sign-up.
    again = client.post(
        detail_url(act),
        {"kind": "take_part", "name": "Aino", "email": "aino@test.example", "group_size": 1},
    )
    assert again["Location"] == response["Location"]
    assert Signup.objects.count() == 1


def test_someone_else_with_the_same_contact_does_not_see_the_sign_up(client, world):
    act = signup_activity(world)
    first = signup(act, 1)
    response = client.post(
        detail_url(act),
        {"kind": "take_part", "name": "X", "email": "person1@test.example", "group_size": 1},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "already signed up" in body and first.token not in body


def test_cancelling_through_the_link_promotes_the_next(client, world):
    act = signup_activity(world, capacity=1, waitlist=1)
    first = signup(act, 1)
    waiting = signup(act, 2)
    response = client.post(reverse("events:signup_cancel", args=[first.token]))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == SignupStatus.CONFIRMED
    assert "cancelled" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "", "email": "a@test.example"}, "name"),
        ({"name": "A", "email": "", "phone": ""}, "email"),
        ({"name": "A", "email": "nope"}, "email"),
        ({"name": "A", "email": "a@test.example", "group_size": 5}, "group_size"),
        ({"name": "A", "email": "a@test.example", "group_size": -1}, "group_size"),
        ({"name": "A", "email": "a@test.example", "kind": "bogus"}, "kind"),
    ],
)
def test_bad_sign_ups_are_refused_on_the_field_and_store_nothing(client, world, data, field):
    act = signup_activity(world, group_limit=3)
    payload = {"kind": "take_part", "group_size": 1, **data}
    response = client.post(detail_url(act), payload)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Signup.objects.exists()


def test_signing_up_to_a_cancelled_activity_is_not_offered(client, world):
    act = signup_activity(world, status="cancelled")
    page = client.get(detail_url(act)).content.decode()
    assert "Cancelled" in page and 'name="name"' not in page
    assert client.post(detail_url(act), {"name": "A", "email": "a@test.example"}).status_code == 404
    assert not Signup.objects.exists()


def test_a_full_waiting_list_is_refused_with_a_message(client, world):
    act = signup_activity(world, capacity=1, waitlist=0)
    signup(act, 1)
    response = client.post(
        detail_url(act),
        {"kind": "take_part", "name": "B", "email": "b@test.example", "group_size": 1},
    )
    assert "full" in response.content.decode()
    assert Signup.objects.count() == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Pop-up", "Walk", "Concert"}),
        ("type=nature", {"Walk"}),
        ("free=on", {"Pop-up", "Walk"}),
        ("accessible=on", {"Pop-up"}),
        ("language=sv", {"Concert"}),
        ("audience=children", {"Walk"}),
        ("date_from={d20}", {"Concert"}),
        ("date_to={d12}", {"Pop-up", "Walk"}),
    ],
)
def test_public_list_filters(client, world, query, expected):
    yard = place(world)
    forest = place(world, name="Forest", step_free=False)
    activity(world, title="Pop-up", place=yard)
    activity(
        world,
        title="Walk",
        type="nature",
        place=forest,
        target_groups=["children"],
        starts_at=at(11),
        ends_at=at(11, 14),
    )
    activity(
        world,
        title="Concert",
        type="music",
        is_free=False,
        price="5 €",
        language="sv",
        starts_at=at(25),
        ends_at=at(25, 14),
    )
    query = query.format(d20=at(20).date().isoformat(), d12=at(12).date().isoformat())
    response = client.get(reverse("events:public_list") + "?" + query)
    titles = set(
        re.findall(r'<h2><a href="/en/events/\d+/">([^<]+)</a></h2>', response.content.decode())
    )
    assert titles == expected


@pytest.mark.parametrize(
    "query", ["type=bogus", "language=xx", "audience=martians", "date_from=abc", "place=999999"]
)
def test_an_unknown_filter_value_is_named_and_never_an_error(client, world, query):
    activity(world)
    response = client.get(reverse("events:public_list") + "?" + query)
    assert response.status_code == 200
    field = query.split("=")[0]
    assert field in response.context["filters"].errors
    assert "0 activities" in response.content.decode()


LIST_BUDGET = 6
DETAIL_BUDGET = 7


def _public_query_counts(client, world, act) -> tuple[int, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for url in (reverse("events:public_list"), detail_url(act)):
        cache.clear()  # measure the uncached render
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts[0], counts[1]


def test_public_list_and_detail_query_counts_are_pinned_and_equal_at_5_and_50(client, world):
    yard = place(world)

    def add(n: int, start: int):
        made = []
        for i in range(start, start + n):
            act = signup_activity(
                world, title=f"A{i}", place=yard, organisers=[world.organisation, world.unit]
            )
            signup(act, i)
            made.append(act)
        return made

    first = add(5, 0)[0]
    at_5 = _public_query_counts(client, world, first)
    add(45, 5)
    at_50 = _public_query_counts(client, world, first)
    assert at_5 == at_50
    assert at_5[0] <= LIST_BUDGET and at_5[1] <= DETAIL_BUDGET, at_5


def test_the_public_list_is_cached_and_a_change_shows_at_once(
    client, world, django_assert_max_num_queries
):
    act = activity(world, title="Before")
    url = reverse("events:public_list")
    assert "Before" in client.get(url).content.decode()
    services.activity_update(actor=world.coordinator, activity=act, title="After")
    assert "After" in client.get(url).content.decode()


def test_the_poster_and_calendars(client, world):
    act = activity(world, place=place(world), recurrence="weekly", recurrence_until=at(40).date())
    ics = client.get(reverse("events:activity_ics", args=[act.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert "SUMMARY:Summer oasis pop-up" in body and "RRULE:FREQ=WEEKLY" in body
    network_ics = client.get(reverse("events:network_ics", args=[world.network.pk]))
    assert network_ics.status_code == 200 and b"BEGIN:VEVENT" in network_ics.content
    assert (
        client.get(reverse("events:network_ics", args=[world.other_network.pk])).status_code == 404
    )


# Organisers -----------------------------------------------------------------------------------


def test_coordinator_creates_and_publishes_an_activity_through_the_form(client, world):
    client.force_login(world.coordinator)
    yard = place(world)
    response = client.post(
        reverse("events:create", args=[world.network.pk]),
        {
            "type": "pop_up",
            "status": "published",
            "language": "fi",
            "title": "Kesäkeitaan pop-up",
            "organisers": [world.organisation.pk],
            "place": yard.pk,
            "starts_at": at(5, 12).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": at(5, 15).strftime("%Y-%m-%dT%H:%M"),
            "is_free": "on",
            "signup_enabled": "on",
            "capacity": 10,
            "waitlist_capacity": 2,
            "group_limit": 1,
            "works_per_community": 3,
            "title_sv": "Sommaroasens pop-up",
        },
    )
    act = Activity.objects.get()
    assert response.status_code == 302, response.context["form"].errors
    assert act.capacity == 10 and act.status == "published" and act.published_at
    assert act.translations == {"sv": {"title": "Sommaroasens pop-up", "description": ""}}
    assert list(act.organisers.all()) == [world.organisation]


def test_participants_export_as_csv_and_xlsx(client, world):
    act = signup_activity(world)
    signup(act, 1, access_needs="=cmd|' /C calc'!A0")
    signup(act, 2, phone="040 1")
    client.force_login(world.group)
    page = client.get(reverse("events:participants", args=[world.network.pk, act.pk]))
    assert "Person 1" in page.content.decode()
    response = client.get(
        reverse("events:participants_export", args=[world.network.pk, act.pk, "csv"])
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Name" and [r[0] for r in rows[1:]] == ["Person 1", "Person 2"]
    assert rows[1][6].startswith("'=")  # a formula is quoted
    response = client.get(
        reverse("events:participants_export", args=[world.network.pk, act.pk, "xlsx"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]][:2] == ["Person 1", "person1@test.example"]
    assert (
        client.get(
            reverse("events:participants_export", args=[world.network.pk, act.pk, "pdf"])
        ).status_code
        == 404
    )


def test_participant_list_is_not_for_professionals_or_the_public(client, world):
    act = signup_activity(world)
    signup(act, 1)
    url = reverse("events:participants", args=[world.network.pk, act.pk])
    assert client.get(url).status_code == 302
    client.force_login(world.professional)
    assert client.get(url).status_code == 403
    assert "Person 1" not in client.get(detail_url(act)).content.decode()


def test_attendance_marked_in_the_list_and_by_scanning_the_qr_code(client, world):
    act = signup_activity(world)
    first = signup(act, 1)
    second = signup(act, 2)
    status_page = client.get(reverse("events:signup_status", args=[first.token])).content.decode()
    assert "data:image/png;base64," in status_page  # the participant's QR code
    client.force_login(world.group)
    client.post(
        reverse("events:attendance", args=[world.network.pk, act.pk, first.pk]), {"attended": "yes"}
    )
    checkin = reverse("events:checkin", args=[world.network.pk, act.pk, second.token])
    assert "Mark present" in client.get(checkin).content.decode()
    client.post(checkin)
    assert set(Signup.objects.values_list("attended", flat=True)) == {True}


def test_outcome_form_records_counts(client, world):
    act = signup_activity(world)
    client.force_login(world.coordinator)
    response = client.post(
        reverse("events:outcome", args=[world.network.pk, act.pk]),
        {"taking_part": 11, "following": 20, "unnamed_clients": 3, "notes": "Sunny."},
    )
    assert response.status_code == 302
    act.refresh_from_db()
    assert (act.realised_taking_part, act.realised_unnamed_clients) == (11, 3)


@pytest.mark.parametrize("rows", [2, 12])
def test_organiser_lists_have_pinned_query_counts(
    client, world, rows, django_assert_max_num_queries
):
    act = signup_activity(world, place=place(world))
    for n in range(rows):
        signup(act, n)
        activity(world, title=f"A{n}")
        place(world, name=f"P{n}")
    client.force_login(world.coordinator)
    for name, args, budget in [
        ("events:list", [world.network.pk], 12),
        ("events:places", [world.network.pk], 12),
        ("events:participants", [world.network.pk, act.pk], 13),
    ]:
        with django_assert_max_num_queries(budget):
            assert client.get(reverse(name, args=args)).status_code == 200
