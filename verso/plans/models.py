from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from verso.core.models import TimeStampedModel
from verso.networks.models import Network, Organisation, Person
from verso.plans.choices import BudgetStatus, FundingSource

SECTION_MAX = 8000


def _section(label):
    return models.TextField(label, max_length=SECTION_MAX, blank=True)


class Plan(TimeStampedModel):
    """A preliminary plan (alustava suunnitelma) of a network, with the model's sections."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="plans"
    )
    title = models.CharField(_("title"), max_length=200)
    need = _section(_("need for change and the activity that brings it"))
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    target_description = _section(_("target groups or organisations"))
    competence = _section(_("competence and networks needed"))
    budget_notes = _section(_("budget"))
    operating_model = _section(_("operating model"))
    activity = _section(_("loose description of the activity"))
    evaluation = _section(_("evaluation plan"))
    version = models.PositiveIntegerField(_("version"), default=0)
    # The trace idea → plan, visible both ways (idea.plans on the idea's pages).
    ideas = models.ManyToManyField(
        "ideas.Idea", verbose_name=_("ideas"), blank=True, related_name="plans"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.title


class BudgetLine(TimeStampedModel):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    item = models.CharField(_("item"), max_length=200)
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owner organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    owner_person = models.ForeignKey(
        Person,
        verbose_name=_("owner person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_lines",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=BudgetStatus.choices, default=BudgetStatus.PROPOSED
    )
    funding_source = models.CharField(
        _("funding source"),
        max_length=16,
        choices=FundingSource.choices,
        default=FundingSource.OWN_BUDGET,
    )

    class Meta:
        ordering = ["plan_id", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="budget_line_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.item


class PlanVersion(models.Model):
    """Every saved change of a plan: its whole content as it was, who saved it and when."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    snapshot = models.JSONField(_("content"), default=dict)
    change = models.CharField(_("change"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        ordering = ["plan_id", "-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number}"


class VersionComment(models.Model):
    """A comment of the coordination group on one version of the plan."""

    version = models.ForeignKey(
        PlanVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["version_id", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"#{self.pk}"


class GapAcceptance(models.Model):
    """The coordinator's recorded reason to accept a gap of the readiness check."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="acceptances"
    )
    gap = models.CharField(_("gap"), max_length=100)
    reason = models.TextField(_("reason"), max_length=1000)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        ordering = ["plan_id", "gap"]
        verbose_name = _("accepted gap")
        verbose_name_plural = _("accepted gaps")
        constraints = [
            models.UniqueConstraint(fields=["plan", "gap"], name="gap_acceptance_once_per_plan")
        ]

    def __str__(self) -> str:
        return self.gap
