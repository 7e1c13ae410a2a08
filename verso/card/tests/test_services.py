import datetime
import itertools

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from verso.card import codes, redemption, services
from verso.card.choices import AgeGroup, CheckStatus, LifeSituation, StaffRole
from verso.card.models import Card, CardUse, QuotaCounter
from verso.card.tests.factories import card_world
from verso.core.models import AuditEntry
from verso.networks.services import organisation_create

pytestmark = pytest.mark.django_db


# Codes -----------------------------------------------------------------------------------------


def test_a_new_code_is_17_characters_of_the_alphabet_and_checks_out():
    secret = codes.NewCardSecret.generate()
    assert len(secret.code) == 17
    assert set(secret.code) <= set(codes.ALPHABET)
    assert codes.is_valid(secret.code)
    assert not set("ILOU") & set(codes.ALPHABET)


def test_every_single_mistyped_character_is_caught_by_the_check_character():
    code = codes.NewCardSecret.generate().code
    for position, char in itertools.product(range(len(code)), codes.ALPHABET):
        if char != code[position]:
            typo = code[:position] + char + code[position + 1 :]
            with pytest.raises(codes.MalformedCode):
                codes.normalise(typo)


def test_typing_is_forgiving_about_case_separators_and_look_alikes():
    code = "0" * 16
    code += codes.check_character(code)
    assert codes.normalise("oooo-oooo oooo-oooo" + code[-1].lower()) == code


@pytest.mark.parametrize("text", ["", "abc", "x" * 65, "!" * 17, "0" * 18, None])
def test_what_is_not_a_code_is_malformed(text):
    with pytest.raises(codes.MalformedCode) as error:
        codes.normalise(text)
    assert not error.value.wrong_check


def test_the_database_keeps_only_keyed_digests_of_the_code_and_link(world):
    cw = card_world(world)
    card = Card.objects.get(pk=cw.issued.card.pk)
    row = str(Card.objects.filter(pk=card.pk).values().get())
    assert cw.code not in row and cw.issued.link_token not in row
    assert card.code_digest == codes.code_digest(cw.code)
    assert codes.code_for_link(cw.issued.link_token) == cw.code


# Issuing ---------------------------------------------------------------------------------------


def test_issuing_keeps_only_the_background_and_sets_the_validity(world):
    cw = card_world(world)
    card = cw.issued.card
    assert card.valid_until == timezone.localdate() + datetime.timedelta(days=365)
    assert (card.age_group, card.gender, card.life_situation) == ("30_44", "", "unemployed")
    names = {f.name for f in Card._meta.concrete_fields}
    assert not names & {"name", "identity_code", "address", "email", "phone"}


@pytest.mark.parametrize(
    ("field", "value"),
    [("age_group", "baby"), ("gender", "robot"), ("life_situation", ""), ("life_situation", "x")],
)
def test_issuing_refuses_an_unknown_background(world, field, value):
    cw = card_world(world)
    before = Card.objects.count()
    kwargs = {"age_group": AgeGroup.FROM_18, "gender": "", "life_situation": "student"}
    kwargs[field] = value
    with pytest.raises(ValidationError) as error:
        redemption.card_issue(actor=world.professional, scheme=cw.scheme, unit=cw.unit, **kwargs)
    assert field in error.value.message_dict
    assert Card.objects.count() == before


def test_an_issuer_must_work_in_an_issuing_unit(world):
    cw = card_world(world)
    other = organisation_create(actor=None, name="Gym", sector="sports_leisure")
    with pytest.raises(ValidationError) as error:
        services.staff_add(
            actor=world.coordinator,
            scheme=cw.scheme,
            user=world.client,
            organisation=other,
            role=StaffRole.ISSUER,
        )
    assert "issuing unit" in str(error.value)


# Checking and redeeming -----------------------------------------------------------------------


