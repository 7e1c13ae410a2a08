"""Questionnaires: questions of four kinds (a 1–5 scale, single choice, multiple choice,
free text), templates per network and installation-wide, anonymous answers, and results
counted in the database with small groups and cells suppressed."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from verso.core.audit import audit_record
from verso.evaluation.models import (
    TEXT_MAX,
    Question,
    QuestionAnswer,
    QuestionKind,
    Questionnaire,
    QuestionnaireResponse,
    Rating,
)

MAX_QUESTIONS = 40
MAX_OPTIONS = 12
SCALE = (1, 2, 3, 4, 5)


def parse_questions(text: str) -> list[dict]:
    """One question a line: ``kind: question | option | option`` with the kind ``scale``,
    ``single``, ``multiple`` or ``text``. Every problem is reported with its line."""
    problems = []
    questions = []
    lines = [line.strip() for line in (text or "").splitlines()]
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        kind, sep, rest = line.partition(":")
        kind = kind.strip().lower()
        parts = [p.strip() for p in rest.split("|")]
        question, options = parts[0], [p for p in parts[1:] if p]
        if not sep or kind not in QuestionKind.values:
            problems.append(
                _("Line %(n)s: start with scale:, single:, multiple: or text:.") % {"n": number}
            )
            continue
        if not question or len(question) > 300:
            problems.append(
                _("Line %(n)s: write the question (at most 300 characters).") % {"n": number}
            )
            continue
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            if not 2 <= len(options) <= MAX_OPTIONS or any(len(o) > 100 for o in options):
                problems.append(
                    _("Line %(n)s: give 2 to %(max)s options after |, each short (100 characters).")
                    % {"n": number, "max": MAX_OPTIONS}
                )
                continue
            if len(set(options)) != len(options):
                problems.append(_("Line %(n)s: an option is given twice.") % {"n": number})
                continue
        elif options:
            problems.append(_("Line %(n)s: only choice questions have options.") % {"n": number})
            continue
        questions.append({"kind": kind, "text": question, "options": options})
    if not questions and not problems:
        problems.append(_("Write at least one question."))
    if len(questions) > MAX_QUESTIONS:
        problems.append(_("At most %(n)s questions.") % {"n": MAX_QUESTIONS})
    if problems:
        raise ValidationError({"questions": problems})
    return questions


def questions_text(questionnaire: Questionnaire) -> str:
    return "\n".join(
        f"{q.kind}: {q.text}" + "".join(f" | {o}" for o in q.options)
        for q in questionnaire.questions.all()
    )


@transaction.atomic
def questionnaire_create(
    *, actor, network, title: str, questions: str, intro: str = "", is_template: bool = False
) -> Questionnaire:
    errors = {}
    title = (title or "").strip()
    if not title or len(title) > 200 or "\x00" in title:
        errors["title"] = _("Give the questionnaire a title (at most 200 characters).")
    if len(intro or "") > 2000 or "\x00" in (intro or ""):
        errors["intro"] = _("Write at most %(n)s characters.") % {"n": 2000}
    try:
        parsed = parse_questions(questions if "\x00" not in (questions or "") else "\x00")
    except ValidationError as error:
        errors.update(error.message_dict)
        parsed = []
    if network is None and not is_template:
        errors["is_template"] = _("An installation-wide questionnaire is a template.")
    if errors:
        raise ValidationError(errors)
    questionnaire = Questionnaire.objects.create(
        network=network, title=title, intro=(intro or "").strip(), is_template=is_template
    )
    Question.objects.bulk_create(
        Question(questionnaire=questionnaire, position=i, **q) for i, q in enumerate(parsed)
    )
    audit_record(
        actor=actor,
        action="questionnaire.create",
        network=network,
        target=questionnaire,
        summary=title,
    )
    return questionnaire


def questionnaire_from_template(*, actor, network, template: Questionnaire) -> Questionnaire:
    if not template.is_template or template.network_id not in (None, network.pk):
        raise ValidationError({"template": _("Choose a template of this network or of Verso.")})
    return questionnaire_create(
        actor=actor,
        network=network,
        title=template.title,
        intro=template.intro,
        questions=questions_text(template),
    )


def questionnaire_answer(*, questionnaire: Questionnaire, data: dict, name: str = ""):
    """Store one anonymous answer. ``data`` maps question ids to a scale point or option
    number (1-based), a list of option numbers (multiple choice) or text."""
    if not questionnaire.is_open:
        raise ValidationError(_("This questionnaire is closed: it takes no more answers."))
    name = (name or "").strip()
    if len(name) > 100 or "\x00" in name:
        raise ValidationError({"name": _("Write at most %(n)s characters.") % {"n": 100}})
    questions = {q.pk: q for q in questionnaire.questions.all()}
    if not isinstance(data, dict) or set(data) - set(questions):
        raise ValidationError({"answers": _("Answer the questions of this questionnaire only.")})
    rows = []
    errors = {}
    for qid, value in data.items():
        q = questions[qid]
        key = f"q{qid}"
        if value in (None, "", []):
            continue
        if q.kind == QuestionKind.TEXT:
            if not isinstance(value, str) or len(value) > TEXT_MAX or "\x00" in value:
                errors[key] = _("Write at most %(n)s characters.") % {"n": TEXT_MAX}
            else:
                rows.append(QuestionAnswer(question=q, text=value.strip()))
            continue
        values = value if q.kind == QuestionKind.MULTIPLE and isinstance(value, list) else [value]
        allowed = SCALE if q.kind == QuestionKind.SCALE else range(1, len(q.options) + 1)
        numbers = []
        for v in values:
            if isinstance(v, bool):
                v = None
            try:
                n = int(v)
            except (TypeError, ValueError, OverflowError):
                n = None
            if n not in allowed:
                errors[key] = _("Choose one of the given answers.")
                break
            numbers.append(n)
        else:
            if len(set(numbers)) != len(numbers):
                errors[key] = _("Choose one of the given answers.")
            rows.extend(QuestionAnswer(question=q, number=n) for n in numbers)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError({"answers": _("Answer at least one question.")})
    with transaction.atomic():
        response = QuestionnaireResponse.objects.create(questionnaire=questionnaire, name=name)
        for row in rows:
            row.response = response
        QuestionAnswer.objects.bulk_create(rows)
    return response


@dataclass
class QuestionResult:
    question: Question
    n: int  # how many answered this question
    suppressed: bool
    mean: float | None = None
    rows: list[tuple[str, int | None]] = field(default_factory=list)  # (label, count or None)
    texts: list[str] = field(default_factory=list)


def results(questionnaire: Questionnaire, *, with_texts: bool = False) -> tuple[int, list]:
    """(responses, results per question): four queries whatever the counts (five with
    the texts, which only the coordination group gets)."""
    from verso.evaluation.selectors import min_group

    minimum = min_group()
    questions = list(questionnaire.questions.all())
    total = QuestionnaireResponse.objects.filter(questionnaire=questionnaire).count()
    counts: dict[tuple[int, int], int] = {}
    answered: dict[int, int] = {}
    means: dict[int, float] = {}
    base = QuestionAnswer.objects.filter(response__questionnaire=questionnaire)
    for row in base.values("question_id", "number").annotate(c=Count("id")).order_by():
        counts[(row["question_id"], row["number"])] = row["c"]
    for row in (
        base.values("question_id")
        .annotate(n=Count("response_id", distinct=True), mean=Avg("number"))
        .order_by()
    ):
        answered[row["question_id"]] = row["n"]
        if row["mean"] is not None:
            means[row["question_id"]] = round(float(row["mean"]), 2)
    texts: dict[int, list[str]] = {}
    if with_texts and total >= minimum:
        for qid, text in (
            base.exclude(text="").order_by("-id").values_list("question_id", "text")[:500]
        ):
            texts.setdefault(qid, []).append(text)
    out = []
    for q in questions:
        n = answered.get(q.pk, 0)
        suppressed = total < minimum or n < minimum
        result = QuestionResult(question=q, n=n, suppressed=suppressed)
        if not suppressed:
            if q.kind == QuestionKind.TEXT:
                result.texts = texts.get(q.pk, [])
            else:
                labels = (
                    [f"{p} {Rating(p).label}" for p in SCALE]
                    if q.kind == QuestionKind.SCALE
                    else q.options
                )
                for i, label in enumerate(labels, start=1):
                    c = counts.get((q.pk, i), 0)
                    result.rows.append((label, c if c == 0 or c >= minimum else None))
                if q.kind == QuestionKind.SCALE:
                    result.mean = means.get(q.pk)
        out.append(result)
    return total, out
