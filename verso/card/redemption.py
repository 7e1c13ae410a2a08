"""Cards: issuing, checking, redeeming, undoing a use, revoking and replacing.

Checks and redemptions take a bounded number of queries whatever the number of cards and
uses: a card is found by the unique digest of its code; a quota is one counter row per
offering and day, raised with a conditional UPDATE that holds under concurrency on SQLite
and PostgreSQL. Every check is in the audit trail with its result and without the code.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from verso.card import codes
from verso.card.choices import AgeGroup, CheckStatus, Gender, LifeSituation, StaffRole
from verso.card.models import Card, CardUse, IssuingUnit, Offering, Provider, QuotaCounter, Scheme
from verso.core.audit import audit_record
from verso.networks.services import network_coordinator

ALERT_WINDOW = 15 * 60  # seconds over which failed checks are counted


@dataclass(frozen=True)
class IssuedCard:
    """A new card with its secrets in clear: shown once, then only digests remain."""

    card: Card
    code: str
    link_token: str

    @property
    def code_display(self) -> str:
        return codes.display(self.code)


@dataclass(frozen=True)
class CheckResult:
    status: str
    message: str
    card: Card | None = None

    @property
    def is_valid(self) -> bool:
        return self.status == CheckStatus.VALID


# Issuing ------------------------------------------------------------------------------------


def _check_background(scheme: Scheme, age_group: str, gender: str, life_situation: str) -> None:
    if age_group not in AgeGroup.values:
        raise ValidationError({"age_group": _("Choose the holder's age group.")})
    if gender and (gender not in Gender.values or not scheme.asks_gender):
        raise ValidationError({"gender": _("Choose one of the genders, or leave it empty.")})
    if life_situation not in LifeSituation.values:
        raise ValidationError({"life_situation": _("Choose the holder's life situation.")})


def _new_card(*, scheme, unit, age_group, gender, life_situation, valid_until, replaces=None):
    for _attempt in range(5):
        secret = codes.NewCardSecret.generate()
        try:
            with transaction.atomic():
                card = Card.objects.create(
                    scheme=scheme,
                    unit=unit,
                    code_digest=codes.code_digest(secret.code),
                    link_digest=codes.link_digest(secret.link_token),
                    reference=codes.new_reference(),
                    age_group=age_group,
                    gender=gender or "",
                    life_situation=life_situation,
                    valid_until=valid_until,
                    replaces=replaces,
                )
        except IntegrityError:  # a card number drawn twice: draw again
            continue
        return IssuedCard(card=card, code=secret.code, link_token=secret.link_token)
    raise RuntimeError("could not draw a free card number")  # pragma: no cover


@transaction.atomic
def card_issue(
    *,
    actor,
    scheme: Scheme,
    unit: IssuingUnit | None,
    age_group: str,
    gender: str = "",
    life_situation: str,
) -> IssuedCard:
    """Issue a card for the holder's background only: no name, identity code or address."""
    if not scheme.is_active:
        raise ValidationError(_("This scheme is not active: no new cards are issued."))
    if unit is None or unit.scheme_id != scheme.pk:
        raise ValidationError({"unit": _("Choose the issuing unit.")})
    _check_background(scheme, age_group, gender, life_situation)
    valid_until = timezone.localdate() + datetime.timedelta(days=scheme.validity_days)
    issued = _new_card(
        scheme=scheme,
        unit=unit,
        age_group=age_group,
        gender=gender,
        life_situation=life_situation,
        valid_until=valid_until,
    )
    audit_record(
        actor=actor,
        action="card.issue",
        network=scheme.network,
        target=issued.card,
        summary=issued.card.reference,
    )
    return issued


@transaction.atomic
def card_revoke(*, actor, card: Card, replace: bool) -> IssuedCard | None:
    """Revoke a lost card: its code stops working at once; its uses stay in the statistics.
    With ``replace``, a new card with the same background and end date takes its place."""
    card = (
        Card.objects.select_for_update(of=("self",))
        .select_related("scheme__network", "unit")
        .get(pk=card.pk)
    )
    if card.revoked_at is not None:
        raise ValidationError({"reference": _("This card has already been revoked.")})
    card.revoked_at = timezone.now()
    card.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action="card.revoke",
        network=card.scheme.network,
        target=card,
        summary=card.reference,
        changes={"replaced": replace},
    )
    if not replace:
        return None
    issued = _new_card(
        scheme=card.scheme,
        unit=card.unit,
        age_group=card.age_group,
        gender=card.gender,
        life_situation=card.life_situation,
        valid_until=max(card.valid_until, timezone.localdate()),
        replaces=card,
    )
    audit_record(
        actor=actor,
        action="card.issue",
        network=card.scheme.network,
        target=issued.card,
        summary=issued.card.reference,
        changes={"replaces": card.reference},
    )
    return issued