def test_a_check_says_valid_and_is_audited_without_the_code(world):
    cw = card_world(world)
    result = redemption.card_check(actor=world.group, provider=cw.provider, code=cw.code)
    assert result.status == CheckStatus.VALID
    entry = AuditEntry.objects.filter(action="card.check").latest("pk")
    assert entry.changes["result"] == "valid"
    dumped = str(AuditEntry.objects.values_list("summary", "changes", "target_id"))
    assert cw.code not in dumped and codes.display(cw.code) not in dumped


@pytest.mark.parametrize(
    ("code", "status", "message"),
    [
        ("not a code", CheckStatus.MALFORMED, "not a card code"),
        ("0000000000000000" + "1", CheckStatus.MALFORMED, "check character"),
        ("0" * 17, CheckStatus.UNKNOWN, "No card has this code"),
    ],
)
def test_a_bad_code_gets_a_clear_answer(world, code, status, message):
    cw = card_world(world)
    result = redemption.card_check(actor=world.group, provider=cw.provider, code=code)
    assert result.status == status and message in result.message


def test_an_expired_card_is_expired(world):
    cw = card_world(world)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=400)):
        result = redemption.card_check(actor=world.group, provider=cw.provider, code=cw.code)
    assert result.status == CheckStatus.EXPIRED and "expired on" in result.message


def test_a_provider_that_has_not_joined_cannot_check(world):
    cw = card_world(world)
    gym = organisation_create(actor=None, name="Gym", sector="sports_leisure")
    provider = services.provider_add(actor=world.coordinator, scheme=cw.scheme, organisation=gym)
    with pytest.raises(ValidationError) as error:
        redemption.card_check(actor=world.group, provider=provider, code=cw.code)
    assert "has not joined the scheme" in str(error.value)


def test_a_card_of_another_scheme_is_not_valid_here(world):
    cw = card_world(world)
    other = services.scheme_create(
        actor=world.outsider, network=world.other_network, name="Other", area="X", terms="T"
    )
    provider = services.provider_add(
        actor=world.outsider, scheme=other, organisation=world.organisation
    )
    services.staff_add(
        actor=world.outsider,
        scheme=other,
        user=world.outsider,
        organisation=world.organisation,
        role=StaffRole.PROVIDER,
    )
    provider = services.provider_join(
        actor=world.outsider,
        provider=provider,
        terms_version=1,
        contact=world.outsider.person,
        adult_companion_allowed=False,
    )
    result = redemption.card_check(actor=world.outsider, provider=provider, code=cw.code)
    assert result.status == CheckStatus.OTHER_SCHEME


def test_redeeming_records_a_use_with_companions(world):
    cw = card_world(world)
    use, is_new = redemption.card_redeem(
        actor=world.group,
        provider=cw.provider,
        code=codes.display(cw.code).lower(),
        offering=cw.offering,
        children=2,
        adults=1,
    )
    assert is_new and use.people == 4
    assert AuditEntry.objects.filter(action="card.use", target_id=str(use.pk)).exists()


@pytest.mark.parametrize(
    ("children", "adults", "field"), [(4, 0, "children"), (-1, 0, "children"), (0, 2, "adults")]
)
def test_companions_over_the_rule_are_refused_and_nothing_is_recorded(
    world, children, adults, field
):
    cw = card_world(world)
    with pytest.raises(ValidationError) as error:
        redemption.card_redeem(
            actor=world.group,
            provider=cw.provider,
            code=cw.code,
            offering=cw.offering,
            children=children,
            adults=adults,
        )
    assert field in error.value.message_dict
    assert not CardUse.objects.exists()


def test_the_quota_stops_the_third_use_of_the_day(world):
    cw = card_world(world)
    for _ in range(2):
        redemption.card_redeem(
            actor=world.group, provider=cw.provider, code=cw.code, offering=cw.quota_offering
        )
    with pytest.raises(ValidationError) as error:
        redemption.card_redeem(
            actor=world.group, provider=cw.provider, code=cw.code, offering=cw.quota_offering
        )
    assert "quota of 2 is full" in str(error.value)
    assert CardUse.objects.filter(offering=cw.quota_offering).count() == 2
    assert QuotaCounter.objects.get(offering=cw.quota_offering).taken == 2


