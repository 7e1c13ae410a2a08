"""What plans hold about a person: budget lines they answer for, versions they saved,
comments they wrote and gaps they accepted. Registered with the privacy services."""

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from verso.networks.models import Person
from verso.plans.choices import SECTION_FIELDS
from verso.plans.models import BudgetLine, GapAcceptance, Plan, PlanVersion, VersionComment
from verso.privacy import registry
from verso.privacy.subjects import EXPORT_SECTIONS, NOT_ABOUT_A_SUBJECT, _scrub, _scrub_json

SECTIONS = {
    "plans.BudgetLine": "plan_budget_lines",
    "plans.PlanVersion": "plan_versions",
    "plans.VersionComment": "plan_comments",
    "plans.GapAcceptance": "plan_accepted_gaps",
}
EXPLAINED = {
    "plans.Plan": "The plan's sections are the network's shared text, not a person's data; "
    "names written in them are scrubbed on erasure.",
}


def _dt(value):
    return value.isoformat() if value else None


def export_plans(person: Person) -> dict:
    data = {
        "plan_budget_lines": [
            {
                "plan": line.plan.title,
                "item": line.item,
                "amount": str(line.amount),
                "status": line.status,
            }
            for line in BudgetLine.objects.filter(owner_person=person).select_related("plan")
        ]
    }
    user = person.user
    if user is not None:
        data["plan_versions"] = [
            {"plan": v.plan.title, "number": v.number, "saved_at": _dt(v.created_at)}
            for v in PlanVersion.objects.filter(author=user).select_related("plan")
        ]
        data["plan_comments"] = [
            {
                "plan": c.version.plan.title,
                "version": c.version.number,
                "text": c.text,
                "written_at": _dt(c.created_at),
            }
            for c in VersionComment.objects.filter(author=user).select_related("version__plan")
        ]
        data["plan_accepted_gaps"] = [
            {"plan": a.plan.title, "gap": a.gap, "reason": a.reason, "at": _dt(a.created_at)}
            for a in GapAcceptance.objects.filter(accepted_by=user).select_related("plan")
        ]
    return data


def erase_plans(person: Person, context: dict) -> None:
    """Unlink the person from budget lines, versions, comments and acceptances; scrub their
    name from every plan text and version kept."""
    needles, replacement = context["needles"], context["replacement"]
    BudgetLine.objects.filter(owner_person=person).update(owner_person=None)
    if person.user_id:
        PlanVersion.objects.filter(author_id=person.user_id).update(author=None)
        VersionComment.objects.filter(author_id=person.user_id).update(author=None)
        GapAcceptance.objects.filter(accepted_by_id=person.user_id).update(accepted_by=None)
    needles = [n for n in needles if n]
    if not needles:
        return
    text_q = Q()
    reason_q = Q()
    snapshot_q = Q()
    plan_q = Q()
    for needle in needles:
        text_q |= Q(text__icontains=needle)
        reason_q |= Q(reason__icontains=needle)
        snapshot_q |= Q(snapshot_text__icontains=needle)
        for name in ("title", *SECTION_FIELDS):
            plan_q |= Q(**{f"{name}__icontains": needle})
    for comment in VersionComment.objects.filter(text_q):
        comment.text = _scrub(comment.text, needles, replacement)
        comment.save(update_fields=["text"])
    for acceptance in GapAcceptance.objects.filter(reason_q):
        acceptance.reason = _scrub(acceptance.reason, needles, replacement)
        acceptance.save(update_fields=["reason"])
    versions = PlanVersion.objects.annotate(snapshot_text=Cast("snapshot", TextField()))
    for version in versions.filter(snapshot_q):
        version.snapshot = _scrub_json(version.snapshot, needles, replacement)
        version.save(update_fields=["snapshot"])
    for plan in Plan.objects.filter(plan_q):
        for name in ("title", *SECTION_FIELDS):
            setattr(plan, name, _scrub(getattr(plan, name), needles, replacement))
        plan.save(update_fields=["title", *SECTION_FIELDS])


def register() -> None:
    EXPORT_SECTIONS.update(SECTIONS)
    NOT_ABOUT_A_SUBJECT.update(EXPLAINED)
    registry.register_exporter(export_plans)
    registry.register_eraser(erase_plans)
