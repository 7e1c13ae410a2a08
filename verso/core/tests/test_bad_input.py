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
from string import Formatter

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
from verso.ideas.models import Idea, IdeaCall, IdeaComment, IdeaSupport
from verso.ideas.tests import factories as idea_factories
from verso.networks import services
from verso.networks.choices import Role
from verso.networks.models import Membership, MembershipRole, Network, Organisation, Person
from verso.privacy.models import Consent

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
# --- ideas ---
MODELS += [Idea, IdeaCall, IdeaComment, IdeaSupport, Consent]


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


# --- ideas ---
def idea_fields(world) -> dict:
    return {
        "text": REQUIRED_TEXT,
        "proposer_name": TEXT,
        "email": EMAIL,
        "phone": TEXT,
        "photo_alt": TEXT,
    }


def idea_extra(world) -> list:
    """A photo that is not an image, one too large, one without alt text; contact details
    without consent."""
    big = b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 10)
    return [
        (
            {
                "photo": idea_factories.photo_upload("x.jpg", b"<script>alert(1)</script>"),
                "photo_alt": "A photo.",
            },
            "photo",
        ),
        ({"photo": idea_factories.photo_upload("big.jpg", big), "photo_alt": "Big."}, "photo"),
        ({"photo": idea_factories.photo_upload("ok.jpg")}, "photo_alt"),
        ({"email": "someone@example.fi"}, "contact_consent"),
    ]


def idea_call_fields(world) -> dict:
    return {
        "title": REQUIRED_TEXT,
        "question": REQUIRED_TEXT,
        "opens_on": REQUIRED_DATE,
        "closes_on": DATE,
        "target_groups": MULTI,
    }


def check_idea_sent(world):
    assert Idea.objects.filter(text="A reading corner in the park.").exists()


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
            "phase": "ideation",  # moving forward needs what the phase needs (plans)
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
    # --- plans ---
    "plan create": FormCase(
        url=lambda w: url("plans:create", w.network.pk),
        base=lambda w: {"title": "Forest plan", "need": "Walks.", "target_groups": ["children"]},
        bad=lambda w: plan_bad_fields(),
        after_ok=lambda w: plans_check_title(w, "Forest plan"),
    ),
    "plan edit": FormCase(
        url=lambda w: url("plans:edit", w.network.pk, plans_plan(w).pk),
        base=lambda w: {"title": "Renamed plan", "target_groups": ["children"]},
        bad=lambda w: plan_bad_fields(),
        after_ok=lambda w: plans_check_title(w, "Renamed plan"),
    ),
    "budget line add": FormCase(
        url=lambda w: url("plans:budget_line_add", w.network.pk, plans_plan(w).pk),
        base=lambda w: budget_line_fields(),
        bad=lambda w: budget_line_bad_fields(w),
        extra=lambda w: budget_line_extra(w),
    ),
    "budget line edit": FormCase(
        url=lambda w: url(
            "plans:budget_line_edit", w.network.pk, plans_plan(w).pk, plans_line(w).pk
        ),
        base=lambda w: budget_line_fields(amount="99,90"),
        bad=lambda w: budget_line_bad_fields(w),
        extra=lambda w: budget_line_extra(w),
    ),
    "gap accept": FormCase(
        url=lambda w: url("plans:readiness", w.network.pk, plans_plan(w).pk),
        base=lambda w: {"gap": "evaluation", "reason": "The evaluation app will plan it."},
        bad=lambda w: {"gap": ["", "bogus", BIG, NUL, ["bogus"]], "reason": REQUIRED_TEXT},
    ),
    "plan version comment": FormCase(
        url=lambda w: url(
            "plans:version",
            w.network.pk,
            plans_plan(w).pk,
            plans_plan(w).versions.order_by("-number").first().pk,
        ),
        base=lambda w: {"text": "Looks good."},
        bad=lambda w: {"text": REQUIRED_TEXT},
    ),
    "plan takes an idea": FormCase(
        url=lambda w: url("plans:ideas", w.network.pk, plans_plan(w).pk),
        base=lambda w: {"idea": idea_factories.world_idea(w).pk},
        bad=lambda w: {"idea": [*MODEL_ID, str(plans_other_idea(w).pk)]},
        after_ok=lambda w: plans_check_idea(w),
    ),
    "network phase": FormCase(
        url=lambda w: url("plans:phase", w.network.pk) if plans_plan(w) else "",
        base=lambda w: {"phase": "planning"},
        bad=lambda w: {"phase": REQUIRED_CHOICE},
        # co-development needs a ready plan: the world's plan has open gaps
        extra=lambda w: [({"phase": "co_development"}, "phase")],
    ),
    # --- ideas ---
    "idea public": FormCase(
        url=lambda w: url("ideas:call_public", idea_factories.world_call(w).code),
        base=lambda w: {"text": "A reading corner in the park."},
        bad=lambda w: idea_fields(w),
        user=None,
        extra=lambda w: idea_extra(w) + [({"website": "https://spam.example"}, "website")],
        after_ok=check_idea_sent,
    ),
    "idea create": FormCase(
        url=lambda w: url("ideas:create", w.network.pk),
        base=lambda w: {"text": "A reading corner in the park."},
        bad=lambda w: idea_fields(w),
        extra=idea_extra,
        after_ok=check_idea_sent,
    ),
    "idea comment": FormCase(
        url=lambda w: url("ideas:comment", w.network.pk, idea_factories.world_idea(w).pk),
        base=lambda w: {"text": "I would come too."},
        bad=lambda w: {"text": REQUIRED_TEXT},
        after_ok=lambda w: IdeaComment.objects.get(text="I would come too."),
    ),
    "idea triage": FormCase(
        url=lambda w: url("ideas:triage", w.network.pk, idea_factories.world_idea(w).pk),
        base=lambda w: {"status": "under_discussion", "reason": ""},
        bad=lambda w: {
            "status": [*REQUIRED_CHOICE, "new"],
            "reason": TEXT,
            "merged_into": MODEL_ID,
        },
        extra=lambda w: [
            ({"status": "not_now"}, "reason"),
            ({"status": "merged", "reason": "Same as another."}, "merged_into"),
            (
                {
                    "status": "merged",
                    "reason": "Same.",
                    "merged_into": idea_factories.foreign_idea(w).pk,
                },
                "merged_into",
            ),
        ],
        after_ok=lambda w: Idea.objects.get(
            pk=idea_factories.world_idea(w).pk, status="under_discussion"
        ),
    ),
    "idea moderate": FormCase(
        url=lambda w: url("ideas:moderate", w.network.pk, idea_factories.world_idea(w).pk),
        base=lambda w: {"reason": "Advertising."},
        bad=lambda w: {"reason": REQUIRED_TEXT},
        after_ok=lambda w: Idea.objects.get(
            pk=idea_factories.world_idea(w).pk, hidden_reason="Advertising."
        ),
    ),
    "idea comment hide": FormCase(
        url=lambda w: url(
            "ideas:comment_hide",
            w.network.pk,
            idea_factories.world_idea(w).pk,
            idea_factories.world_comment(w).pk,
        ),
        base=lambda w: {"reason": "Off topic."},
        bad=lambda w: {"reason": REQUIRED_TEXT},
        after_ok=lambda w: IdeaComment.objects.get(hidden_reason="Off topic."),
    ),
    "idea call create": FormCase(
        url=lambda w: url("ideas:call_create", w.network.pk),
        base=lambda w: {"title": "Summer", "question": "What?", "opens_on": today()},
        bad=lambda w: idea_call_fields(w),
        extra=lambda w: [({"closes_on": "2000-01-01"}, "closes_on")],
        after_ok=lambda w: IdeaCall.objects.get(title="Summer"),
    ),
    "idea call edit": FormCase(
        url=lambda w: url("ideas:call_edit", w.network.pk, idea_factories.world_call(w).pk),
        base=lambda w: {"title": "Autumn", "question": "What?", "opens_on": today()},
        bad=lambda w: idea_call_fields(w),
        extra=lambda w: [({"closes_on": "2000-01-01"}, "closes_on")],
        after_ok=lambda w: IdeaCall.objects.get(title="Autumn"),
    ),
}


# --- meetings ---
def _meeting_forms():
    import datetime as _dt

    from verso.meetings.models import (
        ActionItem,
        Attendance,
        Decision,
        Invitation,
        Meeting,
        MeetingSeries,
        OutgoingMail,
        PollVote,
        TimePoll,
    )
    from verso.meetings.tests.factories import matrix_object

    MODELS.extend(
        [
            Meeting,
            MeetingSeries,
            Invitation,
            Attendance,
            Decision,
            ActionItem,
            TimePoll,
            PollVote,
            OutgoingMail,
        ]
    )

    def later(days: int, hour: int = 10) -> str:
        moment = timezone.localtime() + _dt.timedelta(days=days)
        return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%d %H:%M")

    def yesterday() -> str:
        return (timezone.localdate() - _dt.timedelta(days=1)).isoformat()

    def meeting_url(name):
        return lambda w: url(name, w.network.pk, matrix_object(w, "meeting").pk)

    when = ["", "abc", "2024-13-45 10:00", NUL, BIG, ["2030-01-01 10:00", "abc"]]
    FORMS.update(
        {
            "meeting create": FormCase(
                url=lambda w: url("meetings:create", w.network.pk),
                base=lambda w: {
                    "title": "Workshop",
                    "kind": "workshop",
                    "mode": "in_person",
                    "place": "Library",
                    "starts_at": later(5, 10),
                    "ends_at": later(5, 12),
                },
                bad=lambda w: {
                    "title": REQUIRED_TEXT,
                    "kind": REQUIRED_CHOICE,
                    "mode": REQUIRED_CHOICE,
                    "place": TEXT,
                    "online_url": ["ftp://x.example/a", "javascript:alert(1)", "x", BIG, NUL],
                    "starts_at": when,
                    "ends_at": [*when, later(5, 9)],
                    "agenda": [BIG, NUL],
                    "competence": CHOICE,
                },
                extra=lambda w: [
                    ({"mode": "online", "place": ""}, "online_url"),
                    ({"mode": "hybrid", "online_url": "https://m.example", "place": ""}, "place"),
                    ({"kind": "training"}, "method"),
                ],
            ),
            "meeting invite": FormCase(
                url=meeting_url("meetings:invite"),
                base=lambda w: {"people": [w.group.person.pk], "language": "sv"},
                bad=lambda w: {
                    "people": [*MODEL_ID, [str(Person.objects.get(user=w.outsider).pk)]],
                    "organisations": MODEL_ID,
                    "client_units": [*MODEL_ID, [str(w.organisation.pk)]],
                    "language": REQUIRED_CHOICE,
                },
                extra=lambda w: [({"people": []}, "people")],
            ),
            "meeting reply": FormCase(
                url=meeting_url("meetings:reply"),
                base=lambda w: {"reply": "maybe", "note": "I need an interpreter."},
                bad=lambda w: {"reply": [*REQUIRED_CHOICE, "pending"], "note": TEXT},
                user="client",
                extra=lambda w: [({"invitation": "999999"}, "reply")],
            ),
            "meeting attendance": FormCase(
                url=lambda w: url("meetings:attendance", w.network.pk, matrix_object(w, "past").pk),
                base=lambda w: {
                    "people": [w.group.person.pk],
                    "guests": "Visitor",
                    "unnamed_clients": "2",
                },
                bad=lambda w: {
                    "people": MODEL_ID,
                    "guests": ["x" * 101, NUL, BIG * 3],
                    "unnamed_clients": ["", "-1", "abc", str(HUGE), "10001", NUL],
                },
            ),
            "meeting minutes": FormCase(
                url=meeting_url("meetings:minutes"),
                base=lambda w: {"notes": "Went well.", "decisions": "A\nB"},
                bad=lambda w: {
                    "notes": [BIG * 3, NUL],
                    "decisions": ["x" * 1001, "\n".join(["d"] * 51), NUL],
                },
                extra=lambda w: [({"notes": "", "decisions": ""}, "notes")],
            ),
            "action item create": FormCase(
                url=lambda w: url("meetings:item_create", w.network.pk),
                base=lambda w: {
                    "title": "Book the room",
                    "owner": f"p{w.professional.person.pk}",
                    "due_on": (timezone.localdate() + _dt.timedelta(days=3)).isoformat(),
                },
                bad=lambda w: {
                    "title": REQUIRED_TEXT,
                    "owner": [*REQUIRED_CHOICE, "p999999", "o999999", "x1"],
                    "due_on": [*REQUIRED_DATE, yesterday()],
                },
            ),
            "series create": FormCase(
                url=lambda w: url("meetings:series_create", w.network.pk),
                base=lambda w: {
                    "title": "Round table",
                    "kind": "round_table",
                    "mode": "in_person",
                    "place": "Hall",
                    "starts_at": later(3, 14),
                    "duration_minutes": "90",
                    "rrule": "FREQ=MONTHLY;BYDAY=1TU;COUNT=3",
                },
                bad=lambda w: {
                    "rrule": [
                        "",
                        "FREQ=MONTHLY;BYDAY=1TU",
                        "FREQ=DAILY;COUNT=0",
                        "FREQ=DAILY;UNTIL=20000101",
                        "bogus",
                        "FREQ=DAILY;COUNT=500",
                        BIG,
                        NUL,
                    ],
                    "exdates": ["abc", "2024-02-30", NUL],
                    "duration_minutes": ["", "5", "abc", str(HUGE)],
                    "starts_at": when,
                    "online_url": ["ftp://x.example/a", NUL],
                },
            ),
            "poll create": FormCase(
                url=lambda w: url("meetings:poll_create", w.network.pk),
                base=lambda w: {
                    "title": "When?",
                    "kind": "workshop",
                    "mode": "in_person",
                    "place": "Hall",
                    "duration_minutes": "120",
                    "slots": f"{later(5)}\n{later(6)}\n{later(7)}",
                },
                bad=lambda w: {
                    "slots": [
                        "",
                        "abc",
                        "2020-01-01 10:00",
                        NUL,
                        "\n".join(later(d) for d in range(2, 24)),
                    ],
                    "duration_minutes": ["", "5", "abc"],
                    "title": REQUIRED_TEXT,
                },
            ),
        }
    )