def test_a_resent_redemption_is_recorded_once(world):
    cw = card_world(world)
    first, new1 = redemption.card_redeem(
        actor=world.group,
        provider=cw.provider,
        code=cw.code,
        offering=cw.quota_offering,
        idempotency_key="k-1",
    )
    again, new2 = redemption.card_redeem(
        actor=world.group,
        provider=cw.provider,
        code=cw.code,
        offering=cw.quota_offering,
        idempotency_key="k-1",
    )
    assert (new1, new2) == (True, False) and first.pk == again.pk
    assert QuotaCounter.objects.get(offering=cw.quota_offering).taken == 1


def test_a_mistaken_use_is_undone_within_the_window_and_frees_its_place(world):
    cw = card_world(world)
    use, _new = redemption.card_redeem(
        actor=world.group, provider=cw.provider, code=cw.code, offering=cw.quota_offering
    )
    redemption.use_undo(actor=world.group, provider=cw.provider, use=use)
    assert CardUse.objects.get(pk=use.pk).undone_at is not None
    assert QuotaCounter.objects.get(offering=cw.quota_offering).taken == 0
    with pytest.raises(ValidationError, match="already been undone"):
        redemption.use_undo(actor=world.group, provider=cw.provider, use=use)


def test_a_use_cannot_be_undone_after_the_window(world):
    cw = card_world(world)
    use, _new = redemption.card_redeem(
        actor=world.group, provider=cw.provider, code=cw.code, offering=cw.offering
    )
    later = timezone.now() + datetime.timedelta(minutes=16)
    with time_machine.travel(later), pytest.raises(ValidationError, match="within 15 minutes"):
        redemption.use_undo(actor=world.group, provider=cw.provider, use=use)
    assert CardUse.objects.get(pk=use.pk).undone_at is None


# Revocation ------------------------------------------------------------------------------------


def test_revocation_stops_the_old_code_at_once_and_keeps_its_uses(world):
    cw = card_world(world)
    use, _new = redemption.card_redeem(
        actor=world.group, provider=cw.provider, code=cw.code, offering=cw.offering
    )
    new = redemption.card_revoke(actor=world.professional, card=cw.issued.card, replace=True)
    result = redemption.card_check(actor=world.group, provider=cw.provider, code=cw.code)
    assert result.status == CheckStatus.REVOKED
    assert CardUse.objects.filter(pk=use.pk).exists()
    assert new.card.replaces_id == cw.issued.card.pk
    assert new.card.life_situation == LifeSituation.UNEMPLOYED
    assert new.code != cw.code
    check = redemption.card_check(actor=world.group, provider=cw.provider, code=new.code)
    assert check.status == CheckStatus.VALID
    with pytest.raises(ValidationError, match="already been revoked"):
        redemption.card_revoke(actor=world.professional, card=cw.issued.card, replace=False)


# Abuse limits -----------------------------------------------------------------------------------


def test_repeated_failed_checks_alert_the_scheme_administrators_once(world, settings):
    settings.VERSO_CARD_ALERT_FAILED_CHECKS = 3
    cw = card_world(world)
    for _ in range(5):
        redemption.card_check(actor=world.group, provider=cw.provider, code="0" * 17)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.coordinator.email]
    assert (
        "card checks failed" in mail.outbox[0].body or "kortin tarkistusta" in mail.outbox[0].body
    )
    assert AuditEntry.objects.filter(action="card.alert").count() == 1


def test_terms_get_a_new_version_and_an_old_one_cannot_be_accepted(world):
    cw = card_world(world)
    terms = services.terms_publish(actor=world.coordinator, scheme=cw.scheme, text="New terms.")
    assert terms.version == 2
    with pytest.raises(ValidationError, match="terms have changed"):
        services.provider_join(
            actor=world.group,
            provider=cw.provider,
            terms_version=1,
            contact=world.group.person,
            adult_companion_allowed=False,
        )
    provider = services.provider_join(
        actor=world.group,
        provider=cw.provider,
        terms_version=2,
        contact=world.group.person,
        adult_companion_allowed=False,
    )
    assert provider.accepted_terms == terms and provider.accepted_by == world.group
