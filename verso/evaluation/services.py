"""Writes of the evaluation app: each validates, writes and records in the audit trail
(anonymous answers are not audited one by one: the trail would time them)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verso.core.audit import audit_record
from verso.evaluation.models import (
    RATINGS,
    TEXT_MAX,
    Decision,
    Evaluation,
    FeedbackAnswer,
    FeedbackLink,
    FeedbackToken,
    GoalMet,
)

TOKENS_MAX = 500


def _rating(value) -> int:
    try:
        rating = int(value)
    except (TypeError, ValueError, OverflowError):
        rating = 0
    if rating not in RATINGS:
        raise ValidationError({"rating": _("Choose one of the five faces (1–5).")})
    return rating


def _text(value, field: str, limit: int = TEXT_MAX) -> str:
    text = (value or "").strip()
    if "\x00" in text:
        raise ValidationError({field: _("The text holds a character that cannot be stored.")})
    if len(text) > limit:
        raise ValidationError({field: _("Write at most %(n)s characters.") % {"n": limit}})
    return text


@transaction.atomic
def link_create(
    *, actor, network, activity=None, meeting=None, one_per_link: bool = False
) -> FeedbackLink:
    if (activity is None) == (meeting is None):
        raise ValidationError({"target": _("Choose an activity or a meeting.")})
    target = activity or meeting
    if target.network_id != network.pk:
        raise ValidationError({"target": _("Unknown activity or meeting.")})
    existing = FeedbackLink.objects.filter(
        activity=activity, meeting=meeting, network=network
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            link = FeedbackLink.objects.create(
                network=network,
                activity=activity,
                meeting=meeting,
                title=target.title[:200],
                one_per_link=bool(one_per_link),
            )
    except IntegrityError:  # made by someone else at the same moment
        return FeedbackLink.objects.get(activity=activity, meeting=meeting, network=network)
    audit_record(
        actor=actor, action="feedback_link.create", network=network, target=link, summary=link.title
    )
    return link


@transaction.atomic
def link_set_open(*, actor, link: FeedbackLink, is_open: bool) -> FeedbackLink:
    link.closed_at = None if is_open else timezone.now()
    link.save(update_fields=["closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="feedback_link.open" if is_open else "feedback_link.close",
        network=link.network,
        target=link,
        summary=link.title,
    )
    return link


@transaction.atomic
def tokens_create(*, actor, link: FeedbackLink, count) -> list[FeedbackToken]:
    try:
        count = int(count)
    except (TypeError, ValueError, OverflowError):
        count = 0
    if not 1 <= count <= TOKENS_MAX:
        raise ValidationError(
            {"count": _("Give a number of links from 1 to %(n)s.") % {"n": TOKENS_MAX}}
        )
    tokens = FeedbackToken.objects.bulk_create([FeedbackToken(link=link) for _i in range(count)])
    audit_record(
        actor=actor,
        action="feedback_link.tokens",
        network=link.network,
        target=link,
        changes={"count": count},
    )
    return tokens


def answer_submit(
    *,
    link: FeedbackLink,
    rating,
    text: str = "",
    name: str = "",
    token: str | None = None,
    on_paper: bool = False,
    language: str = "",
    actor=None,
) -> FeedbackAnswer:
    """Store one answer. A closed collection takes none; a collection of personal links
    takes one per link, and none through the shared link (paper answers are entered by
    staff and need no link)."""
    rating = _rating(rating)
    text = _text(text, "text")
    name = _text(name, "name", 100)
    if not link.is_open and not on_paper:
        raise ValidationError(_("This feedback is closed: it takes no more answers."))
    with transaction.atomic():
        if not on_paper:
            if token is not None:
                used = FeedbackToken.objects.filter(
                    link=link, token=str(token)[:32], used_at__isnull=True
                ).update(used_at=timezone.now())
                if used != 1:
                    raise ValidationError(
                        _("This link has already been used to answer. Thank you!")
                    )
            elif link.one_per_link:
                raise ValidationError(_("Answer through the personal link you were given."))
        answer = FeedbackAnswer.objects.create(
            link=link,
            rating=rating,
            text=text,
            name=name,
            on_paper=bool(on_paper),
            language=(language or "")[:2],
        )
        if on_paper:
            audit_record(
                actor=actor,
                action="feedback_answer.paper",
                network=link.network,
                target=link,
                changes={"answer": answer.pk},
            )
    return answer


@transaction.atomic
def evaluation_create(
    *,
    actor,
    network,
    goal_met: str,
    worked: str,
    decision: str,
    evaluated_on: datetime.date | None = None,
    activity=None,
    meeting=None,
    did_not_work: str = "",
    participants_said: str = "",
    next_step: str = "",
    owner_person=None,
    due_on: datetime.date | None = None,
) -> Evaluation:
    """Record the coordination group's evaluation; a next step with an owner becomes an
    action item of the network's tasks."""
    errors: dict[str, str] = {}
    if activity is not None and meeting is not None:
        errors["activity"] = _("Choose an activity or a meeting, not both.")
    target = activity or meeting
    if target is not None and target.network_id != network.pk:
        errors["activity"] = _("Unknown activity or meeting.")
    if goal_met not in GoalMet.values:
        errors["goal_met"] = _("Say whether the goal was met.")
    if decision not in Decision.values:
        errors["decision"] = _("Choose continue, change or stop.")
    worked_text = ""
    try:
        worked_text = _text(worked, "worked")
        if not worked_text:
            errors["worked"] = _("Write what worked.")
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    texts = {}
    for field, value, limit in (
        ("did_not_work", did_not_work, TEXT_MAX),
        ("participants_said", participants_said, TEXT_MAX),
        ("next_step", next_step, 200),
    ):
        try:
            texts[field] = _text(value, field, limit)
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    evaluated_on = evaluated_on or timezone.localdate()
    if evaluated_on > timezone.localdate():
        errors["evaluated_on"] = _("The evaluation date cannot be in the future.")
    if owner_person is not None and not texts.get("next_step"):
        errors["next_step"] = _("Write the next step the owner takes.")
    if errors:
        raise ValidationError(errors)
    evaluation = Evaluation(
        network=network,
        activity=activity,
        meeting=meeting,
        title=(target.title if target is not None else _("The network's activity"))[:200],
        evaluated_on=evaluated_on,
        goal_met=goal_met,
        worked=worked_text,
        decision=decision,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **texts,
    )
    if owner_person is not None:
        from verso.meetings.services import action_item_create

        evaluation.action_item = action_item_create(
            actor=actor,
            network=network,
            title=texts["next_step"],
            due_on=due_on,
            owner_person=owner_person,
            meeting=meeting,
        )
    evaluation.save()
    audit_record(
        actor=actor,
        action="evaluation.create",
        network=network,
        target=evaluation,
        summary=evaluation.title,
        changes={"decision": decision, "goal_met": goal_met},
    )
    return evaluation


