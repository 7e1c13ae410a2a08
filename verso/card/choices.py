"""The card's vocabularies: the only background a card carries, and the staff roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgeGroup(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    FROM_18 = "18_29", _("18–29")
    FROM_30 = "30_44", _("30–44")
    FROM_45 = "45_64", _("45–64")
    FROM_65 = "65_plus", _("65 or over")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other")


class LifeSituation(models.TextChoices):
    UNEMPLOYED = "unemployed", _("Unemployed")
    REHABILITATION = "rehabilitation", _("Rehabilitation or long sick leave")
    DISABILITY = "disability", _("Living with a disability")
    MENTAL_HEALTH = "mental_health", _("Mental health or substance use services")
    FAMILY = "family", _("Family with children on a low income")
    STUDENT = "student", _("Student")
    RETIRED = "retired", _("Retired")
    OTHER = "other", _("Other life situation")


class StaffRole(models.TextChoices):
    ADMIN = "admin", _("Scheme administrator")
    ISSUER = "issuer", _("Issuer")
    PROVIDER = "provider", _("Provider staff")


class CheckStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    UNKNOWN = "unknown", _("Unknown")
    MALFORMED = "malformed", _("Malformed")
    OTHER_SCHEME = "other_scheme", _("Not valid here")
