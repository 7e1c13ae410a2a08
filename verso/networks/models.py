from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verso.core.models import TimeStampedModel
from verso.networks.choices import NetworkStatus, Phase, Role, Sector

NAME_MAX = 200


def _labels(choices) -> dict:
    """Value → label, built once: Django's own get_FOO_display() rebuilds and hashes every
    choice (evaluating each lazy label) on each call, which showed in the profiles of pages
    with long lists. The labels stay lazy, so each is still translated when shown."""
    return dict(choices)


SECTOR_LABELS = _labels(Sector.choices)
PHASE_LABELS = _labels(Phase.choices)
STATUS_LABELS = _labels(NetworkStatus.choices)
ROLE_LABELS = _labels(Role.choices)


def _display(labels: dict, value) -> str:
    label = labels.get(value, value)
    return label if label is None else str(label)


class Organisation(TimeStampedModel):
    """A background organisation, or a unit of one (parent), of any sector."""

    name = models.CharField(_("name"), max_length=NAME_MAX)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    is_project = models.BooleanField(
        _("fixed-term project"),
        default=False,
        help_text=_("A fixed-term project (hanke) has an end date; permanent actors have none."),
    )
    ends_on = models.DateField(_("project ends on"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_project=False, ends_on__isnull=True)
                | Q(is_project=True, ends_on__isnull=False),
                name="organisation_project_has_end_date",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="organisation_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_sector_display(self) -> str:
        return _display(SECTOR_LABELS, self.sector)


class Person(TimeStampedModel):
    """A participant, with or without an account. The display name may be a nickname."""

    display_name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    competences = models.JSONField(_("competence areas"), default=list, blank=True)
    competence_tags = models.JSONField(_("other competences"), default=list, blank=True)

    class Meta:
        ordering = ["display_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.display_name


class Network(TimeStampedModel):
    name = models.CharField(_("name"), max_length=NAME_MAX)
    municipality = models.CharField(_("municipality or region"), max_length=100)
    goal = models.TextField(
        _("goal"),
        max_length=2000,
        help_text=_("A precisely defined goal motivates people to join."),
    )
    description = models.TextField(_("description"), max_length=5000, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=NetworkStatus.choices, default=NetworkStatus.ACTIVE
    )
    phase = models.CharField(
        _("phase"), max_length=32, choices=Phase.choices, default=Phase.IDEATION
    )
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    def get_status_display(self) -> str:
        return _display(STATUS_LABELS, self.status)

    def get_phase_display(self) -> str:
        return _display(PHASE_LABELS, self.phase)


def current_q(prefix: str = "", today=None) -> Q:
    """Rows whose end date has not come: ends_on is exclusive (the first day no longer in)."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gt": today})


class Membership(TimeStampedModel):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    starts_on = models.DateField(_("member since"), default=timezone.localdate)
    ends_on = models.DateField(_("membership ended on"), null=True, blank=True)

    class Meta:
        ordering = ["person__display_name", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "person"],
                condition=Q(ends_on__isnull=True),
                name="membership_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.network}"

    @property
    def is_current(self) -> bool:
        return self.ends_on is None or self.ends_on > timezone.localdate()


class MembershipRole(models.Model):
    """One role held by one membership over a period: how long each actor carried it."""

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="roles"
    )
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    starts_on = models.DateField(_("since"), default=timezone.localdate)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["membership_id", "role"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            # "Coordination must always lie with someone" — and with one person at a time.
            models.UniqueConstraint(
                fields=["network"],
                condition=Q(role="coordinator", ends_on__isnull=True),
                name="role_one_coordinator_per_network",
            ),
            models.UniqueConstraint(
                fields=["membership", "role"],
                condition=Q(ends_on__isnull=True),
                name="role_once_per_membership",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="role_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.membership_id})"

    def get_role_display(self) -> str:
        return _display(ROLE_LABELS, self.role)
