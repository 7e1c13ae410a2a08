"""Writes to plans: the plan's sections, budget lines, versions and their comments, accepted
gaps, ideas taken into the plan, and the network's phase.

Every service runs in one transaction, locks the plan, enforces the invariants, keeps a
version of the plan when its content changes and writes the audit entry. Services raise
``ValidationError`` naming the field with a translated message; nothing changes then.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from verso.core.audit import audit_record
from verso.networks import services as network_services
from verso.networks.choices import Phase, TargetGroup
from verso.networks.models import Membership, Network, Organisation, Person, current_q
from verso.plans.choices import SECTION_FIELDS, BudgetStatus, FundingSource
from verso.plans.models import BudgetLine, GapAcceptance, Plan, PlanVersion, VersionComment

PLAN_FIELDS = ("title", "target_groups", *SECTION_FIELDS)
AMOUNT_MAX = Decimal("9999999999.99")
COMMENT_MAX = 2000
REASON_MAX = 1000


def _clean(instance, exclude=()) -> None:
    instance.full_clean(exclude=list(exclude), validate_constraints=False)


def _lock(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().select_related("network").get(pk=plan.pk)


# Versions ------------------------------------------------------------------------------------


def plan_snapshot(plan: Plan) -> dict:
    """The plan's whole content as plain data: what a version keeps."""
    lines = plan.budget_lines.select_related("owner_organisation", "owner_person").order_by("id")
    data = {name: getattr(plan, name) for name in PLAN_FIELDS}
    data["budget_lines"] = [
        {
            "id": line.pk,
            "item": line.item,
            "amount": str(line.amount),
            "owner_organisation": line.owner_organisation.name if line.owner_organisation else "",
            "owner_person": line.owner_person.display_name if line.owner_person else "",
            "status": line.status,
            "funding_source": line.funding_source,
        }
        for line in lines
    ]
    data["ideas"] = _idea_titles(plan)
    return data


def _idea_titles(plan: Plan) -> list[str]:
    if plan.pk is None:
        return []
    return [str(idea) for idea in plan.ideas.order_by("pk")]


def _save_version(actor, plan: Plan, change: str) -> PlanVersion:
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])
    return PlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        snapshot=plan_snapshot(plan),
        change=change[:300],
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )


# Plans ---------------------------------------------------------------------------------------


def _check_plan(plan: Plan) -> None:
    plan.title = (plan.title or "").strip()
    groups = list(dict.fromkeys(plan.target_groups or []))
    if not all(isinstance(g, str) for g in groups):
        raise ValidationError({"target_groups": _("Choose target groups from the list.")})
    unknown = [g for g in groups if g not in TargetGroup.values]
    if unknown:
        raise ValidationError(
            {"target_groups": _("Unknown choice: %(values)s.") % {"values": ", ".join(unknown)}}
        )
    plan.target_groups = groups
    for name in SECTION_FIELDS:
        setattr(plan, name, (getattr(plan, name) or "").strip())
    _clean(plan, exclude=["network"])


@transaction.atomic
def plan_create(*, actor, network: Network, title: str, **fields) -> Plan:
    plan = Plan(network=network, title=title)
    for key, value in fields.items():
        if key in PLAN_FIELDS:
            setattr(plan, key, value)
    _check_plan(plan)
    plan.save()
    _save_version(actor, plan, _("Plan created"))
    audit_record(
        actor=actor, action="plan.create", network=network, target=plan, summary=plan.title
    )
    return plan


@transaction.atomic
def plan_update(*, actor, plan: Plan, **fields) -> Plan:
    plan = _lock(plan)
    changed = []
    for key, value in fields.items():
        if key in PLAN_FIELDS and getattr(plan, key) != value:
            setattr(plan, key, value)
            changed.append(key)
    _check_plan(plan)
    if not changed:
        return plan
    plan.save()
    _save_version(actor, plan, _("Changed: %(fields)s") % {"fields": ", ".join(changed)})
    audit_record(
        actor=actor,
        action="plan.update",
        network=plan.network,
        target=plan,
        summary=plan.title,
        changes={"fields": changed},
    )
    return plan


# Budget lines --------------------------------------------------------------------------------


def network_organisations(network: Network):
    """Organisations in the network: those of its current members, and the organisations
    their units belong to (a unit's budget is often its parent organisation's)."""
    member_orgs = Membership.objects.filter(
        current_q(), network=network, organisation__isnull=False
    ).values("organisation_id")
    parents = Organisation.objects.filter(pk__in=member_orgs, parent__isnull=False).values(
        "parent_id"
    )
    return Organisation.objects.filter(pk__in=member_orgs) | Organisation.objects.filter(
        pk__in=parents
    )


