"""The embedding app's JSON API: checklist, score and its history, rotation, the network
map (nodes and edges), the handbook (JSON and Markdown), structure links and the
communication log."""

import datetime

from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictInt

from verso.core.api import ErrorOut, Page, PageIn, paginated
from verso.embedding import selectors, services
from verso.embedding.models import NOTE_MAX, Channel, StructureKind
from verso.networks.access import Need, access_membership_for, access_network_for

router = Router(tags=["embedding"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
_N = "/networks/{network_id}/embedding"


class ItemOut(Schema):
    key: str
    label: str
    weight: int
    points: int
    fraction: float
    status: str
    action: str
    confirmed_by_coordinator: bool


class GapOut(Schema):
    key: str
    label: str
    would_add: int
    action: str


class ChecklistOut(Schema):
    score: int
    items: list[ItemOut]
    gaps: list[GapOut]


class SnapshotOut(Schema):
    on: datetime.date
    score: int


class ScoreOut(Schema):
    score: int
    history: list[SnapshotOut]


class ResponsibilityOut(Schema):
    kind: str
    label: str
    since: datetime.date
    until: datetime.date | None
    ongoing: bool
    months: int
    count: int


class ActorOut(Schema):
    kind: str
    id: int
    name: str
    responsibilities: list[ResponsibilityOut]
    warnings: list[str]


class RotationOut(Schema):
    max_responsibilities: int
    max_months: int
    actors: list[ActorOut]


class NodeOut(Schema):
    id: int
    name: str
    sector: str
    is_project: bool
    x: float
    y: float
    degree: int


class EdgeOut(Schema):
    source: int
    target: int
    weight: int
    kinds: dict[str, int]
    cross_sector: bool
    first: datetime.date | None


class QuarterOut(Schema):
    quarter: str
    new: int
    total: int


class MapOut(Schema):
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    cross_sector_ties: int
    cross_sector_by_quarter: list[QuarterOut]


class FactOut(Schema):
    label: str
    value: str


class LinkRefOut(Schema):
    title: str
    url: str


class GeneratedOut(Schema):
    facts: list[FactOut]
    text: list[str]
    links: list[LinkRefOut]


class SectionOut(Schema):
    key: str
    title: str
    development_path: bool
    generated: GeneratedOut
    written: str


class HandbookOut(Schema):
    network: str
    generated_on: datetime.date
    sections: list[SectionOut]


class MarkdownOut(Schema):
    markdown: str


class LinkIn(Schema):
    kind: StructureKind
    title: str = Field(..., min_length=1, max_length=200)
    url: str = Field(..., min_length=1, max_length=500, description="http:// or https:// only.")


class LinkOut(Schema):
    id: int
    kind: str
    title: str
    url: str
    created_at: datetime.datetime


class CommunicationIn(Schema):
    what: str = Field(..., min_length=1, max_length=300)
    channel: Channel
    communicated_on: datetime.date
    audience: str = Field(..., min_length=1, max_length=200)


class CommunicationOut(Schema):
    id: int
    what: str
    channel: str
    communicated_on: datetime.date
    audience: str


@router.get(
    _N + "/checklist", response={200: ChecklistOut, **ERRORS}, summary="Embedding checklist"
)
def checklist(request, network_id: int):
    from verso.embedding.checklist import network_checklist

    access = access_network_for(request.user, network_id, Need.MEMBER)
    result = network_checklist(access.network)
    return {
        "score": result.score,
        "items": [
            {
                "key": i.key,
                "label": i.label,
                "weight": i.weight,
                "points": i.points,
                "fraction": round(i.fraction, 3),
                "status": i.status,
                "action": i.action,
                "confirmed_by_coordinator": i.confirmed_by_coordinator,
            }
            for i in result.items
        ],
        "gaps": [
            {"key": g.key, "label": g.label, "would_add": g.missing, "action": g.action}
            for g in result.gaps
        ],
    }


@router.get(
    _N + "/score", response={200: ScoreOut, **ERRORS}, summary="Embedding score and history"
)
def score(request, network_id: int):
    from verso.embedding.checklist import network_checklist

    access = access_network_for(request.user, network_id, Need.MEMBER)
    return {
        "score": network_checklist(access.network).score,
        "history": [
            {"on": s.on, "score": s.score} for s in selectors.score_history(access.network)
        ],
    }


@router.get(_N + "/rotation", response={200: RotationOut, **ERRORS}, summary="Responsibilities")
def rotation(request, network_id: int):
    from verso.embedding.rotation import network_rotation

    access = access_network_for(request.user, network_id, Need.MEMBER)
    result = network_rotation(access.network)
    return {
        "max_responsibilities": result.max_responsibilities,
        "max_months": result.max_months,
        "actors": [
            {
                "kind": a.kind,
                "id": a.pk,
                "name": a.name,
                "warnings": a.warnings,
                "responsibilities": [
                    {
                        "kind": r.kind,
                        "label": r.label,
                        "since": r.since,
                        "until": r.until,
                        "ongoing": r.ongoing,
                        "months": r.months,
                        "count": r.count,
                    }
                    for r in a.responsibilities
                ],
            }
            for a in result.actors
        ],
    }


@router.get(_N + "/map", response={200: MapOut, **ERRORS}, summary="Network map: nodes and edges")
def network_map(request, network_id: int):
    from verso.embedding.netmap import network_map as build

    access = access_network_for(request.user, network_id, Need.MEMBER)
    return build(access.network).as_json()


@router.get(_N + "/handbook", response={200: HandbookOut, **ERRORS}, summary="Network handbook")
def handbook(request, network_id: int):
    from verso.embedding.handbook import network_handbook

    access = access_network_for(request.user, network_id, Need.MEMBER)
    return network_handbook(access.network).as_json()


@router.get(
    _N + "/handbook/markdown",
    response={200: MarkdownOut, **ERRORS},
    summary="Network handbook as Markdown",
)
def handbook_markdown(request, network_id: int):
    from verso.embedding.handbook import handbook_markdown as as_markdown
    from verso.embedding.handbook import network_handbook

    access = access_network_for(request.user, network_id, Need.MEMBER)
    return {"markdown": as_markdown(network_handbook(access.network))}


@router.get(_N + "/links", response={200: list[LinkOut], **ERRORS}, summary="Structure links")
def links(request, network_id: int):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    return list(selectors.structure_links(access.network))


@router.post(_N + "/links", response={201: LinkOut, **ERRORS}, summary="Record a structure link")
def link_add(request, network_id: int, payload: LinkIn):
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    link = services.structure_link_add(
        actor=request.user,
        network=access.network,
        kind=payload.kind,
        title=payload.title,
        url=payload.url,
    )
    return Status(201, link)


@router.get(
    _N + "/communication",
    response={200: Page[CommunicationOut], **ERRORS},
    summary="Communication log",
)
def communication(request, network_id: int, params: Query[PageIn]):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    return paginated(selectors.communication_list(access.network), params)


@router.post(
    _N + "/communication",
    response={201: CommunicationOut, **ERRORS},
    summary="Record a communication",
)
def communication_add(request, network_id: int, payload: CommunicationIn):
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    entry = services.communication_add(
        actor=request.user,
        network=access.network,
        what=payload.what,
        channel=payload.channel,
        communicated_on=payload.communicated_on,
        audience=payload.audience,
    )
    return Status(201, entry)


class HandoverIn(Schema):
    membership_id: StrictInt
    keep_previous_in_group: bool = True
    note: str = Field("", max_length=NOTE_MAX, description="A note to the new coordinator.")


class HandoverOut(Schema):
    coordinator_membership_id: int
    note_id: int | None


@router.post(
    _N + "/handover",
    response={200: HandoverOut, **ERRORS},
    summary="Hand coordination over with a note to the new coordinator",
)
def handover(request, network_id: int, payload: HandoverIn):
    """The networks' handover (``POST /networks/{id}/handover``) with the previous
    coordinator's note, which the new coordinator reads on their handover page."""
    from verso.networks.services import network_handover

    access, membership = access_membership_for(
        request.user, network_id, payload.membership_id, Need.MANAGE
    )
    new = network_handover(
        actor=request.user,
        network=access.network,
        to=membership,
        keep_previous_in_group=payload.keep_previous_in_group,
        extra={"note": payload.note},
    )
    note = selectors.latest_handover_note(access.network)
    return {
        "coordinator_membership_id": new.pk,
        "note_id": note.pk
        if note and note.to_person_id == new.person_id and payload.note.strip()
        else None,
    }
