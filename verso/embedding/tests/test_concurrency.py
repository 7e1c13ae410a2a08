"""Concurrency with real threads on a real database (file SQLite or PostgreSQL)."""

import pytest

from conftest import build_world
from verso.embedding import services
from verso.embedding.models import ChecklistConfirmation, HandbookText, ScoreSnapshot
from verso.networks.tests.test_concurrency import run_in_threads

pytestmark = pytest.mark.django_db(transaction=True)


def test_six_threads_recording_todays_score_leave_one_snapshot():
    world = build_world()
    results = run_in_threads(6, lambda i: services.score_snapshot_record(world.network))
    assert [r for r in results if isinstance(r, Exception)] == []
    assert ScoreSnapshot.objects.filter(network=world.network).count() == 1


def test_six_coordinators_tabs_confirming_at_once_leave_one_confirmation():
    world = build_world()
    results = run_in_threads(
        6,
        lambda i: services.checklist_confirm(
            actor=world.coordinator,
            network=world.network,
            item="documentation",
            confirmed=i % 2 == 0,
            note=f"tab {i}",
        ),
    )
    assert [r for r in results if isinstance(r, Exception)] == []
    assert ChecklistConfirmation.objects.filter(network=world.network).count() == 1


def test_six_threads_writing_a_handbook_section_leave_one_text():
    world = build_world()
    results = run_in_threads(
        6,
        lambda i: services.handbook_text_set(
            actor=world.coordinator, network=world.network, section="needs", text=f"Text {i}"
        ),
    )
    assert [r for r in results if isinstance(r, Exception)] == []
    assert HandbookText.objects.filter(network=world.network).count() == 1
