"""Malformed input never causes a server error and never changes anything.

Every HTML form (POST) and every API operation gets a list of malformed payloads: empty,
oversized, wrong types, ids that do not exist or belong to another network, huge numbers,
unknown choices, lists where one value is expected and NUL bytes. The client turns server
errors into 500 answers (``raise_request_exception=False``), so a crash fails the status
assertion; the whole database state of the product's tables is compared before and after.

Each form's valid payload is posted last and must succeed, which shows that the refusals
before it came from the malformed field and not from a broken base payload.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from verso.accounts.models import ApiToken, User
from verso.accounts.testing import client_otp_verify
from verso.accounts.tests.factories import TEST_PASSWORD, UserFactory
from verso.api import api as ninja_api
from verso.core.models import AuditEntry
from verso.networks import services
from verso.networks.choices import Role
from verso.networks.models import Membership, MembershipRole, Network, Organisation, Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Every malformed post must reach its form here; the limits have their own tests
    (verso/core/tests/test_ratelimit.py)."""
    settings.RATELIMIT_ENABLE = False


IS_POSTGRES = connection.vendor == "postgresql"

BIG = "x" * 10_000
NUL = "a\x00b"
HUGE = 10**30
NEW_PASSWORD = "a-much-longer-passphrase-42"
MODELS = [Network, Membership, MembershipRole, Organisation, Person, AuditEntry, ApiToken, User]


# Security events are written *because* a request was refused (a failed login, a refused
# look-up): they record the attempt and change nothing else, so they are not "a change".
SECURITY_EVENTS = ("auth.", "access.", "otp.")


def db_state() -> dict:
    """Every row of the product's tables, so that any insert, update or delete shows."""
    state = {m._meta.label: list(m.objects.order_by("pk").values()) for m in MODELS}
    state[AuditEntry._meta.label] = [
        row
        for row in state[AuditEntry._meta.label]
        if not row["action"].startswith(SECURITY_EVENTS)
    ]
    return state


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    """Dozens of malformed posts come from one address here; the limits have their own
    tests. The counters live in the cache, so it starts empty."""
    limits = getattr(settings, "VERSO_RATE_LIMITS", {})
    settings.VERSO_RATE_LIMITS = {group: "100000/m" for group in limits}
    cache.clear()
    yield
    cache.clear()


def url(name: str, *args, lang: str = "en") -> str:
    # A request leaves its language active in the test's thread; name the language here.
    with translation.override(lang):
        return reverse(name, args=args)


def today() -> str:
    return timezone.localdate().isoformat()


def web_client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        sign_in(client, user)
    return client


def sign_in(client: Client, user) -> Client:
    """A session past the password and the one-time code (coordinators and superusers need
    both), verified with a real device as after a correct code."""
    client.force_login(user)
    client_otp_verify(client, user)
    return client


# Values that a field of each kind must refuse. Lists stand where one value is expected
# (a form reads the last one, so the last one is the malformed one).
TEXT = [BIG, NUL, [BIG, BIG], [NUL]]
REQUIRED_TEXT = ["", "   ", *TEXT]
DATE = [
    "abc",
    "2024-13-45",
    "2024-02-30",
    str(HUGE),
    "-1",
    BIG,
    NUL,
    ["2024-01-01", "abc"],
]
REQUIRED_DATE = ["", *DATE]
CHOICE = ["bogus", BIG, NUL, ["bogus"]]
REQUIRED_CHOICE = ["", *CHOICE]
MULTI = [["bogus"], [BIG], [NUL], ["partner", "bogus"], ["other_thing"]]
MODEL_ID = ["999999", "-1", str(HUGE), "abc", "1.5", NUL, BIG, ["999999"]]
EMAIL = ["not-an-email", BIG + "@example.fi", "a\x00b@example.fi", ["a@example.fi", "nope"]]
REQUIRED_EMAIL = ["", *EMAIL]


@dataclass
class FormCase:
    """A form: where it lives, who posts, a valid payload, and malformed values per field."""

    url: Callable
    base: Callable
    bad: Callable  # world -> {field: [values]}
    user: str | None = "coordinator"
    extra: Callable = lambda w: []  # world -> [(payload, field that gets the error)]
    ok_status: int = 302
    ok_changes_db: bool = True
    after_ok: Callable = lambda w: None


def other_membership(world) -> Membership:
    return services.network_coordinator(world.other_network)


def nomad(world) -> Membership:
    """A current member without an account: never a candidate for coordination."""
    return services.membership_add_new_person(
        actor=world.coordinator, network=world.network, display_name="Nomad", roles=["partner"]
    )


def organisation_unit(world) -> Organisation:
    return services.organisation_create(
        actor=None, name="Branch library", sector="culture", parent=world.organisation
    )


def network_fields(world) -> dict:
    return {
        "name": REQUIRED_TEXT,
        "municipality": REQUIRED_TEXT,
        "goal": REQUIRED_TEXT,
        "description": TEXT,
        "phase": REQUIRED_CHOICE,
        "target_groups": MULTI,
    }


def member_fields(world) -> dict:
    return {
        "organisation": MODEL_ID,
        "roles": [[], ["coordinator"], *MULTI],
        "competences": [["magic"], [BIG], [NUL]],
        "competence_tags": [BIG, NUL],
    }


def check_network_created(world):
    network = Network.objects.get(name="Reading circle")
    assert services.network_coordinator(network).person.user == world.coordinator


def check_network_edited(world):
    network = Network.objects.get(pk=world.network.pk)
    assert (network.name, network.status) == ("Summer oasis 2", "paused")


def check_member_added(world):
    assert Membership.objects.filter(network=world.network, person__display_name="Aino").exists()


