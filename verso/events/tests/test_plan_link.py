"""The trace idea → plan → activity: an activity names the plan it realises, and the plan's
and the idea's pages show the activities realising it, to those allowed to see them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from verso.events import services
from verso.events.models import ActivityStatus
from verso.events.tests.factories import activity, at
from verso.ideas.tests.factories import make_idea
from verso.plans import services as plan_services

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def plan(world):
    return plan_services.plan_create(actor=world.coordinator, network=world.network, title="Oasis")


@pytest.fixture
def other_plan(world):
    return plan_services.plan_create(
        actor=world.outsider, network=world.other_network, title="Theirs"
    )


def test_an_activity_realises_a_plan_of_its_network(world, plan):
    act = activity(world, plan=plan)
    assert act.plan == plan
    assert list(plan.activities.all()) == [act]
    services.activity_update(actor=world.coordinator, activity=act, plan=None)
    act.refresh_from_db()
    assert act.plan is None


def test_a_plan_of_another_network_is_refused_naming_the_field(world, other_plan):
    with pytest.raises(ValidationError) as error:
        activity(world, plan=other_plan)
    assert "plan" in error.value.message_dict
    act = activity(world)
    with pytest.raises(ValidationError) as error:
        services.activity_update(actor=world.coordinator, activity=act, plan=other_plan)
    assert error.value.message_dict["plan"] == ["Choose a plan of this network."]
    act.refresh_from_db()
    assert act.plan is None


def _form(world, **fields):
    return {
        "type": "pop_up",
        "status": "published",
        "language": "fi",
        "title": "Linked pop-up",
        "starts_at": at(5, 12).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": at(5, 15).strftime("%Y-%m-%dT%H:%M"),
        "group_limit": "1",
        "waitlist_capacity": "0",
        "works_per_community": "3",
        **fields,
    }


def test_the_activity_form_links_a_plan_and_refuses_another_networks(
    client, world, plan, other_plan
):
    client.force_login(world.coordinator)
    url = reverse("events:create", args=[world.network.pk])
    page = client.get(url).content.decode()
    assert 'name="plan"' in page and "Oasis" in page and "Theirs" not in page
    refused = client.post(url, _form(world, plan=str(other_plan.pk)))
    assert refused.status_code == 200 and "plan" in refused.context["form"].errors
    assert not plan.activities.exists() and not other_plan.activities.exists()
    response = client.post(url, _form(world, plan=str(plan.pk)))
    assert response.status_code == 302
    assert plan.activities.get().title == "Linked pop-up"


def test_the_api_links_and_unlinks_a_plan(client, world, plan, other_plan):
    client.force_login(world.coordinator)
    base = f"{API}/networks/{world.network.pk}/activities"
    body = {
        "type": "pop_up",
        "title": "API pop-up",
        "starts_at": "2099-06-01T12:00:00+03:00",
        "ends_at": "2099-06-01T15:00:00+03:00",
    }
    refused = client.post(base, {**body, "plan_id": other_plan.pk}, content_type="application/json")
    assert refused.status_code == 422 and "plan_id" in refused.content.decode()
    created = client.post(base, {**body, "plan_id": plan.pk}, content_type="application/json")
    assert created.status_code == 201 and created.json()["plan_id"] == plan.pk
    pk = created.json()["id"]
    listed = client.get(base).json()["items"]
    assert [a["plan_id"] for a in listed if a["id"] == pk] == [plan.pk]
    unlinked = client.patch(f"{base}/{pk}", {"plan_id": None}, content_type="application/json")
    assert unlinked.status_code == 200 and unlinked.json()["plan_id"] is None
    # The public API does not tell which plan an activity realises: plans are internal.
    client.logout()
    public = client.get(f"{API}/events/activities/{pk}").json()
    assert "plan_id" not in public


def test_the_activity_page_links_the_plan_and_the_public_page_does_not_name_it(client, world, plan):
    act = activity(world, plan=plan, title="Garden day")
    public = client.get(reverse("events:public_detail", args=[act.pk])).content.decode()
    assert "Oasis" not in public
    client.force_login(world.coordinator)
    manage = client.get(reverse("events:manage", args=[world.network.pk, act.pk])).content.decode()
    assert reverse("plans:detail", args=[world.network.pk, plan.pk]) in manage


def test_the_plan_page_lists_the_activities_realising_it(client, world, plan):
    draft = activity(world, plan=plan, title="Draft day", status=ActivityStatus.DRAFT)
    public = activity(world, plan=plan, title="Garden day")
    activity(world, title="Unrelated day")
    url = reverse("plans:detail", args=[world.network.pk, plan.pk])
    client.force_login(world.coordinator)
    page = client.get(url).content.decode()
    assert "Garden day" in page and "Draft day" in page and "Unrelated day" not in page
    assert reverse("events:manage", args=[world.network.pk, draft.pk]) in page
    # A professional reads plans but does not organise: published activities link to their
    # public page, a draft is named without a link to the organisers' page.
    client.force_login(world.professional)
    page = client.get(url).content.decode()
    assert reverse("events:public_detail", args=[public.pk]) in page
    assert reverse("events:manage", args=[world.network.pk, draft.pk]) not in page
    assert reverse("events:public_detail", args=[draft.pk]) not in page


def test_the_idea_pages_show_idea_plan_activities(client, world, plan):
    idea, token = make_idea(world, text="Paint stones in the yard.")
    plan_services.plan_idea_take(actor=world.coordinator, plan=plan, idea=idea)
    activity(world, plan=plan, title="Garden day")
    activity(world, plan=plan, title="Secret draft", status=ActivityStatus.DRAFT)
    follow = client.get(reverse("ideas:follow", args=[token])).content.decode()
    assert "Oasis" in follow and "Garden day" in follow and "Secret draft" not in follow
    client.force_login(world.client)
    detail_url = reverse("ideas:detail", args=[world.network.pk, idea.pk])
    as_client = client.get(detail_url).content.decode()
    assert "Garden day" in as_client and "Secret draft" not in as_client
    client.force_login(world.coordinator)
    as_staff = client.get(detail_url).content.decode()
    assert "Garden day" in as_staff and "Secret draft" in as_staff
    assert reverse("plans:detail", args=[world.network.pk, plan.pk]) in as_staff


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_of_the_plan_page_and_the_activity_pages_do_not_grow(client, world, plan):
    idea, token = make_idea(world)
    plan_services.plan_idea_take(actor=world.coordinator, plan=plan, idea=idea)
    first = activity(world, plan=plan, title="A0")
    client.force_login(world.coordinator)
    urls = [
        reverse("plans:detail", args=[world.network.pk, plan.pk]),
        reverse("events:manage", args=[world.network.pk, first.pk]),
        reverse("events:edit", args=[world.network.pk, first.pk]),
        reverse("ideas:detail", args=[world.network.pk, idea.pk]),
    ]
    small = [_count(client, u) for u in urls]
    for n in range(1, 13):
        activity(world, plan=plan, title=f"A{n}")
        plan_services.plan_create(actor=world.coordinator, network=world.network, title=f"P{n}")
    large = [_count(client, u) for u in urls]
    assert small == large
    # plan page (+1: the meetings of the plan), activity page (+1: the methods it used),
    # activity form, idea page
    assert all(n <= budget for n, budget in zip(small, [17, 10, 12, 13], strict=True)), small
