"""The only way views and the API fetch activities, places, sign-ups and works.

Organisers' objects come through the network (``access_network_for``): an id of another
network answers 404. Public objects (published activities, their places and accepted
works) come through the ``public_*`` helpers, for anyone, signed in or not.
"""

from django.http import Http404

from verso.events.models import (
    PUBLIC_STATUSES,
    Activity,
    Place,
    Signup,
    Work,
    WorkStatus,
)
from verso.networks.access import Need, NetworkAccess, access_network_for, refused

ACTIVITY = "events.activity"
PLACE = "events.place"
SIGNUP = "events.signup"
WORK = "events.work"


def _pk(value) -> int:
    pk = int(value)
    if not 0 < pk < 2**63:
        raise ValueError
    return pk


def access_activity_for(
    user, network_id, activity_id, need: Need
) -> tuple[NetworkAccess, Activity]:
    access = access_network_for(user, network_id, need)
    try:
        activity = Activity.objects.select_related("place", "parent", "plan").get(
            pk=_pk(activity_id), network=access.network
        )
    except (Activity.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, ACTIVITY, activity_id) from None
    return access, activity


def access_place_for(user, network_id, place_id, need: Need) -> tuple[NetworkAccess, Place]:
    access = access_network_for(user, network_id, need)
    try:
        place = Place.objects.get(pk=_pk(place_id), network=access.network)
    except (Place.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, PLACE, place_id) from None
    return access, place


def access_signup_for(
    user, network_id, activity_id, signup_id, need: Need = Need.COORDINATION
) -> tuple[NetworkAccess, Activity, Signup]:
    access, activity = access_activity_for(user, network_id, activity_id, need)
    try:
        signup = Signup.objects.get(pk=_pk(signup_id), activity=activity)
    except (Signup.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, SIGNUP, signup_id) from None
    return access, activity, signup


def access_work_for(
    user, network_id, activity_id, work_id, need: Need
) -> tuple[NetworkAccess, Activity, Work]:
    access, activity = access_activity_for(user, network_id, activity_id, need)
    try:
        work = Work.objects.select_related("community", "creator").get(
            pk=_pk(work_id), activity=activity
        )
    except (Work.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, WORK, work_id) from None
    return access, activity, work


# Public --------------------------------------------------------------------------------------


def public_activity(activity_id) -> Activity:
    try:
        return Activity.objects.select_related("place", "network", "parent").get(
            pk=_pk(activity_id), status__in=PUBLIC_STATUSES
        )
    except (Activity.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None


def public_place(place_id) -> Place:
    try:
        return (
            Place.objects.filter(activities__status__in=PUBLIC_STATUSES)
            .distinct()
            .get(pk=_pk(place_id))
        )
    except (Place.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None


def public_work(work_id) -> Work:
    try:
        return Work.objects.select_related("activity").get(
            pk=_pk(work_id), status=WorkStatus.ACCEPTED, activity__status__in=PUBLIC_STATUSES
        )
    except (Work.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None


def signup_by_token(token: str) -> Signup:
    """The sign-up whose secret link this is: its holder may see and cancel it."""
    if not isinstance(token, str) or not 10 <= len(token) <= 64:
        raise Http404
    signup = (
        Signup.objects.select_related("activity", "activity__place").filter(token=token).first()
    )
    if signup is None or signup.contact_removed_at is not None:
        raise Http404
    return signup
