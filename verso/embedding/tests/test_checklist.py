import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from verso.core.models import AuditEntry
from verso.embedding import services
from verso.embedding.checklist import network_checklist
from verso.embedding.models import (
    ChecklistConfirmation,
    ChecklistItem,
    ScoreSnapshot,
    StructureKind,
    StructureLink,
)
from verso.embedding.tests.factories import evaluation_done, make_communication, make_link
from verso.networks import services as network_services
from verso.networks.choices import Role, Sector
from verso.plans.choices import BudgetStatus
from verso.plans.services import budget_line_add, budget_line_update, plan_create

pytestmark = pytest.mark.django_db


def _item(checklist, key):
    return next(i for i in checklist.items if i.key == key)


def test_a_new_network_scores_from_its_members_and_names_the_gaps_by_points(world):
    checklist = network_checklist(world.network)
    # Both active organisations (library, unit) are permanent; coordinator + group member.
    assert _item(checklist, ChecklistItem.PERMANENT_ACTORS).points == 20
    assert _item(checklist, ChecklistItem.COORDINATION_GROUP).points == 10
    assert checklist.score == 30
    gaps = [g.key for g in checklist.gaps]
    assert gaps[:2] == [ChecklistItem.OWN_BUDGET, ChecklistItem.STRUCTURE_LINK]
    assert [g.missing for g in checklist.gaps] == sorted(
        (g.missing for g in checklist.gaps), reverse=True
    )


def test_a_project_organisation_lowers_the_share_of_permanent_actors(world):
    project = network_services.organisation_create(
        actor=None,
        name="Arts project",
        sector=Sector.CULTURE,
        is_project=True,
        ends_on=timezone.localdate() + datetime.timedelta(days=300),
    )
    for i in range(2):
        network_services.membership_add_new_person(
            actor=world.coordinator,
            network=world.network,
            display_name=f"Project worker {i}",
            roles=[Role.PROFESSIONAL],
            organisation=project,
        )
    item = _item(network_checklist(world.network), ChecklistItem.PERMANENT_ACTORS)
    assert item.points == round(20 * 2 / 3)
    assert "2 of 3" in item.status


def test_recording_the_wellbeing_plan_link_raises_the_score_by_its_points(world):
    before = network_checklist(world.network).score
    make_link(world, kind=StructureKind.ENTREPRENEUR_NETWORK, url="http://yrittajat.example")
    assert network_checklist(world.network).score == before + 8  # half of 15, rounded
    make_link(world)
    assert network_checklist(world.network).score == before + 15


def test_moving_a_budget_line_to_a_permanent_organisation_raises_the_score(world):
    project = network_services.organisation_create(
        actor=None,
        name="Project",
        sector=Sector.OTHER,
        is_project=True,
        ends_on=timezone.localdate() + datetime.timedelta(days=100),
    )
    lead = network_services.membership_add_new_person(
        actor=world.coordinator,
        network=world.network,
        display_name="Project lead",
        roles=[Role.PARTNER],
        organisation=project,
    )
    plan = plan_create(actor=world.coordinator, network=world.network, title="Plan")
    line = budget_line_add(
        actor=world.coordinator,
        plan=plan,
        item="Instructor",
        amount=Decimal("600"),
        owner_organisation=project,
        owner_person=lead.person,
        status=BudgetStatus.COMMITTED,
    )
    budget_line_add(actor=world.coordinator, plan=plan, item="Paint", amount=Decimal("200"))
    before = network_checklist(world.network)
    assert _item(before, ChecklistItem.OWN_BUDGET).points == 0
    budget_line_update(actor=world.coordinator, line=line, owner_organisation=world.organisation)
    after = network_checklist(world.network)
    assert _item(after, ChecklistItem.OWN_BUDGET).points == 15  # 600 of 800
    assert after.score == before.score + 15


def test_an_evaluation_done_counts_once_the_evaluation_app_reports_it(world):
    assert _item(network_checklist(world.network), ChecklistItem.EVALUATION).points == 0
    with mock.patch(
        "verso.evaluation.selectors.network_evaluation_facts", return_value=evaluation_done()
    ):
        item = _item(network_checklist(world.network), ChecklistItem.EVALUATION)
    assert item.points == 10 and "2 evaluations done" in item.status


def test_the_next_round_is_met_by_a_coming_meeting(world):
    from verso.meetings.tests.factories import make_meeting, make_past_meeting

    make_past_meeting(world)
    assert _item(network_checklist(world.network), ChecklistItem.NEXT_ROUND).points == 0
    make_meeting(world, days=20)
    assert _item(network_checklist(world.network), ChecklistItem.NEXT_ROUND).points == 10


def test_communication_counts_when_recent(world):
    make_communication(world, days_ago=200)
    item = _item(network_checklist(world.network), ChecklistItem.COMMUNICATION)
    assert item.points == 0 and "last communication" in item.status
    make_communication(world, days_ago=2)
    assert _item(network_checklist(world.network), ChecklistItem.COMMUNICATION).points == 10


def test_the_coordinator_confirms_the_documentation_and_it_is_audited(client, world):
    client.force_login(world.coordinator)
    url = reverse("embedding:confirm", args=[world.network.pk])
    response = client.post(url, {"confirmed": "yes", "note": "In the shared folder."})
    assert response.status_code == 302
    row = ChecklistConfirmation.objects.get(network=world.network)
    assert row.confirmed and row.confirmed_by == world.coordinator
    assert AuditEntry.objects.filter(action="embedding.confirm", network=world.network).exists()
    assert _item(network_checklist(world.network), ChecklistItem.DOCUMENTATION).points == 5
    client.force_login(world.group)
    assert client.post(url, {"confirmed": "no"}).status_code == 403