def check_member_edited(world):
    roles = MembershipRole.objects.filter(
        membership=world.professional_membership, ends_on__isnull=True
    ).values_list("role", flat=True)
    assert set(roles) == {"partner"}


def check_member_ended(world):
    assert Membership.objects.get(pk=world.professional_membership.pk).ends_on is not None


def check_handed_over(world):
    assert services.network_coordinator(world.network).pk == world.group_membership.pk


def check_organisation_created(world):
    assert Organisation.objects.filter(name="Youth centre").exists()


def check_organisation_edited(world):
    assert Organisation.objects.get(pk=world.organisation.pk).name == "City library"


def check_token_created(world):
    assert ApiToken.objects.filter(user=world.coordinator, name="CI").exists()


def check_password_changed(world):
    world.coordinator.refresh_from_db()
    assert world.coordinator.check_password(NEW_PASSWORD)


def check_email_changed(world):
    assert User.objects.get(pk=world.coordinator.pk).email == "new-address@test.example"


def check_reset_mail(world):
    assert [m.to for m in mail.outbox] == [[world.coordinator.email]]


FORMS = {
    "network create": FormCase(
        url=lambda w: url("networks:create"),
        base=lambda w: {
            "name": "Reading circle",
            "municipality": "Oulu",
            "goal": "Read together.",
            "phase": "ideation",
            "target_groups": ["children"],
            "organisation": w.organisation.pk,
        },
        bad=lambda w: {**network_fields(w), "organisation": MODEL_ID},
        after_ok=check_network_created,
    ),
    "network edit": FormCase(
        url=lambda w: url("networks:edit", w.network.pk),
        base=lambda w: {
            "name": "Summer oasis 2",
            "municipality": "Kuusamo",
            "goal": "Bring people together.",
            "phase": "planning",
            "status": "paused",
        },
        bad=lambda w: {**network_fields(w), "status": REQUIRED_CHOICE},
        after_ok=check_network_edited,
    ),
    "member add": FormCase(
        url=lambda w: url("networks:member_add", w.network.pk),
        base=lambda w: {
            "kind": "person",
            "display_name": "Aino",
            "phone": "040 123",
            "contact_consent": "on",
            "roles": ["partner"],
            "starts_on": today(),
        },
        bad=lambda w: {
            **member_fields(w),
            "roles": [[], ["coordinator"], ["coordinator", "partner"], *MULTI],
            "kind": REQUIRED_CHOICE,
            "account_email": EMAIL,
            "display_name": REQUIRED_TEXT,
            "email": EMAIL,
            "phone": TEXT,
            "starts_on": [*REQUIRED_DATE, "2999-01-01"],
        },
        extra=lambda w: [
            ({"kind": "account", "account_email": ""}, "account_email"),
            ({"kind": "account", "account_email": "nobody@test.example"}, "account_email"),
            ({"kind": "account", "account_email": w.group.email}, "account_email"),
            ({"roles": ["unit_contact"], "organisation": w.organisation.pk}, "roles"),
            ({"competence_tags": "t" * 51}, "competence_tags"),
            ({"competence_tags": ",".join(f"t{i}" for i in range(21))}, "competence_tags"),
        ],
        after_ok=check_member_added,
    ),
    "member edit": FormCase(
        url=lambda w: url("networks:member_edit", w.network.pk, w.professional_membership.pk),
        base=lambda w: {"roles": ["partner"], "organisation": w.unit.pk},
        bad=member_fields,
        extra=lambda w: [
            ({"roles": ["unit_contact"], "organisation": w.organisation.pk}, "roles"),
        ],
        after_ok=check_member_edited,
    ),
    "member end": FormCase(
        url=lambda w: url("networks:member_end", w.network.pk, w.professional_membership.pk),
        base=lambda w: {"ends_on": today()},
        bad=lambda w: {"ends_on": [*REQUIRED_DATE, "2000-01-01"]},
        after_ok=check_member_ended,
    ),
    "handover": FormCase(
        url=lambda w: url("networks:handover", w.network.pk),
        base=lambda w: {"to": w.group_membership.pk, "keep_previous_in_group": "on"},
        bad=lambda w: {
            "to": [
                "",
                *MODEL_ID,
                str(other_membership(w).pk),
                str(nomad(w).pk),
                str(services.network_coordinator(w.network).pk),
            ]
        },
        after_ok=check_handed_over,
    ),
    "organisation create": FormCase(
        url=lambda w: url("networks:organisation_create"),
        base=lambda w: {"name": "Youth centre", "sector": "sports_leisure"},
        bad=lambda w: {
            "name": REQUIRED_TEXT,
            "sector": REQUIRED_CHOICE,
            "ends_on": DATE,
            "parent": MODEL_ID,
            "municipality": TEXT,
            "description": TEXT,
        },
        extra=lambda w: [({"is_project": "on"}, "ends_on")],
        after_ok=check_organisation_created,
    ),
    "organisation edit": FormCase(
        url=lambda w: url("networks:organisation_edit", w.organisation.pk),
        base=lambda w: {"name": "City library", "sector": "culture"},
        bad=lambda w: {
            "name": REQUIRED_TEXT,
            "sector": REQUIRED_CHOICE,
            "ends_on": DATE,
            "parent": [*MODEL_ID, str(w.organisation.pk)],
            "municipality": TEXT,
            "description": TEXT,
        },
        extra=lambda w: [
            ({"is_project": "on"}, "ends_on"),
            ({"parent": organisation_unit(w).pk}, "parent"),  # its own unit: a cycle
        ],
        after_ok=check_organisation_edited,
    ),
    "token create": FormCase(
        url=lambda w: url("accounts:tokens"),
        base=lambda w: {"name": "CI"},
        bad=lambda w: {"name": REQUIRED_TEXT},
        ok_status=200,
        after_ok=check_token_created,
    ),
    "password change": FormCase(
        url=lambda w: url("accounts:password_change"),
        base=lambda w: {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        bad=lambda w: {"old_password": ["", "wrong password", NUL, BIG, [NUL]]},
        extra=lambda w: [
            ({"new_password1": "", "new_password2": ""}, "new_password1"),
            ({"new_password1": NUL, "new_password2": NUL}, "new_password1"),
            ({"new_password2": NEW_PASSWORD + "x"}, "new_password2"),
            ({"new_password1": "short", "new_password2": "short"}, "new_password2"),
            ({"new_password1": BIG, "new_password2": BIG + "y"}, "new_password2"),
        ],
        after_ok=check_password_changed,
    ),
    "e-mail change": FormCase(
        url=lambda w: url("accounts:email_change"),
        base=lambda w: {"email": "new-address@test.example", "password": TEST_PASSWORD},
        bad=lambda w: {
            "email": [*REQUIRED_EMAIL, w.group.email.upper()],
            "password": ["", "wrong password", NUL, [NUL]],
        },
        after_ok=check_email_changed,
    ),
    "login": FormCase(
        url=lambda w: url("accounts:login"),
        base=lambda w: {"username": w.coordinator.email, "password": TEST_PASSWORD},
        bad=lambda w: {"username": REQUIRED_EMAIL, "password": ["", NUL, [NUL]]},
        user=None,
        extra=lambda w: [({"password": "wrong password"}, "__all__")],
    ),
    "password reset": FormCase(
        url=lambda w: url("accounts:password_reset"),
        base=lambda w: {"email": w.coordinator.email},
        bad=lambda w: {"email": REQUIRED_EMAIL},
        user=None,
        ok_changes_db=False,
        after_ok=check_reset_mail,
    ),
}


# --- card ---
# The card scheme of the world's network (verso/card/tests/factories.py). A code check is
# written to the audit trail whether or not it succeeds ("nothing recorded but the failed
# check"), like the security events above, so it is not "a change" here.
from verso.card.models import (  # noqa: E402
    Card,
    CardUse,
    IssuingUnit,
    Offering,
    Provider,
    ProviderToken,
    QuotaCounter,
    Scheme,
    SchemeTerms,
    Staff,
)
from verso.card.tests.factories import card_world  # noqa: E402

MODELS.extend(
    [
        Scheme,
        SchemeTerms,
        IssuingUnit,
        Provider,
        Staff,
        Offering,
        Card,
        CardUse,
        QuotaCounter,
        ProviderToken,
    ]
)
SECURITY_EVENTS = (*SECURITY_EVENTS, "card.check", "card.alert")


@pytest.fixture(autouse=True)
def _card_world_first(request):
    """The card scheme exists before a test measures the state (the form cases' addresses
    are made after the first measurement)."""
    if "world" in request.fixturenames:
        card_world(request.getfixturevalue("world"))


CARD_INT = ["", "abc", "-1", "1.5", str(HUGE), NUL, ["1", "abc"]]


def card_scheme_fields(w) -> dict:
    return {
        "name": REQUIRED_TEXT,
        "area": REQUIRED_TEXT,
        "validity_days": [*CARD_INT, "0", "5000"],
        "max_children": [*CARD_INT, "21"],
    }


def card_offering_fields(w) -> dict:
    return {
        "title_fi": REQUIRED_TEXT,
        "title_sv": TEXT,
        "title_en": TEXT,
        "description_fi": TEXT,
        "description_sv": TEXT,
        "description_en": TEXT,
        "place": REQUIRED_TEXT,
        "address": TEXT,
        "schedule": REQUIRED_TEXT,
        "daily_quota": ["abc", "-1", "0", "100001", str(HUGE), NUL],
        "booking_info": TEXT,
    }


def card_offering_base(w) -> dict:
    return {"title_fi": "Kävelyretki", "place": "Puisto", "schedule": "Maanantaisin"}


def card_redeem_base(w) -> dict:
    cw = card_world(w)
    return {
        "provider": cw.provider.pk,
        "code": cw.code,
        "offering": cw.offering.pk,
        "children": "1",
        "adults": "0",
        "action": "redeem",
        "submission": "bad-input-1",
    }


def check_card(model, **lookup):
    return lambda w: model.objects.get(**lookup)


def _wrong_check(w) -> str:
    code = card_world(w).code
    return code[:-1] + ("0" if code[-1] != "0" else "1")


FORMS.update(
    {
        "card scheme create": FormCase(
            url=lambda w: url("card:scheme_create"),
            base=lambda w: {
                "network": w.network.pk,
                "name": "Forest card",
                "area": "Koillismaa",
                "validity_days": "365",
                "max_children": "4",
                "asks_gender": "on",
                "terms": "Free for holders.",
            },
            bad=lambda w: {
                **card_scheme_fields(w),
                "network": ["", *MODEL_ID, str(w.other_network.pk)],
                "terms": REQUIRED_TEXT,
            },
            after_ok=check_card(Scheme, name="Forest card"),
        ),
        "card scheme edit": FormCase(
            url=lambda w: url("card:scheme_edit", card_world(w).scheme.pk),
            base=lambda w: {
                "name": "Nature card 2",
                "area": "Kuusamo",
                "validity_days": "200",
                "max_children": "2",
                "is_active": "on",
            },
            bad=card_scheme_fields,
            after_ok=check_card(Scheme, name="Nature card 2", validity_days=200),
        ),
        "card terms": FormCase(
            url=lambda w: url("card:terms", card_world(w).scheme.pk),
            base=lambda w: {"text": "Version two."},
            bad=lambda w: {"text": REQUIRED_TEXT},
            after_ok=check_card(SchemeTerms, version=2),
        ),
        "card unit add": FormCase(
            url=lambda w: url("card:unit_add", card_world(w).scheme.pk),
            base=lambda w: {"organisation": w.organisation.pk},
            bad=lambda w: {"organisation": ["", *MODEL_ID, str(w.unit.pk)]},
            after_ok=lambda w: IssuingUnit.objects.get(organisation=w.organisation),
        ),
        "card provider add": FormCase(
            url=lambda w: url("card:provider_add", card_world(w).scheme.pk),
            base=lambda w: {"organisation": w.unit.pk},
            bad=lambda w: {"organisation": ["", *MODEL_ID, str(w.organisation.pk)]},
            after_ok=lambda w: Provider.objects.get(organisation=w.unit),
        ),
        "card staff add": FormCase(
            url=lambda w: url("card:staff_add", card_world(w).scheme.pk),
            base=lambda w: {"email": w.client.email, "role": "issuer", "organisation": w.unit.pk},
            bad=lambda w: {
                "email": [*REQUIRED_EMAIL, "nobody@test.example"],
                "role": REQUIRED_CHOICE,
                "organisation": MODEL_ID,
            },
            extra=lambda w: [
                ({"organisation": ""}, "organisation"),
                # an issuer from a unit that is not an issuing unit (the library provides)
                ({"organisation": w.organisation.pk}, "organisation"),
                ({"role": "provider", "organisation": w.unit.pk}, "organisation"),
            ],
            after_ok=lambda w: Staff.objects.get(user=w.client, role="issuer"),
        ),
        "card issue": FormCase(
            url=lambda w: url("card:issue", card_world(w).scheme.pk),
            base=lambda w: {
                "unit": card_world(w).unit.pk,
                "age_group": "18_29",
                "gender": "other",
                "life_situation": "student",
            },
            bad=lambda w: {
                "unit": ["", *MODEL_ID],
                "age_group": REQUIRED_CHOICE,
                "gender": CHOICE,
                "life_situation": REQUIRED_CHOICE,
            },
            user="professional",
            ok_status=200,
            after_ok=lambda w: Card.objects.get(life_situation="student"),
        ),
        "card revoke": FormCase(
            url=lambda w: url("card:revoke", card_world(w).scheme.pk),
            base=lambda w: {"reference": card_world(w).issued.card.reference, "replace": "on"},
            bad=lambda w: {"reference": [*REQUIRED_TEXT, "K0000000", "x" * 13]},
            user="professional",
            ok_status=200,
            after_ok=lambda w: Card.objects.get(replaces=card_world(w).issued.card),
        ),
        "card redeem": FormCase(
            url=lambda w: url("card:redeem", card_world(w).scheme.pk),
            base=card_redeem_base,
            bad=lambda w: {
                "provider": ["", *MODEL_ID],
                "code": [*REQUIRED_TEXT, "abc", "0" * 17, _wrong_check(w)],
                "offering": ["", *MODEL_ID],
                "children": ["-1", "abc", "4", "101", str(HUGE), NUL],
                "adults": ["-1", "abc", "2", "11", str(HUGE)],
            },
            user="group",
            after_ok=lambda w: CardUse.objects.get(children=1),
        ),
        "card provider join": FormCase(
            url=lambda w: url("card:provider_join", card_world(w).provider.pk),
            base=lambda w: {
                "terms_version": "1",
                "accept": "on",
                "contact": w.group.person.pk,
                "adult_companion_allowed": "on",
            },
            bad=lambda w: {
                "terms_version": ["", "0", "abc", str(HUGE), NUL],
                "accept": [""],
                "contact": ["", *MODEL_ID, str(w.client.person.pk)],
            },
            # a version that is not the current one: the terms changed while reading
            extra=lambda w: [({"terms_version": "2"}, "accept")],
            user="group",
        ),
        "card offering create": FormCase(
            url=lambda w: url("card:offering_create", card_world(w).provider.pk),
            base=card_offering_base,
            bad=card_offering_fields,
            user="group",
            after_ok=check_card(Offering, title_fi="Kävelyretki"),
        ),
        "card offering edit": FormCase(
            url=lambda w: url("card:offering_edit", card_world(w).offering.pk),
            base=card_offering_base,
            bad=card_offering_fields,
            user="group",
            after_ok=check_card(Offering, place="Puisto"),
        ),
        "card token create": FormCase(
            url=lambda w: url("card:token_create", card_world(w).provider.pk),
            base=lambda w: {"name": "Till"},
            bad=lambda w: {"name": REQUIRED_TEXT},
            user="group",
            ok_status=200,
            after_ok=check_card(ProviderToken, name="Till"),
        ),
    }
)


def post_form(client, case_url, payload):
    response = client.post(case_url, payload)
    form = response.context["form"] if response.context and "form" in response.context else None
    return response, form


@pytest.mark.parametrize("name", list(FORMS))
def test_malformed_form_posts_are_refused_on_the_field_and_change_nothing(world, name):
    case = FORMS[name]
    client = web_client(world.user(case.user) if case.user else None)
    case_url = case.url(world)
    base = case.base(world)
    attempts = [
        ({**base, field_name: value}, field_name)
        for field_name, values in case.bad(world).items()
        for value in values
    ]
    attempts += [({**base, **payload}, error_field) for payload, error_field in case.extra(world)]
    attempts.append(({"unknown": "only"}, None))  # a bound form without any of its fields

    failures = []
    for payload, error_field in attempts:
        before = db_state()
        response, form = post_form(client, case_url, payload)
        problems = []
        if response.status_code != 200:
            problems.append(f"status {response.status_code}")
        elif form is None or not form.is_bound:
            problems.append("no bound form in the answer")
        elif error_field is not None and error_field not in form.errors:
            problems.append(f"no error on {error_field}: {dict(form.errors)}")
        elif error_field is None and not form.errors:
            problems.append("no errors at all")
        if db_state() != before:
            problems.append("the database changed")
        if mail.outbox:
            problems.append("an e-mail was sent")
            mail.outbox.clear()
        if problems:
            failures.append((error_field, repr(payload)[:120], problems))
    assert failures == [], "\n".join(map(repr, failures))

    # The valid payload goes through: the refusals above came from the malformed values.
    before = db_state()
    response = client.post(case_url, base)
    assert response.status_code == case.ok_status, response.content[:500]
    assert (db_state() != before) == case.ok_changes_db
    case.after_ok(world)


def test_an_empty_post_re_renders_each_form_and_changes_nothing(world):
    failures = []
    for name, case in FORMS.items():
        client = web_client(world.user(case.user) if case.user else None)
        before = db_state()
        response = client.post(case.url(world), {})
        if response.status_code != 200 or db_state() != before or mail.outbox:
            failures.append((name, response.status_code))
    assert failures == [], "\n".join(map(repr, failures))


# Bugs found by the malformed posts above, kept apart so that each is marked on its own.


@pytest.mark.parametrize(
    "tags", ["t" * 51, ",".join(f"t{i}" for i in range(21))], ids=["long-tag", "21-tags"]
)
def test_member_add_of_an_account_with_bad_competence_tags_adds_nothing(world, tags):
    UserFactory(email="newcomer@test.example")
    client = web_client(world.coordinator)
    before = db_state()
    response, form = post_form(
        client,
        url("networks:member_add", world.network.pk),
        {
            "kind": "account",
            "account_email": "newcomer@test.example",
            "roles": ["partner"],
            "competence_tags": tags,
            "starts_on": today(),
        },
    )
    assert response.status_code == 200
    assert "competence_tags" in form.errors
    assert not Membership.objects.filter(person__user__email="newcomer@test.example").exists()
    assert db_state() == before


@pytest.mark.parametrize(
    "tags", ["t" * 51, ",".join(f"t{i}" for i in range(21))], ids=["long-tag", "21-tags"]
)
def test_member_edit_with_bad_competence_tags_changes_nothing(world, tags):
    client = web_client(world.coordinator)
    m = world.professional_membership
    before = db_state()
    response, form = post_form(
        client,
        url("networks:member_edit", world.network.pk, m.pk),
        {"roles": ["partner"], "organisation": world.unit.pk, "competence_tags": tags},
    )
    assert response.status_code == 200
    assert "competence_tags" in form.errors
    roles = MembershipRole.objects.filter(membership=m, ends_on__isnull=True)
    assert set(roles.values_list("role", flat=True)) == {"professional"}
    assert db_state() == before


# Translated messages ------------------------------------------------------------------------


def field_errors_html(response, field_name: str) -> str:
    html = response.content.decode()
    marker = f'id="id_{field_name}_error"'
    assert marker in html, f"no error list for {field_name}"
    return html.split(marker, 1)[1].split("</ul>", 1)[0]


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "This field is required."), ("fi", "Tämä kenttä vaaditaan.")],
)
def test_a_missing_field_is_named_in_the_pages_language(world, lang, message):
    # Finnish is the default language: its pages have no prefix (/networks/new/), English
    # ones are under /en/.
    client = web_client(world.coordinator)
    create_url = url("networks:create", lang=lang)
    assert create_url.startswith("/en/") == (lang == "en")
    before = db_state()
    response = client.post(create_url, {"name": "", "municipality": "Oulu", "goal": "G"})
    assert response.status_code == 200
    assert response["Content-Language"] == lang
    assert message in field_errors_html(response, "name")
    assert db_state() == before


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Select a valid choice. coordinator is not one of the available choices."),
        ("fi", "Valitse oikea vaihtoehto. coordinator ei ole vaihtoehtojen joukossa."),
    ],
)
def test_a_second_coordinator_cannot_be_made_through_the_member_add_form(world, lang, message):
    client = web_client(world.coordinator)
    before = db_state()
    response = client.post(
        url("networks:member_add", world.network.pk, lang=lang),
        {
            "kind": "person",
            "display_name": "Second boss",
            "roles": ["coordinator"],
            "starts_on": today(),
        },
    )
    assert response.status_code == 200
    assert message in field_errors_html(response, "roles")
    assert db_state() == before
    assert (
        MembershipRole.objects.filter(
            network=world.network, role=Role.COORDINATOR, ends_on__isnull=True
        ).count()
        == 1
    )