# Pre/post measurement --------------------------------------------------------------------------


@transaction.atomic
def measurement_create(*, actor, network, instrument, title: str):
    from verso.evaluation.models import Measurement

    title = _text(title, "title", 200)
    if not title:
        raise ValidationError({"title": _("Give the measurement a title.")})
    if instrument is None:
        raise ValidationError({"instrument": _("Choose an instrument.")})
    measurement = Measurement.objects.create(network=network, instrument=instrument, title=title)
    audit_record(
        actor=actor,
        action="measurement.create",
        network=network,
        target=measurement,
        summary=title,
    )
    return measurement


def instrument_answer(*, measurement, phase: str, values: dict, code: str = ""):
    """Store one person's answers at the start (a new pairing code is made and returned,
    for the person to keep) or at the end (the code they kept pairs the two)."""
    from verso.evaluation import instruments
    from verso.evaluation.models import InstrumentResponse, Phase

    if not measurement.is_open:
        raise ValidationError(_("This questionnaire is closed: it takes no more answers."))
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Choose whether you are starting or ending.")})
    instrument = measurement.instrument
    keys = {item["key"] for item in instrument.items}
    if not isinstance(values, dict) or set(values) - keys:
        raise ValidationError({"values": _("Answer the questions of this questionnaire only.")})
    clean: dict[str, int] = {}
    for key, value in values.items():
        if value in (None, ""):
            continue
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            number = 0
        if isinstance(value, bool) or not 1 <= number <= instrument.scale_points:
            raise ValidationError(
                {
                    key: _("Choose a point from 1 to %(n)s.") % {"n": instrument.scale_points},
                }
            )
        clean[key] = number
    answered, score = instruments.score(instrument, clean)
    if score is None:
        raise ValidationError(
            {"values": _("Answer at least %(n)s of the statements.") % {"n": instrument.min_items}}
        )
    with transaction.atomic():
        if phase == Phase.PRE:
            code = instruments.new_pair_code()
        else:
            if not instruments.normalise_code(code):
                raise ValidationError({"code": _("Give the code you got at the start.")})
        digest = instruments.pair_digest(measurement.pk, code)
        if phase == Phase.POST:
            if not InstrumentResponse.objects.filter(
                measurement=measurement, phase=Phase.PRE, pair=digest
            ).exists():
                raise ValidationError(
                    {"code": _("This code is not among the answers at the start. Check it.")}
                )
            if InstrumentResponse.objects.filter(
                measurement=measurement, phase=Phase.POST, pair=digest
            ).exists():
                raise ValidationError({"code": _("This code has already answered at the end.")})
        try:
            with transaction.atomic():
                response = InstrumentResponse.objects.create(
                    measurement=measurement,
                    phase=phase,
                    pair=digest,
                    values=clean,
                    answered_items=answered,
                    score=score,
                )
        except IntegrityError:  # the same code answered at the same moment
            raise ValidationError(
                {"code": _("This code has already answered at the end.")}
            ) from None
    return response, (code if phase == Phase.PRE else "")


@transaction.atomic
def measurement_set_open(*, actor, measurement, is_open: bool):
    measurement.closed_at = None if is_open else timezone.now()
    measurement.save(update_fields=["closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="measurement.open" if is_open else "measurement.close",
        network=measurement.network,
        target=measurement,
    )
    return measurement
