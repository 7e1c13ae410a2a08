"""What the events app does for privacy: export, erasure that cancels coming sign-ups,
retention of sign-up contacts, and the photo consent."""

import datetime

import pytest
from django.utils import timezone

from verso.events.models import Signup, SignupStatus
from verso.events.tests.factories import signup, signup_activity
from verso.networks.models import Person
from verso.privacy.retention import retention_run
from verso.privacy.services import person_erase, person_erasure_blockers, person_export

pytestmark = pytest.mark.django_db


def test_a_coming_sign_up_is_cancelled_by_erasure_and_the_place_goes_to_the_waiting_list(world):
    act = signup_activity(world, capacity=1, waitlist=1)
    person = Person.objects.get(user=world.client)
    mine = signup(act, 1, email=world.client.email, name="Cecilia")
    waiting = signup(act, 2)
    assert person_erasure_blockers(person) == []  # a coming sign-up does not block erasure
    exported = person_export(actor=world.client, person=person)
    assert [s["name"] for s in exported["event_signups"]] == ["Cecilia"]

    person_erase(actor=world.client, person=person)

    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == SignupStatus.CANCELLED
    assert (mine.name, mine.email, mine.contact_key) == (f"#{mine.pk}", "", "")
    assert waiting.status == SignupStatus.CONFIRMED


def test_sign_up_contacts_are_removed_the_set_number_of_days_after_the_activity(world, settings):
    settings.RETENTION_SIGNUP_CONTACT_DAYS = 30
    act = signup_activity(world)
    s = signup(act, 1, phone="040 1", access_needs="A chair.")
    after_activity = act.ends_at + datetime.timedelta(days=29)
    assert retention_run(now=after_activity)["signup_contacts"] == 0
    later = act.ends_at + datetime.timedelta(days=31)
    assert retention_run(now=later, dry_run=True)["signup_contacts"] == 1
    assert retention_run(now=later)["signup_contacts"] == 1
    s.refresh_from_db()
    assert (s.email, s.phone, s.access_needs, s.contact_key) == ("", "", "", "")
    assert s.contact_removed_at and s.status == SignupStatus.CONFIRMED and s.group_size == 1
    assert retention_run(now=later)["signup_contacts"] == 0
    assert Signup.objects.count() == 1  # the count stays for the evaluation
    assert timezone.is_aware(s.contact_removed_at)
