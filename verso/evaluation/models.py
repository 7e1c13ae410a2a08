"""Feedback on activities and meetings (anonymous answers on a smiley scale, from phones
or entered from paper) and the coordination group's evaluation after the activity."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from verso.core.models import TimeStampedModel

RATINGS = (1, 2, 3, 4, 5)
TEXT_MAX = 2000


def new_code() -> str:
    return secrets.token_urlsafe(6)[:8]


def new_token() -> str:
    return secrets.token_urlsafe(16)


class Rating(models.IntegerChoices):
    """The smiley scale: each face carries a word, so that the scale is not in the picture
    only."""

    VERY_BAD = 1, pgettext_lazy("feedback face", "Very bad")
    BAD = 2, pgettext_lazy("feedback face", "Bad")
    OK = 3, pgettext_lazy("feedback face", "Okay")
    GOOD = 4, pgettext_lazy("feedback face", "Good")
    VERY_GOOD = 5, pgettext_lazy("feedback face", "Very good")


class FeedbackLink(TimeStampedModel):
    """One feedback collection: the short link and QR code of an activity or a meeting."""

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
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
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    code = models.CharField(_("short code"), max_length=16, unique=True, default=new_code)
    one_per_link = models.BooleanField(
        _("one answer per personal link"),
        default=False,
        help_text=_(
            "Each participant gets a link of their own that takes one answer; the shared "
            "link and QR code take none."
        ),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    requests_sent_at = models.DateTimeField(_("feedback requests sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feedback link")
        verbose_name_plural = _("feedback links")
        constraints = [
            models.CheckConstraint(
                condition=Q(activity__isnull=False, meeting__isnull=True)
                | Q(activity__isnull=True, meeting__isnull=False),
                name="evaluation_link_activity_or_meeting",
            ),
            models.UniqueConstraint(
                fields=["activity"],
                condition=Q(activity__isnull=False),
                name="evaluation_one_link_per_activity",
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(meeting__isnull=False),
                name="evaluation_one_link_per_meeting",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class FeedbackToken(models.Model):
    """A personal link that takes one answer. It does not say whose it is, and the answer
    does not say which link it came through."""

    link = models.ForeignKey(
        FeedbackLink, verbose_name=_("feedback link"), on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(_("token"), max_length=32, unique=True, default=new_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("personal feedback link")
        verbose_name_plural = _("personal feedback links")

    def __str__(self) -> str:
        return f"{self.link_id}/{self.pk}"


class FeedbackAnswer(models.Model):
    """One anonymous answer. A name is kept only when the person chose to give one."""

    link = models.ForeignKey(
        FeedbackLink,
        verbose_name=_("feedback link"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        choices=Rating.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    text = models.TextField(_("in your own words"), max_length=TEXT_MAX, blank=True)
    name = models.CharField(_("name (if you want to give it)"), max_length=100, blank=True)
    on_paper = models.BooleanField(_("from paper"), default=False)
    language = models.CharField(_("language"), max_length=2, blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="evaluation_rating_1_to_5"
            ),
        ]
        indexes = [
            # The results' one aggregate reads this index alone; the raw answers (API) come
            # newest first from the second; the newest words from the third, which holds only
            # the answers with words (most have none, and without the condition the results
            # page scanned every answer of the link to find them).
            models.Index(fields=["link", "rating", "on_paper"], name="evaluation_answer_results"),
            models.Index(fields=["link", "created_at"], name="evaluation_answer_newest"),
            models.Index(
                fields=["link", "created_at"],
                condition=~Q(text=""),
                name="evaluation_answer_words",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.link_id}: {self.rating}"


class FeedbackRequest(models.Model):
    """That a sign-up's contact was sent a feedback link (one per sign-up and link). It
    does not say which personal link was sent."""

    link = models.ForeignKey(
        FeedbackLink, verbose_name=_("feedback link"), on_delete=models.CASCADE, related_name="+"
    )
    signup = models.ForeignKey(
        "events.Signup", verbose_name=_("sign-up"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")
        constraints = [
            models.UniqueConstraint(fields=["link", "signup"], name="evaluation_one_request"),
        ]

    def __str__(self) -> str:
        return f"{self.link_id}: {self.signup_id}"


class GoalMet(models.TextChoices):
    YES = "yes", pgettext_lazy("goal met", "Yes")
    PARTLY = "partly", pgettext_lazy("goal met", "Partly")
    NO = "no", pgettext_lazy("goal met", "No")


class Decision(models.TextChoices):
    CONTINUE = "continue", pgettext_lazy("evaluation decision", "Continue")
    CHANGE = "change", pgettext_lazy("evaluation decision", "Change")
    STOP = "stop", pgettext_lazy("evaluation decision", "Stop")


class Evaluation(TimeStampedModel):
    """The coordination group's structured evaluation after an activity or a meeting."""

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    activity = models.ForeignKey(
        "events.Activity",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("what was evaluated"), max_length=200)
    evaluated_on = models.DateField(_("evaluated on"))
    goal_met = models.CharField(_("was the goal met"), max_length=8, choices=GoalMet.choices)
    worked = models.TextField(_("what worked"), max_length=TEXT_MAX)
    did_not_work = models.TextField(_("what did not work"), max_length=TEXT_MAX, blank=True)
    participants_said = models.TextField(
        _("what participants said"), max_length=TEXT_MAX, blank=True
    )
    decision = models.CharField(
        _("continue, change or stop"), max_length=8, choices=Decision.choices
    )
    next_step = models.CharField(_("next step"), max_length=200, blank=True)
    action_item = models.ForeignKey(
        "meetings.ActionItem",
        verbose_name=_("action item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-evaluated_on", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        indexes = [models.Index(fields=["network", "evaluated_on"])]

    def __str__(self) -> str:
        return self.title


# Validated instruments and pre/post measurement ----------------------------------------------


class ImmutableError(Exception):
    pass


class Instrument(models.Model):
    """A validated instrument the operator imported from a definition file. Its wording may
    not change: an imported instrument is never edited, a new version is a new import."""

    key = models.SlugField(_("key"), max_length=60)
    version = models.CharField(_("version"), max_length=30)
    title = models.JSONField(_("title"))  # {"fi": …, "sv": …, "en": …}
    description = models.JSONField(_("description"), default=dict, blank=True)
    scale_points = models.PositiveSmallIntegerField(_("scale points"))
    scale_labels = models.JSONField(_("scale labels"))  # {"fi": [..], "sv": [..], "en": [..]}
    items = models.JSONField(_("items"))  # [{"key", "text": {fi, sv, en}, "reverse": bool}]
    scoring = models.CharField(_("scoring rule"), max_length=30)
    min_items = models.PositiveSmallIntegerField(_("minimum items answered"))
    source = models.TextField(_("source"), max_length=2000)
    licence = models.TextField(_("licence note"), max_length=2000)
    digest = models.CharField(_("file digest"), max_length=64)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["key", "-imported_at", "-id"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"], name="evaluation_instrument_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.localized_title()} ({self.version})"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise ImmutableError(
                _("An imported instrument cannot be changed: import a new version instead.")
            )
        super().save(*args, **kwargs)

    def localized_title(self, lang: str = "") -> str:
        from django.utils import translation

        lang = lang or (translation.get_language() or "fi")[:2]
        return self.title.get(lang) or self.title.get("fi") or self.key


class Measurement(TimeStampedModel):
    """A pre/post measurement of a network with an instrument: an opening answer when a
    person starts, a follow-up at the end, paired by a code the person keeps."""

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    code = models.CharField(_("short code"), max_length=16, unique=True, default=new_code)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pre/post measurement")
        verbose_name_plural = _("pre/post measurements")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Phase(models.TextChoices):
    PRE = "pre", _("At the start")
    POST = "post", _("At the end")


class InstrumentResponse(models.Model):
    """One person's answers at the start or at the end. ``pair`` is a keyed digest of the
    code the person keeps: it pairs their two answers and names no one."""

    measurement = models.ForeignKey(
        Measurement,
        verbose_name=_("measurement"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    phase = models.CharField(_("phase"), max_length=4, choices=Phase.choices)
    pair = models.CharField(_("pairing digest"), max_length=64)
    values = models.JSONField(_("answers"))  # {"item key": 1…scale points}
    answered_items = models.PositiveSmallIntegerField(_("items answered"))
    score = models.FloatField(_("score (0–100)"), null=True, blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("instrument answer")
        verbose_name_plural = _("instrument answers")
        constraints = [
            models.UniqueConstraint(
                fields=["measurement", "phase", "pair"], name="evaluation_one_answer_per_phase"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="evaluation_score_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measurement_id}: {self.phase}"


# Questionnaires ----------------------------------------------------------------------------------


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")


class Questionnaire(TimeStampedModel):
    """A questionnaire of a network, or a template: a network's own (``is_template``) or
    installation-wide (no network; made by the operator)."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), max_length=2000, blank=True)
    is_template = models.BooleanField(_("template"), default=False)
    code = models.CharField(_("short code"), max_length=16, unique=True, default=new_code)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.CheckConstraint(
                condition=Q(network__isnull=False) | Q(is_template=True),
                name="evaluation_questionnaire_network_or_template",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and not self.is_template


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=8, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    options = models.JSONField(_("options"), default=list, blank=True)

    class Meta:
        ordering = ["questionnaire", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text


class QuestionnaireResponse(models.Model):
    """One anonymous answer to a questionnaire; a name only if the person gave one."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    name = models.CharField(_("name (if you want to give it)"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")

    def __str__(self) -> str:
        return f"{self.questionnaire_id}/{self.pk}"


class QuestionAnswer(models.Model):
    """An answer to one question: a scale point or an option's number (one row per chosen
    option of a multiple choice), or text."""

    response = models.ForeignKey(
        QuestionnaireResponse,
        verbose_name=_("answer"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveSmallIntegerField(_("point or option"), null=True, blank=True)
    text = models.TextField(_("text"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("answer to a question")
        verbose_name_plural = _("answers to questions")
        indexes = [models.Index(fields=["question", "number"], name="evaluation_qanswer_counts")]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.number}"
