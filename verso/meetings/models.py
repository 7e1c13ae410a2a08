"""Meetings, their series and time polls, invitations, attendance, minutes, action items,
calendar feeds and the outgoing mail queue of a network."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verso.core.models import TimeStampedModel
from verso.meetings.choices import (
    LANGUAGE_CHOICES,
    Answer,
    ItemStatus,
    Kind,
    MailKind,
    MailStatus,
    Mode,
    PollStatus,
    Reply,
)
from verso.networks.choices import Competence
from verso.networks.models import Network, Organisation, Person

TITLE_MAX = 200


class Venue(models.Model):
    """Where a meeting or a series happens: a place, an online link, or both."""

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    mode = models.CharField(_("how"), max_length=16, choices=Mode.choices, default=Mode.IN_PERSON)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("meeting link"), max_length=500, blank=True)

    class Meta:
        abstract = True


class MeetingSeries(TimeStampedModel, Venue):
    """A recurring meeting (a round table every first Tuesday): an RFC 5545 rule."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    starts_at = models.DateTimeField(_("first meeting starts"))
    duration_minutes = models.PositiveIntegerField(_("length in minutes"), default=120)
    rrule = models.CharField(_("recurrence rule"), max_length=300)
    exdates = models.JSONField(_("dates left out"), default=list, blank=True)
    agenda = models.TextField(_("standing agenda"), max_length=5000, blank=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return self.title


class Meeting(TimeStampedModel, Venue):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    # The plan of the same network this meeting belongs to (the plan page lists it).
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    agenda = models.TextField(_("agenda"), max_length=5000, blank=True)
    # Trainings: the method taught and the competence area it builds.
    method = models.CharField(_("method taught"), max_length=50, blank=True)
    competence = models.CharField(
        _("competence area"), max_length=32, choices=Competence.choices, blank=True
    )
    # Minutes and attendance.
    notes = models.TextField(_("notes"), max_length=20000, blank=True)
    unnamed_clients = models.PositiveIntegerField(_("unnamed clients"), default=0)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["network", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class Material(TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    file = models.FileField(_("file"), upload_to="meetings/%Y/", max_length=300, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="material_file_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Invitation(TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("invited with organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    via = models.ForeignKey(
        Person,
        verbose_name=_("invited through"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The professional who brings a person without an e-mail address."),
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="fi")
    reply = models.CharField(
        _("reply"), max_length=16, choices=Reply.choices, default=Reply.PENDING
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)

    class Meta:
        ordering = ["person__display_name", "id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="invitation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.meeting}"


class Attendance(models.Model):
    """One person who came: a member (with or without an account) or a named guest."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    guest_name = models.CharField(_("guest's name"), max_length=100, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="attendance_once",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(guest_name=""),
                name="attendance_person_or_guest",
            ),
        ]

    def __str__(self) -> str:
        return self.guest_name or str(self.person_id)


class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.CharField(_("decision"), max_length=1000)

    class Meta:
        ordering = ["id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:60]


class ActionItem(TimeStampedModel):
    """What is done by next time, who does it (a person or an organisation) and by when."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("agreed at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    title = models.CharField(_("what"), max_length=300)
    owner_person = models.ForeignKey(
        Person,
        verbose_name=_("who (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("who (organisation)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_on = models.DateField(_("by when"))
    status = models.CharField(
        _("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.OPEN
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["network", "status", "due_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_name(self) -> str:
        if self.owner_person_id:
            return self.owner_person.display_name
        if self.owner_organisation_id:
            return self.owner_organisation.name
        return ""

    @property
    def is_overdue(self) -> bool:
        return self.status != ItemStatus.DONE and self.due_on < timezone.localdate()


class TimePoll(TimeStampedModel, Venue):
    """Slots for a meeting; voters answer yes / if need be / no; closing makes the meeting."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    duration_minutes = models.PositiveIntegerField(_("length in minutes"), default=120)
    status = models.CharField(
        _("status"), max_length=16, choices=PollStatus.choices, default=PollStatus.OPEN
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("time poll")
        verbose_name_plural = _("time polls")

    def __str__(self) -> str:
        return self.title


class PollSlot(models.Model):
    poll = models.ForeignKey(
        TimePoll, verbose_name=_("time poll"), on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts"))

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")

    def __str__(self) -> str:
        return self.starts_at.isoformat()


class PollVote(models.Model):
    slot = models.ForeignKey(
        PollSlot, verbose_name=_("time slot"), on_delete=models.CASCADE, related_name="votes"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    answer = models.CharField(_("answer"), max_length=16, choices=Answer.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["slot", "person"], name="vote_once_per_slot"),
        ]

    def __str__(self) -> str:
        return self.answer


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret in a user's private calendar address; a new one revokes the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user_id)


class OutgoingMail(TimeStampedModel):
    """A mail in the queue: sent by the worker, retried with back-off, kept when it fails."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MailKind.choices)
    to_email = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    ics = models.TextField(_("calendar attachment"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        indexes = [models.Index(fields=["network", "status"])]

    def __str__(self) -> str:
        return self.subject
