"""Activities, places, sign-ups and exhibition works of a network."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from verso.core.models import TimeStampedModel


class ActivityType(models.TextChoices):
    POP_UP = "pop_up", _("Pop-up")
    NATURE = "nature", _("Nature-based activity")
    PHOTO_EXHIBITION = "photo_exhibition", _("Photo exhibition")
    MUSIC = "music", _("Music performance")
    CRAFT_EXHIBITION = "craft_exhibition", _("Craft exhibition")
    PERFORMING_ARTS = "performing_arts", _("Performing-arts event")
    ROUND_TABLE = "round_table", _("Round table")
    OTHER = "other", _("Other")


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    RESCHEDULED = "rescheduled", _("Rescheduled")


PUBLIC_STATUSES = [
    ActivityStatus.PUBLISHED,
    ActivityStatus.CANCELLED,
    ActivityStatus.POSTPONED,
    ActivityStatus.RESCHEDULED,
]


class Recurrence(models.TextChoices):
    NONE = "", _("Does not repeat")
    WEEKLY = "weekly", _("Every week")


class Language(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")


class Setting(models.TextChoices):
    INDOOR = "indoor", _("Indoors")
    OUTDOOR = "outdoor", _("Outdoors")
    NATURE = "nature", _("In nature")


class Place(TimeStampedModel):
    """Where activities (and later meetings) happen, with the facts people need to come."""

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    setting = models.CharField(
        _("setting"), max_length=16, choices=Setting.choices, default=Setting.INDOOR
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    seating = models.BooleanField(_("places to sit"), default=False)
    sensory_friendly = models.BooleanField(_("sensory-friendly"), default=False)
    parking = models.BooleanField(_("parking nearby"), default=False)
    transport_distance_m = models.PositiveIntegerField(
        _("distance from public transport (metres)"), null=True, blank=True
    )
    safety_notes = models.TextField(
        _("safety notes"),
        max_length=2000,
        blank=True,
        help_text=_("For outdoor activity: clothing, weather, terrain."),
    )
    languages = models.JSONField(_("languages used"), default=list, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="events_place_coordinates_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_accessible(self) -> bool:
        return self.step_free and self.accessible_toilet


class Activity(TimeStampedModel):
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    type = models.CharField(_("type"), max_length=32, choices=ActivityType.choices)
    language = models.CharField(
        _("written in"), max_length=2, choices=Language.choices, default=Language.FI
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    # {"sv": {"title": …, "description": …}, "en": {…}}: optional versions in other languages
    translations = models.JSONField(_("other languages"), default=dict, blank=True)
    organisers = models.ManyToManyField(
        "networks.Organisation", verbose_name=_("organisers"), blank=True, related_name="+"
    )
    target_groups = models.JSONField(_("audience"), default=list, blank=True)
    age_min = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    recurrence = models.CharField(
        _("repeats"), max_length=16, choices=Recurrence.choices, default="", blank=True
    )
    recurrence_until = models.DateField(_("repeats until"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_activities",
    )
    # The trace idea → plan → activity: the plan this activity realises (plan.activities).
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan it realises"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.CharField(_("price"), max_length=200, blank=True)
    # Sign-up
    signup_enabled = models.BooleanField(_("sign-up"), default=False)
    signup_opens_at = models.DateTimeField(_("sign-up opens"), null=True, blank=True)
    signup_closes_at = models.DateTimeField(_("sign-up closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    waitlist_capacity = models.PositiveIntegerField(_("waiting-list places"), default=0)
    group_limit = models.PositiveSmallIntegerField(
        _("largest group"),
        default=1,
        help_text=_("How many people one sign-up may bring (a professional with a group)."),
    )
    # Exhibition: a call for works
    is_exhibition = models.BooleanField(_("call for works"), default=False)
    works_per_community = models.PositiveSmallIntegerField(_("works per community"), default=3)
    # After the activity, for the evaluation
    realised_taking_part = models.PositiveIntegerField(_("took part"), null=True, blank=True)
    realised_following = models.PositiveIntegerField(_("followed"), null=True, blank=True)
    realised_unnamed_clients = models.PositiveIntegerField(
        _("clients without names"), null=True, blank=True
    )
    realised_notes = models.TextField(_("what was realised"), max_length=2000, blank=True)
    outcome_recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="events_activity_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(group_limit__gte=1), name="events_activity_group_limit_positive"
            ),
            models.CheckConstraint(
                condition=Q(signup_opens_at__isnull=True)
                | Q(signup_closes_at__isnull=True)
                | Q(signup_closes_at__gte=F("signup_opens_at")),
                name="events_activity_signup_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """Shown on the public pages (the plans' and ideas' pages link only these for all)."""
        return self.status in PUBLIC_STATUSES

    def text_in(self, field: str, lang: str) -> str:
        """The title or description in ``lang``, if written in it."""
        if lang == self.language:
            return getattr(self, field)
        return (self.translations.get(lang) or {}).get(field, "")

    def localized(self, field: str, lang: str) -> str:
        return self.text_in(field, lang) or getattr(self, field)


class SignupKind(models.TextChoices):
    TAKE_PART = "take_part", _("Take part")
    FOLLOW = "follow", _("Follow")


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Signup(TimeStampedModel):
    """One sign-up: a person, or a professional with a group of N. No account needed."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="signups"
    )
    kind = models.CharField(
        _("how"), max_length=16, choices=SignupKind.choices, default=SignupKind.TAKE_PART
    )
    status = models.CharField(_("status"), max_length=16, choices=SignupStatus.choices)
    name = models.CharField(_("name or nickname"), max_length=100)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    # The e-mail or phone, normalised: one active sign-up per contact and activity.
    contact_key = models.CharField(max_length=254, blank=True)
    group_size = models.PositiveSmallIntegerField(_("people"), default=1)
    access_needs = models.TextField(_("access needs"), max_length=1000, blank=True)
    person = models.ForeignKey(
        "networks.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    idempotency_key = models.CharField(max_length=100, blank=True)
    language = models.CharField(max_length=8, default="fi")  # of the messages sent
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved from the waiting list"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    contact_removed_at = models.DateTimeField(_("contact removed"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "contact_key"],
                condition=~Q(contact_key="") & ~Q(status="cancelled"),
                name="events_signup_one_active_per_contact",
            ),
            models.UniqueConstraint(
                fields=["activity", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="events_signup_idempotency_key_once",
            ),
            models.CheckConstraint(
                condition=Q(group_size__gte=1), name="events_signup_group_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.activity_id})"

    @property
    def is_active(self) -> bool:
        return self.status != SignupStatus.CANCELLED


class WorkStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for curation")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Credit(models.TextChoices):
    NAME = "name", _("Name")
    NICKNAME = "nickname", _("Nickname")
    ANONYMOUS = "anonymous", _("Anonymous")


class Work(TimeStampedModel):
    """A work a community submits to an exhibition: one re-encoded image and its facts."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("exhibition"), on_delete=models.CASCADE, related_name="works"
    )
    community = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("work community"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    alt_text = models.CharField(
        _("alt text"),
        max_length=500,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    image = models.CharField(max_length=200)  # a storage name, served only through a view
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    creator = models.ForeignKey(
        "networks.Person",
        verbose_name=_("creator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    credit = models.CharField(
        _("credit"), max_length=16, choices=Credit.choices, default=Credit.NAME
    )
    credit_text = models.CharField(_("credit as shown"), max_length=100, blank=True)
    people_shown = models.ManyToManyField(
        "networks.Person", verbose_name=_("people shown"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=WorkStatus.choices, default=WorkStatus.SUBMITTED
    )
    curation_note = models.CharField(_("note"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("work")
        verbose_name_plural = _("works")

    def __str__(self) -> str:
        return self.title