# Checking -------------------------------------------------------------------------------------


def provider_must_have_joined(provider: Provider) -> None:
    if not provider.has_joined:
        raise ValidationError(
            {
                "code": _(
                    "%(provider)s has not joined the scheme: accept its terms on the "
                    "provider's page first."
                )
                % {"provider": provider.organisation.name}
            }
        )


def _evaluate(provider: Provider, code_text: str) -> CheckResult:
    try:
        code = codes.normalise(code_text)
    except codes.MalformedCode as error:
        if error.wrong_check:
            message = _("The code has a typo: its check character does not match.")
        else:
            message = _("This is not a card code. A code has 17 letters and digits.")
        return CheckResult(CheckStatus.MALFORMED, message)
    card = Card.objects.filter(code_digest=codes.code_digest(code)).first()
    if card is None:
        return CheckResult(
            CheckStatus.UNKNOWN, _("No card has this code. Check the code and try again.")
        )
    if card.scheme_id != provider.scheme_id:
        return CheckResult(
            CheckStatus.OTHER_SCHEME,
            _("This card belongs to another scheme: it is not valid at %(provider)s.")
            % {"provider": provider.organisation.name},
        )
    if card.revoked_at is not None:
        return CheckResult(
            CheckStatus.REVOKED, _("This card has been revoked. It cannot be used."), card
        )
    if card.valid_until < timezone.localdate():
        return CheckResult(
            CheckStatus.EXPIRED,
            _("This card expired on %(date)s.") % {"date": date_format(card.valid_until)},
            card,
        )
    return CheckResult(
        CheckStatus.VALID,
        _("The card is valid until %(date)s.") % {"date": date_format(card.valid_until)},
        card,
    )


def card_check(*, actor, provider: Provider, code: str, via: str = "web") -> CheckResult:
    """Check a code for a provider: valid, expired, revoked, unknown or malformed. The
    check is audited (result, card number, never the code); repeated failures alert the
    scheme's administrators."""
    provider_must_have_joined(provider)
    result = _evaluate(provider, code)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="card.check",
            network=provider.scheme.network,
            target_type="card.card",
            target_id=str(result.card.pk) if result.card else "",
            summary=result.status,
            changes={"result": result.status, "provider": provider.pk, "via": via},
        )
    if result.status in (CheckStatus.MALFORMED, CheckStatus.UNKNOWN, CheckStatus.OTHER_SCHEME):
        _count_failure(actor, provider)
    return result


def _count_failure(actor, provider: Provider) -> None:
    key = f"verso.card.failed.{provider.pk}"
    cache.add(key, 0, ALERT_WINDOW)
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, ALERT_WINDOW)
        failures = 1
    if failures == settings.VERSO_CARD_ALERT_FAILED_CHECKS:
        _alert_admins(actor, provider, failures)


def scheme_admin_emails(scheme: Scheme) -> list[str]:
    emails = set(
        scheme.staff.filter(role=StaffRole.ADMIN, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )
    if scheme.network_id:
        coordinator = network_coordinator(scheme.network)
        user = coordinator.person.user if coordinator else None
        if user is not None and user.is_active:
            emails.add(user.email)
    return sorted(emails)


def _alert_admins(actor, provider: Provider, failures: int) -> None:
    scheme = provider.scheme
    recipients = scheme_admin_emails(scheme)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="card.alert",
            network=scheme.network,
            target=provider,
            summary=provider.organisation.name,
            changes={"failed_checks": failures, "minutes": ALERT_WINDOW // 60},
        )
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Repeated failed card checks at %(provider)s") % {
            "provider": provider.organisation.name
        }
        body = _(
            "%(count)s card checks failed at %(provider)s in the scheme %(scheme)s within "
            "%(minutes)s minutes. Someone may be guessing codes. The audit trail shows the "
            "checks; you can revoke the provider's API tokens on its page."
        ) % {
            "count": failures,
            "provider": provider.organisation.name,
            "scheme": scheme.name,
            "minutes": ALERT_WINDOW // 60,
        }
    send_mail(subject, body, None, recipients, fail_silently=True)


# Redeeming ------------------------------------------------------------------------------------


