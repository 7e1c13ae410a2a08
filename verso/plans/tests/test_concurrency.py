"""Concurrent writes to one plan, with real threads on a real database: every change is
kept as its own version, numbered without gaps or duplicates; a gap is accepted once."""

import pytest
from django.core.exceptions import ValidationError

from conftest import build_world
from verso.networks.tests.test_concurrency import run_in_threads
from verso.plans import services
from verso.plans.models import BudgetLine, GapAcceptance, PlanVersion

pytestmark = pytest.mark.django_db(transaction=True)


def test_eight_budget_lines_added_at_once_are_eight_versions():
    world = build_world()
    plan = services.plan_create(actor=world.coordinator, network=world.network, title="P")
    results = run_in_threads(
        8,
        lambda i: services.budget_line_add(
            actor=world.coordinator, plan=plan, item=f"Line {i}", amount=f"{i}.50"
        ),
    )
    assert all(isinstance(r, BudgetLine) for r in results), results
    numbers = sorted(PlanVersion.objects.filter(plan=plan).values_list("number", flat=True))
    assert numbers == list(range(1, 10))
    plan.refresh_from_db()
    assert plan.version == 9
    assert BudgetLine.objects.filter(plan=plan).count() == 8


def test_the_same_gap_accepted_by_six_threads_is_kept_once():
    world = build_world()
    plan = services.plan_create(actor=world.coordinator, network=world.network, title="P")
    results = run_in_threads(
        6,
        lambda i: services.gap_accept(
            actor=world.coordinator, plan=plan, gap="evaluation", reason=f"Reason {i}"
        ),
    )
    assert len([r for r in results if isinstance(r, GapAcceptance)]) == 1, results
    assert len([r for r in results if isinstance(r, ValidationError)]) == 5, results
    assert GapAcceptance.objects.filter(plan=plan).count() == 1
