from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    CONTACT_DETAILS = "contact_details", _("Keeping my contact details")
    PHOTOS = "photos", _("Photos of me or my works")
    FEEDBACK_FOLLOWUP = "feedback_followup", _("Contacting me about my feedback")


class Method(models.TextChoices):
    SELF = "self", _("Given by the person in Verso")
    ON_BEHALF = "on_behalf", _("Recorded by staff on the person's behalf")
    PAPER = "paper", _("On a paper form")


class PrivacyNotice(models.Model):
    """A version of the privacy notice. The operator's legal text, in all three languages."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    published_on = models.DateField(_("published on"))
    text_fi = models.TextField(_("text in Finnish"))
    text_sv = models.TextField(_("text in Swedish"))
    text_en = models.TextField(_("text in English"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")

    def __str__(self) -> str:
        return f"v{self.version} ({self.published_on})"

    @property
    def text(self) -> str:
        lang = (get_language() or "fi")[:2]
        return getattr(self, f"text_{lang}", None) or self.text_fi


class Consent(models.Model):
    """Who agreed to what, under which notice, when — and when they withdrew."""

    person = models.ForeignKey(
        "networks.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)
    notice = models.ForeignKey(
        PrivacyNotice, verbose_name=_("privacy notice"), on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(_("how"), max_length=16, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    given_at = models.DateTimeField(_("given"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_one_open_per_purpose",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} ({self.person_id})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