def test_ending_the_only_coordinators_membership_through_the_form_shows_why(world):
    client = web_client(world.coordinator)
    coordinator = services.network_coordinator(world.network)
    before = db_state()
    response = client.post(
        url("networks:member_end", world.network.pk, coordinator.pk), {"ends_on": today()}
    )
    assert response.status_code == 200
    assert "Hand coordination over to someone else first." in field_errors_html(response, "ends_on")
    assert db_state() == before
    assert Membership.objects.get(pk=coordinator.pk).ends_on is None


def test_adding_a_current_member_again_through_the_form_names_the_person(world):
    client = web_client(world.coordinator)
    name = Person.objects.get(user=world.group).display_name
    before = db_state()
    response = client.post(
        url("networks:member_add", world.network.pk),
        {
            "kind": "account",
            "account_email": world.group.email.upper(),
            "roles": ["partner"],
            "starts_on": today(),
        },
    )
    assert response.status_code == 200
    errors = field_errors_html(response, "account_email")
    assert escape(f"{name} is already a member of this network.") in errors
    assert db_state() == before


@pytest.mark.parametrize(
    "path",
    [
        f"/en/networks/{HUGE}/edit/",
        f"/en/networks/{HUGE}/members/1/end/",
        f"/en/organisations/{HUGE}/edit/",
        "/en/networks/abc/edit/",
        "/en/accounts/tokens/999999/revoke/",
    ],
)
def test_malformed_ids_in_page_addresses_answer_404(world, path):
    client = web_client(world.coordinator)
    before = db_state()
    assert client.post(path, {"name": "X"}).status_code == 404
    assert db_state() == before


