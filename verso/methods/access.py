"""Who may read and change the methods library, and the one way views fetch a method.

The library is shared by every network of the installation: anyone signed in reads it;
the coordinators and coordination-group members of any network (and the superuser) add
and change methods. Recording which methods an activity or a training used is the staff of
that network's work (``Need.COORDINATION`` through the networks' access helpers).
"""

from django.http import Http404

from verso.methods.models import Method
from verso.networks.access import Need, refused, user_levels

METHOD = "methods.method"


def can_edit_methods(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(level >= Need.COORDINATION for level in user_levels(user).values())


def _pk(value) -> int:
    pk = int(value)
    if not 0 < pk < 2**63:
        raise ValueError
    return pk


def access_method_for(user, method_id, *, change: bool = False) -> Method:
    """Anyone signed in reads a method; changing it needs ``can_edit_methods``. An unknown
    id answers 404; a signed-in reader without the right to change answers 403."""
    from django.core.exceptions import PermissionDenied

    if not user.is_authenticated:
        raise Http404
    try:
        method = Method.objects.get(pk=_pk(method_id))
    except (Method.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, METHOD, method_id) from None
    if change and not can_edit_methods(user):
        raise refused(user, PermissionDenied, METHOD, method.pk)
    return method


def require_editor(user) -> None:
    from django.core.exceptions import PermissionDenied

    if not user.is_authenticated:
        raise Http404
    if not can_edit_methods(user):
        raise refused(user, PermissionDenied, METHOD, "")