def network_people(network: Network):
    """People with a current membership in the network."""
    return Person.objects.filter(
        pk__in=Membership.objects.filter(current_q(), network=network).values("person_id")
    )


def clean_amount(value) -> Decimal:
    """Euros with at most two decimals, not negative; a clear message otherwise."""
    if isinstance(value, bool):
        raise ValidationError({"amount": _("Give the amount in euros, e.g. 150.00.")})
    try:
        amount = Decimal(str(value).strip().replace(",", ".")) if value is not None else None
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite():
        raise ValidationError({"amount": _("Give the amount in euros, e.g. 150.00.")})
    if amount < 0:
        raise ValidationError({"amount": _("The amount cannot be negative.")})
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({"amount": _("Give the amount with at most two decimals (cents).")})
    if amount > AMOUNT_MAX:
        raise ValidationError({"amount": _("The amount is too large.")})
    return amount.quantize(Decimal("0.01"))


def _check_line(line: BudgetLine, network: Network) -> None:
    line.item = (line.item or "").strip()
    line.amount = clean_amount(line.amount)
    if line.status not in BudgetStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if line.funding_source not in FundingSource.values:
        raise ValidationError({"funding_source": _("Choose a funding source from the list.")})
    if (
        line.owner_organisation_id
        and not network_organisations(network).filter(pk=line.owner_organisation_id).exists()
    ):
        raise ValidationError(
            {
                "owner_organisation": _(
                    "The owner organisation must take part in the network: choose one of "
                    "its members' organisations."
                )
            }
        )
    if (
        line.owner_person_id
        and not network_people(network).filter(pk=line.owner_person_id).exists()
    ):
        raise ValidationError(
            {"owner_person": _("The owner person must be a current member of the network.")}
        )
    if line.status != BudgetStatus.PROPOSED:
        if not line.owner_organisation_id:
            raise ValidationError(
                {
                    "owner_organisation": _(
                        "A committed or spent budget line needs an owner organisation."
                    )
                }
            )
        if not line.owner_person_id:
            raise ValidationError(
                {
                    "owner_person": _(
                        "A committed or spent budget line needs the person who answers for it."
                    )
                }
            )
    _clean(line, exclude=["plan", "owner_organisation", "owner_person"])


LINE_FIELDS = ("item", "amount", "owner_organisation", "owner_person", "status", "funding_source")


@transaction.atomic
def budget_line_add(
    *,
    actor,
    plan: Plan,
    item: str,
    amount,
    owner_organisation: Organisation | None = None,
    owner_person: Person | None = None,
    status: str = BudgetStatus.PROPOSED,
    funding_source: str = FundingSource.OWN_BUDGET,
) -> BudgetLine:
    plan = _lock(plan)
    line = BudgetLine(
        plan=plan,
        item=item,
        amount=amount,
        owner_organisation=owner_organisation,
        owner_person=owner_person,
        status=status,
        funding_source=funding_source,
    )
    _check_line(line, plan.network)
    line.save()
    _save_version(actor, plan, _("Budget line added: %(item)s") % {"item": line.item})
    audit_record(
        actor=actor,
        action="plan.budget_line.add",
        network=plan.network,
        target=line,
        summary=line.item,
        changes={"amount": str(line.amount), "status": line.status},
    )
    return line


@transaction.atomic
def budget_line_update(*, actor, line: BudgetLine, **fields) -> BudgetLine:
    plan = _lock(line.plan)
    line = BudgetLine.objects.select_for_update().get(pk=line.pk, plan=plan)
    changed = []
    for key, value in fields.items():
        if key in LINE_FIELDS and getattr(line, key) != value:
            setattr(line, key, value)
            changed.append(key)
    _check_line(line, plan.network)
    if not changed:
        return line
    line.save()
    _save_version(actor, plan, _("Budget line changed: %(item)s") % {"item": line.item})
    audit_record(
        actor=actor,
        action="plan.budget_line.update",
        network=plan.network,
        target=line,
        summary=line.item,
        changes={"fields": changed, "amount": str(line.amount), "status": line.status},
    )
    return line


