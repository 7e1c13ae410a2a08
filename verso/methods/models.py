"""The methods library: creative and nature-based methods shared by the networks of an
installation, and their uses by activities and trainings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verso.core.models import TimeStampedModel
from verso.networks.choices import Competence

NAME_MAX = 200
TEXT_MAX = 5000
NOTE_MAX = 2000
LINKS_MAX = 10
LINK_MAX = 500
LANGUAGES = ("fi", "sv", "en")


class Kind(models.TextChoices):
    CREATIVE_ARTS = "creative_arts", _("Creative arts")
    MUSIC = "music", _("Music")
    VISUAL_ART = "visual_art", _("Visual art")
    PHOTOGRAPHY = "photography", _("Photography")
    CRAFTS = "crafts", _("Crafts")
    PERFORMING_ARTS = "performing_arts", _("Performing arts")
    WRITING = "writing", _("Writing and storytelling")
    NATURE = "nature", _("Nature-based")
    GREEN_CARE = "green_care", _("Green care")
    MOVEMENT = "movement", _("Movement and outdoors")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")


class Method(TimeStampedModel):
    """A method, written in one language with optional versions in the others (as an
    activity is)."""

    language = models.CharField(
        _("written in"), max_length=2, choices=Language.choices, default=Language.FI
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    # The name case-folded (Python's, so Ä and ä are one on SQLite too): one method a name.
    name_key = models.CharField(max_length=NAME_MAX, unique=True, editable=False)
    description = models.TextField(_("description"), max_length=TEXT_MAX)
    # {"sv": {"name": …, "description": …}, "en": {…}}
    translations = models.JSONField(_("other languages"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    competence = models.CharField(
        _("guidance competence needed"),
        max_length=32,
        choices=Competence.choices,
        blank=True,
    )
    competence_notes = models.CharField(
        _("what the guide needs to know"), max_length=500, blank=True
    )
    materials = models.TextField(_("materials"), max_length=NOTE_MAX, blank=True)
    safety = models.TextField(_("safety"), max_length=NOTE_MAX, blank=True)
    target_groups = models.JSONField(_("suitable target groups"), default=list, blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"), null=True, blank=True)
    evidence_links = models.JSONField(_("links to evidence"), default=list, blank=True)
    # Every language's name and description and the materials, for the search.
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True) | Q(duration_minutes__lte=10080),
                name="methods_method_duration_at_most_a_week",
            ),
        ]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("methods:detail", args=[self.pk])

    def text_in(self, field: str, lang: str) -> str:
        if lang == self.language:
            return getattr(self, field)
        return (self.translations.get(lang) or {}).get(field, "")

    def localized(self, field: str, lang: str) -> str:
        return self.text_in(field, lang) or getattr(self, field)

    @property
    def kind_label(self) -> str:
        return self.get_kind_display()

    def target_group_labels(self) -> list[str]:
        from verso.networks.choices import TargetGroup

        labels = dict(TargetGroup.choices)
        return [str(labels[g]) for g in self.target_groups if g in labels]


class MethodUse(models.Model):
    """A method used by an activity or by a training (a meeting of the training kind)."""

    method = models.ForeignKey(
        Method, verbose_name=_("method"), on_delete=models.PROTECT, related_name="uses"
    )
    activity = models.ForeignKey(
        "events.Activity",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("training"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("use of a method")
        verbose_name_plural = _("uses of methods")
        constraints = [
            models.CheckConstraint(
                condition=Q(activity__isnull=False, meeting__isnull=True)
                | Q(activity__isnull=True, meeting__isnull=False),
                name="methods_use_activity_or_meeting",
            ),
            models.UniqueConstraint(
                fields=["method", "activity"],
                condition=Q(activity__isnull=False),
                name="methods_use_once_per_activity",
            ),
            models.UniqueConstraint(
                fields=["method", "meeting"],
                condition=Q(meeting__isnull=False),
                name="methods_use_once_per_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method_id} → {self.activity_id or self.meeting_id}"
