"""The Nature & Creativity card: schemes, issuing units, providers, offerings, cards, uses.

A card carries no name, identity code or address: only the statistical background the
scheme asks (age group, optional gender, life situation). Its code and its holder's secret
link are stored as keyed digests only (``verso.card.codes``); the code in clear exists
only on the printed card and on the holder's page.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from verso.card.choices import AgeGroup, Gender, LifeSituation, StaffRole
from verso.core.models import TimeStampedModel

NAME_MAX = 200


class Scheme(TimeStampedModel):
    """A card scheme, run by a network or installation-wide (network empty)."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="card_schemes",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    area = models.CharField(_("area"), max_length=200)
    validity_days = models.PositiveSmallIntegerField(
        _("validity of a card (days)"),
        default=365,
        help_text=_("How long a card is valid from the day it is issued."),
    )
    max_children = models.PositiveSmallIntegerField(
        _("children under 16 with the holder"),
        default=4,
        help_text=_("How many children under 16 may come free with the holder."),
    )
    asks_gender = models.BooleanField(
        _("ask the holder's gender"),
        default=True,
        help_text=_("Gender is always optional for the holder."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("card scheme")
        verbose_name_plural = _("card schemes")

    def __str__(self) -> str:
        return self.name


class SchemeTerms(models.Model):
    """One version of the scheme's terms for providers; a new version is a new row."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("card scheme"), on_delete=models.CASCADE, related_name="terms"
    )
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("terms"), max_length=10_000)
    created_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        ordering = ["scheme_id", "-version"]
        verbose_name = _("terms")
        verbose_name_plural = _("terms")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "version"], name="card_terms_one_version")
        ]

    def __str__(self) -> str:
        return f"{self.scheme} v{self.version}"


class IssuingUnit(models.Model):
    """An organisation (usually a social or health unit) whose staff issue cards."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("card scheme"), on_delete=models.CASCADE, related_name="units"
    )
    organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="card_units",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "id"]
        verbose_name = _("issuing unit")
        verbose_name_plural = _("issuing units")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "organisation"], name="card_unit_once")
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Provider(models.Model):
    """An organisation that offers free services to the scheme's card holders. It has
    joined when it has accepted a version of the terms and named a contact person."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("card scheme"), on_delete=models.CASCADE, related_name="providers"
    )
    organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="card_providers",
    )
    adult_companion_allowed = models.BooleanField(
        _("an adult companion comes free"),
        default=False,
        help_text=_("Whether the holder may bring one adult companion free of charge."),
    )
    contact = models.ForeignKey(
        "networks.Person",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="card_provider_contacts",
    )
    accepted_terms = models.ForeignKey(
        SchemeTerms,
        verbose_name=_("accepted terms"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "id"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "organisation"], name="card_provider_once")
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def has_joined(self) -> bool:
        return self.accepted_terms_id is not None


class Staff(models.Model):
    """Who acts for which organisation in a scheme: administrator, issuer, provider staff."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("card scheme"), on_delete=models.CASCADE, related_name="staff"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="card_staff",
    )
    organisation = models.ForeignKey(
        "networks.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=16, choices=StaffRole.choices)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["scheme_id", "role", "id"]
        verbose_name = _("card staff")
        verbose_name_plural = _("card staff")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "user", "organisation", "role"], name="card_staff_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Offering(TimeStampedModel):
    """A free service a provider offers to card holders; a public page in fi/sv/en."""

    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.CASCADE, related_name="offerings"
    )
    title_fi = models.CharField(_("title in Finnish"), max_length=NAME_MAX)
    title_sv = models.CharField(_("title in Swedish"), max_length=NAME_MAX, blank=True)
    title_en = models.CharField(_("title in English"), max_length=NAME_MAX, blank=True)
    description_fi = models.TextField(_("description in Finnish"), max_length=3000, blank=True)
    description_sv = models.TextField(_("description in Swedish"), max_length=3000, blank=True)
    description_en = models.TextField(_("description in English"), max_length=3000, blank=True)
    place = models.CharField(_("place"), max_length=200)
    # Optionally the place in the network's directory (events' places), for its
    # accessibility facts; the free text above stays for places outside the directory.
    venue = models.ForeignKey(
        "events.Place",
        verbose_name=_("place in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    schedule = models.CharField(
        _("when"), max_length=300, help_text=_("For example: Tuesdays 10–12, June–August.")
    )
    daily_quota = models.PositiveIntegerField(
        _("places per day"),
        null=True,
        blank=True,
        help_text=_("Card holders and companions per day; empty for no limit."),
    )
    booking_needed = models.BooleanField(_("booking needed"), default=False)
    booking_info = models.CharField(_("how to book"), max_length=300, blank=True)
    is_active = models.BooleanField(_("shown and in use"), default=True)

    class Meta:
        ordering = ["title_fi", "id"]
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")

    def __str__(self) -> str:
        return self.title

    def _localised(self, stem: str) -> str:
        language = (get_language() or "fi")[:2]
        return getattr(self, f"{stem}_{language}", "") or getattr(self, f"{stem}_fi")

    @property
    def title(self) -> str:
        return self._localised("title")

    @property
    def description(self) -> str:
        return self._localised("description")


class Card(models.Model):
    """An issued card. No name, identity code or address: the code and the secret link
    are kept as keyed digests; the background only for statistics."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("card scheme"), on_delete=models.PROTECT, related_name="cards"
    )
    unit = models.ForeignKey(
        IssuingUnit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="cards"
    )
    code_digest = models.CharField(max_length=64, unique=True)
    link_digest = models.CharField(max_length=64, unique=True)
    reference = models.CharField(_("card number"), max_length=12, unique=True)
    age_group = models.CharField(_("age group"), max_length=16, choices=AgeGroup.choices)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, blank=True)
    life_situation = models.CharField(
        _("life situation"), max_length=32, choices=LifeSituation.choices
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    valid_until = models.DateField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("card")
        verbose_name_plural = _("cards")
        indexes = [models.Index(fields=["scheme", "issued_at"], name="card_scheme_issued")]

    def __str__(self) -> str:
        return self.reference

    def is_valid_on(self, day) -> bool:
        return self.revoked_at is None and day <= self.valid_until


class CardUse(models.Model):
    """One recorded use of a card: which offering, the holder and how many companions."""

    card = models.ForeignKey(
        Card, verbose_name=_("card"), on_delete=models.PROTECT, related_name="uses"
    )
    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), on_delete=models.PROTECT, related_name="uses"
    )
    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="uses"
    )
    used_on = models.DateField(_("day"))
    used_at = models.DateTimeField(_("recorded"), default=timezone.now)
    holders = models.PositiveSmallIntegerField(_("holders"), default=1)
    children = models.PositiveSmallIntegerField(_("children under 16"), default=0)
    adults = models.PositiveSmallIntegerField(_("adult companions"), default=0)
    idempotency_key = models.CharField(max_length=80, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        ordering = ["-used_at", "-id"]
        verbose_name = _("card use")
        verbose_name_plural = _("card uses")
        indexes = [models.Index(fields=["provider", "used_on"], name="card_use_provider_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="card_use_idempotent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.offering_id} {self.used_on}"

    @property
    def people(self) -> int:
        return self.holders + self.children + self.adults


class QuotaCounter(models.Model):
    """Places taken of an offering's daily quota: one row per offering and day, raised
    with a conditional UPDATE so that concurrent redemptions never exceed the quota."""

    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"))
    taken = models.PositiveIntegerField(_("places taken"), default=0)

    class Meta:
        verbose_name = _("quota counter")
        verbose_name_plural = _("quota counters")
        constraints = [
            models.UniqueConstraint(fields=["offering", "day"], name="card_quota_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.offering_id} {self.day}: {self.taken}"


class ProviderToken(models.Model):
    """An API token of one provider, for its own systems. Only a SHA-256 digest is kept."""

    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.CASCADE, related_name="tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("provider token")
        verbose_name_plural = _("provider tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"