@transaction.atomic
def budget_line_delete(*, actor, line: BudgetLine) -> None:
    plan = _lock(line.plan)
    line = BudgetLine.objects.select_for_update().get(pk=line.pk, plan=plan)
    item, pk = line.item, line.pk
    line.delete()
    GapAcceptance.objects.filter(plan=plan, gap=f"budget_owner:{pk}").delete()
    _save_version(actor, plan, _("Budget line removed: %(item)s") % {"item": item})
    audit_record(
        actor=actor,
        action="plan.budget_line.delete",
        network=plan.network,
        target_type="plans.budgetline",
        target_id=str(pk),
        summary=item,
    )


# Comments and accepted gaps ------------------------------------------------------------------


@transaction.atomic
def version_comment_add(*, actor, version: PlanVersion, text: str) -> VersionComment:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    if len(text) > COMMENT_MAX:
        raise ValidationError(
            {"text": _("A comment can be at most %(n)d characters long.") % {"n": COMMENT_MAX}}
        )
    comment = VersionComment.objects.create(version=version, author=actor, text=text)
    audit_record(
        actor=actor,
        action="plan.version.comment",
        network=version.plan.network,
        target=comment,
        summary=f"{version.plan.title} v{version.number}",
    )
    return comment


@transaction.atomic
def gap_accept(*, actor, plan: Plan, gap: str, reason: str) -> GapAcceptance:
    """The coordinator records why a named gap of the readiness check is accepted."""
    from verso.plans.readiness import plan_gaps

    plan = _lock(plan)
    reason = (reason or "").strip()
    keys = {g.key for g in plan_gaps(plan)}
    if gap not in keys:
        raise ValidationError({"gap": _("This gap is not open in the plan's readiness check.")})
    if not reason:
        raise ValidationError({"reason": _("Write why the gap is accepted.")})
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("The reason can be at most %(n)d characters long.") % {"n": REASON_MAX}}
        )
    try:
        with transaction.atomic():
            acceptance = GapAcceptance.objects.create(
                plan=plan, gap=gap, reason=reason, accepted_by=actor
            )
    except IntegrityError:
        raise ValidationError({"gap": _("This gap has already been accepted.")}) from None
    audit_record(
        actor=actor,
        action="plan.gap.accept",
        network=plan.network,
        target=acceptance,
        summary=plan.title,
        changes={"gap": gap},
    )
    return acceptance


@transaction.atomic
def gap_accept_withdraw(*, actor, plan: Plan, gap: str) -> None:
    plan = _lock(plan)
    deleted, _rows = GapAcceptance.objects.filter(plan=plan, gap=gap).delete()
    if not deleted:
        raise ValidationError({"gap": _("This gap has not been accepted.")})
    audit_record(
        actor=actor,
        action="plan.gap.withdraw",
        network=plan.network,
        target=plan,
        summary=plan.title,
        changes={"gap": gap},
    )


# Ideas ---------------------------------------------------------------------------------------


@transaction.atomic
def plan_idea_take(*, actor, plan: Plan, idea) -> Plan:
    """Take an idea of the network into the plan: the plan lists it, and the idea moves to
    "taken into the plan" with a reason naming the plan, which the proposer sees."""
    from verso.ideas.models import Idea, IdeaStatus
    from verso.ideas.services import idea_triage

    plan = _lock(plan)
    idea = Idea.objects.filter(pk=getattr(idea, "pk", None)).first()
    if idea is None or idea.network_id != plan.network_id or idea.hidden_at is not None:
        raise ValidationError({"idea": _("Choose an idea of this network.")})
    if plan.ideas.filter(pk=idea.pk).exists():
        raise ValidationError({"idea": _("The idea is already in this plan.")})
    if idea.status != IdeaStatus.TAKEN_INTO_PLAN:
        idea_triage(
            actor=actor,
            idea=idea,
            status=IdeaStatus.TAKEN_INTO_PLAN,
            reason=_("Your idea was taken into the plan “%(plan)s”.") % {"plan": plan.title},
        )
    plan.ideas.add(idea)
    _save_version(actor, plan, _("Idea taken into the plan: %(idea)s") % {"idea": str(idea)})
    audit_record(
        actor=actor,
        action="plan.idea.take",
        network=plan.network,
        target=plan,
        summary=plan.title,
        changes={"idea": idea.pk},
    )
    return plan


# The network's phase -------------------------------------------------------------------------


def network_phase_set(*, actor, network: Network, phase: str) -> Network:
    """Move the network to a phase. The one path for every phase change is
    ``networks.services.network_update``, which checks what the phase needs
    (``verso.networks.phases``; the plans' requirements are in ``verso.plans.phases``)."""
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Choose a phase from the list.")})
    return network_services.network_update(actor=actor, network=network, phase=phase)
