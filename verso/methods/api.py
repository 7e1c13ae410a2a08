"""The methods app's JSON API: the library (list and search, a method, add and change),
export and import in the documented JSON format (schema/methods-v1.schema.json)."""

from typing import Annotated

from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel, ConfigDict, StrictInt

from verso.core.api import ErrorOut, Page, PageIn, paginated
from verso.methods import selectors, services, transfer
from verso.methods.access import access_method_for, require_editor
from verso.methods.models import Kind, Language, Method
from verso.networks.choices import Competence, TargetGroup

router = Router(tags=["methods"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class TextsIn(BaseModel):
    """A plain pydantic model: ninja's Schema would read attributes of any value (a string
    would pass as an empty object)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field("", max_length=200)
    description: str = Field("", max_length=5000)


class MethodOut(Schema):
    id: int
    language: str
    name: str
    description: str
    translations: dict[str, dict[str, str]]
    kind: str
    kind_label: str
    competence: str
    competence_notes: str
    materials: str
    safety: str
    target_groups: list[str]
    duration_minutes: int | None
    evidence_links: list[str]
    url: str


class MethodIn(Schema):
    language: Language = Language.FI
    name: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1, max_length=5000)
    translations: dict[Language, TextsIn] = Field(default_factory=dict)
    kind: Kind
    competence: Competence | None = None
    competence_notes: str = Field("", max_length=500)
    materials: str = Field("", max_length=2000)
    safety: str = Field("", max_length=2000)
    target_groups: list[TargetGroup] = Field(default_factory=list, max_length=30)
    duration_minutes: StrictInt | None = Field(None, ge=1, le=10080)
    evidence_links: list[str] = Field(default_factory=list, max_length=10)


class MethodFilter(Schema):
    q: str = Field("", max_length=200)
    kind: Kind | None = None
    target_group: TargetGroup | None = None


class ExportFilter(Schema):
    ids: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] = Field(
        default_factory=list, max_length=1000
    )


class ProblemOut(Schema):
    place: str
    message: str


class ImportIn(Schema):
    on_duplicate: str = Field(transfer.SKIP, pattern="^(skip|update)$")
    document: dict


class ImportOut(Schema):
    imported: bool
    created: list[str]
    updated: list[str]
    skipped: list[str]
    problems: list[ProblemOut]


def _out(method: Method) -> dict:
    return {
        **services.method_data(method),
        "id": method.pk,
        "kind_label": str(method.kind_label),
        "url": method.get_absolute_url(),
    }


def _data(payload: MethodIn) -> dict:
    data = payload.dict()
    data["translations"] = {str(k): v for k, v in data["translations"].items()}
    data["competence"] = data["competence"] or ""
    return data


@router.get(
    "/methods",
    response={200: Page[MethodOut], **ERRORS},
    summary="The methods library: search and filter (any signed-in user)",
)
def method_list(request, filters: Query[MethodFilter], page: Query[PageIn]):
    qs = selectors.methods_search(filters.q, filters.kind or "", filters.target_group or "")
    return paginated(qs, page, _out)


@router.get(
    "/methods/export",
    response={200: dict, **ERRORS},
    summary="Export all methods, or those of ?ids=, in the verso-methods JSON format",
)
def method_export(request, filters: Query[ExportFilter]):
    qs = Method.objects.order_by("name", "id")
    if filters.ids:
        qs = qs.filter(pk__in=filters.ids)
    return transfer.export_document(qs)


@router.post(
    "/methods/import",
    response={200: ImportOut, **ERRORS},
    summary="Import a verso-methods document: all or nothing, every problem with its place",
)
def method_import(request, payload: ImportIn):
    require_editor(request.user)
    report = transfer.import_document(
        actor=request.user, raw=payload.document, on_duplicate=payload.on_duplicate
    )
    if not report.ok:
        detail = [{"loc": ["body", "document", p.place], "msg": p.message} for p in report.problems]
        return Status(422, {"detail": detail})
    return {
        "imported": report.ok,
        "created": report.created,
        "updated": report.updated,
        "skipped": report.skipped,
        "problems": [{"place": p.place, "message": p.message} for p in report.problems],
    }


@router.get(
    "/methods/{method_id}",
    response={200: MethodOut, **ERRORS},
    summary="A method",
)
def method_detail(request, method_id: int):
    return _out(access_method_for(request.user, method_id))


@router.post(
    "/methods",
    response={201: MethodOut, **ERRORS},
    summary="Add a method (coordinators and coordination groups of any network)",
)
def method_create(request, payload: MethodIn):
    require_editor(request.user)
    method = services.method_create(actor=request.user, data=_data(payload))
    return Status(201, _out(method))


@router.put(
    "/methods/{method_id}",
    response={200: MethodOut, **ERRORS},
    summary="Change a method (coordinators and coordination groups of any network)",
)
def method_update(request, method_id: int, payload: MethodIn):
    method = access_method_for(request.user, method_id, change=True)
    method = services.method_update(actor=request.user, method=method, data=_data(payload))
    return _out(method)
