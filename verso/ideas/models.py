"""Idea calls and the idea bank: residents' and clients' ideas, their supports, comments
and triage (new → under discussion → taken into a plan / merged / not now)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verso.core.models import TimeStampedModel

TITLE_MAX = 200
QUESTION_MAX = 1000
IDEA_TEXT_MAX = 2000
REASON_MAX = 1000
COMMENT_MAX = 2000
NAME_MAX = 100
ALT_MAX = 300
CODE_LENGTH = 8


class IdeaStatus(models.TextChoices):
    NEW = "new", _("New")
    UNDER_DISCUSSION = "under_discussion", _("Under discussion")
    TAKEN_INTO_PLAN = "taken_into_plan", _("Taken into a plan")
    MERGED = "merged", _("Merged into another idea")
    NOT_NOW = "not_now", _("Not now")


class IdeaCall(TimeStampedModel):
    """A network's call for ideas, with a public page at its short link."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="idea_calls",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    question = models.TextField(
        _("question"),
        max_length=QUESTION_MAX,
        help_text=_("What you ask, in plain language: it is the first thing people read."),
    )
    opens_on = models.DateField(_("open from"), default=timezone.localdate)
    closes_on = models.DateField(
        _("open until"), null=True, blank=True, help_text=_("The last day; empty: until closed.")
    )
    target_groups = models.JSONField(_("target groups asked"), default=list, blank=True)
    code = models.CharField(_("short link code"), max_length=16, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("idea call")
        verbose_name_plural = _("idea calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=F("opens_on")),
                name="ideacall_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today and (self.closes_on is None or today <= self.closes_on)


class Idea(TimeStampedModel):
    """One idea, from anyone: a resident without an account, a member, or a client through a
    member who entered it on their behalf (assisted)."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="ideas",
    )
    call = models.ForeignKey(
        IdeaCall,
        verbose_name=_("idea call"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    text = models.TextField(_("idea"), max_length=IDEA_TEXT_MAX)
    photo = models.FileField(_("photo"), upload_to="ideas/%Y/%m/", blank=True, max_length=200)
    photo_alt = models.CharField(_("what the photo shows"), max_length=ALT_MAX, blank=True)
    proposer_name = models.CharField(_("name or nickname"), max_length=NAME_MAX, blank=True)
    proposer = models.ForeignKey(
        "networks.Person",
        verbose_name=_("proposer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas_proposed",
        help_text=_(
            "The member who proposed it, or the person record holding consented contact details."
        ),
    )
    assisted = models.BooleanField(_("entered on the proposer's behalf"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    follow_digest = models.CharField(_("follow link digest"), max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=32, choices=IdeaStatus.choices, default=IdeaStatus.NEW
    )
    status_reason = models.TextField(_("answer to the proposer"), max_length=REASON_MAX, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_ideas",
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.TextField(_("why hidden"), max_length=REASON_MAX, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [models.Index(fields=["network", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=F("id")), name="idea_not_merged_into_itself"
            ),
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt=""), name="idea_photo_has_alt_text"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class IdeaSupport(models.Model):
    """A member's support of an idea: one per person."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="supports"
    )
    person = models.ForeignKey(
        "networks.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="idea_supports",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="ideasupport_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.idea_id}"


class IdeaComment(TimeStampedModel):
    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        "networks.Person",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="idea_comments",
    )
    text = models.TextField(_("comment"), max_length=COMMENT_MAX)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.TextField(_("why hidden"), max_length=REASON_MAX, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None
