"""The ideas API: idea calls, ideas (also the anonymous, rate-limited submission to a call's
short link), supports, comments, triage and moderation. The same access rules as the pages."""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictBool, StrictInt

from verso.core.api import ErrorOut, Page, PageIn, paginated
from verso.core.ratelimit import is_over_limit
from verso.ideas import selectors, services
from verso.ideas.access import (
    access_idea_call_for,
    access_idea_comment_for,
    access_idea_for,
    public_idea_call,
)
from verso.ideas.models import (
    COMMENT_MAX,
    IDEA_TEXT_MAX,
    NAME_MAX,
    QUESTION_MAX,
    REASON_MAX,
    TITLE_MAX,
    Idea,
    IdeaStatus,
)
from verso.networks.access import Need, NetworkAccess, access_network_for

router = Router(tags=["ideas"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class IdeaCallIn(Schema):
    title: str = Field(..., min_length=1, max_length=TITLE_MAX)
    question: str = Field(..., min_length=1, max_length=QUESTION_MAX)
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = None
    target_groups: list[str] = Field(default_factory=list, max_length=50)


class IdeaCallPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=TITLE_MAX)
    question: str | None = Field(None, min_length=1, max_length=QUESTION_MAX)
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = None
    target_groups: list[str] | None = Field(None, max_length=50)


class IdeaCallOut(Schema):
    id: int
    network_id: int
    title: str
    question: str
    opens_on: datetime.date
    closes_on: datetime.date | None
    target_groups: list[str]
    code: str
    short_link: str
    is_open: bool


class PublicCallOut(Schema):
    code: str
    network_name: str
    title: str
    question: str
    opens_on: datetime.date
    closes_on: datetime.date | None
    is_open: bool


class PublicIdeaIn(Schema):
    text: str = Field(..., min_length=1, max_length=IDEA_TEXT_MAX)
    proposer_name: str = Field("", max_length=NAME_MAX)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    contact_consent: StrictBool = False


class IdeaIn(PublicIdeaIn):
    call_id: StrictInt | None = None
    assisted: StrictBool = Field(False, description="Entered on a client's behalf.")


class SubmittedOut(Schema):
    id: int
    status: str
    follow_token: str = Field(..., description="Shown once: the proposer's private follow link.")
    follow_url: str


class IdeaOut(Schema):
    id: int
    network_id: int
    call_id: int | None
    text: str
    has_photo: bool
    photo_alt: str
    status: str
    status_reason: str
    merged_into_id: int | None
    created_at: datetime.datetime
    support_count: int
    comment_count: int
    supported_by_me: bool
    hidden: bool
    hidden_reason: str | None
    proposer_name: str | None = Field(None, description="Only for the coordination group.")
    assisted: bool | None = Field(None, description="Only for the coordination group.")


class IdeaFilter(Schema):
    status: IdeaStatus | None = None
    call_id: int | None = Field(None, ge=1, le=2**31)


class TriageIn(Schema):
    status: IdeaStatus
    reason: str = Field("", max_length=REASON_MAX)
    merged_into_id: StrictInt | None = None


class ModerationIn(Schema):
    hidden: StrictBool
    reason: str = Field("", max_length=REASON_MAX)


class SupportIn(Schema):
    supported: StrictBool = Field(
        ..., description="true: support the idea; false: withdraw the support."
    )


class CommentIn(Schema):
    text: str = Field(..., min_length=1, max_length=COMMENT_MAX)


class CommentOut(Schema):
    id: int
    idea_id: int
    author_name: str | None
    text: str
    created_at: datetime.datetime
    hidden: bool
    hidden_reason: str | None


def _call_out(request, call) -> dict:
    from verso.ideas.views.public import call_short_link

    return {
        **{
            f: getattr(call, f)
            for f in (
                "id",
                "network_id",
                "title",
                "question",
                "opens_on",
                "closes_on",
                "target_groups",
                "code",
            )
        },
        "short_link": call_short_link(request, call),
        "is_open": call.is_open(),
    }


def _idea_out(access: NetworkAccess, idea: Idea) -> dict:
    coordination = access.can_see_clients
    support_count = getattr(idea, "support_count", None)
    person = access.membership.person if access.membership else None
    return {
        "id": idea.pk,
        "network_id": idea.network_id,
        "call_id": idea.call_id,
        "text": idea.text,
        "has_photo": bool(idea.photo),
        "photo_alt": idea.photo_alt,
        "status": idea.status,
        "status_reason": idea.status_reason,
        "merged_into_id": idea.merged_into_id,
        "created_at": idea.created_at,
        "support_count": (
            support_count if support_count is not None else selectors.idea_support_count(idea)
        ),
        "comment_count": getattr(idea, "comment_count", None)
        if getattr(idea, "comment_count", None) is not None
        else idea.comments.filter(hidden_at__isnull=True).count(),
        "supported_by_me": bool(getattr(idea, "supported", False))
        if hasattr(idea, "supported")
        else selectors.idea_supported_by(idea, person),
        "hidden": idea.is_hidden,
        "hidden_reason": idea.hidden_reason if coordination else None,
        "proposer_name": (idea.proposer_name or "") if coordination else None,
        "assisted": idea.assisted if coordination else None,
    }


def _reload(access: NetworkAccess, idea: Idea) -> Idea:
    person = access.membership.person if access.membership else None
    return (
        selectors.idea_list_visible_to(access, include_hidden=True, person=person)
        .filter(pk=idea.pk)
        .first()
        or idea
    )


def _person_or_refuse(access: NetworkAccess):
    if access.membership is None:
        raise ValidationError(_("Only members of the network can do this."))
    return access.membership.person


# Idea calls --------------------------------------------------------------------------------


@router.get(
    "/networks/{network_id}/idea-calls",
    response={200: Page[IdeaCallOut], **ERRORS},
    summary="The network's idea calls",
)
def idea_call_list(request, network_id: int, params: Query[PageIn]):
    access = access_network_for(request.user, network_id, Need.CLIENT)
    return paginated(
        selectors.idea_calls_for_network(access.network), params, lambda c: _call_out(request, c)
    )


@router.post(
    "/networks/{network_id}/idea-calls",
    response={201: IdeaCallOut, **ERRORS},
    summary="Open an idea call",
)
def idea_call_create(request, network_id: int, payload: IdeaCallIn):
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    call = services.idea_call_create(actor=request.user, network=access.network, **payload.dict())
    return Status(201, _call_out(request, call))


@router.get(
    "/networks/{network_id}/idea-calls/{idea_call_id}",
    response={200: IdeaCallOut, **ERRORS},
    summary="One idea call",
)
def idea_call_detail(request, network_id: int, idea_call_id: int):
    _access, call = access_idea_call_for(request.user, network_id, idea_call_id, Need.CLIENT)
    return _call_out(request, call)


@router.patch(
    "/networks/{network_id}/idea-calls/{idea_call_id}",
    response={200: IdeaCallOut, **ERRORS},
    summary="Change an idea call",
)
def idea_call_update(request, network_id: int, idea_call_id: int, payload: IdeaCallPatch):
    _access, call = access_idea_call_for(request.user, network_id, idea_call_id, Need.COORDINATION)
    fields = payload.dict(exclude_unset=True)
    for required in ("title", "question", "opens_on", "target_groups"):
        if required in fields and fields[required] is None:
            raise ValidationError({required: _("This field cannot be empty.")})
    call = services.idea_call_update(actor=request.user, call=call, **fields)
    return _call_out(request, call)


# Public ------------------------------------------------------------------------------------


@router.get(
    "/public/idea-calls/{call_code}",
    response={200: PublicCallOut, 404: ErrorOut},
    auth=None,
    summary="An idea call by its short link code (no account needed)",
)
def public_call(request, call_code: str):
    call = public_idea_call(call_code)
    return {
        "code": call.code,
        "network_name": call.network.name,
        "title": call.title,
        "question": call.question,
        "opens_on": call.opens_on,
        "closes_on": call.closes_on,
        "is_open": call.is_open(),
    }


@router.post(
    "/public/idea-calls/{call_code}/ideas",
    response={201: SubmittedOut, 429: ErrorOut, **ERRORS},
    auth=None,
    summary="Send an idea to a call without an account (rate-limited per address)",
)
def public_idea_submit(request, call_code: str, payload: PublicIdeaIn):
    from django.urls import reverse

    from verso.core.ratelimit import too_many_requests

    limited, retry_after = is_over_limit(request, "idea_submit")
    if limited:
        return too_many_requests(request, retry_after)
    call = public_idea_call(call_code)
    idea, token = services.idea_submit(actor=None, call=call, **payload.dict())
    url = request.build_absolute_uri(reverse("ideas:follow", args=[token]))
    return Status(
        201, {"id": idea.pk, "status": idea.status, "follow_token": token, "follow_url": url}
    )


# Ideas -------------------------------------------------------------------------------------


@router.get(
    "/networks/{network_id}/ideas",
    response={200: Page[IdeaOut], **ERRORS},
    summary="The network's idea bank",
)
def idea_list(request, network_id: int, params: Query[PageIn], filters: Query[IdeaFilter]):
    access = access_network_for(request.user, network_id, Need.CLIENT)
    person = access.membership.person if access.membership else None
    qs = selectors.idea_list_visible_to(
        access,
        status=filters.status or "",
        call_id=filters.call_id,
        include_hidden=True,
        person=person,
    )
    return paginated(qs, params, lambda i: _idea_out(access, i))


@router.post(
    "/networks/{network_id}/ideas",
    response={201: SubmittedOut, **ERRORS},
    summary="Add an idea (a member's own, or on a client's behalf)",
)
def idea_create(request, network_id: int, payload: IdeaIn):
    access = access_network_for(request.user, network_id, Need.CLIENT)
    data = payload.dict()
    call_id = data.pop("call_id")
    call = None
    if call_id is not None:
        try:
            _a, call = access_idea_call_for(request.user, network_id, call_id, Need.CLIENT)
        except Http404:  # an unknown call in the body is bad input, not a missing page
            raise ValidationError({"call_id": _("Unknown idea call.")}) from None
    if data["assisted"] and access.level < Need.MEMBER:
        raise ValidationError({"assisted": _("Only members can enter ideas for others.")})
    person = access.membership.person if access.membership else None
    idea, token = services.idea_submit(
        actor=request.user,
        network=access.network,
        call=call,
        proposer=None if data["assisted"] else person,
        **data,
    )
    from django.urls import reverse

    url = request.build_absolute_uri(reverse("ideas:follow", args=[token]))
    return Status(
        201, {"id": idea.pk, "status": idea.status, "follow_token": token, "follow_url": url}
    )


@router.get(
    "/networks/{network_id}/ideas/{idea_id}",
    response={200: IdeaOut, **ERRORS},
    summary="One idea",
)
def idea_detail(request, network_id: int, idea_id: int):
    access, idea = access_idea_for(request.user, network_id, idea_id, Need.CLIENT)
    return _idea_out(access, _reload(access, idea))


@router.post(
    "/networks/{network_id}/ideas/{idea_id}/support",
    response={200: IdeaOut, **ERRORS},
    summary="Support an idea (once per person), or withdraw one's support",
)
def idea_support(request, network_id: int, idea_id: int, payload: SupportIn):
    access, idea = access_idea_for(request.user, network_id, idea_id, Need.CLIENT)
    person = _person_or_refuse(access)
    if payload.supported:
        services.idea_support(actor=request.user, idea=idea, person=person)
    else:
        services.idea_unsupport(actor=request.user, idea=idea, person=person)
    return _idea_out(access, _reload(access, idea))


@router.post(
    "/networks/{network_id}/ideas/{idea_id}/triage",
    response={200: IdeaOut, **ERRORS},
    summary="Move an idea on, with a reason the proposer sees",
)
def idea_triage(request, network_id: int, idea_id: int, payload: TriageIn):
    access, idea = access_idea_for(request.user, network_id, idea_id, Need.COORDINATION)
    merged_into = None
    if payload.merged_into_id is not None:
        merged_into = (
            selectors.ideas_for_network(access.network).filter(pk=payload.merged_into_id).first()
        )
        if merged_into is None:
            raise ValidationError({"merged_into_id": _("Choose an idea of this network.")})
    idea = services.idea_triage(
        actor=request.user,
        idea=idea,
        status=payload.status,
        reason=payload.reason,
        merged_into=merged_into,
    )
    return _idea_out(access, _reload(access, idea))


@router.post(
    "/networks/{network_id}/ideas/{idea_id}/moderation",
    response={200: IdeaOut, **ERRORS},
    summary="Hide an idea with a reason, or show it again",
)
def idea_moderation(request, network_id: int, idea_id: int, payload: ModerationIn):
    access, idea = access_idea_for(request.user, network_id, idea_id, Need.COORDINATION)
    if payload.hidden:
        idea = services.idea_hide(actor=request.user, idea=idea, reason=payload.reason)
    else:
        idea = services.idea_unhide(actor=request.user, idea=idea)
    return _idea_out(access, _reload(access, idea))


# Comments ----------------------------------------------------------------------------------


def _comment_out(access: NetworkAccess, comment, clients: set[int]) -> dict:
    coordination = access.can_see_clients
    return {
        "id": comment.pk,
        "idea_id": comment.idea_id,
        "author_name": selectors.person_name_visible(access, comment.author, clients) or None,
        "text": comment.text,
        "created_at": comment.created_at,
        "hidden": comment.is_hidden,
        "hidden_reason": comment.hidden_reason if coordination else None,
    }


@router.get(
    "/networks/{network_id}/ideas/{idea_id}/comments",
    response={200: Page[CommentOut], **ERRORS},
    summary="Comments on an idea",
)
def idea_comment_list(request, network_id: int, idea_id: int, params: Query[PageIn]):
    access, idea = access_idea_for(request.user, network_id, idea_id, Need.CLIENT)
    clients = selectors.client_only_person_ids(access.network)
    return paginated(
        selectors.idea_comments_visible_to(access, idea),
        params,
        lambda c: _comment_out(access, c, clients),
    )


@router.post(
    "/networks/{network_id}/ideas/{idea_id}/comments",
    response={201: CommentOut, **ERRORS},
    summary="Comment on an idea",
)
def idea_comment_add(request, network_id: int, idea_id: int, payload: CommentIn):
    access, idea = access_idea_for(request.user, network_id, idea_id, Need.CLIENT)
    comment = services.idea_comment_add(
        actor=request.user, idea=idea, author=_person_or_refuse(access), text=payload.text
    )
    clients = selectors.client_only_person_ids(access.network)
    return Status(201, _comment_out(access, comment, clients))


@router.post(
    "/networks/{network_id}/ideas/{idea_id}/comments/{idea_comment_id}/moderation",
    response={200: CommentOut, **ERRORS},
    summary="Hide a comment with a reason",
)
def idea_comment_moderation(
    request, network_id: int, idea_id: int, idea_comment_id: int, payload: ModerationIn
):
    access, _idea, comment = access_idea_comment_for(
        request.user, network_id, idea_id, idea_comment_id, Need.COORDINATION
    )
    if not payload.hidden:
        raise ValidationError({"hidden": _("A hidden comment stays hidden.")})
    comment = services.idea_comment_hide(actor=request.user, comment=comment, reason=payload.reason)
    clients = selectors.client_only_person_ids(access.network)
    return Status(200, _comment_out(access, comment, clients))
