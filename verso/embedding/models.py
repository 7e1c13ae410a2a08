"""The embedding app's models: what a network records so that its practice takes root.

- ``StructureLink``: a link to an existing structure (the municipal wellbeing plan, an
  entrepreneur network…), with a web address.
- ``ChecklistConfirmation``: the coordinator's word on a checklist item the data cannot show.
- ``ScoreSnapshot``: the embedding score on a day (written at each change and daily).
- ``CommunicationEntry``: what was communicated, in which channel, when, to whom.
- ``RotationSettings``: the network's thresholds for the responsibility warning.
- ``HandoverNote``: the note the previous coordinator wrote at handover.
- ``HandbookText``: the coordinator's own text for a section of the handbook.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from verso.core.models import TimeStampedModel
from verso.networks.models import Network, Person

NOTE_MAX = 4000
HANDBOOK_TEXT_MAX = 5000


class StructureKind(models.TextChoices):
    WELLBEING_PLAN = "wellbeing_plan", _("Municipal wellbeing plan")
    ENTREPRENEUR_NETWORK = "entrepreneur_network", _("Entrepreneur network")
    SERVICE_STRATEGY = "service_strategy", _("Service strategy or programme")
    OTHER = "other", pgettext_lazy("structure kind", "Other structure")


class ChecklistItem(models.TextChoices):
    PERMANENT_ACTORS = "permanent_actors", _("Permanent actors on board")
    COORDINATION_GROUP = "coordination_group", _("A named coordination group")
    OWN_BUDGET = "own_budget", _("Money in an organisation's own budget")
    STRUCTURE_LINK = "structure_link", _("Linked to the wellbeing plan or another structure")
    EVALUATION = "evaluation", _("An evaluation done")
    NEXT_ROUND = "next_round", _("The next round dated")
    COMMUNICATION = "communication", _("Active communication")
    DOCUMENTATION = "documentation", _("Documentation that survives a change of leader")


# The items the data cannot show: the coordinator confirms them.
CONFIRMABLE = (ChecklistItem.DOCUMENTATION,)


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    NEWSLETTER = "newsletter", _("Newsletter")
    WEBSITE = "website", _("Website")
    SOCIAL_MEDIA = "social_media", _("Social media")
    PRESS = "press", _("Press or local paper")
    MEETING = "meeting", pgettext_lazy("channel", "Meeting or event")
    PRINTED = "printed", _("Printed notice")
    OTHER = "other", pgettext_lazy("channel", "Other")


class HandbookSection(models.TextChoices):
    BASIC = "basic", _("Basic information")
    IDEA = "idea", _("The idea of the solution")
    CONDITIONS = "conditions", _("Conditions for working and adoption")
    ENVIRONMENT = "environment", _("Operating environment")
    STARTING_POINT = "starting_point", _("Starting point")
    NEEDS = "needs", _("Needs")
    CO_DEVELOPMENT = "co_development", _("Co-development")
    TARGETED_CHANGE = "targeted_change", _("Targeted change")
    MEASURING = "measuring", _("Measuring the change")


class StructureLink(TimeStampedModel):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("structure"), max_length=32, choices=StructureKind.choices)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(
        _("web address"), max_length=500, help_text=_("An address starting with https://.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["kind", "title", "id"]
        verbose_name = _("structure link")
        verbose_name_plural = _("structure links")

    def __str__(self) -> str:
        return self.title


class ChecklistConfirmation(TimeStampedModel):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.CharField(_("item"), max_length=32, choices=ChecklistItem.choices)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["item"]
        verbose_name = _("checklist confirmation")
        verbose_name_plural = _("checklist confirmations")
        constraints = [
            models.UniqueConstraint(fields=["network", "item"], name="confirmation_once_per_item")
        ]

    def __str__(self) -> str:
        return self.item


class ScoreSnapshot(models.Model):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    on = models.DateField(_("day"), default=timezone.localdate)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    items = models.JSONField(_("items"), default=dict)

    class Meta:
        ordering = ["network_id", "on"]
        verbose_name = _("score snapshot")
        verbose_name_plural = _("score snapshots")
        constraints = [
            models.UniqueConstraint(fields=["network", "on"], name="snapshot_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.on}: {self.score}"


class CommunicationEntry(TimeStampedModel):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    what = models.CharField(_("what was communicated"), max_length=300)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    communicated_on = models.DateField(_("when"), default=timezone.localdate)
    audience = models.CharField(
        _("to whom"),
        max_length=200,
        help_text=_("A group rather than names: “the city's youth services”."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-communicated_on", "-id"]
        verbose_name = _("communication")
        verbose_name_plural = _("communication log")
        indexes = [models.Index(fields=["network", "communicated_on"])]

    def __str__(self) -> str:
        return self.what


class RotationSettings(models.Model):
    network = models.OneToOneField(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    max_responsibilities = models.PositiveSmallIntegerField(
        _("most responsibilities at once"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    max_months = models.PositiveSmallIntegerField(
        _("longest time in one responsibility (months)"),
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )

    class Meta:
        verbose_name = _("rotation settings")
        verbose_name_plural = _("rotation settings")

    def __str__(self) -> str:
        return f"{self.max_responsibilities} / {self.max_months}"


class HandoverNote(TimeStampedModel):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    from_person = models.ForeignKey(
        Person,
        verbose_name=_("previous coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_person = models.ForeignKey(
        Person,
        verbose_name=_("new coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("handover note"), max_length=NOTE_MAX, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("handover note")
        verbose_name_plural = _("handover notes")

    def __str__(self) -> str:
        return f"{self.network_id} {self.created_at:%Y-%m-%d}"


class HandbookText(TimeStampedModel):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    section = models.CharField(_("section"), max_length=32, choices=HandbookSection.choices)
    text = models.TextField(_("text"), max_length=HANDBOOK_TEXT_MAX, blank=True)

    class Meta:
        ordering = ["section"]
        verbose_name = _("handbook text")
        verbose_name_plural = _("handbook texts")
        constraints = [
            models.UniqueConstraint(fields=["network", "section"], name="handbook_text_once")
        ]

    def __str__(self) -> str:
        return self.section