_meeting_forms()


@pytest.fixture(autouse=True)
def _meetings_rows(request):
    """The meetings' forms post to a meeting of the world: made before any state is
    compared, so that a form's address changes nothing."""
    if "world" in request.fixturenames:
        from verso.meetings.tests.factories import matrix_object

        world = request.getfixturevalue("world")
        matrix_object(world, "meeting")
        matrix_object(world, "past")


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
        "venue": [*MODEL_ID, str(_events_foreign_place(w).pk)],  # events' places
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


# --- followups ---
def check_language_chosen(world):
    assert User.objects.get(pk=world.coordinator.pk).language == "sv"


def check_staff_ended(world):
    assert not Staff.objects.filter(user=world.professional).exists()


def check_planned_meeting(world):
    from verso.meetings.models import Meeting

    assert Meeting.objects.filter(title="Planned workshop", plan=None).exists()


FORMS.update(
    {
        "language": FormCase(
            url=lambda w: url("accounts:language"),
            base=lambda w: {"language": "sv"},
            bad=lambda w: {"language": [*REQUIRED_CHOICE, "de"]},
            after_ok=check_language_chosen,
        ),
        "card staff end": FormCase(
            url=lambda w: url(
                "card:staff_end",
                card_world(w).scheme.pk,
                Staff.objects.get(user=w.professional, role="issuer").pk,
            ),
            base=lambda w: {"confirm": "on"},
            bad=lambda w: {"confirm": ["", "false", "False"]},
            after_ok=check_staff_ended,
        ),
        # a meeting's plan: unknown ids (another network's plan: verso/meetings/tests)
        "meeting plan": FormCase(
            url=lambda w: url("meetings:create", w.network.pk),
            base=lambda w: {
                "title": "Planned workshop",
                "kind": "workshop",
                "mode": "in_person",
                "place": "Library",
                "starts_at": "2035-05-08 10:00",
                "ends_at": "2035-05-08 12:00",
                "plan": "",
            },
            bad=lambda w: {"plan": MODEL_ID},
            after_ok=check_planned_meeting,
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
        case_url = case.url(world)  # may create the object the form is about
        before = db_state()
        response = client.post(case_url, {})
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


PLAN_PATH = "/networks/{network_id}/plans/{plan_id}"  # --- plans ---
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
    # --- plans ---
    ("get", "/networks/{network_id}/plans"): ApiCase(
        paths=lambda w: [
            *list_paths(f"/networks/{w.network.pk}/plans"),
            *network_paths(w, "/plans"),
        ]
    ),
    ("post", "/networks/{network_id}/plans"): ApiCase(
        bodies=lambda w: plan_bad_bodies(required=True),
        paths=lambda w: network_paths(w, "/plans"),
    ),
    ("get", PLAN_PATH): ApiCase(paths=lambda w: plan_paths(w)),
    ("patch", PLAN_PATH): ApiCase(
        bodies=lambda w: plan_bad_bodies(required=False), paths=lambda w: plan_paths(w)
    ),
    ("post", PLAN_PATH + "/ideas"): ApiCase(
        bodies=lambda w: [
            {},
            {"idea_id": "abc"},
            {"idea_id": HUGE},
            {"idea_id": True},
            {"idea_id": None},
            {"idea_id": plans_other_idea(w).pk},
        ],
        paths=lambda w: plan_paths(w, "/ideas"),
    ),
    ("get", PLAN_PATH + "/readiness"): ApiCase(paths=lambda w: plan_paths(w, "/readiness")),
    ("post", PLAN_PATH + "/readiness/accept"): ApiCase(
        bodies=lambda w: [
            {},
            {"gap": "evaluation"},
            {"gap": "evaluation", "reason": ""},
            {"gap": "evaluation", "reason": BIG},
            {"gap": "bogus", "reason": "Why not."},
            {"gap": BIG, "reason": "Why not."},
            {"gap": 5, "reason": "Why not."},
            {"gap": "evaluation", "reason": "   "},
        ],
        paths=lambda w: plan_paths(w, "/readiness/accept"),
    ),
    ("get", PLAN_PATH + "/budget-lines"): ApiCase(paths=lambda w: plan_paths(w, "/budget-lines")),
    ("post", PLAN_PATH + "/budget-lines"): ApiCase(
        bodies=lambda w: [{}, *budget_line_bad_bodies(w)],
        paths=lambda w: plan_paths(w, "/budget-lines"),
    ),
    ("patch", PLAN_PATH + "/budget-lines/{line_id}"): ApiCase(
        bodies=lambda w: budget_line_bad_bodies(w, patch=True),
        paths=lambda w: line_paths(w),
    ),
    ("delete", PLAN_PATH + "/budget-lines/{line_id}"): ApiCase(
        bodies=lambda w: [{}, {"confirm": False}, {"confirm": "yes"}], paths=lambda w: line_paths(w)
    ),
    ("get", PLAN_PATH + "/versions"): ApiCase(
        paths=lambda w: [*plan_paths(w, "/versions"), *list_paths(plans_path(w, "/versions"))]
    ),
    ("get", PLAN_PATH + "/versions/{version_id}"): ApiCase(paths=lambda w: version_paths(w)),
    ("post", PLAN_PATH + "/versions/{version_id}/comments"): ApiCase(
        bodies=lambda w: [
            {},
            {"text": ""},
            {"text": BIG},
            {"text": 5},
            {"text": ["a"]},
            {"text": "  "},
        ],
        paths=lambda w: version_paths(w, "/comments"),
    ),
    ("get", "/networks/{network_id}/phase"): ApiCase(paths=lambda w: network_paths(w, "/phase")),
    ("post", "/networks/{network_id}/phase"): ApiCase(
        bodies=lambda w: [{}, {"phase": "bogus"}, {"phase": 3}, {"phase": "co_development"}],
        paths=lambda w: network_paths(w, "/phase"),
    ),
    # --- ideas ---
    ("get", "/networks/{network_id}/idea-calls"): ApiCase(
        paths=lambda w: [
            *network_paths(w, "/idea-calls"),
            *list_paths(f"/networks/{w.network.pk}/idea-calls"),
        ]
    ),
    ("post", "/networks/{network_id}/idea-calls"): ApiCase(
        bodies=lambda w: idea_call_bodies(w), paths=lambda w: network_paths(w, "/idea-calls")
    ),
    ("get", "/networks/{network_id}/idea-calls/{idea_call_id}"): ApiCase(
        paths=lambda w: idea_call_paths(w)
    ),
    ("patch", "/networks/{network_id}/idea-calls/{idea_call_id}"): ApiCase(
        bodies=lambda w: [
            {"title": ""},
            {"title": BIG},
            {"title": None},
            {"question": 5},
            {"opens_on": "abc"},
            {"opens_on": None},
            {"closes_on": "2000-01-01"},
            {"target_groups": ["martians"]},
            {"target_groups": "children"},
        ],
        paths=lambda w: idea_call_paths(w),
    ),
    ("get", "/public/idea-calls/{call_code}"): ApiCase(
        paths=lambda w: ["/public/idea-calls/nope", f"/public/idea-calls/{'x' * 300}"]
    ),
    ("post", "/public/idea-calls/{call_code}/ideas"): ApiCase(
        bodies=lambda w: idea_bodies(w),
        paths=lambda w: [
            "/public/idea-calls/nope/ideas",
            f"/public/idea-calls/{closed_call(w).code}/ideas",
        ],
    ),
    ("get", "/networks/{network_id}/ideas"): ApiCase(
        paths=lambda w: [
            *network_paths(w, "/ideas"),
            *list_paths(
                f"/networks/{w.network.pk}/ideas",
                "status=bogus",
                "call_id=abc",
                f"call_id={HUGE}",
                "call_id=-1",
            ),
        ]
    ),
    ("post", "/networks/{network_id}/ideas"): ApiCase(
        bodies=lambda w: [
            *idea_bodies(w),
            {"text": "Idea", "call_id": "abc"},
            {"text": "Idea", "call_id": HUGE},
            {"text": "Idea", "call_id": 999999},
            {"text": "Idea", "call_id": idea_factories.make_call(w, w.other_network).pk},
            {"text": "Idea", "call_id": closed_call(w).pk},
            {"text": "Idea", "assisted": "maybe"},
        ],
        paths=lambda w: network_paths(w, "/ideas"),
    ),
    ("get", "/networks/{network_id}/ideas/{idea_id}"): ApiCase(paths=lambda w: idea_paths(w)),
    ("post", "/networks/{network_id}/ideas/{idea_id}/support"): ApiCase(
        bodies=lambda w: (
            [
                {},
                {"supported": "yes"},
                {"supported": 1},
                {"supported": None},
                {"supported": True, "person_id": w.group_membership.person_id},
            ]
            + second_support(w)
        ),
        paths=lambda w: idea_paths(w, "/support"),
    ),
    ("post", "/networks/{network_id}/ideas/{idea_id}/triage"): ApiCase(
        bodies=lambda w: [
            {},
            {"status": "bogus"},
            {"status": "new"},
            {"status": 3},
            {"status": "not_now"},
            {"status": "not_now", "reason": BIG},
            {"status": "merged", "reason": "Same."},
            {"status": "merged", "reason": "Same.", "merged_into_id": "abc"},
            {"status": "merged", "reason": "Same.", "merged_into_id": HUGE},
            {
                "status": "merged",
                "reason": "Same.",
                "merged_into_id": idea_factories.world_idea(w).pk,
            },
            {
                "status": "merged",
                "reason": "Same.",
                "merged_into_id": idea_factories.foreign_idea(w).pk,
            },
        ],
        paths=lambda w: idea_paths(w, "/triage"),
    ),
    ("post", "/networks/{network_id}/ideas/{idea_id}/moderation"): ApiCase(
        bodies=lambda w: [
            {},
            {"hidden": "yes"},
            {"hidden": True},
            {"hidden": True, "reason": ""},
            {"hidden": True, "reason": BIG},
            {"hidden": True, "reason": ["x"]},
        ],
        paths=lambda w: idea_paths(w, "/moderation"),
    ),
    ("get", "/networks/{network_id}/ideas/{idea_id}/comments"): ApiCase(
        paths=lambda w: [
            *idea_paths(w, "/comments"),
            *list_paths(
                f"/networks/{w.network.pk}/ideas/{idea_factories.world_idea(w).pk}/comments"
            ),
        ]
    ),
    ("post", "/networks/{network_id}/ideas/{idea_id}/comments"): ApiCase(
        bodies=lambda w: [{}, {"text": ""}, {"text": "   "}, {"text": BIG}, {"text": 5}],
        paths=lambda w: idea_paths(w, "/comments"),
    ),
    ("post", "/networks/{network_id}/ideas/{idea_id}/comments/{idea_comment_id}/moderation"): (
        ApiCase(
            bodies=lambda w: [
                {},
                {"hidden": True},
                {"hidden": False, "reason": "r"},
                {"hidden": True, "reason": BIG},
            ],
            paths=lambda w: [
                f"/networks/{w.network.pk}/ideas/{idea_factories.world_idea(w).pk}"
                f"/comments/{bad}/moderation"
                for bad in ("abc", HUGE, -1, 999999)
            ],
        )
    ),
}


# --- ideas ---
def idea_call_bodies(world) -> list:
    def body(**fields):
        return {"title": "T", "question": "Q?", **fields}

    return [
        {},
        body(title=""),
        body(title="   "),
        body(title=BIG),
        body(title=7),
        body(question=""),
        body(question=BIG),
        body(opens_on="abc"),
        body(opens_on=HUGE),
        body(opens_on="2030-01-01", closes_on="2029-01-01"),
        body(target_groups=["martians"]),
        body(target_groups="children"),
        body(target_groups=[BIG]),
    ]


def idea_bodies(world) -> list:
    def body(**fields):
        return {"text": "Idea", **fields}

    return [
        {},
        body(text=""),
        body(text="   "),
        body(text=BIG),
        body(text=5),
        body(text=["Idea"]),
        body(proposer_name=BIG),
        body(email="not-an-email"),
        body(email=BIG),
        body(phone="call me maybe"),
        body(email="a@example.fi"),  # without consent
        body(contact_consent="yes"),
    ]


def second_support(world) -> list:
    """A second support by the same person: the coordinator supports the idea first."""
    from verso.ideas.services import idea_support

    person = Person.objects.get(user=world.coordinator)
    idea_support(actor=world.coordinator, idea=idea_factories.world_idea(world), person=person)
    return [{"supported": True}]


def closed_call(world):
    today_ = timezone.localdate()
    return idea_factories.make_call(
        world,
        opens_on=today_ - timezone.timedelta(days=30),
        closes_on=today_ - timezone.timedelta(days=1),
    )


def idea_call_paths(world) -> list[str]:
    n = world.network.pk
    foreign = idea_factories.make_call(world, world.other_network).pk
    return [
        *network_paths(world, f"/idea-calls/{idea_factories.world_call(world).pk}"),
        *[f"/networks/{n}/idea-calls/{bad}" for bad in ("abc", HUGE, -1, 999999, foreign)],
    ]


def idea_paths(world, suffix: str = "") -> list[str]:
    n = world.network.pk
    foreign = idea_factories.foreign_idea(world).pk
    return [
        *network_paths(world, f"/ideas/{idea_factories.world_idea(world).pk}{suffix}"),
        *[f"/networks/{n}/ideas/{bad}{suffix}" for bad in ("abc", HUGE, -1, 999999, foreign)],
    ]


# --- meetings ---
def _meeting_api_cases():
    from verso.meetings.tests.factories import make_meeting, make_poll, matrix_object

    far = "2035-05-08T10:00:00+03:00"
    later = "2035-05-08T12:00:00+03:00"

    def meeting_body(**fields):
        return {"title": "W", "place": "Hall", "starts_at": far, "ends_at": later, **fields}

    def meeting_paths(w, suffix=""):
        n = w.network.pk
        other = make_meeting(w, w.other_network, actor=w.outsider)
        return [
            f"/networks/{n}/meetings/abc{suffix}",
            f"/networks/{n}/meetings/-1{suffix}",
            f"/networks/{n}/meetings/{HUGE}{suffix}",
            f"/networks/{n}/meetings/{other.pk}{suffix}",
            f"/networks/{w.other_network.pk}/meetings/{other.pk}{suffix}",
        ]

    def outsider_person(w):
        return Person.objects.get(user=w.outsider).pk

    def past(days):
        return (timezone.localdate() - datetime.timedelta(days=days)).isoformat()

    import datetime

    series_body = {"title": "RT", "starts_at": far, "rrule": "FREQ=MONTHLY;COUNT=2", "place": "H"}
    poll_body = {"title": "P", "place": "Hall", "slots": [far]}
    API_CASES.update(
        {
            ("get", "/networks/{network_id}/meetings"): ApiCase(
                paths=lambda w: [
                    *network_paths(w, "/meetings"),
                    *list_paths(f"/networks/{w.network.pk}/meetings"),
                ]
            ),
            ("post", "/networks/{network_id}/meetings"): ApiCase(
                bodies=lambda w: [
                    {},
                    meeting_body(title=""),
                    meeting_body(title=BIG),
                    meeting_body(title=5),
                    meeting_body(ends_at=far),
                    meeting_body(ends_at="2035-05-08T09:00:00+03:00"),
                    meeting_body(starts_at="abc"),
                    meeting_body(kind="bogus"),
                    meeting_body(mode="online", place=""),
                    meeting_body(mode="online", online_url="ftp://x.example/m"),
                    meeting_body(online_url="javascript:alert(1)"),
                    meeting_body(kind="training"),
                    meeting_body(competence="magic"),
                    meeting_body(agenda=BIG),
                ],
                paths=lambda w: network_paths(w, "/meetings"),
            ),
            ("get", "/networks/{network_id}/meetings/{meeting_id}"): ApiCase(paths=meeting_paths),
            ("patch", "/networks/{network_id}/meetings/{meeting_id}"): ApiCase(
                bodies=lambda w: [
                    {"title": ""},
                    {"ends_at": "2000-01-01T10:00:00+02:00"},
                    {"mode": "online", "online_url": "ftp://x.example/m"},
                    {"mode": "bogus"},
                    {"agenda": BIG},
                ],
                paths=meeting_paths,
            ),
            ("get", "/networks/{network_id}/meetings/{meeting_id}/invitations"): ApiCase(
                paths=lambda w: meeting_paths(w, "/invitations")
            ),
            ("post", "/networks/{network_id}/meetings/{meeting_id}/invitations"): ApiCase(
                bodies=lambda w: [
                    {},
                    {"person_ids": [outsider_person(w)]},
                    {"person_ids": ["abc"]},
                    {"person_ids": [HUGE]},
                    {"person_ids": [w.group.person.pk], "language": "de"},
                    {"organisation_ids": [999999]},
                    {"client_unit_ids": [w.organisation.pk]},
                    {"person_ids": w.group.person.pk},
                ],
                paths=lambda w: meeting_paths(w, "/invitations"),
            ),
            ("post", "/networks/{network_id}/meetings/{meeting_id}/reply"): ApiCase(
                bodies=lambda w: [
                    {},
                    {"reply": "yes"},  # the coordinator is not invited
                    {"reply": "bogus"},
                    {"reply": "pending"},
                    {"reply": "yes", "note": BIG},
                    {"reply": "yes", "invitation_id": 999999},
                    {"reply": "yes", "invitation_id": "abc"},
                ],
                paths=lambda w: meeting_paths(w, "/reply"),
            ),
            ("get", "/networks/{network_id}/meetings/{meeting_id}/attendance"): ApiCase(
                paths=lambda w: meeting_paths(w, "/attendance")
            ),
            ("put", "/networks/{network_id}/meetings/{meeting_id}/attendance"): ApiCase(
                bodies=lambda w: [
                    {"unnamed_clients": -1},
                    {"unnamed_clients": "x"},
                    {"person_ids": [outsider_person(w)]},
                    {"guests": [BIG]},
                    {"guests": "x"},
                    {},  # the meeting has not started
                ],
                paths=lambda w: meeting_paths(w, "/attendance"),
            ),
            ("get", "/networks/{network_id}/meetings/{meeting_id}/minutes"): ApiCase(
                paths=lambda w: meeting_paths(w, "/minutes")
            ),
            ("put", "/networks/{network_id}/meetings/{meeting_id}/minutes"): ApiCase(
                bodies=lambda w: [
                    {"notes": BIG * 3},
                    {"decisions": ["x" * 1001]},
                    {"decisions": "x"},
                    {"decisions": ["d"] * 51},
                    {"notes": 5},
                ],
                paths=lambda w: meeting_paths(w, "/minutes"),
            ),
            ("get", "/networks/{network_id}/action-items"): ApiCase(
                paths=lambda w: [
                    *network_paths(w, "/action-items"),
                    *list_paths(
                        f"/networks/{w.network.pk}/action-items",
                        "status=bogus",
                        "person_id=abc",
                        f"organisation_id={HUGE}",
                        "overdue=maybe",
                    ),
                ]
            ),
            ("post", "/networks/{network_id}/action-items"): ApiCase(
                bodies=lambda w: [
                    {},
                    {"title": "T", "due_on": "2035-01-01"},
                    {
                        "title": "T",
                        "due_on": "2035-01-01",
                        "owner_person_id": w.group.person.pk,
                        "owner_organisation_id": w.organisation.pk,
                    },
                    {"title": "T", "due_on": past(1), "owner_person_id": w.group.person.pk},
                    {"title": "T", "due_on": "2035-01-01", "owner_person_id": outsider_person(w)},
                    {"title": "T", "due_on": "2035-01-01", "owner_organisation_id": 999999},
                    {"title": "T", "due_on": "abc", "owner_person_id": w.group.person.pk},
                    {"title": "", "due_on": "2035-01-01", "owner_person_id": w.group.person.pk},
                    {
                        "title": "T",
                        "due_on": "2035-01-01",
                        "owner_person_id": w.group.person.pk,
                        "meeting_id": make_meeting(w, w.other_network, actor=w.outsider).pk,
                    },
                ],
                paths=lambda w: network_paths(w, "/action-items"),
            ),
            ("patch", "/networks/{network_id}/action-items/{item_id}"): ApiCase(
                bodies=lambda w: [{}, {"status": "bogus"}, {"status": 1}],
                paths=lambda w: [
                    f"/networks/{w.network.pk}/action-items/abc",
                    f"/networks/{w.network.pk}/action-items/{HUGE}",
                    f"/networks/{w.other_network.pk}/action-items/{matrix_object(w, 'item').pk}",
                ],
            ),
            ("get", "/networks/{network_id}/series"): ApiCase(
                paths=lambda w: [
                    *network_paths(w, "/series"),
                    *list_paths(f"/networks/{w.network.pk}/series"),
                ]
            ),
            ("post", "/networks/{network_id}/series"): ApiCase(
                bodies=lambda w: [
                    {},
                    {**series_body, "rrule": "FREQ=MONTHLY;BYDAY=1TU"},
                    {**series_body, "rrule": "FREQ=DAILY;COUNT=0"},
                    {**series_body, "rrule": "FREQ=DAILY;UNTIL=20000101"},
                    {**series_body, "rrule": "bogus"},
                    {**series_body, "rrule": "FREQ=DAILY;COUNT=500"},
                    {**series_body, "duration_minutes": 5},
                    {**series_body, "exdates": ["abc"]},
                    {**series_body, "mode": "online", "online_url": "ftp://x.example/m"},
                    {**series_body, "starts_at": None},
                ],
                paths=lambda w: network_paths(w, "/series"),
            ),
            ("get", "/networks/{network_id}/polls"): ApiCase(
                paths=lambda w: [
                    *network_paths(w, "/polls"),
                    *list_paths(f"/networks/{w.network.pk}/polls"),
                ]
            ),
            ("post", "/networks/{network_id}/polls"): ApiCase(
                bodies=lambda w: [
                    {},
                    {**poll_body, "slots": []},
                    {**poll_body, "slots": ["2000-01-01T10:00:00+02:00"]},
                    {**poll_body, "slots": ["abc"]},
                    {**poll_body, "slots": [far] * 21},
                    {**poll_body, "duration_minutes": 5},
                    {**poll_body, "place": ""},
                ],
                paths=lambda w: network_paths(w, "/polls"),
            ),
            ("get", "/networks/{network_id}/polls/{poll_id}"): ApiCase(
                paths=lambda w: [
                    f"/networks/{w.network.pk}/polls/abc",
                    f"/networks/{w.network.pk}/polls/{HUGE}",
                    f"/networks/{w.network.pk}/polls/"
                    f"{make_poll(w, w.other_network, actor=w.outsider).pk}",
                ]
            ),
            ("post", "/networks/{network_id}/polls/{poll_id}/votes"): ApiCase(
                bodies=lambda w: [
                    {},
                    {"answers": {}},
                    {"answers": {"abc": "yes"}},
                    {"answers": {"999999": "yes"}},
                    {"answers": {str(matrix_object(w, "poll").slots.first().pk): "bogus"}},
                    {"answers": "yes"},
                ],
                paths=lambda w: [
                    f"/networks/{w.network.pk}/polls/abc/votes",
                    f"/networks/{w.network.pk}/polls/{HUGE}/votes",
                ],
            ),
            ("post", "/networks/{network_id}/polls/{poll_id}/close"): ApiCase(
                bodies=lambda w: [
                    {},
                    {"slot_id": "abc"},
                    {"slot_id": 999999},
                    {"slot_id": make_poll(w).slots.first().pk},  # a slot of another poll
                ],
                paths=lambda w: [
                    f"/networks/{w.network.pk}/polls/abc/close",
                    f"/networks/{w.network.pk}/polls/{HUGE}/close",
                ],
            ),
        }
    )


_meeting_api_cases()


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


# --- followups --- a meeting's plan_id: another network's plan, unknown, not an integer
def _followups_api_cases():
    from dataclasses import replace

    from verso.plans import services as plan_services

    def plan_bodies(w, **fields) -> list[dict]:
        theirs = plan_services.plan_create(
            actor=w.outsider, network=w.other_network, title="Their plan"
        )
        return [
            {**fields, "plan_id": bad}
            for bad in (theirs.pk, 999999, -1, 0, HUGE, "1", 1.5, "abc", [1], {"id": 1})
        ]

    when = {"starts_at": "2035-05-08T10:00:00+03:00", "ends_at": "2035-05-08T12:00:00+03:00"}
    new = {"title": "W", "place": "Hall", **when}
    for key, fields in (
        (("post", "/networks/{network_id}/meetings"), new),
        (("patch", "/networks/{network_id}/meetings/{meeting_id}"), {}),
    ):
        case = API_CASES[key]
        API_CASES[key] = replace(
            case, bodies=lambda w, old=case.bodies, f=fields: [*old(w), *plan_bodies(w, **f)]
        )


_followups_api_cases()


def test_every_api_operation_has_malformed_cases():
    schema = ninja_api.get_openapi_schema()
    operations = {
        (method, path.removeprefix("/api/v1"))
        for path, ops in schema["paths"].items()
        for method in ops
    }
    assert operations == set(API_CASES)


def operation_path(world, path: str) -> str:
    # --- ideas --- the apps' own objects, by the access matrix's OBJECTS names
    from verso.core.tests.test_access_matrix import OBJECTS

    names = {f for _t, f, _s, _c in Formatter().parse(path) if f} - {
        "network_id",
        "membership_id",
        "organisation_id",
    }
    return path.format(
        network_id=world.network.pk,
        membership_id=world.professional_membership.pk,
        organisation_id=world.organisation.pk,
        **{name: OBJECTS[name.removesuffix("_id")](world) for name in names},
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
        ("post", "/events/activities/{activity_id}/signups"): _signup_body(),  # events
        ("post", "/networks/{network_id}/activities"): _activity_body(),  # events
        ("post", "/networks/{network_id}/places"): {"name": "Y", "address": "R"},  # events
        ("patch", "/networks/{network_id}/activities/{activity_id}"): {"title": "T"},  # events
        ("post", "/networks/{network_id}/handover"): {"membership_id": world.group_membership.pk},
        ("post", "/networks/{network_id}/memberships"): member_body(),
        ("patch", "/networks/{network_id}"): {"phase": "planning"},
        ("patch", "/networks/{network_id}/memberships/{membership_id}"): {"roles": ["partner"]},
        ("post", "/networks/{network_id}/memberships/{membership_id}/end"): {},
        # --- plans ---
        **plans_valid_bodies(world),
        # --- ideas ---
        ("patch", "/networks/{network_id}/idea-calls/{idea_call_id}"): {"title": "T2"},
        ("post", "/public/idea-calls/{call_code}/ideas"): {"text": "Idea"},
        ("post", "/networks/{network_id}/ideas"): {"text": "Idea"},
        ("post", "/networks/{network_id}/ideas/{idea_id}/triage"): {
            "status": "not_now",
            "reason": "r",
        },
        ("post", "/networks/{network_id}/ideas/{idea_id}/moderation"): {
            "hidden": True,
            "reason": "r",
        },
        ("post", "/networks/{network_id}/ideas/{idea_id}/comments"): {"text": "c"},
        ("post", "/networks/{network_id}/ideas/{idea_id}/comments/{idea_comment_id}/moderation"): {
            "hidden": True,
            "reason": "r",
        },
        ("post", "/networks/{network_id}/idea-calls"): {"title": "T", "question": "Q?"},
        ("post", "/networks/{network_id}/ideas/{idea_id}/support"): {"supported": True},
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


# --- meetings ---
_operation_path_before_meetings = operation_path


def operation_path(world, path: str) -> str:  # noqa: F811  # adds the meetings' ids
    from verso.meetings.tests.factories import matrix_object

    for name in ("meeting", "item", "poll"):
        placeholder = "{" + name + "_id}"
        if placeholder in path:
            path = path.replace(placeholder, str(matrix_object(world, name).pk))
    return _operation_path_before_meetings(world, path)


# --- events ---
from verso.events import testing as events_testing  # noqa: E402
from verso.events.models import Activity, Place, Signup, Work  # noqa: E402

MODELS += [Activity, Place, Signup, Work]
DATETIME = ["abc", "2024-13-45T10:00", "2024-02-30T10:00", BIG, NUL, str(HUGE)]
COUNT = ["-1", "abc", "1.5", str(HUGE), BIG, NUL]


def _events_future(days: int, hour: int) -> str:
    import datetime

    day = timezone.localdate() + datetime.timedelta(days=days)
    return f"{day.isoformat()}T{hour:02d}:00"


def _events_foreign_place(world):
    return services_events().place_create(
        actor=world.outsider, network=world.other_network, name="Theirs", address="Road 9"
    )


def services_events():
    from verso.events import services as events_services

    return events_services


def _events_foreign_plan(world):
    from verso.plans import services as plans_services

    return plans_services.plan_create(
        actor=world.outsider, network=world.other_network, title="Their plan"
    )


def _events_activity_base(world) -> dict:
    return {
        "type": "pop_up",
        "status": "published",
        "language": "fi",
        "title": "Kesäkeitaan pop-up",
        "starts_at": _events_future(5, 12),
        "ends_at": _events_future(5, 15),
        "is_free": "on",
        "signup_enabled": "on",
        "capacity": "10",
        "waitlist_capacity": "2",
        "group_limit": "1",
        "works_per_community": "3",
    }


FORMS.update(
    {
        "activity create": FormCase(
            url=lambda w: url("events:create", w.network.pk),
            base=_events_activity_base,
            bad=lambda w: {
                "title": REQUIRED_TEXT,
                "type": REQUIRED_CHOICE,
                "status": REQUIRED_CHOICE,
                "language": REQUIRED_CHOICE,
                "starts_at": ["", *DATETIME],
                "ends_at": ["", *DATETIME, _events_future(5, 9)],
                "capacity": COUNT,
                "waitlist_capacity": COUNT,
                "group_limit": ["0", *COUNT],
                "place": [*MODEL_ID, str(_events_foreign_place(w).pk)],
                "plan": [*MODEL_ID, str(_events_foreign_plan(w).pk)],
                "organisers": [["999999"], ["abc"], [NUL]],
                "target_groups": MULTI,
                "recurrence": CHOICE,
                "description": TEXT,
                "title_sv": TEXT,
            },
            extra=lambda w: [
                ({"recurrence": "weekly"}, "recurrence_until"),
                (
                    {
                        "signup_opens_at": _events_future(3, 12),
                        "signup_closes_at": _events_future(2, 12),
                    },
                    "signup_closes_at",
                ),
                ({"age_min": "10", "age_max": "5"}, "age_max"),
            ],
            after_ok=lambda w: Activity.objects.get(title="Kesäkeitaan pop-up"),
        ),
        "place create": FormCase(
            url=lambda w: url("events:place_create", w.network.pk),
            base=lambda w: {"name": "Piha", "address": "Tie 1", "setting": "outdoor"},
            bad=lambda w: {
                "name": REQUIRED_TEXT,
                "address": REQUIRED_TEXT,
                "setting": REQUIRED_CHOICE,
                "latitude": ["abc", "91", "-91", BIG, NUL],
                "longitude": ["abc", "181", BIG],
                "transport_distance_m": COUNT,
                "languages": [["xx"], [BIG], [NUL]],
                "safety_notes": TEXT,
            },
            extra=lambda w: [({"latitude": "65.9"}, "longitude")],
            after_ok=lambda w: Place.objects.get(name="Piha"),
        ),
        "sign-up": FormCase(
            url=lambda w: url("events:public_detail", events_testing.events_activity(w).pk),
            base=lambda w: {
                "kind": "take_part",
                "name": "Aino",
                "email": "aino@test.example",
                "group_size": "1",
            },
            bad=lambda w: {
                "name": REQUIRED_TEXT,
                "email": REQUIRED_EMAIL,
                "phone": TEXT,
                "group_size": ["", "0", "4", *COUNT],
                "kind": REQUIRED_CHOICE,
                "access_needs": TEXT,
            },
            user=None,
            after_ok=lambda w: Signup.objects.get(email="aino@test.example"),
        ),
        "activity outcome": FormCase(
            url=lambda w: url("events:outcome", w.network.pk, events_testing.events_activity(w).pk),
            base=lambda w: {"taking_part": "10", "following": "5", "notes": "Aurinkoista."},
            bad=lambda w: {
                "taking_part": ["", *COUNT],
                "following": ["", *COUNT],
                "unnamed_clients": COUNT,
                "notes": TEXT,
            },
            extra=lambda w: [({"unnamed_clients": "11"}, "unnamed_clients")],
            after_ok=lambda w: Activity.objects.get(realised_taking_part=10),
        ),
    }
)


def _events_ids(world) -> dict:
    return {
        "activity_id": events_testing.events_activity(world).pk,
        "place_id": events_testing.events_activity(world).place_id,
    }


def _events_paths(w, template: str) -> list[str]:
    return [
        template.format(network_id=w.network.pk, x=bad)
        for bad in ("abc", "-1", "1.5", HUGE, 10**70, "%00")
    ]


def _events_draft(w):
    return services_events().activity_create(
        actor=w.coordinator,
        network=w.network,
        type="other",
        title="Draft",
        starts_at=timezone.now(),
        ends_at=timezone.now(),
    )


def _events_foreign_activity(w):
    return services_events().activity_create(
        actor=w.outsider,
        network=w.other_network,
        type="other",
        status="published",
        title="Theirs",
        starts_at=timezone.now(),
        ends_at=timezone.now(),
    )


def _activity_body(**fields) -> dict:
    return {
        "type": "pop_up",
        "title": "Pop-up",
        "starts_at": "2099-06-01T12:00:00+03:00",
        "ends_at": "2099-06-01T15:00:00+03:00",
        **fields,
    }


def _signup_body(**fields) -> dict:
    return {"name": "Aino", "email": "aino@test.example", **fields}


EVENT_FILTERS = [
    "type=bogus",
    "start=abc",
    "end=2024-13-45",
    "place_id=abc",
    "place_id=-1",
    "free=maybe",
    "accessible=maybe",
    "language=xx",
    "audience=martians",
]

API_CASES.update(
    {
        ("get", "/events/activities"): ApiCase(
            paths=lambda w: list_paths("/events/activities", *EVENT_FILTERS)
        ),
        ("get", "/events/activities/{activity_id}"): ApiCase(
            paths=lambda w: [
                *_events_paths(w, "/events/activities/{x}"),
                f"/events/activities/{_events_draft(w).pk}",
            ]
        ),
        ("get", "/events/activities/{activity_id}/gallery"): ApiCase(
            paths=lambda w: [
                *_events_paths(w, "/events/activities/{x}/gallery"),
                *list_paths(f"/events/activities/{events_testing.events_activity(w).pk}/gallery"),
            ]
        ),
        ("get", "/events/places"): ApiCase(paths=lambda w: list_paths("/events/places")),
        ("get", "/events/places/{place_id}"): ApiCase(
            paths=lambda w: _events_paths(w, "/events/places/{x}")
        ),
        ("post", "/events/activities/{activity_id}/signups"): ApiCase(
            bodies=lambda w: [
                {},
                _signup_body(name=""),
                _signup_body(name=BIG),
                _signup_body(name=5),
                _signup_body(email="", phone=""),
                _signup_body(email=BIG),
                _signup_body(phone=BIG),
                _signup_body(kind="bogus"),
                _signup_body(group_size=0),
                _signup_body(group_size=4),
                _signup_body(group_size=-1),
                _signup_body(group_size=HUGE),
                _signup_body(group_size="abc"),
                _signup_body(access_needs=BIG),
            ],
            paths=lambda w: [
                *_events_paths(w, "/events/activities/{x}/signups"),
                f"/events/activities/{_events_draft(w).pk}/signups",
            ],
        ),
        ("get", "/networks/{network_id}/activities"): ApiCase(
            paths=lambda w: [
                *network_paths(w, "/activities"),
                *list_paths(f"/networks/{w.network.pk}/activities"),
            ]
        ),
        ("post", "/networks/{network_id}/activities"): ApiCase(
            bodies=lambda w: [
                {},
                _activity_body(title=""),
                _activity_body(title=BIG),
                _activity_body(type="bogus"),
                _activity_body(status="bogus"),
                _activity_body(starts_at="abc"),
                _activity_body(ends_at="2099-06-01T09:00:00+03:00"),
                _activity_body(capacity=-1),
                _activity_body(capacity=HUGE),
                _activity_body(waitlist_capacity=-1),
                _activity_body(group_limit=0),
                _activity_body(place_id=999999),
                _activity_body(place_id="abc"),
                _activity_body(place_id=_events_foreign_place(w).pk),
                _activity_body(plan_id=999999),
                _activity_body(plan_id="abc"),
                _activity_body(plan_id=_events_foreign_plan(w).pk),
                _activity_body(organisation_ids=[999999]),
                _activity_body(organisation_ids="abc"),
                _activity_body(target_groups=["martians"]),
                _activity_body(recurrence="weekly"),
                _activity_body(recurrence="monthly"),
                _activity_body(
                    signup_opens_at="2099-05-02T10:00:00+03:00",
                    signup_closes_at="2099-05-01T10:00:00+03:00",
                ),
                _activity_body(age_min=10, age_max=5),
                _activity_body(language="de"),
            ],
            paths=lambda w: network_paths(w, "/activities"),
        ),
        ("patch", "/networks/{network_id}/activities/{activity_id}"): ApiCase(
            bodies=lambda w: [
                {"title": ""},
                {"title": BIG},
                {"status": "bogus"},
                {"capacity": -1},
                {"ends_at": "2000-01-01T00:00:00+02:00"},
                {"starts_at": "abc"},
                {"plan_id": 999999},
                {"plan_id": "abc"},
                {"plan_id": _events_foreign_plan(w).pk},
            ],
            paths=lambda w: [
                *_events_paths(w, f"/networks/{w.network.pk}/activities/{{x}}"),
                f"/networks/{w.network.pk}/activities/{_events_foreign_activity(w).pk}",
            ],
        ),
        ("get", "/networks/{network_id}/places"): ApiCase(
            paths=lambda w: [
                *network_paths(w, "/places"),
                *list_paths(f"/networks/{w.network.pk}/places"),
            ]
        ),
        ("post", "/networks/{network_id}/places"): ApiCase(
            bodies=lambda w: [
                {},
                {"name": "Y"},
                {"name": "", "address": "R"},
                {"name": BIG, "address": "R"},
                {"name": "Y", "address": "R", "latitude": 91},
                {"name": "Y", "address": "R", "longitude": 181},
                {"name": "Y", "address": "R", "latitude": 65.0},
                {"name": "Y", "address": "R", "setting": "moon"},
                {"name": "Y", "address": "R", "languages": ["xx"]},
                {"name": "Y", "address": "R", "transport_distance_m": -1},
            ],
            paths=lambda w: network_paths(w, "/places"),
        ),
        ("get", "/networks/{network_id}/activities/{activity_id}/signups"): ApiCase(
            paths=lambda w: [
                *_events_paths(w, f"/networks/{w.network.pk}/activities/{{x}}/signups"),
                f"/networks/{w.network.pk}/activities/{_events_foreign_activity(w).pk}/signups",
                *list_paths(
                    f"/networks/{w.network.pk}/activities/"
                    f"{events_testing.events_activity(w).pk}/signups"
                ),
            ]
        ),
    }
)


# The events cases above are added after the shared tests took their parameters (at import,
# from the dicts as they stood), so they run here through the same test bodies.
EVENTS_FORMS = ["activity create", "place create", "sign-up", "activity outcome"]
EVENTS_API = [
    key
    for key in API_CASES
    if key[1].startswith("/events/")
    or key[1].startswith("/networks/{network_id}/activities")
    or key[1].startswith("/networks/{network_id}/places")
]


@pytest.mark.parametrize("name", EVENTS_FORMS)
def test_events_malformed_form_posts_are_refused_and_change_nothing(world, name):
    test_malformed_form_posts_are_refused_on_the_field_and_change_nothing(world, name)


@pytest.mark.parametrize(("method", "path"), EVENTS_API, ids=[f"{m} {p}" for m, p in EVENTS_API])
def test_events_malformed_api_requests_answer_4xx_and_change_nothing(world, method, path):
    test_malformed_api_requests_answer_4xx_and_change_nothing(world, method, path)


@pytest.fixture(autouse=True)
def _events_objects(request):
    """The events cases' shared exhibition exists before any state is compared."""
    if "world" in request.fixturenames:
        events_testing.events_activity(request.getfixturevalue("world"))


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


# --- plans ---
from decimal import Decimal  # noqa: E402

from verso.plans import services as plan_services  # noqa: E402
from verso.plans.models import (  # noqa: E402
    BudgetLine,
    GapAcceptance,
    Plan,
    PlanVersion,
    VersionComment,
)

MODELS.extend([Plan, BudgetLine, PlanVersion, VersionComment, GapAcceptance])
AMOUNT = [
    "",
    "-1",
    "-0.01",
    "1.234",
    "0.001",
    "abc",
    "NaN",
    "Infinity",
    "1e400",
    str(HUGE),
    BIG,
    NUL,
]


def plans_plan(w) -> Plan:
    """The world's plan: a need (planning may start) but no evaluation (a gap is open)."""
    plan = Plan.objects.filter(network=w.network, title="Bad-input plan").first()
    return plan or plan_services.plan_create(
        actor=w.coordinator, network=w.network, title="Bad-input plan", need="People meet."
    )


def plans_line(w) -> BudgetLine:
    plan = plans_plan(w)
    return plan.budget_lines.first() or plan_services.budget_line_add(
        actor=w.coordinator, plan=plan, item="Paint", amount=Decimal("5.00")
    )


def plans_other_plan(w) -> Plan:
    plan = Plan.objects.filter(network=w.other_network).first()
    if plan is None:
        plan = plan_services.plan_create(actor=w.outsider, network=w.other_network, title="Theirs")
        plan_services.budget_line_add(actor=w.outsider, plan=plan, item="Tea", amount="1")
    return plan


def plans_path(w, suffix: str = "") -> str:
    return f"/networks/{w.network.pk}/plans/{plans_plan(w).pk}{suffix}"


def plans_valid_bodies(w) -> dict:
    return {
        ("post", "/networks/{network_id}/plans"): {"title": "P"},
        ("patch", PLAN_PATH): {"title": "P"},
        ("post", PLAN_PATH + "/readiness/accept"): {"gap": "evaluation", "reason": "Later."},
        ("post", PLAN_PATH + "/budget-lines"): {"item": "Paint", "amount": "1.00"},
        ("post", PLAN_PATH + "/ideas"): {"idea_id": idea_factories.world_idea(w).pk},
        ("patch", PLAN_PATH + "/budget-lines/{line_id}"): {"amount": "2.00"},
        ("delete", PLAN_PATH + "/budget-lines/{line_id}"): {"confirm": True},
        ("post", PLAN_PATH + "/versions/{version_id}/comments"): {"text": "Good."},
        ("post", "/networks/{network_id}/phase"): {"phase": "planning"},
    }


def plan_paths(w, suffix: str = "") -> list[str]:
    n = w.network.pk
    other = plans_other_plan(w)
    return [
        *network_paths(w, f"/plans/{plans_plan(w).pk}{suffix}"),
        f"/networks/{n}/plans/abc{suffix}",
        f"/networks/{n}/plans/-1{suffix}",
        f"/networks/{n}/plans/{HUGE}{suffix}",
        f"/networks/{n}/plans/{other.pk}{suffix}",
        f"/networks/{other.network_id}/plans/{other.pk}{suffix}",
    ]


def line_paths(w) -> list[str]:
    other = plans_other_plan(w).budget_lines.first()
    base = plans_path(w, "/budget-lines")
    return [
        *plan_paths(w, f"/budget-lines/{plans_line(w).pk}"),
        f"{base}/abc",
        f"{base}/{HUGE}",
        f"{base}/{other.pk}",
    ]


def version_paths(w, suffix: str = "") -> list[str]:
    other = plans_other_plan(w).versions.first()
    base = plans_path(w, "/versions")
    mine = plans_plan(w).versions.order_by("-number").first()
    return [
        *plan_paths(w, f"/versions/{mine.pk}{suffix}"),
        f"{base}/abc{suffix}",
        f"{base}/{HUGE}{suffix}",
        f"{base}/{other.pk}{suffix}",
    ]


def plans_other_idea(w):
    """An idea of the other network."""
    from verso.ideas.models import Idea

    idea = Idea.objects.filter(network=w.other_network).first()
    if idea is None:
        call = idea_factories.make_call(w, network=w.other_network)
        idea, _token = idea_factories.make_idea(w, call=call)
    return idea


def plans_check_idea(w) -> None:
    idea = idea_factories.world_idea(w)
    idea.refresh_from_db()
    assert idea.status == "taken_into_plan"
    assert list(idea.plans.all()) == [plans_plan(w)]


def plans_check_title(w, title: str) -> None:
    assert Plan.objects.filter(network=w.network, title=title).exists()


def plan_bad_fields() -> dict:
    return {
        "title": REQUIRED_TEXT,
        "need": TEXT,
        "evaluation": TEXT,
        "competence": TEXT,
        "target_groups": MULTI,
    }


def plan_bad_bodies(*, required: bool) -> list:
    base = {"title": "P"} if required else {}
    bodies = [
        {**base, "title": ""},
        {**base, "title": BIG},
        {**base, "title": 5},
        {**base, "need": BIG},
        {**base, "evaluation": ["x"]},
        {**base, "target_groups": ["martians"]},
        {**base, "target_groups": "children"},
        {**base, "target_groups": [1]},
    ]
    return [{}, *bodies] if required else bodies


def budget_line_fields(**fields) -> dict:
    return {
        "item": "Paint",
        "amount": "12.50",
        "status": "proposed",
        "funding_source": "own_budget",
        **fields,
    }


def plans_outside_org(w) -> Organisation:
    """An organisation that takes part in another network only."""
    org = Organisation.objects.filter(name="Outside org").first()
    if org is None:
        org = services.organisation_create(actor=None, name="Outside org", sector="company")
        services.membership_add_new_person(
            actor=w.outsider,
            network=w.other_network,
            display_name="Outside person",
            roles=["partner"],
            organisation=org,
        )
    return org


def budget_line_bad_fields(w) -> dict:
    outside = plans_outside_org(w)
    return {
        "item": REQUIRED_TEXT,
        "amount": [*AMOUNT, ["1", "x"]],
        "owner_organisation": [*MODEL_ID, str(outside.pk)],
        "owner_person": [*MODEL_ID, str(w.outsider.person.pk)],
        "status": REQUIRED_CHOICE,
        "funding_source": REQUIRED_CHOICE,
    }


def budget_line_extra(w) -> list:
    return [
        ({"status": "committed"}, "owner_organisation"),
        ({"status": "spent", "owner_organisation": str(w.organisation.pk)}, "owner_person"),
    ]


def budget_line_bad_bodies(w, *, patch: bool = False) -> list:
    base = {} if patch else {"item": "Paint", "amount": "1.00"}
    outside = plans_outside_org(w)
    bodies = [{**base, "amount": amount} for amount in AMOUNT if amount != NUL]
    bodies += [
        {**base, "amount": -5},
        {**base, "amount": 1.005},
        {**base, "amount": True},
        {**base, "amount": None} if not patch else {**base, "amount": [1]},
        {**base, "item": ""},
        {**base, "item": BIG},
        {**base, "owner_organisation_id": outside.pk},
        {**base, "owner_organisation_id": HUGE},
        {**base, "owner_organisation_id": "abc"},
        {**base, "owner_person_id": w.outsider.person.pk},
        {**base, "status": "bogus"},
        {**base, "funding_source": "bogus"},
        {**base, "status": "committed"},
    ]
    return bodies


@pytest.fixture(autouse=True)
def _plans_rows(request):
    """The plans' rows exist before a test takes its "before" state (addresses name them)."""
    if "world" in request.fixturenames:
        w = request.getfixturevalue("world")
        plans_line(w)
        plans_other_plan(w)
        plans_outside_org(w)
        plans_other_idea(w)


# --- methods ---
# The cases are added after the shared parametrised tests were collected, so this block runs
# them through its own parametrised wrappers (the empty-post test reads FORMS at run time).
from verso.methods import testing as methods_testing  # noqa: E402
from verso.methods.models import Method, MethodUse  # noqa: E402

MODELS += [Method, MethodUse]
METHOD_LINKS = ["www.example.org", "ftp://example.org/x", "javascript:alert(1)", "https://", BIG]
METHOD_COUNT = ["0", "-1", "abc", "1.5", "10081", str(HUGE), BIG, NUL]


def _method_form(**fields) -> dict:
    return {
        "language": "fi",
        "name": "Tarinapiiri",
        "description": "Kerrotaan tarinoita.",
        "kind": "writing",
        "competence": "guidance",
        "target_groups": ["older_people"],
        "duration_minutes": "60",
        "evidence_links": "https://example.org/a",
        **fields,
    }


def _methods_other(w) -> Method:
    """A second method, whose name another may not take."""
    from verso.methods.services import method_create

    found = Method.objects.filter(name="Kesämatto").first()
    return found or method_create(
        actor=w.coordinator, data={**methods_testing.METHOD_DATA, "name": "Kesämatto"}
    )


def _method_form_bad(w) -> dict:
    return {
        "language": REQUIRED_CHOICE,
        "name": [*REQUIRED_TEXT, _methods_other(w).name.upper()],
        "description": REQUIRED_TEXT,
        "kind": REQUIRED_CHOICE,
        "competence": CHOICE,
        "competence_notes": TEXT,
        "materials": TEXT,
        "safety": TEXT,
        "target_groups": MULTI,
        "duration_minutes": METHOD_COUNT,
        "evidence_links": [*METHOD_LINKS, NUL, "\n".join(["https://e.org"] * 11)],
        "name_sv": TEXT,
        "description_en": TEXT,
    }


def _method_check(name: str):
    def check(w):
        assert Method.objects.filter(name=name).exists()

    return check


METHOD_FORMS = {
    "method create": FormCase(
        url=lambda w: url("methods:create"),
        base=lambda w: _method_form(),
        bad=_method_form_bad,
        user="group",
        after_ok=_method_check("Tarinapiiri"),
    ),
    "method edit": FormCase(
        url=lambda w: url("methods:edit", methods_testing.methods_method(w).pk),
        base=lambda w: _method_form(name="Luontokuvakävely 2"),
        bad=_method_form_bad,
        after_ok=_method_check("Luontokuvakävely 2"),
    ),
}
FORMS.update(METHOD_FORMS)


@pytest.mark.parametrize("name", list(METHOD_FORMS))
def test_malformed_method_form_posts_are_refused_on_the_field(world, name):
    methods_testing.methods_method(world)
    _methods_other(world)
    test_malformed_form_posts_are_refused_on_the_field_and_change_nothing(world, name)


def _method_body(**fields) -> dict:
    return {
        "name": "Story circle",
        "description": "Stories.",
        "kind": "writing",
        "evidence_links": ["https://example.org"],
        **fields,
    }


def _method_bad_bodies(w) -> list:
    taken = _methods_other(w).name.upper()
    return [
        {},
        _method_body(name=""),
        _method_body(name=BIG),
        _method_body(name=5),
        _method_body(name=["x"]),
        _method_body(name=taken),
        _method_body(description=""),
        _method_body(description=BIG),
        _method_body(kind="dance"),
        _method_body(kind=None),
        _method_body(language="de"),
        _method_body(competence="magic"),
        _method_body(target_groups=["martians"]),
        _method_body(target_groups="children"),
        _method_body(duration_minutes=0),
        _method_body(duration_minutes=HUGE),
        _method_body(duration_minutes="sixty"),
        _method_body(duration_minutes=True),
        *[_method_body(evidence_links=[link]) for link in METHOD_LINKS],
        _method_body(evidence_links="https://example.org"),
        _method_body(evidence_links=["https://e.org"] * 11),
        _method_body(translations={"de": {"name": "x"}}),
        _method_body(translations={"sv": {"name": BIG}}),
        _method_body(translations={"sv": "Berättelser"}),
    ]


def _method_paths(w, suffix: str = "") -> list[str]:
    return [
        f"/methods/abc{suffix}",
        f"/methods/-1{suffix}",
        f"/methods/0{suffix}",
        f"/methods/{HUGE}{suffix}",
        f"/methods/999999{suffix}",
    ]


def _methods_document(*methods) -> dict:
    return {"format": "verso-methods", "version": 1, "methods": list(methods)}


METHOD_API_CASES = {
    ("get", "/methods"): ApiCase(
        paths=lambda w: list_paths("/methods", "kind=bogus", "target_group=bogus", f"q={BIG}")
    ),
    ("get", "/methods/{method_id}"): ApiCase(paths=_method_paths),
    ("get", "/methods/export"): ApiCase(
        paths=lambda w: [
            "/methods/export?ids=abc",
            "/methods/export?ids=-1",
            f"/methods/export?ids={HUGE}",
            "/methods/export?ids=1.5",
        ]
    ),
    ("post", "/methods"): ApiCase(bodies=_method_bad_bodies),
    ("put", "/methods/{method_id}"): ApiCase(bodies=_method_bad_bodies, paths=_method_paths),
    ("post", "/methods/import"): ApiCase(
        bodies=lambda w: [
            {},
            {"document": []},
            {"document": "text"},
            {"document": {}},
            {"document": {"format": "other", "version": 1, "methods": []}},
            {"document": _methods_document(_method_body(kind="dance"))},
            {"document": _methods_document(_method_body(evidence_links=["www.x.fi"]))},
            {"document": _methods_document(_method_body(), _method_body(name="story CIRCLE"))},
            {"document": _methods_document(_method_body(language="fi", extra=1))},
            {"document": _methods_document(_method_body()), "on_duplicate": "merge"},
            {"document": _methods_document(_method_body(duration_minutes=-1))},
            {"document": _methods_document({"name": "Only a name"})},
        ]
    ),
}
API_CASES.update(METHOD_API_CASES)


@pytest.mark.parametrize(
    ("method", "path"), list(METHOD_API_CASES), ids=[f"{m} {p}" for m, p in METHOD_API_CASES]
)
def test_malformed_methods_api_requests_answer_4xx_and_change_nothing(world, method, path):
    methods_testing.methods_method(world)
    _methods_other(world)
    test_malformed_api_requests_answer_4xx_and_change_nothing(world, method, path)


@pytest.mark.parametrize(
    "values",
    [["999999"], ["abc"], [NUL], [str(HUGE)], ["-1"], ["1.5"]],
)
def test_choosing_methods_that_do_not_exist_changes_nothing(world, values):
    activity = events_testing.events_activity(world)
    training = methods_testing.methods_training(world)
    methods_testing.methods_method(world)
    client = web_client(world.coordinator)
    for address in (
        url("methods:activity_uses", world.network.pk, activity.pk),
        url("methods:meeting_uses", world.network.pk, training.pk),
    ):
        before = db_state()
        response = client.post(address, {"methods": values})
        assert response.status_code == 200
        assert "methods" in response.context["form"].errors
        assert db_state() == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"on_duplicate": "skip"}, "file"),
        ({"on_duplicate": "merge", "file": b"{}"}, "on_duplicate"),
        ({"on_duplicate": ["skip", NUL], "file": b"{}"}, "on_duplicate"),
    ],
)
def test_a_malformed_import_form_names_the_field_and_imports_nothing(world, data, field):
    from django.core.files.uploadedfile import SimpleUploadedFile

    if "file" in data:
        data = {**data, "file": SimpleUploadedFile("m.json", data["file"])}
    client = web_client(world.coordinator)
    before = db_state()
    response = client.post(url("methods:import"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert db_state() == before


# --- embedding ---
def _embedding_cases():
    from verso.embedding.models import (
        ChecklistConfirmation,
        CommunicationEntry,
        HandbookText,
        HandoverNote,
        RotationSettings,
        ScoreSnapshot,
        StructureLink,
    )

    MODELS.extend(
        [
            StructureLink,
            ChecklistConfirmation,
            ScoreSnapshot,
            CommunicationEntry,
            RotationSettings,
            HandoverNote,
            HandbookText,
        ]
    )
    number = ["", "abc", "-1", "0", "1.5", str(HUGE), NUL, ["3", "abc"]]
    no_http = ["www.kunta.example", "ftp://kunta.example/x", "javascript:alert(1)", "https://"]
    FORMS.update(
        {
            "embedding link": FormCase(
                url=lambda w: url("embedding:link_add", w.network.pk),
                base=lambda w: {
                    "kind": "wellbeing_plan",
                    "title": "Wellbeing plan",
                    "url": "https://kunta.example/hyte",
                },
                bad=lambda w: {
                    "kind": REQUIRED_CHOICE,
                    "title": REQUIRED_TEXT,
                    "url": ["", *TEXT, *no_http],
                },
            ),
            "embedding communication": FormCase(
                url=lambda w: url("embedding:communication_add", w.network.pk),
                base=lambda w: {
                    "what": "Newsletter",
                    "channel": "newsletter",
                    "communicated_on": timezone.localdate().isoformat(),
                    "audience": "Youth services",
                },
                bad=lambda w: {
                    "what": REQUIRED_TEXT,
                    "channel": REQUIRED_CHOICE,
                    "communicated_on": [*REQUIRED_DATE, "2999-01-01"],
                    "audience": REQUIRED_TEXT,
                },
            ),
            "embedding rotation thresholds": FormCase(
                url=lambda w: url("embedding:rotation_settings", w.network.pk),
                base=lambda w: {"max_responsibilities": "3", "max_months": "24"},
                bad=lambda w: {
                    "max_responsibilities": [*number, "6"],
                    "max_months": [*number, "121"],
                },
            ),
            "embedding confirmation": FormCase(
                url=lambda w: url("embedding:confirm", w.network.pk),
                base=lambda w: {"confirmed": "yes", "note": "In the shared folder."},
                bad=lambda w: {"confirmed": REQUIRED_CHOICE, "note": TEXT},
            ),
            "embedding handbook text": FormCase(
                url=lambda w: url("embedding:handbook_edit", w.network.pk, "needs"),
                base=lambda w: {"text": "Our own words."},
                bad=lambda w: {"text": REQUIRED_TEXT},
            ),
            "handover with a note": FormCase(
                url=lambda w: url("networks:handover", w.network.pk),
                base=lambda w: {
                    "to": w.group_membership.pk,
                    "keep_previous_in_group": "on",
                    "note": "Call the library.",
                },
                bad=lambda w: {"note": ["x" * 4001, NUL, ["ok", "x" * 4001]]},
            ),
        }
    )
    e = "/networks/{network_id}/embedding"
    API_CASES.update(
        {
            **{
                ("get", e + tail): ApiCase(
                    paths=lambda w, tail=tail: network_paths(w, "/embedding" + tail)
                )
                for tail in (
                    "/checklist",
                    "/score",
                    "/rotation",
                    "/map",
                    "/handbook",
                    "/handbook/markdown",
                    "/links",
                )
            },
            ("get", e + "/communication"): ApiCase(
                paths=lambda w: [
                    *list_paths(f"/networks/{w.network.pk}/embedding/communication"),
                    *network_paths(w, "/embedding/communication"),
                ]
            ),
            ("post", e + "/links"): ApiCase(
                bodies=lambda w: [
                    {},
                    {"kind": "wellbeing_plan", "title": "P"},
                    {"kind": "bogus", "title": "P", "url": "https://k.example"},
                    {"kind": "wellbeing_plan", "title": "", "url": "https://k.example"},
                    {"kind": "wellbeing_plan", "title": BIG, "url": "https://k.example"},
                    {"kind": "wellbeing_plan", "title": "P", "url": "kunta.example"},
                    {"kind": "wellbeing_plan", "title": "P", "url": "ftp://kunta.example"},
                    {"kind": "wellbeing_plan", "title": "P", "url": "https://" + BIG},
                    {"kind": "wellbeing_plan", "title": "P", "url": 5},
                    {"kind": ["wellbeing_plan"], "title": "P", "url": "https://k.example"},
                ],
                paths=lambda w: network_paths(w, "/embedding/links"),
            ),
            ("post", e + "/communication"): ApiCase(
                bodies=lambda w: [
                    {},
                    {"what": "N", "channel": "email", "audience": "A"},
                    {
                        "what": "",
                        "channel": "email",
                        "communicated_on": "2024-01-01",
                        "audience": "A",
                    },
                    {
                        "what": BIG,
                        "channel": "email",
                        "communicated_on": "2024-01-01",
                        "audience": "A",
                    },
                    {
                        "what": "N",
                        "channel": "bogus",
                        "communicated_on": "2024-01-01",
                        "audience": "A",
                    },
                    {
                        "what": "N",
                        "channel": "email",
                        "communicated_on": "2024-02-30",
                        "audience": "A",
                    },
                    {
                        "what": "N",
                        "channel": "email",
                        "communicated_on": "2999-01-01",
                        "audience": "A",
                    },
                    {
                        "what": "N",
                        "channel": "email",
                        "communicated_on": "2024-01-01",
                        "audience": "",
                    },
                    {
                        "what": "N",
                        "channel": "email",
                        "communicated_on": "2024-01-01",
                        "audience": BIG,
                    },
                    {
                        "what": 5,
                        "channel": "email",
                        "communicated_on": "2024-01-01",
                        "audience": "A",
                    },
                ],
                paths=lambda w: network_paths(w, "/embedding/communication"),
            ),
            ("post", e + "/handover"): ApiCase(
                bodies=lambda w: [
                    {},
                    {"note": "N"},
                    {"membership_id": "abc", "note": "N"},
                    {"membership_id": HUGE, "note": "N"},
                    {"membership_id": -1, "note": "N"},
                    {"membership_id": w.group_membership.pk, "note": "x" * 4001},
                    {"membership_id": w.group_membership.pk, "note": 5},
                    {"membership_id": w.group_membership.pk, "note": ["N"]},
                    {"membership_id": other_membership(w).pk, "note": "N"},
                ],
                paths=lambda w: network_paths(w, "/embedding/handover"),
            ),
        }
    )


_embedding_cases()


# --- evaluation ---
from verso.evaluation import testing as evaluation_testing  # noqa: E402
from verso.evaluation.models import (  # noqa: E402
    Evaluation,
    FeedbackAnswer,
    FeedbackLink,
    FeedbackRequest,
    FeedbackToken,
    Instrument,
    InstrumentResponse,
    Measurement,
)

MODELS += [
    FeedbackLink,
    FeedbackToken,
    FeedbackAnswer,
    FeedbackRequest,
    Evaluation,
    Instrument,
    Measurement,
    InstrumentResponse,
]
_EV_RATING = ["", "0", "6", "-1", "3.5", str(HUGE), *CHOICE]
_EV_ITEMS = ("welcome", "heard", "useful", "alone", "future")


def _ev_measurement(world):
    from verso.core.tests.test_access_matrix import OBJECTS

    return Measurement.objects.get(pk=OBJECTS["measurement"](world))


def _ev_check(model, **filters):
    def check(world):
        assert model.objects.filter(**filters).exists()

    return check


def _ev_sample_v2() -> str:
    from verso.evaluation.instruments import SAMPLE_PATH

    return SAMPLE_PATH.read_text().replace('version: "1.0"', 'version: "2.0"', 1)


def _ev_evaluation_base(world) -> dict:
    return {
        "target": f"a{events_testing.events_activity(world).pk}",
        "evaluated_on": today(),
        "goal_met": "yes",
        "worked": "Music",
        "decision": "continue",
    }


FORMS.update(
    {
        "feedback answer": FormCase(
            url=lambda w: url("evaluation:answer", evaluation_testing.evaluation_link(w).code),
            base=lambda w: {"rating": "4", "text": "Nice"},
            bad=lambda w: {"rating": _EV_RATING, "text": TEXT, "name": TEXT},
            user=None,
            after_ok=_ev_check(FeedbackAnswer, text="Nice"),
        ),
        "feedback paper answer": FormCase(
            url=lambda w: url(
                "evaluation:paper", w.network.pk, evaluation_testing.evaluation_link(w).pk
            ),
            base=lambda w: {"rating": "3", "text": "On paper"},
            bad=lambda w: {"rating": _EV_RATING, "text": TEXT, "name": TEXT},
            after_ok=_ev_check(FeedbackAnswer, text="On paper", on_paper=True),
        ),
        "feedback personal links": FormCase(
            url=lambda w: url(
                "evaluation:tokens", w.network.pk, evaluation_testing.evaluation_link(w).pk
            ),
            base=lambda w: {"count": "3"},
            bad=lambda w: {"count": ["", "0", "501", *COUNT]},
            after_ok=_ev_check(FeedbackToken),
        ),
        "feedback link create": FormCase(
            url=lambda w: url("evaluation:link_create", w.network.pk),
            base=lambda w: {"target": f"a{events_testing.events_activity(w).pk}"},
            bad=lambda w: {"target": [*REQUIRED_CHOICE, "a999999", "m999999", "a-1"]},
            after_ok=_ev_check(FeedbackLink),
        ),
        "coordination evaluation": FormCase(
            url=lambda w: url("evaluation:evaluation_create", w.network.pk),
            base=_ev_evaluation_base,
            bad=lambda w: {
                "target": [*CHOICE, "a999999"],
                "evaluated_on": [*REQUIRED_DATE, "2999-01-01"],
                "goal_met": REQUIRED_CHOICE,
                "worked": REQUIRED_TEXT,
                "did_not_work": TEXT,
                "participants_said": TEXT,
                "decision": REQUIRED_CHOICE,
                "next_step": TEXT,
                "owner": MODEL_ID,
                "due_on": DATE,
            },
            extra=lambda w: [
                ({"owner": str(w.professional.person.pk), "next_step": "Book"}, "due_on"),
                (
                    {
                        "owner": str(w.professional.person.pk),
                        "next_step": "Book",
                        "due_on": "2000-01-01",
                    },
                    "due_on",
                ),
                ({"owner": str(w.professional.person.pk), "due_on": "2999-01-01"}, "next_step"),
            ],
            after_ok=_ev_check(Evaluation, worked="Music"),
        ),
        "pre/post measurement create": FormCase(
            url=lambda w: url("evaluation:measurement_create", w.network.pk),
            base=lambda w: {"title": "Autumn", "instrument": str(_ev_measurement(w).instrument_id)},
            bad=lambda w: {"title": REQUIRED_TEXT, "instrument": ["", *MODEL_ID]},
            after_ok=_ev_check(Measurement, title="Autumn"),
        ),
        "pre/post answer": FormCase(
            url=lambda w: url("evaluation:measure_answer", _ev_measurement(w).code),
            base=lambda w: {"phase": "pre", **{f"item_{k}": "4" for k in _EV_ITEMS}},
            bad=lambda w: {
                "phase": REQUIRED_CHOICE,
                "item_welcome": ["0", "6", *CHOICE],
                "code": TEXT,
            },
            extra=lambda w: [
                ({"phase": "post", "code": ""}, "code"),
                ({"phase": "post", "code": "ZZZZ-ZZZZ"}, "code"),
                ({"item_welcome": "", "item_heard": "", "item_useful": ""}, None),
            ],
            user=None,
            after_ok=_ev_check(InstrumentResponse, phase="pre"),
        ),
        "instrument import": FormCase(
            url=lambda w: url("evaluation:instrument_import"),
            base=lambda w: {
                "text": __import__("verso.evaluation.instruments")
                .evaluation.instruments.SAMPLE_PATH.read_text()
                .replace("1.0", "2.0", 1)
            },
            bad=lambda w: {
                "text": ["", "   ", BIG, NUL, "key: [x", "- a\n- b", "key: x\nversion: 1"]
            },
            user="superuser",
            after_ok=_ev_check(Instrument, version="2.0"),
        ),
    }
)


def _ev_ids(w, template: str) -> list[str]:
    return [template.format(x=x) for x in ("abc", "-1", str(HUGE), "999999", "1.5")]


def _ev_codes(template: str) -> list[str]:
    return [template.format(x=x) for x in ("abc", "x" * 20, "%00", "999999999")]


_EV_LINK = "/networks/{n}/feedback/{x}"
API_CASES.update(
    {
        ("get", "/networks/{network_id}/feedback"): ApiCase(
            paths=lambda w: [
                *network_paths(w, "/feedback"),
                *list_paths(f"/networks/{w.network.pk}/feedback"),
            ]
        ),
        ("post", "/networks/{network_id}/feedback"): ApiCase(
            bodies=lambda w: [
                {},
                {"activity_id": 999999},
                {"meeting_id": 999999},
                {"activity_id": -1},
                {"activity_id": HUGE},
                {"activity_id": "abc"},
                {"activity_id": True},
                {"activity_id": events_testing.events_activity(w).pk, "meeting_id": 999999},
                {"activity_id": events_testing.events_activity(w).pk, "one_per_link": "x"},
            ],
            paths=lambda w: network_paths(w, "/feedback"),
        ),
        ("get", "/networks/{network_id}/feedback/{feedback_link_id}/results"): ApiCase(
            paths=lambda w: _ev_ids(w, f"/networks/{w.network.pk}/feedback/{{x}}/results")
        ),
        ("get", "/networks/{network_id}/feedback/{feedback_link_id}/answers"): ApiCase(
            paths=lambda w: [
                *_ev_ids(w, f"/networks/{w.network.pk}/feedback/{{x}}/answers"),
                *list_paths(
                    f"/networks/{w.network.pk}/feedback/"
                    f"{evaluation_testing.evaluation_link(w).pk}/answers"
                ),
            ]
        ),
        ("post", "/feedback/{feedback_code}/answers"): ApiCase(
            bodies=lambda w: [
                {},
                {"rating": 0},
                {"rating": 6},
                {"rating": -1},
                {"rating": HUGE},
                {"rating": "abc"},
                {"rating": 3.5},
                {"rating": None},
                {"rating": [5]},
                {"rating": 5, "text": BIG},
                {"rating": 5, "name": BIG},
                {"rating": 5, "token": "short"},
                {"rating": 5, "token": "x" * 22},  # not a personal link of this feedback
            ],
            paths=lambda w: _ev_codes("/feedback/{x}/answers"),
        ),
        ("get", "/networks/{network_id}/evaluations"): ApiCase(
            paths=lambda w: [
                *network_paths(w, "/evaluations"),
                *list_paths(f"/networks/{w.network.pk}/evaluations"),
            ]
        ),
        ("post", "/networks/{network_id}/evaluations"): ApiCase(
            bodies=lambda w: [
                {},
                {"goal_met": "yes", "worked": "W"},
                {"goal_met": "bogus", "worked": "W", "decision": "continue"},
                {"goal_met": "yes", "worked": "", "decision": "continue"},
                {"goal_met": "yes", "worked": BIG, "decision": "continue"},
                {"goal_met": "yes", "worked": "W", "decision": "later"},
                {"goal_met": "yes", "worked": "W", "decision": "stop", "activity_id": 999999},
                {"goal_met": "yes", "worked": "W", "decision": "stop", "meeting_id": 999999},
                {
                    "goal_met": "yes",
                    "worked": "W",
                    "decision": "stop",
                    "evaluated_on": "2999-01-01",
                },
                {"goal_met": "yes", "worked": "W", "decision": "stop", "evaluated_on": "abc"},
                {
                    "goal_met": "yes",
                    "worked": "W",
                    "decision": "stop",
                    "owner_person_id": 999999,
                    "next_step": "N",
                    "due_on": "2999-01-01",
                },
                {
                    "goal_met": "yes",
                    "worked": "W",
                    "decision": "stop",
                    "owner_person_id": w.professional.person.pk,
                    "next_step": "N",
                },
                {"goal_met": "yes", "worked": "W", "decision": "stop", "next_step": BIG},
            ],
            paths=lambda w: network_paths(w, "/evaluations"),
        ),
        ("get", "/evaluation/instruments"): ApiCase(
            paths=lambda w: list_paths("/evaluation/instruments")
        ),
        ("post", "/evaluation/instruments"): ApiCase(
            bodies=lambda w: [
                {},
                {"content": ""},
                {"content": "key: x"},  # the coordinator is not the operator: 403
                {"content": 5},
                {"content": "x" * (256 * 1024 + 1)},
            ]
        ),
        ("patch", "/evaluation/instruments/{instrument_id}"): ApiCase(
            bodies=lambda w: [{}, {"source": "changed"}, {"title": "x"}, {"source": BIG}],
            paths=lambda w: _ev_ids(w, "/evaluation/instruments/{x}"),
        ),
        ("get", "/networks/{network_id}/measurements"): ApiCase(
            paths=lambda w: [
                *network_paths(w, "/measurements"),
                *list_paths(f"/networks/{w.network.pk}/measurements"),
            ]
        ),
        ("post", "/networks/{network_id}/measurements"): ApiCase(
            bodies=lambda w: [
                {},
                {"title": "T"},
                {"title": "", "instrument_id": _ev_measurement(w).instrument_id},
                {"title": BIG, "instrument_id": _ev_measurement(w).instrument_id},
                {"title": "T", "instrument_id": 999999},
                {"title": "T", "instrument_id": "abc"},
                {"title": "T", "instrument_id": HUGE},
            ],
            paths=lambda w: network_paths(w, "/measurements"),
        ),
        ("get", "/networks/{network_id}/measurements/{measurement_id}/results"): ApiCase(
            paths=lambda w: _ev_ids(w, f"/networks/{w.network.pk}/measurements/{{x}}/results")
        ),
        ("post", "/measurements/{measure_code}/answers"): ApiCase(
            bodies=lambda w: [
                {},
                {"phase": "pre"},
                {"phase": "middle", "values": {"welcome": 4}},
                {"phase": "pre", "values": {"welcome": 9, "heard": 4, "useful": 4, "future": 4}},
                {"phase": "pre", "values": {"welcome": 0, "heard": 4, "useful": 4, "future": 4}},
                {"phase": "pre", "values": {"bogus": 4, "heard": 4, "useful": 4, "future": 4}},
                {"phase": "pre", "values": {"welcome": 4}},  # under the minimum items
                {"phase": "pre", "values": "abc"},
                {"phase": "pre", "values": {"welcome": "x"}},
                {"phase": "post", "values": {k: 4 for k in _EV_ITEMS}, "code": ""},
                {"phase": "post", "values": {k: 4 for k in _EV_ITEMS}, "code": "ZZZZ-ZZZZ"},
                {"phase": "post", "values": {k: 4 for k in _EV_ITEMS}, "code": BIG},
            ],
            paths=lambda w: _ev_codes("/measurements/{x}/answers"),
        ),
    }
)

from verso.evaluation.models import (  # noqa: E402
    Question,
    QuestionAnswer,
    Questionnaire,
    QuestionnaireResponse,
)

MODELS += [Questionnaire, Question, QuestionnaireResponse, QuestionAnswer]


def _ev_q(world):
    return evaluation_testing.evaluation_questionnaire(world)


def _ev_q_answer_base(world) -> dict:
    ids = [q.pk for q in _ev_q(world).questions.all()]
    return {f"q{ids[0]}": "4", f"q{ids[1]}": "2", f"q{ids[2]}": ["1", "2"], f"q{ids[3]}": "Ok"}


def _ev_q_answer_bad(world) -> dict:
    ids = [q.pk for q in _ev_q(world).questions.all()]
    return {
        f"q{ids[0]}": ["0", "6", *CHOICE],
        f"q{ids[1]}": ["3", *CHOICE],
        f"q{ids[2]}": [["1", "9"], ["bogus"], [NUL]],
        f"q{ids[3]}": TEXT,
        "name": TEXT,
    }


FORMS.update(
    {
        "questionnaire create": FormCase(
            url=lambda w: url("evaluation:questionnaire_create", w.network.pk),
            base=lambda w: {"title": "Spring", "questions": "scale: How?\ntext: Else?"},
            bad=lambda w: {
                "title": REQUIRED_TEXT,
                "intro": TEXT,
                "questions": [
                    *REQUIRED_TEXT,
                    "poll: What?",
                    "single: One? | a",
                    "scale: X? | a | b",
                    "single: Twice? | a | a",
                ],
            },
            after_ok=_ev_check(Questionnaire, title="Spring"),
        ),
        "questionnaire template create": FormCase(
            url=lambda w: url("evaluation:template_create"),
            base=lambda w: {"title": "Wide", "questions": "scale: How?"},
            bad=lambda w: {"title": REQUIRED_TEXT, "questions": [*REQUIRED_TEXT, "poll: x"]},
            user="superuser",
            after_ok=_ev_check(Questionnaire, title="Wide", network=None),
        ),
        "questionnaire from template": FormCase(
            url=lambda w: url("evaluation:questionnaire_use_template", w.network.pk),
            base=lambda w: {"template": str(evaluation_testing.evaluation_template(w).pk)},
            bad=lambda w: {"template": ["", *MODEL_ID, str(_ev_q(w).pk)]},
            after_ok=_ev_check(Questionnaire, title="Verso template", is_template=False),
        ),
        "questionnaire answer": FormCase(
            url=lambda w: url("evaluation:questionnaire_answer", _ev_q(w).code),
            base=_ev_q_answer_base,
            bad=_ev_q_answer_bad,
            user=None,
            after_ok=_ev_check(QuestionnaireResponse),
        ),
    }
)
_EV_QPATH = "/networks/{n}/questionnaires"
API_CASES.update(
    {
        ("get", "/networks/{network_id}/questionnaires"): ApiCase(
            paths=lambda w: [
                *network_paths(w, "/questionnaires"),
                *list_paths(f"/networks/{w.network.pk}/questionnaires"),
            ]
        ),
        ("post", "/networks/{network_id}/questionnaires"): ApiCase(
            bodies=lambda w: [
                {},
                {"title": "T"},
                {"title": "", "questions": "scale: X?"},
                {"title": BIG, "questions": "scale: X?"},
                {"title": "T", "questions": ""},
                {"title": "T", "questions": "poll: X?"},
                {"title": "T", "questions": "single: X? | a"},
                {"title": "T", "questions": BIG},
                {"title": "T", "questions": 5},
                {"title": "T", "questions": "scale: X?", "is_template": "x"},
            ],
            paths=lambda w: network_paths(w, "/questionnaires"),
        ),
        ("get", "/networks/{network_id}/questionnaires/{questionnaire_id}/results"): ApiCase(
            paths=lambda w: _ev_ids(w, f"/networks/{w.network.pk}/questionnaires/{{x}}/results")
        ),
        ("post", "/questionnaires/{questionnaire_code}/answers"): ApiCase(
            bodies=lambda w: [
                {},
                {"answers": {}},
                {"answers": "x"},
                {"answers": {"abc": 1}},
                {"answers": {"999999": 1}},
                {"answers": {str(_ev_q(w).questions.first().pk): 9}},
                {"answers": {str(_ev_q(w).questions.first().pk): True}},
                {"answers": {str(_ev_q(w).questions.first().pk): [1, 2]}},
                {"answers": {str(_ev_q(w).questions.first().pk): "x"}},
                {"answers": {str(_ev_q(w).questions.last().pk): BIG}},
                {"answers": {str(_ev_q(w).questions.first().pk): 4}, "name": BIG},
            ],
            paths=lambda w: _ev_codes("/questionnaires/{x}/answers"),
        ),
    }
)


# The shared tests above were parametrized before this block; these run its cases.
_EV_FORMS = [
    "feedback answer",
    "feedback paper answer",
    "feedback personal links",
    "feedback link create",
    "coordination evaluation",
    "pre/post measurement create",
    "pre/post answer",
    "instrument import",
    "questionnaire create",
    "questionnaire template create",
    "questionnaire from template",
    "questionnaire answer",
]
_EV_API = [
    key
    for key in API_CASES
    if "/feedback" in key[1] or "valuation" in key[1] or "measure" in key[1]
]


@pytest.mark.parametrize("name", _EV_FORMS)
def test_evaluation_forms_refuse_malformed_posts_and_change_nothing(world, name):
    test_malformed_form_posts_are_refused_on_the_field_and_change_nothing(world, name)


@pytest.mark.parametrize(("method", "path"), _EV_API, ids=[f"{m} {p}" for m, p in _EV_API])
def test_evaluation_api_refuses_malformed_requests_and_changes_nothing(world, method, path):
    test_malformed_api_requests_answer_4xx_and_change_nothing(world, method, path)