# The API ------------------------------------------------------------------------------------


NOT_JSON = ["{not json", b"\xff\xfe{", "[" * 100_000 + "]" * 100_000, ""]
NOT_AN_OBJECT = ["[]", '[{"name": "x"}]', "null", '"text"', "42", "true"]
# Operations whose body fields are all optional: django-ninja reads any JSON that is not an
# object as {} for them (see the xfail test below).
ALL_OPTIONAL = [
    ("patch", "/networks/{network_id}"),
    ("post", "/networks/{network_id}/memberships/{membership_id}/end"),
]


def api_client(world) -> Client:
    # The session, not a token: a token's use is recorded, and nothing may change here.
    return web_client(world.coordinator)


def send(client, method: str, path: str, body=None):
    if method == "get":
        return client.get("/api/v1" + path)
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.generic(method.upper(), "/api/v1" + path, data, "application/json")


@dataclass
class ApiCase:
    bodies: Callable = lambda w: []
    paths: Callable = lambda w: []  # malformed addresses of the same operation


def network_body(**fields) -> dict:
    return {"name": "N", "municipality": "M", "goal": "G", **fields}


def member_body(**fields) -> dict:
    return {"display_name": "Aino", "roles": ["partner"], **fields}


def organisation_body(**fields) -> dict:
    return {"name": "O", "sector": "culture", **fields}