def _check_use(provider: Provider, offering: Offering, children: int, adults: int) -> None:
    if offering is None or offering.provider_id != provider.pk or not offering.is_active:
        raise ValidationError({"offering": _("Choose one of your organisation's offerings.")})
    if not isinstance(children, int) or children < 0:
        raise ValidationError({"children": _("Give the number of children as 0 or more.")})
    if children > provider.scheme.max_children:
        raise ValidationError(
            {
                "children": _("At most %(count)s children under 16 come free with the holder.")
                % {"count": provider.scheme.max_children}
            }
        )
    allowed_adults = 1 if provider.adult_companion_allowed else 0
    if not isinstance(adults, int) or not 0 <= adults <= allowed_adults:
        raise ValidationError(
            {
                "adults": _("One adult companion comes free here.")
                if allowed_adults
                else _("An adult companion does not come free at this provider.")
            }
        )


def _take_places(offering: Offering, day: datetime.date, people: int) -> None:
    if offering.daily_quota is None:
        return
    counter, _created = QuotaCounter.objects.get_or_create(offering=offering, day=day)
    taken = QuotaCounter.objects.filter(
        pk=counter.pk, taken__lte=offering.daily_quota - people
    ).update(taken=F("taken") + people)
    if not taken:
        raise ValidationError(
            {
                "offering": _(
                    "The day's places for %(offering)s are taken: the quota of %(quota)s is full."
                )
                % {"offering": offering.title, "quota": offering.daily_quota}
            }
        )


def card_redeem(
    *,
    actor,
    provider: Provider,
    code: str,
    offering: Offering | None,
    children: int = 0,
    adults: int = 0,
    idempotency_key: str = "",
    via: str = "web",
) -> tuple[CardUse, bool]:
    """Record a use: (the use, whether it is new). A redemption sent again with the same
    idempotency key (a resend after a lost answer, the same form sent twice) returns the
    use recorded the first time. A refused redemption leaves only its failed check."""
    idempotency_key = (idempotency_key or "").strip()
    if len(idempotency_key) > 80:
        raise ValidationError({"idempotency_key": _("The idempotency key is too long.")})
    if idempotency_key:
        earlier = CardUse.objects.filter(provider=provider, idempotency_key=idempotency_key).first()
        if earlier is not None:
            return earlier, False
    _check_use(provider, offering, children, adults)
    result = card_check(actor=actor, provider=provider, code=code, via=via)
    if not result.is_valid:
        raise ValidationError({"code": result.message})
    card = result.card
    today = timezone.localdate()
    people = 1 + children + adults
    try:
        with transaction.atomic():
            _take_places(offering, today, people)
            use = CardUse.objects.create(
                card=card,
                offering=offering,
                provider=provider,
                used_on=today,
                holders=1,
                children=children,
                adults=adults,
                idempotency_key=idempotency_key,
            )
            audit_record(
                actor=actor,
                action="card.use",
                network=provider.scheme.network,
                target=use,
                summary=offering.title_fi,
                changes={"card": card.pk, "people": people, "via": via},
            )
    except IntegrityError:
        earlier = (
            CardUse.objects.filter(provider=provider, idempotency_key=idempotency_key).first()
            if idempotency_key
            else None
        )
        if earlier is None:
            raise
        return earlier, False
    return use, True


def undo_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.VERSO_CARD_UNDO_MINUTES)


@transaction.atomic
def use_undo(*, actor, provider: Provider, use: CardUse) -> CardUse:
    """Undo a mistaken use within the window, by the provider that recorded it; its places
    return to the day's quota."""
    use = CardUse.objects.select_for_update(of=("self",)).select_related("offering").get(pk=use.pk)
    if use.provider_id != provider.pk:
        raise ValidationError(_("Only the provider that recorded a use can undo it."))
    if use.undone_at is not None:
        raise ValidationError(_("This use has already been undone."))
    if timezone.now() - use.used_at > undo_window():
        raise ValidationError(
            _("A use can be undone within %(minutes)s minutes only.")
            % {"minutes": settings.VERSO_CARD_UNDO_MINUTES}
        )
    use.undone_at = timezone.now()
    use.save(update_fields=["undone_at"])
    if use.offering.daily_quota is not None:
        QuotaCounter.objects.filter(
            offering=use.offering, day=use.used_on, taken__gte=use.people
        ).update(taken=F("taken") - use.people)
    audit_record(
        actor=actor,
        action="card.use_undo",
        network=provider.scheme.network,
        target=use,
        summary=use.offering.title_fi,
    )
    return use
