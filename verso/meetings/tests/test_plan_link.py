"""A meeting belongs to a plan of its network: set on the form and through the API, shown
on the meeting page and listed on the plan page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from verso.core.models import AuditEntry
from verso.meetings import services
from verso.meetings.models import Meeting
from verso.meetings.tests.factories import future, make_meeting
from verso.plans import services as plan_services

pytestmark = pytest.mark.django_db


def _plan(world, network=None, title="Summer plan"):
    return plan_services.plan_create(
        actor=world.coordinator, network=network or world.network, title=title
    )


def _form(world, **fields):
    start = future(9)
    return {
        "title": "Planning workshop",
        "kind": "workshop",
        "mode": "in_person",
        "place": "Library",
        "starts_at": f"{start:%Y-%m-%d %H:%M}",
        "ends_at": f"{start + datetime.timedelta(hours=2):%Y-%m-%d %H:%M}",
        **fields,
    }


def api(client, method, path, body=None):
    return getattr(client, method)(
        "/api/v1" + path, data=body or {}, content_type="application/json"
    )


def test_the_form_links_a_meeting_to_a_plan_and_both_pages_show_it(client, world):
    plan = _plan(world)
    client.force_login(world.coordinator)
    n = world.network.pk
    response = client.post(reverse("meetings:create", args=[n]), _form(world, plan=plan.pk))
    assert response.status_code == 302, response.context["form"].errors
    meeting = Meeting.objects.get(title="Planning workshop")
    assert meeting.plan == plan
    page = client.get(reverse("meetings:detail", args=[n, meeting.pk])).content.decode()
    assert reverse("plans:detail", args=[n, plan.pk]) in page
    page = client.get(reverse("plans:detail", args=[n, plan.pk])).content.decode()
    assert reverse("meetings:detail", args=[n, meeting.pk]) in page
    # unlinked on the edit form
    response = client.post(reverse("meetings:edit", args=[n, meeting.pk]), _form(world, plan=""))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.plan is None
    assert AuditEntry.objects.filter(action="meeting.update", target_id=str(meeting.pk)).exists()


@pytest.mark.parametrize("bad", ["999999", "-1", "abc", "other"])
def test_the_form_refuses_a_plan_of_another_network_or_none(client, world, bad):
    other = _plan(world, world.other_network, "Their plan")
    client.force_login(world.coordinator)
    value = str(other.pk) if bad == "other" else bad
    response = client.post(
        reverse("meetings:create", args=[world.network.pk]), _form(world, plan=value)
    )
    assert response.status_code == 200
    assert "plan" in response.context["form"].errors
    assert not Meeting.objects.filter(title="Planning workshop").exists()


def test_the_service_refuses_a_plan_of_another_network_naming_the_field(world):
    other = _plan(world, world.other_network, "Their plan")
    with pytest.raises(ValidationError) as caught:
        make_meeting(world, plan=other)
    assert caught.value.message_dict == {"plan": ["Choose a plan of this network."]}
    meeting = make_meeting(world)
    with pytest.raises(ValidationError) as caught:
        services.meeting_update(actor=world.coordinator, meeting=meeting, plan=other)
    assert "plan" in caught.value.message_dict
    meeting.refresh_from_db()
    assert meeting.plan is None


def test_the_api_takes_a_plan_id_and_null_unlinks(client, world):
    plan = _plan(world)
    other = _plan(world, world.other_network, "Their plan")
    client.force_login(world.coordinator)
    n = world.network.pk
    body = {
        "title": "API workshop",
        "place": "Hall",
        "starts_at": future(8).isoformat(),
        "ends_at": (future(8) + datetime.timedelta(hours=1)).isoformat(),
    }
    for bad in (other.pk, 999999, -1, 2**70, "1", 1.5):
        response = api(client, "post", f"/networks/{n}/meetings", {**body, "plan_id": bad})
        assert response.status_code in (400, 422), (bad, response.content)
        assert "plan_id" in response.content.decode()
    assert not Meeting.objects.filter(title="API workshop").exists()
    created = api(client, "post", f"/networks/{n}/meetings", {**body, "plan_id": plan.pk})
    assert created.status_code == 201, created.content
    assert created.json()["plan_id"] == plan.pk
    path = f"/networks/{n}/meetings/{created.json()['id']}"
    assert api(client, "patch", path, {"title": "Renamed"}).json()["plan_id"] == plan.pk
    response = api(client, "patch", path, {"plan_id": other.pk})
    assert response.status_code in (400, 422)
    assert api(client, "patch", path, {"plan_id": None}).json()["plan_id"] is None


@pytest.mark.parametrize("n", [2, 12])
def test_the_plan_pages_query_budget_is_the_same_with_more_meetings(
    client, world, django_assert_num_queries, n
):
    plan = _plan(world)
    for i in range(n):
        make_meeting(world, days=i + 1, title=f"Meeting {i}", plan=plan)
    client.force_login(world.coordinator)
    # 17 here (the coordinator's session, 2FA device and plan page); one of them reads the
    # meetings of the plan, however many there are
    with django_assert_num_queries(17):
        response = client.get(reverse("plans:detail", args=[world.network.pk, plan.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("Meeting ") >= n
