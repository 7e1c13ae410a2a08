"""What the evaluation app holds about a person, for the privacy registry.

Feedback answers are anonymous: nothing ties them to an account, an address or a personal
link. A person may still write their name with an answer: that name is personal data.

- Export: answers carrying the person's name (as they gave it).
- Erasure: the name is removed from those answers, and names are scrubbed from the
  written words; the person's feedback requests are deleted.
- Retention: names given with answers are removed RETENTION_FEEDBACK_NAME_DAYS after the
  answer.
"""

import datetime

from django.conf import settings
from django.db.models import Q

from verso.evaluation.models import (
    FeedbackAnswer,
    FeedbackRequest,
    QuestionAnswer,
    QuestionnaireResponse,
)
from verso.networks.models import Person


def _names(person: Person, needles=()) -> set[str]:
    return {n.strip().lower() for n in (person.display_name, *needles) if n and n.strip()}


def _answers_of(person: Person, needles=()):
    names = _names(person, needles)
    if not names:
        return FeedbackAnswer.objects.none()
    q = Q()
    for name in names:
        q |= Q(name__iexact=name)
    return FeedbackAnswer.objects.exclude(name="").filter(q).select_related("link")


def _responses_of(person: Person, needles=()):
    names = _names(person, needles)
    if not names:
        return QuestionnaireResponse.objects.none()
    q = Q()
    for name in names:
        q |= Q(name__iexact=name)
    return QuestionnaireResponse.objects.exclude(name="").filter(q).select_related("questionnaire")


def export_evaluation(person: Person) -> dict:
    return {
        "questionnaire_answers": [
            {
                "questionnaire": r.questionnaire.title,
                "name": r.name,
                "answered_at": r.created_at.isoformat(),
                "answers": [
                    {"question": a.question.text, "number": a.number, "text": a.text}
                    for a in r.answers.select_related("question")
                ],
            }
            for r in _responses_of(person).order_by("created_at")
        ],
        "feedback_answers": [
            {
                "feedback": a.link.title,
                "rating": a.rating,
                "text": a.text,
                "name": a.name,
                "on_paper": a.on_paper,
                "answered_at": a.created_at.isoformat(),
            }
            for a in _answers_of(person).order_by("created_at")
        ],
    }


def erase_evaluation(person: Person, context: dict) -> None:
    needles, replacement = context["needles"], context["replacement"]
    for answer in _answers_of(person, needles):
        text = answer.text
        for needle in (*needles, answer.name):
            if needle:
                text = text.replace(needle, replacement)
        answer.name = ""
        answer.text = text
        answer.save(update_fields=["name", "text"])
    for response in _responses_of(person, needles):
        for answer in QuestionAnswer.objects.filter(response=response).exclude(text=""):
            text = answer.text
            for needle in (*needles, response.name):
                if needle:
                    text = text.replace(needle, replacement)
            answer.text = text
            answer.save(update_fields=["text"])
        response.name = ""
        response.save(update_fields=["name"])
    from verso.events.privacy import _signups_of

    FeedbackRequest.objects.filter(signup__in=_signups_of(person, needles)).delete()


def feedback_names_expired(now: datetime.datetime, dry_run: bool) -> int:
    cutoff = now - datetime.timedelta(days=settings.RETENTION_FEEDBACK_NAME_DAYS)
    rows = FeedbackAnswer.objects.filter(created_at__lt=cutoff).exclude(name="")
    responses = QuestionnaireResponse.objects.filter(created_at__lt=cutoff).exclude(name="")
    count = rows.count() + responses.count()
    if not dry_run:
        rows.update(name="")
        responses.update(name="")
    return count


def register() -> None:
    from verso.privacy import registry
    from verso.privacy.subjects import EXPORT_SECTIONS, NOT_ABOUT_A_SUBJECT

    EXPORT_SECTIONS.setdefault("evaluation.FeedbackAnswer", "feedback_answers")
    EXPORT_SECTIONS.setdefault("evaluation.QuestionnaireResponse", "questionnaire_answers")
    EXPORT_SECTIONS.setdefault("evaluation.QuestionAnswer", "questionnaire_answers")
    NOT_ABOUT_A_SUBJECT.update(
        {
            "evaluation.FeedbackToken": "A personal feedback link names no one and is not "
            "tied to the sign-up it was sent to, nor to the answer given through it.",
            "evaluation.FeedbackRequest": "Only that a sign-up was sent a feedback link; "
            "deleted with the sign-up and on the person's erasure.",
            "evaluation.Evaluation": "The coordination group's evaluation is the network's "
            "record; who recorded it is unlinked when their account is erased.",
            "evaluation.Instrument": "The operator's import of an instrument.",
            "evaluation.InstrumentResponse": "Pseudonymous: only the person holds the code "
            "that pairs their answers, so Verso cannot find one person's answers; results "
            "are shown for groups of EVALUATION_MIN_GROUP or more only.",
        }
    )
    registry.register_exporter(export_evaluation)
    registry.register_eraser(erase_evaluation)
    registry.register_retention_rule("feedback_names", feedback_names_expired)
