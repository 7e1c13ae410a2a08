"""Sign-up, waiting list, promotion, idempotency and the activities' rules, through the
services."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from verso.core.models import AuditEntry
from verso.events import services
from verso.events.models import Activity, ActivityStatus, Signup, SignupStatus
from verso.events.tests.factories import activity, at, place, signup, signup_activity

pytestmark = pytest.mark.django_db


def statuses(act):
    return list(Signup.objects.filter(activity=act).order_by("pk").values_list("status", flat=True))


def test_twelve_sign_ups_at_ten_places_give_ten_confirmed_and_two_waitlisted(
    world, django_capture_on_commit_callbacks
):
    act = signup_activity(world, capacity=10, waitlist=5)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(12):
            signup(act, n)
    assert statuses(act).count(SignupStatus.CONFIRMED) == 10
    assert statuses(act).count(SignupStatus.WAITLISTED) == 2
    assert len(mail.outbox) == 12  # each gets a confirmation or a waiting-list e-mail


def test_full_activity_and_waiting_list_refuse_with_a_message(world):
    act = signup_activity(world, capacity=1, waitlist=1)
    signup(act, 1)
    signup(act, 2)
    with pytest.raises(ValidationError) as err:
        signup(act, 3)
    assert "full" in str(err.value)
    assert Signup.objects.filter(activity=act).count() == 2


def test_waitlisted_person_is_promoted_and_notified_when_a_participant_cancels(
    world, django_capture_on_commit_callbacks
):
    act = signup_activity(world, capacity=2, waitlist=2)
    first = signup(act, 1)
    signup(act, 2)
    waiting = signup(act, 3)
    assert waiting.status == SignupStatus.WAITLISTED
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = services.signup_cancel(signup=first)

    waiting.refresh_from_db()
    assert [p.pk for p in promoted] == [waiting.pk]
    assert waiting.status == SignupStatus.CONFIRMED and waiting.promoted_at
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "place became free" in subjects["person3@test.example"]
    assert "cancelled" in subjects["person1@test.example"]
    assert AuditEntry.objects.filter(action="signup.promote", target_id=str(waiting.pk)).exists()


def test_cancelling_twice_promotes_once(world):
    act = signup_activity(world, capacity=1, waitlist=3)
    first = signup(act, 1)
    signup(act, 2)
    signup(act, 3)
    services.signup_cancel(signup=first)
    _again, promoted = services.signup_cancel(signup=first)
    assert promoted == []
    assert statuses(act).count(SignupStatus.CONFIRMED) == 1


def test_a_big_group_first_in_line_is_not_skipped_by_a_smaller_one(world):
    act = signup_activity(world, capacity=3, waitlist=10, group_limit=4)
    one = signup(act, 1, group_size=1)
    signup(act, 2, group_size=2)
    group = signup(act, 3, group_size=3)
    single = signup(act, 4, group_size=1)
    assert (group.status, single.status) == ("waitlisted", "waitlisted")
    services.signup_cancel(signup=one)  # 1 place free: the group of 3 is first and waits
    group.refresh_from_db()
    single.refresh_from_db()
    assert (group.status, single.status) == ("waitlisted", "waitlisted")


def test_a_retry_with_the_same_contact_answers_the_existing_sign_up(world):
    act = signup_activity(world)
    first, created = services.signup_create(activity=act, name="Aino", email="Aino@Test.Example")
    again, created_again = services.signup_create(
        activity=act, name="Aino", email=" aino@test.example "
    )
    assert created and not created_again and again.pk == first.pk
    by_phone, _ = services.signup_create(activity=act, name="Eino", phone="040 123 4567")
    again, created_again = services.signup_create(activity=act, name="Eino", phone="0401234567")
    assert again.pk == by_phone.pk and not created_again
    assert Signup.objects.filter(activity=act).count() == 2


def test_the_same_idempotency_key_answers_the_existing_sign_up(world):
    act = signup_activity(world)
    first, _ = services.signup_create(
        activity=act, name="A", email="a@test.example", idempotency_key="k-1"
    )
    again, created = services.signup_create(
        activity=act, name="A", email="other@test.example", idempotency_key="k-1"
    )
    assert again.pk == first.pk and not created


def test_after_cancelling_the_same_contact_may_sign_up_again(world):
    act = signup_activity(world)
    first = signup(act, 1)
    services.signup_cancel(signup=first)
    second = signup(act, 1)
    assert second.pk != first.pk and second.status == SignupStatus.CONFIRMED


def test_following_takes_no_place(world):
    act = signup_activity(world, capacity=1, waitlist=0)
    signup(act, 1)
    follower = signup(act, 2, kind="follow")
    assert follower.status == SignupStatus.CONFIRMED
    assert services.places_taken(act) == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": ActivityStatus.CANCELLED}, "not open"),
        ({"status": ActivityStatus.DRAFT}, "not open"),
        ({"signup_enabled": False}, "no sign-up"),
        ({"signup_opens_at": at(5)}, "not opened yet"),
        ({"signup_opens_at": at(-5), "signup_closes_at": at(-1)}, "closed"),
    ],
)
def test_sign_up_outside_the_window_or_to_a_closed_activity_is_refused(world, fields, message):
    act = signup_activity(world, **fields)
    with pytest.raises(ValidationError) as err:
        signup(act, 1)
    assert message in str(err.value)
    assert not Signup.objects.exists()


def test_a_group_over_the_group_limit_is_refused_on_the_field(world):
    act = signup_activity(world, group_limit=3)
    with pytest.raises(ValidationError) as err:
        signup(act, 1, group_size=4)
    assert "group_size" in err.value.message_dict
    assert signup(act, 2, group_size=3).group_size == 3


def test_a_sign_up_needs_a_name_and_a_contact(world):
    act = signup_activity(world)
    with pytest.raises(ValidationError) as err:
        services.signup_create(activity=act, name=" ", email="", phone="")
    assert set(err.value.message_dict) == {"name", "email"}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"ends_at": at(10, 9)}, "ends_at"),
        ({"capacity": -1}, "capacity"),
        ({"waitlist_capacity": -2}, "waitlist_capacity"),
        ({"signup_opens_at": at(3), "signup_closes_at": at(2)}, "signup_closes_at"),
        ({"age_min": 10, "age_max": 5}, "age_max"),
        ({"recurrence": "weekly"}, "recurrence_until"),
    ],
)
def test_bad_activities_are_refused_on_the_field(world, fields, field):
    with pytest.raises(ValidationError) as err:
        activity(world, **fields)
    assert field in err.value.message_dict
    assert not Activity.objects.exists()


def test_a_place_of_another_network_cannot_be_used(world):
    foreign = place(world, network=world.other_network)
    with pytest.raises(ValidationError) as err:
        activity(world, place=foreign)
    assert "place" in err.value.message_dict


def test_raising_the_capacity_promotes_from_the_waiting_list(world):
    act = signup_activity(world, capacity=1, waitlist=3)
    signup(act, 1)
    waiting = signup(act, 2)
    services.activity_update(actor=world.coordinator, activity=act, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == SignupStatus.CONFIRMED


def test_reminders_go_once_to_confirmed_participants_of_coming_activities(
    world, django_capture_on_commit_callbacks
):
    act = signup_activity(world, starts_at=at(1, 12), ends_at=at(1, 14))
    signup(act, 1)
    now = at(0, 15)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.signup_send_reminders(now=now) == 1
        assert services.signup_send_reminders(now=now) == 0
    assert [m.subject for m in mail.outbox] == ["Reminder: Summer oasis pop-up"]


def test_outcome_counts_are_recorded_for_the_evaluation(world):
    act = signup_activity(world)
    services.activity_record_outcome(
        actor=world.coordinator, activity=act, taking_part=12, following=30, unnamed_clients=4
    )
    act.refresh_from_db()
    assert (act.realised_taking_part, act.realised_following, act.realised_unnamed_clients) == (
        12,
        30,
        4,
    )
    with pytest.raises(ValidationError):
        services.activity_record_outcome(
            actor=world.coordinator, activity=act, taking_part=2, following=0, unnamed_clients=3
        )


def test_attendance_only_for_confirmed_sign_ups(world):
    act = signup_activity(world, capacity=1, waitlist=1)
    confirmed = signup(act, 1)
    waiting = signup(act, 2)
    services.signup_set_attendance(actor=world.coordinator, signup=confirmed, attended=True)
    with pytest.raises(ValidationError):
        services.signup_set_attendance(actor=world.coordinator, signup=waiting, attended=True)
    confirmed.refresh_from_db()
    assert confirmed.attended is True


def test_activity_times_are_timezone_aware(world):
    act = activity(world)
    assert timezone.is_aware(act.starts_at)
    assert act.ends_at - act.starts_at == datetime.timedelta(hours=3)


def test_a_sign_up_interrupted_midway_is_not_stored_and_sends_nothing(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    """A server killed mid-request: the sign-up and its audit entry are one transaction,
    and the confirmation is sent only after it commits."""
    act = signup_activity(world)

    def crash(**kwargs):
        raise RuntimeError("the server died here")

    monkeypatch.setattr("verso.events.services.signups.audit_record", crash)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        signup(act, 1)
    assert not Signup.objects.exists()
    assert mail.outbox == []
