"""The plans API: plans, versions and their comments, budget lines, readiness, the phase."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictFloat, StrictInt, StrictStr

from verso.core.api import ErrorOut, Page, PageIn, paginated
from verso.networks.access import Need, access_network_for
from verso.networks.choices import Phase
from verso.plans import selectors, services
from verso.plans.access import access_line_for, access_plan_for, access_version_for
from verso.plans.choices import BudgetStatus, FundingSource
from verso.plans.models import SECTION_MAX, BudgetLine, Plan
from verso.plans.readiness import network_gaps
from verso.plans.services import network_organisations, network_people

router = Router(tags=["plans"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}

Section = Field("", max_length=SECTION_MAX)
OptSection = Field(None, max_length=SECTION_MAX)


class PlanIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    target_groups: list[str] = Field(default_factory=list, max_length=50)
    need: str = Section
    target_description: str = Section
    competence: str = Section
    budget_notes: str = Section
    operating_model: str = Section
    activity: str = Section
    evaluation: str = Section


class PlanPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    target_groups: list[str] | None = Field(None, max_length=50)
    need: str | None = OptSection
    target_description: str | None = OptSection
    competence: str | None = OptSection
    budget_notes: str | None = OptSection
    operating_model: str | None = OptSection
    activity: str | None = OptSection
    evaluation: str | None = OptSection


class PlanOut(Schema):
    id: int
    network_id: int
    title: str
    target_groups: list[str]
    need: str
    target_description: str
    competence: str
    budget_notes: str
    operating_model: str
    activity: str
    evaluation: str
    version: int
    is_ready: bool
    idea_ids: list[int]
    created_at: datetime.datetime
    updated_at: datetime.datetime


class BudgetLineIn(Schema):
    item: str = Field(..., min_length=1, max_length=200)
    amount: StrictStr | StrictFloat | StrictInt = Field(
        ..., description='Euros, at most two decimals: "150.00".'
    )
    owner_organisation_id: StrictInt | None = None
    owner_person_id: StrictInt | None = None
    status: BudgetStatus = BudgetStatus.PROPOSED
    funding_source: FundingSource = FundingSource.OWN_BUDGET


class BudgetLinePatch(Schema):
    item: str | None = Field(None, min_length=1, max_length=200)
    amount: StrictStr | StrictFloat | StrictInt | None = None
    owner_organisation_id: StrictInt | None = None
    owner_person_id: StrictInt | None = None
    status: BudgetStatus | None = None
    funding_source: FundingSource | None = None


class RemoveIn(Schema):
    confirm: Literal[True] = Field(..., description="Confirms the removal: true.")


class BudgetLineOut(Schema):
    id: int
    item: str
    amount: str
    owner_organisation_id: int | None
    owner_organisation_name: str | None
    owner_person_id: int | None
    owner_person_name: str | None
    status: str
    funding_source: str


class TotalOut(Schema):
    key: str = Field(..., description='Owner organisation id ("" for none) or status.')
    label: str
    amount: str


class BudgetOut(Schema):
    items: list[BudgetLineOut]
    total: str
    by_owner: list[TotalOut]
    by_status: list[TotalOut]


class GapOut(Schema):
    key: str
    message: str
    url: str
    accepted: bool
    reason: str | None


class ReadinessOut(Schema):
    is_ready: bool
    gaps: list[GapOut]


class GapAcceptIn(Schema):
    gap: str = Field(..., min_length=1, max_length=100)
    reason: str = Field(..., min_length=1, max_length=1000)


class CommentIn(Schema):
    text: str = Field(..., min_length=1, max_length=2000)


class CommentOut(Schema):
    id: int
    author_email: str | None
    text: str
    created_at: datetime.datetime


class VersionOut(Schema):
    id: int
    number: int
    change: str
    author_email: str | None
    created_at: datetime.datetime


class VersionDetailOut(VersionOut):
    snapshot: dict
    comments: list[CommentOut]


class IdeaTakeIn(Schema):
    idea_id: StrictInt


class PhaseGapOut(Schema):
    message: str
    url: str


class PhaseOut(Schema):
    phase: str
    next_phase: str | None
    missing_for_next: list[PhaseGapOut]


class PhaseIn(Schema):
    phase: Phase


def _plan_out(plan: Plan, shared=None) -> dict:
    rows = getattr(plan, "idea_rows", None)
    idea_ids = (
        [idea.pk for idea in rows]
        if rows is not None
        else list(plan.ideas.order_by("pk").values_list("pk", flat=True))
    )
    return {
        **{f: getattr(plan, f) for f in PlanOut.model_fields if f not in ("idea_ids", "is_ready")},
        "network_id": plan.network_id,
        "is_ready": selectors.plan_readiness(plan, shared).is_ready,
        "idea_ids": idea_ids,
    }


def _line_out(line: BudgetLine) -> dict:
    return {
        "id": line.pk,
        "item": line.item,
        "amount": f"{line.amount:.2f}",
        "owner_organisation_id": line.owner_organisation_id,
        "owner_organisation_name": line.owner_organisation.name
        if line.owner_organisation
        else None,
        "owner_person_id": line.owner_person_id,
        "owner_person_name": line.owner_person.display_name if line.owner_person else None,
        "status": line.status,
        "funding_source": line.funding_source,
    }


def _version_out(version) -> dict:
    return {
        "id": version.pk,
        "number": version.number,
        "change": version.change,
        "author_email": version.author.email if version.author else None,
        "created_at": version.created_at,
    }


def _owners(network, organisation_id, person_id) -> dict:
    out = {}
    if organisation_id is not None:
        org = network_organisations(network).filter(pk=organisation_id).first()
        if org is None:
            raise ValidationError(
                {
                    "owner_organisation_id": _(
                        "The owner organisation must take part in the network: choose one of "
                        "its members' organisations."
                    )
                }
            )
        out["owner_organisation"] = org
    if person_id is not None:
        person = network_people(network).filter(pk=person_id).first()
        if person is None:
            raise ValidationError(
                {"owner_person_id": _("The owner person must be a current member of the network.")}
            )
        out["owner_person"] = person
    return out


# Plans -------------------------------------------------------------------------------------


@router.get(
    "/networks/{network_id}/plans", response={200: Page[PlanOut], **ERRORS}, summary="Plans"
)
def plan_list(request, network_id: int, params: Query[PageIn]):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    shared = network_gaps(access.network)
    return paginated(selectors.plan_list(access.network), params, lambda p: _plan_out(p, shared))


@router.post(
    "/networks/{network_id}/plans", response={201: PlanOut, **ERRORS}, summary="Start a plan"
)
def plan_create(request, network_id: int, payload: PlanIn):
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    plan = services.plan_create(actor=request.user, network=access.network, **payload.dict())
    return Status(201, _plan_out(plan))


@router.get(
    "/networks/{network_id}/plans/{plan_id}",
    response={200: PlanOut, **ERRORS},
    summary="One plan",
)
def plan_detail(request, network_id: int, plan_id: int):
    _access, plan = access_plan_for(request.user, network_id, plan_id, Need.MEMBER)
    return _plan_out(plan)


@router.patch(
    "/networks/{network_id}/plans/{plan_id}",
    response={200: PlanOut, **ERRORS},
    summary="Change a plan (a new version)",
)
def plan_update(request, network_id: int, plan_id: int, payload: PlanPatch):
    _access, plan = access_plan_for(request.user, network_id, plan_id, Need.COORDINATION)
    fields = payload.dict(exclude_unset=True, exclude_none=True)
    return _plan_out(services.plan_update(actor=request.user, plan=plan, **fields))


@router.post(
    "/networks/{network_id}/plans/{plan_id}/ideas",
    response={200: PlanOut, **ERRORS},
    summary="Take an idea of the network into the plan",
)
def plan_idea_take(request, network_id: int, plan_id: int, payload: IdeaTakeIn):
    _access, plan = access_plan_for(request.user, network_id, plan_id, Need.COORDINATION)
    idea = selectors.idea_candidates(plan).filter(pk=payload.idea_id).first()
    if idea is None:
        raise ValidationError({"idea_id": _("Choose an idea of this network.")})
    return _plan_out(services.plan_idea_take(actor=request.user, plan=plan, idea=idea))


# Readiness ---------------------------------------------------------------------------------


def _readiness_out(plan) -> dict:
    readiness = selectors.plan_readiness(plan)
    return {
        "is_ready": readiness.is_ready,
        "gaps": [
            {
                "key": g.key,
                "message": g.message,
                "url": g.url,
                "accepted": g.accepted,
                "reason": g.acceptance.reason if g.acceptance else None,
            }
            for g in readiness.gaps
        ],
    }


@router.get(
    "/networks/{network_id}/plans/{plan_id}/readiness",
    response={200: ReadinessOut, **ERRORS},
    summary="The plan's readiness check",
)
def plan_readiness(request, network_id: int, plan_id: int):
    _access, plan = access_plan_for(request.user, network_id, plan_id, Need.MEMBER)
    return _readiness_out(plan)


@router.post(
    "/networks/{network_id}/plans/{plan_id}/readiness/accept",
    response={200: ReadinessOut, **ERRORS},
    summary="Accept a gap, with the reason (the coordinator)",
)
def gap_accept(request, network_id: int, plan_id: int, payload: GapAcceptIn):
    _access, plan = access_plan_for(request.user, network_id, plan_id, Need.MANAGE)
    services.gap_accept(actor=request.user, plan=plan, gap=payload.gap, reason=payload.reason)
    return _readiness_out(plan)


# Budget lines ------------------------------------------------------------------------------


@router.get(
    "/networks/{network_id}/plans/{plan_id}/budget-lines",
    response={200: BudgetOut, **ERRORS},
    summary="Budget lines with totals per owner and per status",
)
def budget_line_list(request, network_id: int, plan_id: int):
    _access, plan = access_plan_for(request.user, network_id, plan_id, Need.MEMBER)
    lines = selectors.plan_budget_lines(plan)
    totals = selectors.budget_totals(lines)
    return {
        "items": [_line_out(line) for line in lines],
        "total": f"{totals.total:.2f}",
        "by_owner": [
            {"key": str(k or ""), "label": str(n), "amount": f"{v:.2f}"}
            for k, n, v in totals.by_owner
        ],
        "by_status": [
            {"key": k, "label": str(n), "amount": f"{v:.2f}"} for k, n, v in totals.by_status
        ],
    }


@router.post(
    "/networks/{network_id}/plans/{plan_id}/budget-lines",
    response={201: BudgetLineOut, **ERRORS},
    summary="Add a budget line",
)
def budget_line_add(request, network_id: int, plan_id: int, payload: BudgetLineIn):
    access, plan = access_plan_for(request.user, network_id, plan_id, Need.COORDINATION)
    data = payload.dict()
    owners = _owners(access.network, data.pop("owner_organisation_id"), data.pop("owner_person_id"))
    line = services.budget_line_add(actor=request.user, plan=plan, **data, **owners)
    return Status(201, _line_out(line))


@router.patch(
    "/networks/{network_id}/plans/{plan_id}/budget-lines/{line_id}",
    response={200: BudgetLineOut, **ERRORS},
    summary="Change a budget line",
)
def budget_line_update(
    request, network_id: int, plan_id: int, line_id: int, payload: BudgetLinePatch
):
    access, _plan, line = access_line_for(
        request.user, network_id, plan_id, line_id, Need.COORDINATION
    )
    data = payload.dict(exclude_unset=True)
    fields = {k: v for k, v in data.items() if k in ("item", "amount", "status", "funding_source")}
    fields = {k: v for k, v in fields.items() if v is not None}
    if "owner_organisation_id" in data:
        fields["owner_organisation"] = None
    if "owner_person_id" in data:
        fields["owner_person"] = None
    fields.update(
        _owners(access.network, data.get("owner_organisation_id"), data.get("owner_person_id"))
    )
    line = services.budget_line_update(actor=request.user, line=line, **fields)
    return _line_out(line)


@router.delete(
    "/networks/{network_id}/plans/{plan_id}/budget-lines/{line_id}",
    response={204: None, **ERRORS},
    summary="Remove a budget line",
)
def budget_line_delete(request, network_id: int, plan_id: int, line_id: int, payload: RemoveIn):
    _access, _plan, line = access_line_for(
        request.user, network_id, plan_id, line_id, Need.COORDINATION
    )
    services.budget_line_delete(actor=request.user, line=line)
    return Status(204, None)


# Versions ----------------------------------------------------------------------------------


@router.get(
    "/networks/{network_id}/plans/{plan_id}/versions",
    response={200: Page[VersionOut], **ERRORS},
    summary="Every saved version of the plan",
)
def version_list(request, network_id: int, plan_id: int, params: Query[PageIn]):
    _access, plan = access_plan_for(request.user, network_id, plan_id, Need.MEMBER)
    return paginated(selectors.plan_versions(plan), params, _version_out)


def _version_detail_out(version) -> dict:
    return {
        **_version_out(version),
        "snapshot": version.snapshot,
        "comments": [
            {
                "id": c.pk,
                "author_email": c.author.email if c.author else None,
                "text": c.text,
                "created_at": c.created_at,
            }
            for c in selectors.version_comments(version)
        ],
    }


@router.get(
    "/networks/{network_id}/plans/{plan_id}/versions/{version_id}",
    response={200: VersionDetailOut, **ERRORS},
    summary="One version with its content and comments",
)
def version_detail(request, network_id: int, plan_id: int, version_id: int):
    _a, _p, version = access_version_for(request.user, network_id, plan_id, version_id, Need.MEMBER)
    return _version_detail_out(version)


@router.post(
    "/networks/{network_id}/plans/{plan_id}/versions/{version_id}/comments",
    response={201: CommentOut, **ERRORS},
    summary="Comment on a version (the coordination group)",
)
def version_comment(request, network_id: int, plan_id: int, version_id: int, payload: CommentIn):
    _a, _p, version = access_version_for(
        request.user, network_id, plan_id, version_id, Need.COORDINATION
    )
    comment = services.version_comment_add(actor=request.user, version=version, text=payload.text)
    return Status(
        201,
        {
            "id": comment.pk,
            "author_email": request.user.email,
            "text": comment.text,
            "created_at": comment.created_at,
        },
    )


# Phase -------------------------------------------------------------------------------------


def _phase_out(network) -> dict:
    status = selectors.network_phase_status(network)
    return {
        "phase": status.phase,
        "next_phase": status.next_phase,
        "missing_for_next": [{"message": g.message, "url": g.url} for g in status.missing],
    }


@router.get(
    "/networks/{network_id}/phase",
    response={200: PhaseOut, **ERRORS},
    summary="The network's phase and what the next one needs",
)
def phase_detail(request, network_id: int):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    return _phase_out(access.network)


@router.post(
    "/networks/{network_id}/phase",
    response={200: PhaseOut, **ERRORS},
    summary="Move the network to a phase (checks what the phase needs)",
)
def phase_move(request, network_id: int, payload: PhaseIn):
    access = access_network_for(request.user, network_id, Need.MANAGE)
    network = services.network_phase_set(
        actor=request.user, network=access.network, phase=payload.phase
    )
    return _phase_out(network)