PAGE_QUERIES = [
    "page=0",
    "page=-1",
    f"page={HUGE}",
    "page=abc",
    "page=1.5",
    "page=%00",
    "page_size=0",
    "page_size=201",
    "page_size=abc",
    f"page_size={HUGE}",
]


def list_paths(path: str, *filters: str) -> list[str]:
    return [f"{path}?{q}" for q in (*PAGE_QUERIES, *filters)]


def network_paths(w, suffix: str = "") -> list[str]:
    return [
        f"/networks/abc{suffix}",
        f"/networks/1.5{suffix}",
        f"/networks/-1{suffix}",
        f"/networks/{HUGE}{suffix}",
        f"/networks/{10**70}{suffix}",
        f"/networks/%00{suffix}",
        f"/networks/{w.other_network.pk}{suffix}",
    ]


def membership_paths(w, suffix: str = "") -> list[str]:
    n = w.network.pk
    return [
        f"/networks/{n}/memberships/abc{suffix}",
        f"/networks/{n}/memberships/-1{suffix}",
        f"/networks/{n}/memberships/{HUGE}{suffix}",
        f"/networks/{n}/memberships/{10**70}{suffix}",
        f"/networks/{n}/memberships/{other_membership(w).pk}{suffix}",
    ]


API_CASES = {
    ("get", "/networks"): ApiCase(paths=lambda w: list_paths("/networks")),
    ("post", "/networks"): ApiCase(
        bodies=lambda w: [
            {},
            network_body(name=""),
            network_body(name="   "),
            network_body(name=123),
            network_body(name=["N"]),
            network_body(name=BIG),
            network_body(goal=BIG),
            network_body(description=BIG),
            network_body(municipality=None),
            network_body(phase="bogus"),
            network_body(phase=5),
            network_body(target_groups="children"),
            network_body(target_groups=["martians"]),
            network_body(target_groups=[1]),
            network_body(target_groups=[BIG]),
            network_body(target_groups=["children"] * 51),
            network_body(organisation_id=HUGE),
            network_body(organisation_id=-1),
            network_body(organisation_id=999999),
            network_body(organisation_id="abc"),
            network_body(organisation_id=1e300),
        ]
    ),
    ("get", "/networks/{network_id}"): ApiCase(paths=network_paths),
    ("patch", "/networks/{network_id}"): ApiCase(
        bodies=lambda w: [
            {"name": ""},
            {"name": "   "},
            {"name": BIG},
            {"name": 5},
            {"goal": BIG},
            {"status": "bogus"},
            {"status": 1},
            {"phase": "bogus"},
            {"target_groups": ["martians"]},
            {"target_groups": "children"},
            {"target_groups": [None]},
        ],
        paths=network_paths,
    ),
    ("get", "/networks/{network_id}/coverage"): ApiCase(
        paths=lambda w: network_paths(w, "/coverage")
    ),
    ("post", "/networks/{network_id}/handover"): ApiCase(
        bodies=lambda w: [
            {},
            {"membership_id": "abc"},
            {"membership_id": 1.5},
            {"membership_id": [w.group_membership.pk]},
            {"membership_id": HUGE},
            {"membership_id": -1},
            {"membership_id": 999999},
            {"membership_id": NUL},
            {"membership_id": other_membership(w).pk},
            {"membership_id": nomad(w).pk},
            {"membership_id": services.network_coordinator(w.network).pk},
            {"membership_id": w.group_membership.pk, "keep_previous_in_group": "maybe"},
        ],
        paths=lambda w: network_paths(w, "/handover"),
    ),
    ("get", "/networks/{network_id}/audit"): ApiCase(
        paths=lambda w: [
            *network_paths(w, "/audit"),
            *list_paths(f"/networks/{w.network.pk}/audit"),
        ]
    ),
    ("get", "/networks/{network_id}/memberships"): ApiCase(
        paths=lambda w: [
            *network_paths(w, "/memberships"),
            *list_paths(
                f"/networks/{w.network.pk}/memberships",
                "include_ended=abc",
                f"q={'x' * 101}",
                f"role={'x' * 33}",
                f"sector={'x' * 33}",
            ),
        ]
    ),
    ("post", "/networks/{network_id}/memberships"): ApiCase(
        bodies=lambda w: [
            {},
            {"display_name": "Aino"},
            {"roles": ["partner"]},
            member_body(roles=[]),
            member_body(roles="partner"),
            member_body(roles=["bogus"]),
            member_body(roles=["coordinator"]),
            member_body(roles=[NUL]),
            member_body(roles=["partner"] * 11),
            member_body(display_name=""),
            member_body(display_name="   "),
            member_body(display_name=BIG),
            member_body(display_name=7),
            member_body(email="not-an-email"),
            member_body(email=BIG),
            member_body(email="a\x00b@example.fi"),
            member_body(phone=BIG),
            member_body(contact_consent="maybe"),
            member_body(organisation_id=HUGE),
            member_body(organisation_id="abc"),
            member_body(competences=["magic"]),
            member_body(competence_tags=["t" * 51]),
            member_body(competence_tags=[f"t{i}" for i in range(21)]),
            member_body(starts_on="abc"),
            member_body(starts_on="2999-01-01"),
            member_body(starts_on=HUGE),
            member_body(roles=["unit_contact"], organisation_id=w.organisation.pk),
            {"user_email": "nobody@test.example", "roles": ["partner"]},
            {"user_email": BIG, "roles": ["partner"]},
            {"user_email": w.group.email, "roles": ["partner"]},
        ],
        paths=lambda w: network_paths(w, "/memberships"),
    ),
    ("patch", "/networks/{network_id}/memberships/{membership_id}"): ApiCase(
        bodies=lambda w: [
            {},
            {"roles": []},
            {"roles": "partner"},
            {"roles": ["bogus"]},
            {"roles": ["coordinator"]},
            {"roles": [NUL]},
            {"roles": [BIG]},
            {"roles": ["partner"], "organisation_id": HUGE},
            {"roles": ["partner"], "organisation_id": "abc"},
            {"roles": ["unit_contact"], "organisation_id": w.organisation.pk},
        ],
        paths=membership_paths,
    ),
    ("post", "/networks/{network_id}/memberships/{membership_id}/end"): ApiCase(
        bodies=lambda w: [
            {"ends_on": "abc"},
            {"ends_on": "2000-01-01"},
            {"ends_on": HUGE},
            {"ends_on": ["2024-01-01"]},
            {"ends_on": NUL},
            {"ends_on": BIG},
        ],
        paths=lambda w: membership_paths(w, "/end"),
    ),
    ("get", "/organisations"): ApiCase(
        paths=lambda w: list_paths("/organisations", "sector=bogus", f"q={'x' * 101}")
    ),
    ("post", "/organisations"): ApiCase(
        bodies=lambda w: [
            {},
            organisation_body(name=""),
            organisation_body(name=BIG),
            organisation_body(name=3),
            organisation_body(sector="bogus"),
            organisation_body(sector=None),
            organisation_body(is_project=True),
            organisation_body(is_project="maybe"),
            organisation_body(is_project=True, ends_on="abc"),
            organisation_body(ends_on=HUGE),
            organisation_body(parent_id=HUGE),
            organisation_body(parent_id=999999),
            organisation_body(parent_id="abc"),
            organisation_body(municipality=BIG),
            organisation_body(description=BIG),
        ]
    ),
    ("get", "/organisations/{organisation_id}"): ApiCase(
        paths=lambda w: ["/organisations/abc", f"/organisations/{HUGE}", "/organisations/-1"]
    ),
}


