"""The only way views and the API fetch idea calls, ideas and comments for a user.

Built on ``access_network_for``: a network the user is not in answers 404; an id of another
network under the user's own answers 404 too. A hidden idea is seen only by the
coordination group. The public pages find a call by its short link code and an idea by its
follow token; nothing else about the network is reachable from them.
"""

from django.http import Http404

from verso.ideas.models import Idea, IdeaCall, IdeaComment
from verso.ideas.services import follow_digest
from verso.networks.access import Need, NetworkAccess, access_network_for, refused

IDEA = "ideas.idea"
IDEA_CALL = "ideas.ideacall"
IDEA_COMMENT = "ideas.ideacomment"


def _int(value) -> int:
    return int(value)


def access_idea_call_for(user, network_id, call_id, need: Need) -> tuple[NetworkAccess, IdeaCall]:
    access = access_network_for(user, network_id, need)
    try:
        call = IdeaCall.objects.select_related("network").get(
            pk=_int(call_id), network=access.network
        )
    except (IdeaCall.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, IDEA_CALL, call_id) from None
    return access, call


def access_idea_for(user, network_id, idea_id, need: Need) -> tuple[NetworkAccess, Idea]:
    access = access_network_for(user, network_id, need)
    try:
        idea = Idea.objects.select_related(
            "network", "call", "merged_into", "proposer", "entered_by"
        ).get(pk=_int(idea_id), network=access.network)
    except (Idea.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, IDEA, idea_id) from None
    if idea.is_hidden and not access.can_see_clients:
        raise refused(user, Http404, IDEA, idea.pk)
    return access, idea


def access_idea_comment_for(
    user, network_id, idea_id, comment_id, need: Need
) -> tuple[NetworkAccess, Idea, IdeaComment]:
    access, idea = access_idea_for(user, network_id, idea_id, need)
    try:
        comment = IdeaComment.objects.select_related("author").get(pk=_int(comment_id), idea=idea)
    except (IdeaComment.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, IDEA_COMMENT, comment_id) from None
    return access, idea, comment


def public_idea_call(code: str) -> IdeaCall:
    """A call by its short link code: public, like a printed poster."""
    code = str(code or "")[:16].lower()
    call = IdeaCall.objects.select_related("network").filter(code=code).first()
    if call is None:
        raise Http404
    return call


def idea_by_follow_token(token: str) -> Idea:
    """The proposer's idea by the token of their private follow link."""
    token = str(token or "")
    if not 16 <= len(token) <= 64:
        raise Http404
    idea = (
        Idea.objects.select_related("network", "call", "merged_into", "proposer")
        .filter(follow_digest=follow_digest(token))
        .first()
    )
    if idea is None:
        raise Http404
    return idea
