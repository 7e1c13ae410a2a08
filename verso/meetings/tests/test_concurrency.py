"""Concurrency with real threads on a real database (file SQLite or PostgreSQL)."""

import pytest
from django.core.exceptions import ValidationError

from conftest import build_world
from verso.meetings import scheduling, services
from verso.meetings.models import Invitation, Meeting, OutgoingMail, PollVote
from verso.meetings.tests.factories import make_meeting, make_poll
from verso.networks.tests.test_concurrency import run_in_threads

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_same_person_invited_by_six_threads_is_invited_and_mailed_once():
    world = build_world()
    meeting = make_meeting(world)
    person = world.group.person
    results = run_in_threads(
        6,
        lambda i: services.invite(actor=world.coordinator, meeting=meeting, people=[person]),
    )
    assert all(isinstance(r, list) for r in results), results
    assert sum(len(r) for r in results) == 1
    assert Invitation.objects.filter(meeting=meeting, person=person).count() == 1
    assert OutgoingMail.objects.filter(meeting=meeting).count() == 1


def test_votes_racing_the_close_are_stored_before_it_or_refused_after_it():
    world = build_world()
    poll = make_poll(world)
    slot = poll.slots.first()
    voters = [world.group.person, world.professional.person, world.client.person]

    def act(i):
        if i == 3:
            return scheduling.poll_close(actor=world.coordinator, poll=poll, slot_id=slot.pk)
        return scheduling.poll_vote(
            actor=world.coordinator, poll=poll, person=voters[i], answers={slot.pk: "yes"}
        )

    results = run_in_threads(4, act)
    unexpected = [
        r for r in results if isinstance(r, Exception) and not isinstance(r, ValidationError)
    ]
    assert unexpected == []
    refused = [r for r in results if isinstance(r, ValidationError)]
    stored = PollVote.objects.filter(slot__poll=poll).count()
    assert stored + len(refused) == 3
    assert all("poll" in r.message_dict for r in refused)
    assert Meeting.objects.filter(title=poll.title).count() == 1


def test_two_coordinators_closing_the_same_poll_make_one_meeting():
    world = build_world()
    poll = make_poll(world)
    slot = poll.slots.first()
    results = run_in_threads(
        2, lambda i: scheduling.poll_close(actor=world.coordinator, poll=poll, slot_id=slot.pk)
    )
    assert sum(isinstance(r, Meeting) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert Meeting.objects.filter(title=poll.title).count() == 1