# --- card ---
CARD_CODE = "0" * 17
API_CASES.update(
    {
        ("get", "/card/offerings"): ApiCase(
            paths=lambda w: list_paths(
                "/card/offerings", "scheme_id=abc", f"scheme_id={HUGE}", "scheme_id=-1"
            )
        ),
        ("post", "/card/check"): ApiCase(
            bodies=lambda w: [
                {},
                {"code": ""},
                {"code": BIG},
                {"code": 5},
                {"code": [CARD_CODE]},
                {"code": None},
                {"code": "not a code"},
                {"code": CARD_CODE, "provider_id": "abc"},
                {"code": CARD_CODE, "provider_id": HUGE},
                {"code": CARD_CODE, "provider_id": -1},
            ]
        ),
        ("post", "/card/redeem"): ApiCase(
            bodies=lambda w: [
                {},
                {"code": CARD_CODE},
                {"code": CARD_CODE, "offering_id": "abc"},
                {"code": CARD_CODE, "offering_id": HUGE},
                {"code": CARD_CODE, "offering_id": 1.5},
                {"code": CARD_CODE, "offering_id": 1, "children": -1},
                {"code": CARD_CODE, "offering_id": 1, "children": 101},
                {"code": CARD_CODE, "offering_id": 1, "children": "two"},
                {"code": CARD_CODE, "offering_id": 1, "adults": 11},
                {"code": BIG, "offering_id": 1},
            ]
        ),
        ("post", "/card/undo"): ApiCase(
            bodies=lambda w: [
                {},
                {"use_id": "abc"},
                {"use_id": HUGE},
                {"use_id": 1.5},
                {"use_id": [1]},
                {"use_id": -1},
            ]
        ),
    }
)


