"""The evaluation API: feedback links and their aggregated results (small groups and cells
suppressed), raw answers for the coordination group only, anonymous answers (rate-limited),
the coordination group's evaluations, instruments (imported by the operator, never
edited) and pre/post measurement."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictInt

from verso.core.api import ErrorOut, Page, PageIn, paginated
from verso.core.ratelimit import is_over_limit, too_many_requests
from verso.evaluation import selectors, services
from verso.evaluation.access import (
    access_link_for,
    access_measurement_for,
    instrument_by_id,
    public_link,
    public_measurement,
)
from verso.evaluation.models import Decision, GoalMet, Instrument, Measurement, Phase
from verso.networks.access import Need, access_network_for

router = Router(tags=["evaluation"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class CellOut(Schema):
    rating: int
    label: str
    count: int | None = Field(None, description="None: under the minimum group, not shown")


class ResultsOut(Schema):
    n: int
    suppressed: bool
    min_group: int
    mean: float | None
    on_paper: int | None
    cells: list[CellOut]


class LinkOut(Schema):
    id: int
    title: str
    code: str
    activity_id: int | None
    meeting_id: int | None
    one_per_link: bool
    is_open: bool
    results: ResultsOut


class LinkIn(Schema):
    activity_id: StrictInt | None = Field(None, ge=1, le=2**63 - 1)
    meeting_id: StrictInt | None = Field(None, ge=1, le=2**63 - 1)
    one_per_link: bool = False


class AnswerIn(Schema):
    rating: StrictInt = Field(..., ge=1, le=5)
    text: str = Field("", max_length=2000)
    name: str = Field("", max_length=100)
    token: str | None = Field(None, min_length=10, max_length=32)


class AnswerCreatedOut(Schema):
    ok: bool


class RawAnswerOut(Schema):
    id: int
    rating: int
    text: str
    name: str
    on_paper: bool
    created_at: datetime.datetime


class EvaluationIn(Schema):
    activity_id: StrictInt | None = Field(None, ge=1, le=2**63 - 1)
    meeting_id: StrictInt | None = Field(None, ge=1, le=2**63 - 1)
    evaluated_on: datetime.date | None = None
    goal_met: GoalMet
    worked: str = Field(..., min_length=1, max_length=2000)
    did_not_work: str = Field("", max_length=2000)
    participants_said: str = Field("", max_length=2000)
    decision: Decision
    next_step: str = Field("", max_length=200)
    owner_person_id: StrictInt | None = Field(None, ge=1, le=2**63 - 1)
    due_on: datetime.date | None = None


class EvaluationOut(Schema):
    id: int
    title: str
    activity_id: int | None
    meeting_id: int | None
    evaluated_on: datetime.date
    goal_met: str
    worked: str
    did_not_work: str
    participants_said: str
    decision: str
    next_step: str
    action_item_id: int | None


class InstrumentOut(Schema):
    id: int
    key: str
    version: str
    title: dict
    scale_points: int
    scale_labels: dict
    items: list[dict]
    scoring: str
    min_items: int
    source: str
    licence: str
    imported_at: datetime.datetime


class InstrumentIn(Schema):
    content: str = Field(..., min_length=1, max_length=256 * 1024)
    filename: str = Field("instrument.yaml", max_length=200)


class InstrumentPatch(Schema):
    title: dict[str, str] | None = None
    items: list[dict] | None = None
    source: str | None = Field(None, max_length=2000)
    licence: str | None = Field(None, max_length=2000)


class MeasurementIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    instrument_id: StrictInt = Field(..., ge=1, le=2**63 - 1)


class MeasurementOut(Schema):
    id: int
    title: str
    code: str
    instrument_id: int
    is_open: bool


class PrePostOut(Schema):
    pre_n: int
    post_n: int
    pre_mean: float | None
    post_mean: float | None
    pairs: int
    change: float | None
    ci_low: float | None
    ci_high: float | None
    min_group: int


class MeasureAnswerIn(Schema):
    phase: Phase
    values: dict[str, StrictInt | None] = Field(..., max_length=100)
    code: str = Field("", max_length=20)


class MeasureAnswerOut(Schema):
    code: str = Field(..., description="At the start: the pairing code the person keeps")


def _results(res) -> dict:
    return {
        "n": res.n,
        "suppressed": res.suppressed,
        "min_group": res.min_group,
        "mean": res.mean,
        "on_paper": res.on_paper,
        "cells": [{"rating": c.rating, "label": c.label, "count": c.count} for c in res.cells],
    }


def _link_out(link, res=None) -> dict:
    res = res or selectors.results_from(link.__dict__)
    return {
        "id": link.pk,
        "title": link.title,
        "code": link.code,
        "activity_id": link.activity_id,
        "meeting_id": link.meeting_id,
        "one_per_link": link.one_per_link,
        "is_open": link.is_open,
        "results": _results(res),
    }


# Feedback -----------------------------------------------------------------------------------


@router.get(
    "/networks/{network_id}/feedback",
    response={200: Page[LinkOut], **ERRORS},
    summary="A network's feedback links with their results (small groups suppressed)",
)
def link_list(request, network_id: int, params: Query[PageIn]):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    return paginated(selectors.links_for_network(access.network), params, _link_out)


@router.post(
    "/networks/{network_id}/feedback",
    response={201: LinkOut, **ERRORS},
    summary="Ask for feedback on an activity or a meeting (the coordination group)",
)
def link_create(request, network_id: int, payload: LinkIn):
    from verso.events.models import Activity
    from verso.meetings.models import Meeting

    access = access_network_for(request.user, network_id, Need.COORDINATION)
    activity = meeting = None
    if payload.activity_id is not None:
        activity = Activity.objects.filter(pk=payload.activity_id, network=access.network).first()
        if activity is None:
            raise ValidationError({"activity_id": _("Unknown activity.")})
    if payload.meeting_id is not None:
        meeting = Meeting.objects.filter(pk=payload.meeting_id, network=access.network).first()
        if meeting is None:
            raise ValidationError({"meeting_id": _("Unknown meeting.")})
    link = services.link_create(
        actor=request.user,
        network=access.network,
        activity=activity,
        meeting=meeting,
        one_per_link=payload.one_per_link,
    )
    return Status(201, _link_out(link, selectors.link_results(link)))


@router.get(
    "/networks/{network_id}/feedback/{feedback_link_id}/results",
    response={200: ResultsOut, **ERRORS},
    summary="Aggregated results: counts, distribution and mean with n (suppression applies)",
)
def link_results(request, network_id: int, feedback_link_id: int):
    _access, link = access_link_for(request.user, network_id, feedback_link_id, Need.MEMBER)
    return _results(selectors.link_results(link))


@router.get(
    "/networks/{network_id}/feedback/{feedback_link_id}/answers",
    response={200: Page[RawAnswerOut], **ERRORS},
    summary="The raw answers (the coordination group only; none while the group is small)",
)
def link_answers(request, network_id: int, feedback_link_id: int, params: Query[PageIn]):
    from verso.evaluation.models import FeedbackAnswer

    _access, link = access_link_for(request.user, network_id, feedback_link_id, Need.COORDINATION)
    rows = FeedbackAnswer.objects.filter(link=link).order_by("-created_at", "-id")
    if selectors.link_results(link).suppressed:
        rows = rows.none()
    return paginated(rows, params)


@router.post(
    "/feedback/{feedback_code}/answers",
    response={201: AnswerCreatedOut, **ERRORS, 409: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="Answer anonymously (public, rate-limited)",
)
def answer_create(request, feedback_code: str, payload: AnswerIn):
    limited, retry_after = is_over_limit(request, "feedback_answer")
    if limited:
        response: HttpResponse = too_many_requests(request, retry_after)
        return response
    link = public_link(feedback_code)
    try:
        services.answer_submit(
            link=link,
            rating=payload.rating,
            text=payload.text,
            name=payload.name,
            token=payload.token,
            language=(translation.get_language() or "fi")[:2],
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(201, {"ok": True})


# Evaluations --------------------------------------------------------------------------------


def _evaluation_out(e) -> dict:
    return {
        "id": e.pk,
        "title": e.title,
        "activity_id": e.activity_id,
        "meeting_id": e.meeting_id,
        "evaluated_on": e.evaluated_on,
        "goal_met": e.goal_met,
        "worked": e.worked,
        "did_not_work": e.did_not_work,
        "participants_said": e.participants_said,
        "decision": e.decision,
        "next_step": e.next_step,
        "action_item_id": e.action_item_id,
    }


@router.get(
    "/networks/{network_id}/evaluations",
    response={200: Page[EvaluationOut], **ERRORS},
    summary="The coordination group's evaluations, in the network's record",
)
def evaluation_list(request, network_id: int, params: Query[PageIn]):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    return paginated(selectors.evaluations_for_network(access.network), params, _evaluation_out)


@router.post(
    "/networks/{network_id}/evaluations",
    response={201: EvaluationOut, **ERRORS},
    summary="Record an evaluation; a next step with an owner becomes an action item",
)
def evaluation_create(request, network_id: int, payload: EvaluationIn):
    from verso.events.models import Activity
    from verso.meetings.models import Meeting
    from verso.meetings.services import network_people

    access = access_network_for(request.user, network_id, Need.COORDINATION)
    activity = meeting = owner = None
    if payload.activity_id is not None:
        activity = Activity.objects.filter(pk=payload.activity_id, network=access.network).first()
        if activity is None:
            raise ValidationError({"activity_id": _("Unknown activity.")})
    if payload.meeting_id is not None:
        meeting = Meeting.objects.filter(pk=payload.meeting_id, network=access.network).first()
        if meeting is None:
            raise ValidationError({"meeting_id": _("Unknown meeting.")})
    if payload.owner_person_id is not None:
        membership = network_people(access.network).get(payload.owner_person_id)
        if membership is None:
            raise ValidationError(
                {"owner_person_id": _("The person is not a member of this network.")}
            )
        owner = membership.person
    evaluation = services.evaluation_create(
        actor=request.user,
        network=access.network,
        activity=activity,
        meeting=meeting,
        evaluated_on=payload.evaluated_on,
        goal_met=payload.goal_met,
        worked=payload.worked,
        did_not_work=payload.did_not_work,
        participants_said=payload.participants_said,
        decision=payload.decision,
        next_step=payload.next_step,
        owner_person=owner,
        due_on=payload.due_on,
    )
    return Status(201, _evaluation_out(evaluation))


# Instruments --------------------------------------------------------------------------------


@router.get(
    "/evaluation/instruments",
    response={200: Page[InstrumentOut], **ERRORS},
    summary="Imported instruments",
)
def instrument_list(request, params: Query[PageIn]):
    return paginated(Instrument.objects.all(), params)


@router.post(
    "/evaluation/instruments",
    response={201: InstrumentOut, **ERRORS},
    summary="Import an instrument definition (JSON or YAML; the operator only)",
)
def instrument_import(request, payload: InstrumentIn):
    from verso.evaluation.instruments import InstrumentFileError, import_instrument

    if not request.user.is_superuser:
        raise PermissionDenied
    try:
        instrument = import_instrument(
            actor=request.user, content=payload.content, filename=payload.filename
        )
    except InstrumentFileError as error:
        return Status(
            422,
            {
                "detail": [
                    {"loc": ["body", "content", p.place], "msg": p.message} for p in error.problems
                ]
            },
        )
    return Status(201, instrument)


@router.patch(
    "/evaluation/instruments/{instrument_id}",
    response={200: InstrumentOut, **ERRORS},
    summary="Always refused: an imported instrument cannot be changed",
)
def instrument_update(request, instrument_id: int, payload: InstrumentPatch):
    if not request.user.is_superuser:
        raise PermissionDenied
    instrument_by_id(instrument_id)
    raise ValidationError(
        {"instrument": _("An imported instrument cannot be changed: import a new version instead.")}
    )


# Pre/post -----------------------------------------------------------------------------------


def _measurement_out(m) -> dict:
    return {
        "id": m.pk,
        "title": m.title,
        "code": m.code,
        "instrument_id": m.instrument_id,
        "is_open": m.is_open,
    }


@router.get(
    "/networks/{network_id}/measurements",
    response={200: Page[MeasurementOut], **ERRORS},
    summary="A network's pre/post measurements",
)
def measurement_list(request, network_id: int, params: Query[PageIn]):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    return paginated(Measurement.objects.filter(network=access.network), params, _measurement_out)


@router.post(
    "/networks/{network_id}/measurements",
    response={201: MeasurementOut, **ERRORS},
    summary="Start a pre/post measurement with an instrument",
)
def measurement_create(request, network_id: int, payload: MeasurementIn):
    access = access_network_for(request.user, network_id, Need.COORDINATION)
    instrument = Instrument.objects.filter(pk=payload.instrument_id).first()
    if instrument is None:
        raise ValidationError({"instrument_id": _("Choose an instrument.")})
    m = services.measurement_create(
        actor=request.user, network=access.network, instrument=instrument, title=payload.title
    )
    return Status(201, _measurement_out(m))


@router.get(
    "/networks/{network_id}/measurements/{measurement_id}/results",
    response={200: PrePostOut, **ERRORS},
    summary="Pre/post change of the group with n and a 95% confidence interval (suppressed)",
)
def measurement_results(request, network_id: int, measurement_id: int):
    _access, m = access_measurement_for(request.user, network_id, measurement_id, Need.MEMBER)
    res = selectors.measurement_results(m)
    return {k: getattr(res, k) for k in PrePostOut.model_fields}


@router.post(
    "/measurements/{measure_code}/answers",
    response={201: MeasureAnswerOut, **ERRORS, 409: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="Answer at the start (get a pairing code) or at the end (give it); rate-limited",
)
def measure_answer(request, measure_code: str, payload: MeasureAnswerIn):
    limited, retry_after = is_over_limit(request, "feedback_answer")
    if limited:
        response: HttpResponse = too_many_requests(request, retry_after)
        return response
    m = public_measurement(measure_code)
    try:
        _r, code = services.instrument_answer(
            measurement=m, phase=payload.phase, values=payload.values, code=payload.code
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(201, {"code": code})


# Questionnaires -----------------------------------------------------------------------------


class QuestionnaireIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    intro: str = Field("", max_length=2000)
    questions: str = Field(
        ...,
        min_length=1,
        max_length=20000,
        description="One question a line: 'scale: …', 'single: … | a | b', "
        "'multiple: … | a | b' or 'text: …'",
    )
    is_template: bool = False


class QuestionOut(Schema):
    id: int
    kind: str
    text: str
    options: list[str]


class QuestionnaireOut(Schema):
    id: int
    title: str
    intro: str
    code: str
    is_template: bool
    is_open: bool
    questions: list[QuestionOut]


class QuestionResultOut(Schema):
    question_id: int
    kind: str
    text: str
    n: int
    suppressed: bool
    mean: float | None
    counts: list[int | None] = Field(..., description="Per scale point or option; None: hidden")
    texts: list[str] = Field(..., description="Written answers: the coordination group only")


class QuestionnaireResultsOut(Schema):
    responses: int
    min_group: int
    questions: list[QuestionResultOut]


class QuestionnaireAnswerIn(Schema):
    answers: dict[str, StrictInt | list[StrictInt] | str | None] = Field(..., max_length=100)
    name: str = Field("", max_length=100)


def _questionnaire_out(q) -> dict:
    return {
        "id": q.pk,
        "title": q.title,
        "intro": q.intro,
        "code": q.code,
        "is_template": q.is_template,
        "is_open": q.is_open,
        "questions": [
            {"id": x.pk, "kind": x.kind, "text": x.text, "options": x.options}
            for x in q.questions.all()
        ],
    }


@router.get(
    "/networks/{network_id}/questionnaires",
    response={200: Page[QuestionnaireOut], **ERRORS},
    summary="A network's questionnaires and its own templates",
)
def questionnaire_list(request, network_id: int, params: Query[PageIn]):
    from verso.evaluation.models import Questionnaire

    access = access_network_for(request.user, network_id, Need.MEMBER)
    qs = Questionnaire.objects.filter(network=access.network).prefetch_related("questions")
    return paginated(qs, params, _questionnaire_out)


@router.post(
    "/networks/{network_id}/questionnaires",
    response={201: QuestionnaireOut, **ERRORS},
    summary="Create a questionnaire (or a template of the network)",
)
def questionnaire_create(request, network_id: int, payload: QuestionnaireIn):
    from verso.evaluation.questionnaires import questionnaire_create as create

    access = access_network_for(request.user, network_id, Need.COORDINATION)
    q = create(actor=request.user, network=access.network, **payload.dict())
    return Status(201, _questionnaire_out(q))


@router.get(
    "/networks/{network_id}/questionnaires/{questionnaire_id}/results",
    response={200: QuestionnaireResultsOut, **ERRORS},
    summary="Results per question (small groups and cells suppressed)",
)
def questionnaire_results(request, network_id: int, questionnaire_id: int):
    from verso.evaluation.access import access_questionnaire_for
    from verso.evaluation.questionnaires import results

    access, q = access_questionnaire_for(request.user, network_id, questionnaire_id, Need.MEMBER)
    total, rows = results(q, with_texts=access.can_see_clients)
    return {
        "responses": total,
        "min_group": selectors.min_group(),
        "questions": [
            {
                "question_id": r.question.pk,
                "kind": r.question.kind,
                "text": r.question.text,
                "n": r.n,
                "suppressed": r.suppressed,
                "mean": r.mean,
                "counts": [c for _label, c in r.rows],
                "texts": r.texts,
            }
            for r in rows
        ],
    }


@router.post(
    "/questionnaires/{questionnaire_code}/answers",
    response={201: AnswerCreatedOut, **ERRORS, 409: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="Answer a questionnaire anonymously (keys: question ids; rate-limited)",
)
def questionnaire_answer(request, questionnaire_code: str, payload: QuestionnaireAnswerIn):
    from verso.evaluation.access import public_questionnaire
    from verso.evaluation.questionnaires import questionnaire_answer as store

    limited, retry_after = is_over_limit(request, "feedback_answer")
    if limited:
        response: HttpResponse = too_many_requests(request, retry_after)
        return response
    q = public_questionnaire(questionnaire_code)
    data = {}
    for key, value in payload.answers.items():
        if not key.isdigit() or len(key) > 18:
            raise ValidationError(
                {"answers": _("Answer the questions of this questionnaire only.")}
            )
        data[int(key)] = value
    try:
        store(questionnaire=q, data=data, name=payload.name)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(201, {"ok": True})
