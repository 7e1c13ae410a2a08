"""Who may act on a person's data on their behalf."""

from django.core.exceptions import PermissionDenied

from verso.networks.access import Need, access_membership_for, user_levels
from verso.networks.models import Membership


def access_subject_for(user, network_id, membership_id):
    """The coordinator may record consents for any member of their network."""
    return access_membership_for(user, network_id, membership_id, Need.MANAGE)


def can_act_for_whole_person(user, person) -> bool:
    """Export or erase on a person's behalf: the person has no account of their own (who has
    one uses their own My data page), and every network they were in is managed by the user."""
    if user.is_superuser:
        return True
    if person.user_id is not None:
        return False
    managed = {nid for nid, level in user_levels(user).items() if level >= Need.MANAGE}
    networks = set(Membership.objects.filter(person=person).values_list("network_id", flat=True))
    return bool(networks) and networks <= managed


def access_whole_subject_for(user, network_id, membership_id):
    access, membership = access_subject_for(user, network_id, membership_id)
    if not can_act_for_whole_person(user, membership.person):
        raise PermissionDenied
    return access, membership