def test_a_computed_item_cannot_be_confirmed(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.checklist_confirm(
            actor=world.coordinator,
            network=world.network,
            item=ChecklistItem.OWN_BUDGET,
            confirmed=True,
        )


@pytest.mark.parametrize(
    "url", ["www.kunta.example/hyte", "ftp://kunta.example/plan", "javascript:alert(1)", ""]
)
def test_a_link_without_http_is_refused_naming_the_field(client, world, url):
    client.force_login(world.coordinator)
    response = client.post(
        reverse("embedding:link_add", args=[world.network.pk]),
        {"kind": "wellbeing_plan", "title": "Plan", "url": url},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Web address" in body
    assert "http://" in body or "required" in body
    assert not StructureLink.objects.exists()


def test_a_link_is_recorded_through_the_form_and_removed(client, world):
    client.force_login(world.group)
    response = client.post(
        reverse("embedding:link_add", args=[world.network.pk]),
        {"kind": "wellbeing_plan", "title": "Hyvinvointisuunnitelma", "url": "https://k.example/h"},
    )
    assert response.status_code == 302
    link = StructureLink.objects.get()
    page = client.get(reverse("embedding:checklist", args=[world.network.pk])).content.decode()
    assert "Hyvinvointisuunnitelma" in page
    client.post(reverse("embedding:link_delete", args=[world.network.pk, link.pk]))
    assert not StructureLink.objects.exists()
    assert AuditEntry.objects.filter(action="embedding.link_delete").exists()


def test_a_link_of_another_network_is_not_found(client, world):
    other_link = services.structure_link_add(
        actor=world.outsider,
        network=world.other_network,
        kind="other",
        title="X",
        url="https://x.example",
    )
    client.force_login(world.coordinator)
    response = client.post(reverse("embedding:link_delete", args=[world.network.pk, other_link.pk]))
    assert response.status_code == 404
    assert StructureLink.objects.filter(pk=other_link.pk).exists()


def test_each_change_records_the_days_score_and_the_page_draws_the_history(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_link(world)
    snap = ScoreSnapshot.objects.get(network=world.network)
    assert snap.score == network_checklist(world.network).score
    ScoreSnapshot.objects.create(
        network=world.network, on=timezone.localdate() - datetime.timedelta(days=30), score=20
    )
    client.force_login(world.professional)
    body = client.get(reverse("embedding:checklist", args=[world.network.pk])).content.decode()
    assert "<polyline" in body and "<svg" in body
    assert f">{snap.score}</td>" in body and ">20</td>" in body


def test_the_daily_command_records_every_active_networks_score(world):
    from django.core.management import call_command

    call_command("embedding_snapshot", verbosity=0)
    assert ScoreSnapshot.objects.filter(network=world.network).count() == 1
    assert ScoreSnapshot.objects.filter(network=world.other_network).count() == 1
    call_command("embedding_snapshot", verbosity=0)  # once a day
    assert ScoreSnapshot.objects.count() == 2


def test_the_dashboard_shows_the_score_and_the_gaps_to_members_only(client, world):
    client.force_login(world.professional)
    body = client.get(reverse("networks:detail", args=[world.network.pk])).content.decode()
    assert "Embedding score 30 / 100" in body
    assert "Money in an organisation&#x27;s own budget (+20)" in body
    client.force_login(world.client)
    body = client.get(reverse("networks:detail", args=[world.network.pk])).content.decode()
    assert "Embedding score" not in body


def _grow(world, n: int) -> None:
    from verso.events import services as event_services
    from verso.meetings.tests.factories import make_item, make_meeting

    plan = plan_create(actor=world.coordinator, network=world.network, title=f"Plan {n}")
    for i in range(n):
        make_meeting(world, days=5 + i)
        make_item(world)
        make_communication(world, what=f"News {n}-{i}")
        budget_line_add(
            actor=world.coordinator,
            plan=plan,
            item=f"Line {i}",
            amount=Decimal("10"),
            owner_organisation=world.organisation,
        )
        start = timezone.now() + datetime.timedelta(days=3 + i)
        event_services.activity_create(
            actor=world.coordinator,
            network=world.network,
            organisers=[world.organisation, world.unit],
            type="pop_up",
            status="published",
            title=f"Pop-up {n}-{i}",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )


def _count(fn) -> int:
    cache.clear()  # counted cold: the evaluation facts are cached
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_the_checklist_reads_a_fixed_number_of_queries_whatever_the_data(world):
    _grow(world, 2)
    small = _count(lambda: network_checklist(world.network))
    _grow(world, 15)
    large = _count(lambda: network_checklist(world.network))
    assert small == large == 11  # 8 of its own, 3 of the evaluation facts


@pytest.mark.parametrize(
    ("name", "budget"),
    [
        ("embedding:checklist", 19),  # + the evaluation facts (3)
        ("embedding:communication", 8),
        ("embedding:rotation", 13),
        ("embedding:map", 11),
        ("embedding:handbook", 27),  # + the methods used (1) and the evaluation facts (3)
        ("embedding:handover", 21),
    ],
)
def test_pages_have_a_pinned_query_budget(
    client, world, django_assert_max_num_queries, name, budget
):
    client.force_login(world.coordinator)
    url = reverse(name, args=[world.network.pk])
    _grow(world, 2)
    make_link(world)
    cache.clear()  # counted cold: the evaluation facts are cached
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    small = len(ctx.captured_queries)
    _grow(world, 30)
    cache.clear()
    with django_assert_max_num_queries(budget), CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    assert len(ctx.captured_queries) == small