def test_every_api_operation_has_malformed_cases():
    schema = ninja_api.get_openapi_schema()
    operations = {
        (method, path.removeprefix("/api/v1"))
        for path, ops in schema["paths"].items()
        for method in ops
    }
    assert operations == set(API_CASES)


def operation_path(world, path: str) -> str:
    return path.format(
        network_id=world.network.pk,
        membership_id=world.professional_membership.pk,
        organisation_id=world.organisation.pk,
    )


@pytest.mark.parametrize(
    ("method", "path"), list(API_CASES), ids=[f"{m} {p}" for m, p in API_CASES]
)
def test_malformed_api_requests_answer_4xx_and_change_nothing(world, method, path):
    client = api_client(world)
    case = API_CASES[(method, path)]
    own_path = operation_path(world, path)
    attempts = [(own_path, body) for body in case.bodies(world)]
    if method != "get":
        attempts += [(own_path, raw) for raw in NOT_JSON]
    if method != "get" and (method, path) not in ALL_OPTIONAL:
        attempts += [(own_path, raw) for raw in NOT_AN_OBJECT]
    # Malformed addresses, with a body that would be valid at the right address.
    valid = {
        ("post", "/networks/{network_id}/handover"): {"membership_id": world.group_membership.pk},
        ("post", "/networks/{network_id}/memberships"): member_body(),
        ("patch", "/networks/{network_id}"): {"phase": "planning"},
        ("patch", "/networks/{network_id}/memberships/{membership_id}"): {"roles": ["partner"]},
        ("post", "/networks/{network_id}/memberships/{membership_id}/end"): {},
    }.get((method, path))
    attempts += [(other, valid) for other in case.paths(world)]
    assert attempts

    failures = []
    for address, body in attempts:
        before = db_state()
        response = send(client, method, address, body)
        problems = []
        if not 400 <= response.status_code < 500:
            problems.append(f"status {response.status_code}")
        elif "detail" not in response.json():
            problems.append("not the error shape")
        if db_state() != before:
            problems.append("the database changed")
        if problems:
            failures.append((method, address, repr(body)[:100], problems))
    assert failures == [], "\n".join(map(repr, failures))


