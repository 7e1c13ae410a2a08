"""The events part of the bulk data set: sizes, and sign-ups in the shape the service keeps."""

import pytest
from django.db.models import Sum

from verso.evaluation.bulk import TITLE as EVALUATED
from verso.events.models import Activity, Signup, SignupKind, SignupStatus
from verso.networks.bulk import BulkContext, seed_bulk


def events_activities():
    """The events part's own activities (evaluation's part adds its evaluated ones)."""
    return Activity.objects.exclude(title=EVALUATED)


@pytest.mark.django_db
def test_bulk_activities_and_signups_keep_within_the_places():
    ctx = BulkContext(scale=0.004)
    seed_bulk(ctx)
    assert events_activities().count() == 80
    signups = Signup.objects.count()
    assert 0 < signups <= 4000
    for activity in Activity.objects.filter(signup_enabled=True):
        taking_part = Signup.objects.filter(activity=activity, kind=SignupKind.TAKE_PART)
        confirmed = taking_part.filter(status=SignupStatus.CONFIRMED).aggregate(
            n=Sum("group_size")
        )["n"]
        waiting = taking_part.filter(status=SignupStatus.WAITLISTED).aggregate(n=Sum("group_size"))[
            "n"
        ]
        assert (confirmed or 0) <= activity.capacity
        assert (waiting or 0) <= activity.waitlist_capacity
    assert not Signup.objects.filter(activity__signup_enabled=False).exists()
    # Again: nothing added.
    seed_bulk(BulkContext(scale=0.004))
    assert Signup.objects.count() == signups
    assert events_activities().count() == 80