@pytest.mark.parametrize(
    "query",
    ["role=bogus", "sector=bogus", "role=client&sector=nature&q=zzz", "include_ended=1"],
)
def test_unknown_member_filters_answer_an_empty_or_full_list_never_an_error(world, query):
    client = api_client(world)
    before = db_state()
    response = send(client, "get", f"/networks/{world.network.pk}/memberships?{query}")
    assert response.status_code == 200
    assert set(response.json()) == {"items", "count", "page", "page_size"}
    assert db_state() == before


@pytest.mark.parametrize("body", NOT_AN_OBJECT)
@pytest.mark.parametrize(("method", "path"), ALL_OPTIONAL, ids=["patch network", "end membership"])
def test_a_json_body_that_is_not_an_object_is_refused(world, method, path, body):
    client = api_client(world)
    before = db_state()
    response = send(client, method, operation_path(world, path), body)
    assert 400 <= response.status_code < 500
    assert db_state() == before


# NUL bytes: the forms refuse them (Django's form CharField does); the API refuses any
# body holding one with 400 (verso.core.api.ObjectParser), before a schema or a query sees it.


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/networks", network_body(name=NUL)),
        ("post", "/networks", network_body(description=NUL)),
        ("patch", "/networks/{network_id}", {"goal": NUL}),
        ("post", "/networks/{network_id}/memberships", member_body(display_name=NUL)),
        (
            "post",
            "/networks/{network_id}/memberships",
            member_body(phone=NUL, contact_consent=True),
        ),
        ("post", "/networks/{network_id}/memberships", member_body(competence_tags=[NUL])),
        ("post", "/organisations", organisation_body(name=NUL)),
    ],
    ids=[
        "network name",
        "network description",
        "network goal",
        "member name",
        "member phone",
        "member tag",
        "organisation name",
    ],
)
def test_api_text_with_a_nul_byte_is_refused_with_400(world, method, path, body):
    client = api_client(world)
    before = db_state()
    response = send(client, method, operation_path(world, path), body)
    assert response.status_code == 400
    assert db_state() == before


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/organisations?q=%00", None),
        ("get", "/networks/{network_id}/memberships?q=%00", None),
        ("get", "/networks/{network_id}/memberships?role=%00", None),
        ("get", "/networks/{network_id}/memberships?sector=%00", None),
        ("post", "/networks/{network_id}/memberships", {"user_email": NUL, "roles": ["partner"]}),
    ],
    ids=["organisations q", "members q", "members role", "members sector", "user_email"],
)
def test_a_nul_byte_in_an_api_lookup_never_causes_a_server_error(world, method, path, body):
    client = api_client(world)
    before = db_state()
    response = send(client, method, operation_path(world, path), body)
    assert response.status_code < 500
    assert db_state() == before


def test_a_boolean_is_not_taken_for_an_id(world):
    client = api_client(world)
    before = db_state()
    response = send(client, "post", "/networks", network_body(organisation_id=True))
    assert response.status_code == 422
    # refused as a wrong type, not because no organisation happens to have the id 1
    assert [e.get("type") for e in response.json()["detail"]] == ["int_type"]
    assert db_state() == before


# --- card ---


def test_card_api_refuses_malformed_input_from_provider_staff_and_records_nothing(world):
    """The same malformed bodies from the provider's own staff (the session above is the
    coordinator's, who is refused before the body is read)."""
    cw = card_world(world)
    client = web_client(world.group)
    cases = [
        ("/card/check", {"code": "not a code"}),
        ("/card/check", {"code": _wrong_check(world)}),
        ("/card/redeem", {"code": cw.code, "offering_id": 10**9}),
        ("/card/redeem", {"code": cw.code, "offering_id": cw.offering.pk, "children": 4}),
        ("/card/redeem", {"code": cw.code, "offering_id": cw.offering.pk, "adults": 2}),
        ("/card/redeem", {"code": "0" * 17, "offering_id": cw.offering.pk}),
        ("/card/undo", {"use_id": 10**9}),
    ]
    for path, body in cases:
        before = db_state()
        response = send(client, "post", path, body)
        assert response.status_code == 422, (path, body, response.content[:200])
        assert "detail" in response.json()
        assert db_state() == before, (path, body)
