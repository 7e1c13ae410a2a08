"""The access matrix: every URL and API operation × every role, in one table.

A URL or API operation without rows here fails ``test_every_url_has_rows``. Rows are
requests that change nothing when refused; POSTs carry empty data, so an allowed role gets
the form back with errors (200) or a validation answer (422), never a change.
"""

from collections.abc import Callable
from string import Formatter

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import ROLES
from verso.accounts.services import api_token_create
from verso.api import api
from verso.events import testing as events_testing  # --- events ---
from verso.ideas.tests import factories as idea_factories  # --- ideas ---
from verso.networks.access import Need
from verso.networks.services import membership_add_new_person

ANON_PAGE = 302  # pages send anonymous visitors to the login page
ANON_API = 401


def by_level(need: Need, ok: int = 200, *, anonymous: int = ANON_PAGE, outsider: int = 404) -> dict:
    """Expected status per role for something that needs ``need`` in the world's network."""
    level = {
        "client": Need.CLIENT,
        "professional": Need.MEMBER,
        "group": Need.COORDINATION,
        "coordinator": Need.MANAGE,
    }
    expected = {"anonymous": anonymous, "outsider": outsider, "superuser": ok}
    for role, have in level.items():
        expected[role] = ok if have >= need else 403
    return expected


def everyone(ok: int = 200, *, anonymous: int = ANON_PAGE) -> dict:
    return {role: (anonymous if role == "anonymous" else ok) for role in ROLES}


def only(
    ok_roles: set[str], ok: int = 200, denied: int = 403, *, anonymous: int = ANON_PAGE
) -> dict:
    return {
        role: anonymous if role == "anonymous" else (ok if role in ok_roles else denied)
        for role in ROLES
    }


# Roles that must use two-factor authentication: the coordinators of the world's two
# networks and the superuser.
TWO_FACTOR = ("coordinator", "outsider", "superuser")

MEMBER = {"network_id": "network", "membership_id": "membership"}
GUEST = {"network_id": "network", "membership_id": "guest"}
# --- ideas ---
IDEA = {"network_id": "network", "idea_id": "idea"}
IDEA_COMMENT = {"network_id": "network", "idea_id": "idea", "comment_id": "idea_comment"}
IDEA_CALL = {"network_id": "network", "call_id": "idea_call"}

# --- plans ---
PLAN = {"network_id": "network", "plan_id": "plan"}
LINE = {**PLAN, "line_id": "line"}
VERSION = {**PLAN, "version_id": "version"}
PLAN_PATH = "/networks/{network_id}/plans/{plan_id}"


def _plans_plan(w):
    """One plan of the world's network, made on first use (rows name it more than once)."""
    from verso.plans.models import Plan
    from verso.plans.services import plan_create

    plan = Plan.objects.filter(network=w.network, title="Matrix plan").first()
    return plan or plan_create(actor=w.coordinator, network=w.network, title="Matrix plan")


def _plans_line(w):
    from verso.plans.services import budget_line_add

    plan = _plans_plan(w)
    line = plan.budget_lines.first()
    return line or budget_line_add(actor=w.coordinator, plan=plan, item="Paint", amount="5")


# (url name, kwargs keys, method, expected)
PAGES = [
    ("core:home", {}, "get", {**everyone(302), "anonymous": 200}),
    ("healthz", {}, "get", everyone(200, anonymous=200)),
    ("accounts:login", {}, "get", {**everyone(302), "anonymous": 200}),
    ("accounts:logout", {}, "post", everyone(302, anonymous=302)),
    ("accounts:password_reset", {}, "get", everyone(200, anonymous=200)),
    ("accounts:password_reset_done", {}, "get", everyone(200, anonymous=200)),
    (
        "accounts:password_reset_confirm",
        {"uidb64": "x", "token": "y"},
        "get",
        everyone(200, anonymous=200),
    ),
    ("accounts:password_reset_complete", {}, "get", everyone(200, anonymous=200)),
    ("accounts:tokens", {}, "get", everyone(200)),
    ("accounts:token_revoke", {"token_id": "token"}, "post", {**everyone(404), "coordinator": 302}),
    ("accounts:security", {}, "get", everyone(200)),
    ("accounts:password_change", {}, "get", everyone(200)),
    ("accounts:password_change", {}, "post", everyone(200)),
    ("accounts:email_change", {}, "get", everyone(200)),
    ("accounts:email_change", {}, "post", everyone(200)),
    # Coordinators and the superuser are verified with their device (conftest): setting up
    # again sends them to the security page. Verifying again sends everyone onwards.
    ("accounts:otp_setup", {}, "get", {**everyone(200), **dict.fromkeys(TWO_FACTOR, 302)}),
    ("accounts:otp_setup", {}, "post", {**everyone(200), **dict.fromkeys(TWO_FACTOR, 302)}),
    ("accounts:otp_verify", {}, "get", everyone(302)),
    ("accounts:otp_verify", {}, "post", everyone(302)),
    ("networks:list", {}, "get", everyone(200)),
    ("networks:create", {}, "get", everyone(200)),
    ("networks:create", {}, "post", everyone(200)),
    ("networks:detail", {"network_id": "network"}, "get", by_level(Need.CLIENT)),
    ("networks:edit", {"network_id": "network"}, "get", by_level(Need.MANAGE)),
    ("networks:edit", {"network_id": "network"}, "post", by_level(Need.MANAGE)),
    ("networks:members", {"network_id": "network"}, "get", by_level(Need.MEMBER)),
    ("networks:member_add", {"network_id": "network"}, "get", by_level(Need.MANAGE)),
    ("networks:member_add", {"network_id": "network"}, "post", by_level(Need.MANAGE)),
    (
        "networks:member_edit",
        {"network_id": "network", "membership_id": "membership"},
        "get",
        by_level(Need.MANAGE),
    ),
    (
        "networks:member_edit",
        {"network_id": "network", "membership_id": "membership"},
        "post",
        by_level(Need.MANAGE),
    ),
    (
        "networks:member_end",
        {"network_id": "network", "membership_id": "membership"},
        "get",
        by_level(Need.MANAGE),
    ),
    (
        "networks:member_end",
        {"network_id": "network", "membership_id": "membership"},
        "post",
        by_level(Need.MANAGE),
    ),
    ("networks:handover", {"network_id": "network"}, "get", by_level(Need.MANAGE)),
    ("networks:handover", {"network_id": "network"}, "post", by_level(Need.MANAGE)),
    ("networks:audit", {"network_id": "network"}, "get", by_level(Need.MANAGE)),
    ("networks:organisations", {}, "get", everyone(200)),
    ("networks:organisation_create", {}, "get", only({"coordinator", "outsider", "superuser"})),
    ("networks:organisation_create", {}, "post", only({"coordinator", "outsider", "superuser"})),
    ("networks:organisation", {"organisation_id": "organisation"}, "get", everyone(200)),
    (
        "networks:organisation_edit",
        {"organisation_id": "organisation"},
        "get",
        only({"coordinator", "superuser"}),
    ),
    (
        "networks:organisation_edit",
        {"organisation_id": "organisation"},
        "post",
        only({"coordinator", "superuser"}),
    ),
    ("admin:index", {}, "get", {**everyone(302), "superuser": 200}),
    ("privacy:notice", {}, "get", everyone(200, anonymous=200)),
    ("privacy:accessibility", {}, "get", everyone(200, anonymous=200)),
    ("privacy:my_data", {}, "get", everyone(200)),
    ("privacy:my_data_json", {}, "get", everyone(200)),
    ("privacy:my_consent", {}, "post", everyone(302)),
    ("privacy:my_details", {}, "get", everyone(200)),
    ("privacy:my_details", {}, "post", everyone(200)),
    ("privacy:my_erase", {}, "get", everyone(200)),
    ("privacy:my_erase", {}, "post", everyone(200)),
    ("privacy:member_data", MEMBER, "get", by_level(Need.MANAGE)),
    ("privacy:member_consent", MEMBER, "post", by_level(Need.MANAGE, 302)),
    # Export and erasure on a member's behalf: only for a person without an account whose
    # every network the user coordinates (GUEST); a member with an account answers 403.
    ("privacy:member_data_json", GUEST, "get", by_level(Need.MANAGE)),
    ("privacy:member_data_json", MEMBER, "get", {**by_level(Need.MANAGE), "coordinator": 403}),
    ("privacy:member_erase", GUEST, "get", by_level(Need.MANAGE)),
    ("privacy:member_erase", GUEST, "post", by_level(Need.MANAGE)),
    ("privacy:member_erase", MEMBER, "post", {**by_level(Need.MANAGE), "coordinator": 403}),
    # --- plans ---
    ("plans:list", {"network_id": "network"}, "get", by_level(Need.MEMBER)),
    ("plans:create", {"network_id": "network"}, "get", by_level(Need.COORDINATION)),
    ("plans:create", {"network_id": "network"}, "post", by_level(Need.COORDINATION)),
    ("plans:phase", {"network_id": "network"}, "get", by_level(Need.MEMBER)),
    ("plans:phase", {"network_id": "network"}, "post", by_level(Need.MANAGE)),
    ("plans:detail", PLAN, "get", by_level(Need.MEMBER)),
    ("plans:edit", PLAN, "get", by_level(Need.COORDINATION)),
    ("plans:edit", PLAN, "post", by_level(Need.COORDINATION)),
    ("plans:budget_line_add", PLAN, "get", by_level(Need.COORDINATION)),
    ("plans:budget_line_add", PLAN, "post", by_level(Need.COORDINATION)),
    ("plans:budget_line_edit", LINE, "get", by_level(Need.COORDINATION)),
    ("plans:budget_line_edit", LINE, "post", by_level(Need.COORDINATION)),
    ("plans:budget_line_delete", LINE, "post", by_level(Need.COORDINATION, 302)),
    ("plans:readiness", PLAN, "get", by_level(Need.MEMBER)),
    ("plans:readiness", PLAN, "post", by_level(Need.MANAGE)),
    ("plans:versions", PLAN, "get", by_level(Need.MEMBER)),
    ("plans:version", VERSION, "get", by_level(Need.MEMBER)),
    ("plans:version", VERSION, "post", by_level(Need.COORDINATION)),
    ("plans:compare", PLAN, "get", by_level(Need.MEMBER)),
    ("plans:print", PLAN, "get", by_level(Need.MEMBER)),
    ("plans:pdf", PLAN, "get", by_level(Need.MEMBER)),
    ("plans:ideas", PLAN, "get", by_level(Need.COORDINATION)),
    ("plans:ideas", PLAN, "post", by_level(Need.COORDINATION)),
    # --- ideas ---
    ("ideas:call_public", {"code": "call_code"}, "get", everyone(200, anonymous=200)),
    ("ideas:call_public", {"code": "call_code"}, "post", everyone(200, anonymous=200)),
    ("ideas:call_qr_svg", {"code": "call_code"}, "get", everyone(200, anonymous=200)),
    ("ideas:call_qr_png", {"code": "call_code"}, "get", everyone(200, anonymous=200)),
    ("ideas:follow", {"token": "follow_token"}, "get", everyone(200, anonymous=200)),
    ("ideas:follow", {"token": "follow_token"}, "post", everyone(302, anonymous=302)),
    ("ideas:follow_photo", {"token": "follow_token"}, "get", everyone(200, anonymous=200)),
    ("ideas:list", {"network_id": "network"}, "get", by_level(Need.CLIENT)),
    ("ideas:create", {"network_id": "network"}, "get", by_level(Need.CLIENT)),
    ("ideas:create", {"network_id": "network"}, "post", by_level(Need.CLIENT)),
    ("ideas:detail", IDEA, "get", by_level(Need.CLIENT)),
    ("ideas:photo", IDEA, "get", by_level(Need.CLIENT)),
    ("ideas:support", IDEA, "post", by_level(Need.CLIENT, 302)),
    ("ideas:comment", IDEA, "post", by_level(Need.CLIENT)),
    ("ideas:triage", IDEA, "get", by_level(Need.COORDINATION)),
    ("ideas:triage", IDEA, "post", by_level(Need.COORDINATION)),
    ("ideas:moderate", IDEA, "get", by_level(Need.COORDINATION)),
    ("ideas:moderate", IDEA, "post", by_level(Need.COORDINATION)),
    ("ideas:comment_hide", IDEA_COMMENT, "get", by_level(Need.COORDINATION)),
    ("ideas:comment_hide", IDEA_COMMENT, "post", by_level(Need.COORDINATION)),
    ("ideas:call_create", {"network_id": "network"}, "get", by_level(Need.COORDINATION)),
    ("ideas:call_create", {"network_id": "network"}, "post", by_level(Need.COORDINATION)),
    ("ideas:call_detail", IDEA_CALL, "get", by_level(Need.MEMBER)),
    ("ideas:call_edit", IDEA_CALL, "get", by_level(Need.COORDINATION)),
    ("ideas:call_edit", IDEA_CALL, "post", by_level(Need.COORDINATION)),
    # --- events ---
    *[
        (name, kwargs, method, everyone(200, anonymous=200))
        for name, kwargs, method in [
            ("events:public_list", {}, "get"),
            ("events:public_detail", {"activity_id": "activity"}, "get"),
            ("events:public_detail", {"activity_id": "activity"}, "post"),
            ("events:activity_ics", {"activity_id": "activity"}, "get"),
            ("events:poster", {"activity_id": "activity"}, "get"),
            ("events:gallery", {"activity_id": "activity"}, "get"),
            ("events:gallery_image", {"work_id": "work"}, "get"),
            ("events:network_ics", {"network_id": "published_network"}, "get"),
            ("events:signup_status", {"token": "signup_token"}, "get"),
            ("linkedevents:event_list", {}, "get"),
            ("linkedevents:event_detail", {"event_id": "le_event"}, "get"),
            ("linkedevents:place_list", {}, "get"),
            ("linkedevents:place_detail", {"place_id": "le_place"}, "get"),
        ]
    ],
    ("events:signup_cancel", {"token": "signup_token"}, "post", everyone(302, anonymous=302)),
    ("events:list", {"network_id": "network"}, "get", by_level(Need.MEMBER)),
    ("events:places", {"network_id": "network"}, "get", by_level(Need.MEMBER)),
    *[
        (name, {"network_id": "network"}, method, by_level(Need.COORDINATION))
        for name in ("events:create", "events:place_create")
        for method in ("get", "post")
    ],
    (
        "events:place_edit",
        {"network_id": "network", "place_id": "place"},
        "get",
        by_level(Need.COORDINATION),
    ),
    (
        "events:place_edit",
        {"network_id": "network", "place_id": "place"},
        "post",
        by_level(Need.COORDINATION),
    ),
    *[
        (name, {"network_id": "network", "activity_id": "activity"}, method, by_level(need))
        for name, method, need in [
            ("events:manage", "get", Need.COORDINATION),
            ("events:edit", "get", Need.COORDINATION),
            ("events:edit", "post", Need.COORDINATION),
            ("events:participants", "get", Need.COORDINATION),
            ("events:outcome", "get", Need.COORDINATION),
            ("events:outcome", "post", Need.COORDINATION),
            ("events:works", "get", Need.COORDINATION),
            ("events:work_labels", "get", Need.COORDINATION),
            ("events:work_submit", "get", Need.MEMBER),
            ("events:work_submit", "post", Need.MEMBER),
        ]
    ],
    (
        "events:participants_export",
        {"network_id": "network", "activity_id": "activity", "fmt": "csv"},
        "get",
        by_level(Need.COORDINATION),
    ),
    (
        "events:attendance",
        {"network_id": "network", "activity_id": "activity", "signup_id": "signup"},
        "post",
        by_level(Need.COORDINATION, 302),
    ),
    (
        "events:checkin",
        {"network_id": "network", "activity_id": "activity", "token": "signup_token"},
        "get",
        by_level(Need.COORDINATION),
    ),
    (
        "events:checkin",
        {"network_id": "network", "activity_id": "activity", "token": "signup_token"},
        "post",
        by_level(Need.COORDINATION, 302),
    ),
    (
        "events:work_curate",
        {"network_id": "network", "activity_id": "activity", "work_id": "work"},
        "post",
        by_level(Need.COORDINATION, 302),
    ),
    (
        "events:work_image",
        {"network_id": "network", "activity_id": "activity", "work_id": "work"},
        "get",
        by_level(Need.MEMBER),
    ),
]

# (method, path template, body, expected). Bodies are valid, so the status shows access
# alone: each test runs in its own transaction, and what an allowed role changes is undone.
GROUP = "{group_membership}"
API = [
    ("get", "/networks", None, everyone(200, anonymous=ANON_API)),
    (
        "post",
        "/networks",
        {"name": "N", "municipality": "M", "goal": "G"},
        everyone(201, anonymous=ANON_API),
    ),
    ("get", "/networks/{network_id}", None, by_level(Need.CLIENT, anonymous=ANON_API)),
    (
        "patch",
        "/networks/{network_id}",
        {"phase": "ideation"},  # forward moves need what the phase needs: plans' own rows
        by_level(Need.MANAGE, anonymous=ANON_API),
    ),
    ("get", "/networks/{network_id}/coverage", None, by_level(Need.MEMBER, anonymous=ANON_API)),
    (
        "post",
        "/networks/{network_id}/handover",
        {"membership_id": GROUP},
        by_level(Need.MANAGE, anonymous=ANON_API),
    ),
    ("get", "/networks/{network_id}/audit", None, by_level(Need.MANAGE, anonymous=ANON_API)),
    ("get", "/networks/{network_id}/memberships", None, by_level(Need.MEMBER, anonymous=ANON_API)),
    (
        "post",
        "/networks/{network_id}/memberships",
        {"display_name": "New", "roles": ["partner"]},
        by_level(Need.MANAGE, 201, anonymous=ANON_API),
    ),
    (
        "patch",
        "/networks/{network_id}/memberships/{membership_id}",
        {"roles": ["partner"]},
        by_level(Need.MANAGE, anonymous=ANON_API),
    ),
    (
        "post",
        "/networks/{network_id}/memberships/{membership_id}/end",
        {},
        by_level(Need.MANAGE, anonymous=ANON_API),
    ),
    ("get", "/organisations", None, everyone(200, anonymous=ANON_API)),
    (
        "post",
        "/organisations",
        {"name": "O", "sector": "culture"},
        only({"coordinator", "outsider", "superuser"}, 201, anonymous=ANON_API),
    ),
    ("get", "/organisations/{organisation_id}", None, everyone(200, anonymous=ANON_API)),
    # --- plans ---
    ("get", "/networks/{network_id}/plans", None, by_level(Need.MEMBER, anonymous=ANON_API)),
    (
        "post",
        "/networks/{network_id}/plans",
        {"title": "Plan"},
        by_level(Need.COORDINATION, 201, anonymous=ANON_API),
    ),
    ("get", PLAN_PATH, None, by_level(Need.MEMBER, anonymous=ANON_API)),
    ("patch", PLAN_PATH, {"title": "P2"}, by_level(Need.COORDINATION, anonymous=ANON_API)),
    ("get", PLAN_PATH + "/readiness", None, by_level(Need.MEMBER, anonymous=ANON_API)),
    (
        "post",
        PLAN_PATH + "/ideas",
        {"idea_id": 999999},  # no such idea: the allowed roles get the validation answer
        by_level(Need.COORDINATION, 422, anonymous=ANON_API),
    ),
    (
        "post",
        PLAN_PATH + "/readiness/accept",
        {"gap": "evaluation", "reason": "Planned with the evaluation app."},
        by_level(Need.MANAGE, anonymous=ANON_API),
    ),
    ("get", PLAN_PATH + "/budget-lines", None, by_level(Need.MEMBER, anonymous=ANON_API)),
    (
        "post",
        PLAN_PATH + "/budget-lines",
        {"item": "Paint", "amount": "10.00"},
        by_level(Need.COORDINATION, 201, anonymous=ANON_API),
    ),
    (
        "patch",
        PLAN_PATH + "/budget-lines/{line_id}",
        {"amount": "12.50"},
        by_level(Need.COORDINATION, anonymous=ANON_API),
    ),
    (
        "delete",
        PLAN_PATH + "/budget-lines/{line_id}",
        {"confirm": True},
        by_level(Need.COORDINATION, 204, anonymous=ANON_API),
    ),
    ("get", PLAN_PATH + "/versions", None, by_level(Need.MEMBER, anonymous=ANON_API)),
    (
        "get",
        PLAN_PATH + "/versions/{version_id}",
        None,
        by_level(Need.MEMBER, anonymous=ANON_API),
    ),
    (
        "post",
        PLAN_PATH + "/versions/{version_id}/comments",
        {"text": "Looks good."},
        by_level(Need.COORDINATION, 201, anonymous=ANON_API),
    ),
    ("get", "/networks/{network_id}/phase", None, by_level(Need.MEMBER, anonymous=ANON_API)),
    (
        "post",
        "/networks/{network_id}/phase",
        {"phase": "ideation"},
        by_level(Need.MANAGE, anonymous=ANON_API),
    ),
    # --- ideas ---
    ("get", "/networks/{network_id}/idea-calls", None, by_level(Need.CLIENT, anonymous=ANON_API)),
    (
        "post",
        "/networks/{network_id}/idea-calls",
        {"title": "T", "question": "Q?"},
        by_level(Need.COORDINATION, 201, anonymous=ANON_API),
    ),
    (
        "get",
        "/networks/{network_id}/idea-calls/{idea_call_id}",
        None,
        by_level(Need.CLIENT, anonymous=ANON_API),
    ),
    (
        "patch",
        "/networks/{network_id}/idea-calls/{idea_call_id}",
        {"title": "T2"},
        by_level(Need.COORDINATION, anonymous=ANON_API),
    ),
    ("get", "/public/idea-calls/{call_code}", None, everyone(200, anonymous=200)),
    (
        "post",
        "/public/idea-calls/{call_code}/ideas",
        {"text": "An idea"},
        everyone(201, anonymous=201),
    ),
    ("get", "/networks/{network_id}/ideas", None, by_level(Need.CLIENT, anonymous=ANON_API)),
    (
        "post",
        "/networks/{network_id}/ideas",
        {"text": "An idea"},
        by_level(Need.CLIENT, 201, anonymous=ANON_API),
    ),
    (
        "get",
        "/networks/{network_id}/ideas/{idea_id}",
        None,
        by_level(Need.CLIENT, anonymous=ANON_API),
    ),
    # The superuser is in no network: no person to support or comment as (422).
    (
        "post",
        "/networks/{network_id}/ideas/{idea_id}/support",
        {"supported": True},
        {**by_level(Need.CLIENT, anonymous=ANON_API), "superuser": 422},
    ),
    (
        "post",
        "/networks/{network_id}/ideas/{idea_id}/triage",
        {"status": "under_discussion"},
        by_level(Need.COORDINATION, anonymous=ANON_API),
    ),
    (
        "post",
        "/networks/{network_id}/ideas/{idea_id}/moderation",
        {"hidden": True, "reason": "Spam."},
        by_level(Need.COORDINATION, anonymous=ANON_API),
    ),
    (
        "get",
        "/networks/{network_id}/ideas/{idea_id}/comments",
        None,
        by_level(Need.CLIENT, anonymous=ANON_API),
    ),
    (
        "post",
        "/networks/{network_id}/ideas/{idea_id}/comments",
        {"text": "A comment."},
        {**by_level(Need.CLIENT, 201, anonymous=ANON_API), "superuser": 422},
    ),
    (
        "post",
        "/networks/{network_id}/ideas/{idea_id}/comments/{idea_comment_id}/moderation",
        {"hidden": True, "reason": "Off topic."},
        by_level(Need.COORDINATION, anonymous=ANON_API),
    ),
    # --- events ---
    ("get", "/events/activities", None, everyone(200, anonymous=200)),
    ("get", "/events/activities/{activity_id}", None, everyone(200, anonymous=200)),
    ("get", "/events/activities/{activity_id}/gallery", None, everyone(200, anonymous=200)),
    ("get", "/events/places", None, everyone(200, anonymous=200)),
    ("get", "/events/places/{place_id}", None, everyone(200, anonymous=200)),
    (
        "post",
        "/events/activities/{activity_id}/signups",
        {"name": "Mirja", "email": "mirja@test.example"},
        everyone(201, anonymous=201),
    ),
    ("get", "/networks/{network_id}/activities", None, by_level(Need.MEMBER, anonymous=ANON_API)),
    (
        "post",
        "/networks/{network_id}/activities",
        {
            "type": "pop_up",
            "title": "Pop-up",
            "starts_at": "2099-06-01T12:00:00+03:00",
            "ends_at": "2099-06-01T15:00:00+03:00",
        },
        by_level(Need.COORDINATION, 201, anonymous=ANON_API),
    ),
    (
        "patch",
        "/networks/{network_id}/activities/{activity_id}",
        {"title": "Renamed"},
        by_level(Need.COORDINATION, anonymous=ANON_API),
    ),
    ("get", "/networks/{network_id}/places", None, by_level(Need.MEMBER, anonymous=ANON_API)),
    (
        "post",
        "/networks/{network_id}/places",
        {"name": "Yard", "address": "Road 1"},
        by_level(Need.COORDINATION, 201, anonymous=ANON_API),
    ),
    (
        "get",
        "/networks/{network_id}/activities/{activity_id}/signups",
        None,
        by_level(Need.COORDINATION, anonymous=ANON_API),
    ),
]


# What rows name in their kwargs (pages) or as ``{name_id}`` in their paths (API): name →
# a function of the world that gives the object's primary key, made only when a row asks.
# An app adds its objects here, next to its rows.
OBJECTS: dict[str, Callable] = {
    "network": lambda w: w.network.pk,
    "membership": lambda w: w.professional_membership.pk,
    "organisation": lambda w: w.organisation.pk,
    "guest": lambda w: (
        membership_add_new_person(
            actor=w.coordinator, network=w.network, display_name="Guest", roles=["partner"]
        ).pk
    ),
    "token": lambda w: api_token_create(user=w.coordinator, name="matrix")[0].pk,
    # --- plans ---
    "plan": lambda w: _plans_plan(w).pk,
    "line": lambda w: _plans_line(w).pk,
    "version": lambda w: _plans_plan(w).versions.order_by("-number").first().pk,
    # --- ideas ---
    "idea_call": lambda w: idea_factories.world_call(w).pk,
    "call_code": lambda w: idea_factories.world_call(w).code,
    "idea": lambda w: idea_factories.world_idea(w).pk,
    "idea_comment": lambda w: idea_factories.world_comment(w).pk,
    "follow_token": lambda w: idea_factories.world_follow_token(w),
    # --- events ---
    "activity": lambda w: events_testing.events_activity(w).pk,
    "place": lambda w: events_testing.events_activity(w).place_id,
    "signup": lambda w: events_testing.events_signup(w).pk,
    "signup_token": lambda w: events_testing.events_signup(w).token,
    "work": lambda w: events_testing.events_work(w).pk,
    "published_network": lambda w: events_testing.events_activity(w).network_id,
    "le_event": lambda w: f"verso:{events_testing.events_activity(w).pk}",
    "le_place": lambda w: f"verso:{events_testing.events_activity(w).place_id}",
}


# --- meetings ---
from verso.meetings.tests.factories import matrix_object as _meetings_object  # noqa: E402

OBJECTS.update(
    {
        "meeting": lambda w: _meetings_object(w, "meeting").pk,
        "material": lambda w: _meetings_object(w, "material").pk,
        "item": lambda w: _meetings_object(w, "item").pk,
        "poll": lambda w: _meetings_object(w, "poll").pk,
        "series": lambda w: _meetings_object(w, "series").pk,
        "mail": lambda w: _meetings_object(w, "mail").pk,
        "feed_token": lambda w: _meetings_object(w, "feed_token").token,
    }
)
_N = {"network_id": "network"}
_MEET = {"network_id": "network", "meeting_id": "meeting"}
_COORD = by_level(Need.COORDINATION)
PAGES += [
    ("meetings:list", _N, "get", by_level(Need.MEMBER)),
    ("meetings:create", _N, "get", _COORD),
    ("meetings:create", _N, "post", _COORD),
    ("meetings:history", _N, "get", _COORD),
    ("meetings:detail", _MEET, "get", by_level(Need.CLIENT)),
    ("meetings:edit", _MEET, "get", _COORD),
    ("meetings:edit", _MEET, "post", _COORD),
    ("meetings:ics", _MEET, "get", by_level(Need.CLIENT)),
    ("meetings:invite", _MEET, "get", _COORD),
    ("meetings:invite", _MEET, "post", _COORD),
    ("meetings:reply", _MEET, "get", by_level(Need.CLIENT)),
    ("meetings:reply", _MEET, "post", by_level(Need.CLIENT)),
    ("meetings:attendance", _MEET, "get", _COORD),
    ("meetings:attendance", _MEET, "post", _COORD),
    ("meetings:minutes", _MEET, "get", _COORD),
    ("meetings:minutes", _MEET, "post", _COORD),
    ("meetings:material_add", _MEET, "get", _COORD),
    ("meetings:material_add", _MEET, "post", _COORD),
    ("meetings:material", {**_MEET, "material_id": "material"}, "get", by_level(Need.CLIENT)),
    ("meetings:tasks", _N, "get", by_level(Need.MEMBER)),
    ("meetings:item_create", _N, "get", _COORD),
    ("meetings:item_create", _N, "post", _COORD),
    (
        "meetings:item_status",
        {"network_id": "network", "item_id": "item"},
        "post",
        by_level(Need.MEMBER, 302),
    ),
    ("meetings:series_create", _N, "get", _COORD),
    ("meetings:series_create", _N, "post", _COORD),
    (
        "meetings:series",
        {"network_id": "network", "series_id": "series"},
        "get",
        by_level(Need.MEMBER),
    ),
    ("meetings:poll_create", _N, "get", _COORD),
    ("meetings:poll_create", _N, "post", _COORD),
    ("meetings:poll", {"network_id": "network", "poll_id": "poll"}, "get", by_level(Need.MEMBER)),
    ("meetings:poll", {"network_id": "network", "poll_id": "poll"}, "post", by_level(Need.MEMBER)),
    ("meetings:poll_close", {"network_id": "network", "poll_id": "poll"}, "get", _COORD),
    ("meetings:poll_close", {"network_id": "network", "poll_id": "poll"}, "post", _COORD),
    ("meetings:mail", _N, "get", by_level(Need.MANAGE)),
    (
        "meetings:mail_resend",
        {"network_id": "network", "mail_id": "mail"},
        "post",
        by_level(Need.MANAGE, 302),
    ),
    ("meetings:calendar", {}, "get", everyone(200)),
    ("meetings:calendar", {}, "post", everyone(302)),
    # The private feeds open with the secret alone (calendar applications send no session).
    ("meetings:feed", {"token": "feed_token"}, "get", everyone(200, anonymous=200)),
    (
        "meetings:network_feed",
        {"token": "feed_token", "network_id": "network"},
        "get",
        everyone(200, anonymous=200),
    ),
]
_FUTURE = "2035-05-08T10:00:00+03:00"
_M = "/networks/{network_id}/meetings/{meeting_id}"


def _api(need: Need, ok: int = 200) -> dict:
    return by_level(need, ok, anonymous=ANON_API)


API += [
    ("get", "/networks/{network_id}/meetings", None, _api(Need.CLIENT)),
    (
        "post",
        "/networks/{network_id}/meetings",
        {
            "title": "W",
            "place": "Hall",
            "starts_at": _FUTURE,
            "ends_at": "2035-05-08T12:00:00+03:00",
        },
        _api(Need.COORDINATION, 201),
    ),
    ("get", _M, None, _api(Need.CLIENT)),
    ("patch", _M, {"title": "W2"}, _api(Need.COORDINATION)),
    ("get", _M + "/invitations", None, _api(Need.COORDINATION)),
    # Bodies that would need ids of the world's rows are refused with 422 after access.
    ("post", _M + "/invitations", {}, _api(Need.COORDINATION, 422)),
    (
        "post",
        _M + "/reply",
        {"reply": "yes"},
        {**_api(Need.CLIENT, 422), "client": 200},  # only the invited client may answer
    ),
    ("get", _M + "/attendance", None, _api(Need.COORDINATION)),
    ("put", _M + "/attendance", {}, _api(Need.COORDINATION, 422)),  # not started yet
    ("get", _M + "/minutes", None, _api(Need.MEMBER)),
    ("put", _M + "/minutes", {"notes": "N", "decisions": ["D"]}, _api(Need.COORDINATION)),
    ("get", "/networks/{network_id}/action-items", None, _api(Need.MEMBER)),
    (
        "post",
        "/networks/{network_id}/action-items",
        {"title": "T", "due_on": "2035-01-01"},
        _api(Need.COORDINATION, 422),  # no owner
    ),
    (
        "patch",
        "/networks/{network_id}/action-items/{item_id}",
        {"status": "done"},
        _api(Need.MEMBER),  # the professional owns the item
    ),
    ("get", "/networks/{network_id}/series", None, _api(Need.MEMBER)),
    (
        "post",
        "/networks/{network_id}/series",
        {"title": "RT", "starts_at": _FUTURE, "rrule": "FREQ=MONTHLY;COUNT=2", "place": "Hall"},
        _api(Need.COORDINATION, 201),
    ),
    ("get", "/networks/{network_id}/polls", None, _api(Need.MEMBER)),
    (
        "post",
        "/networks/{network_id}/polls",
        {"title": "P", "place": "Hall", "slots": [_FUTURE]},
        _api(Need.COORDINATION, 201),
    ),
    ("get", "/networks/{network_id}/polls/{poll_id}", None, _api(Need.MEMBER)),
    (
        "post",
        "/networks/{network_id}/polls/{poll_id}/votes",
        {"answers": {"999999": "yes"}},
        _api(Need.MEMBER, 422),  # an unknown slot
    ),
    (
        "post",
        "/networks/{network_id}/polls/{poll_id}/close",
        {"slot_id": 999999},
        _api(Need.COORDINATION, 422),
    ),
]


# --- card ---
# The card scheme of the world's network (verso/card/tests/factories.py): the coordinator
# administers it, the professional issues for the social rehabilitation unit, the
# coordination-group member is the library's (a provider's) staff.
from verso.card import redemption as card_redemption  # noqa: E402
from verso.card import services as card_services  # noqa: E402
from verso.card.tests.factories import card_world  # noqa: E402

CARD_ROLES = {"professional": "issuer", "group": "provider", "coordinator": "admin"}


def card(ok_roles: set[str], ok: int = 200, denied: int = 403, *, anonymous=ANON_PAGE) -> dict:
    """In the card scheme: roles in ``ok_roles`` get ``ok``; other roles with a part in the
    scheme ``denied``; the client (a network member without a card role) and the outsider
    404; the superuser administers every scheme."""
    expected = {"anonymous": anonymous, "client": 404, "outsider": 404}
    for role in ("professional", "group", "coordinator", "superuser"):
        expected[role] = ok if role in ok_roles else denied
    return expected


CARD_ADMIN = {"coordinator", "superuser"}
CARD_SCHEME = {"scheme_id": "card_scheme"}
PUBLIC = everyone(200, anonymous=200)
PAGES += [
    ("card:offerings", {}, "get", PUBLIC),
    ("card:offering", {"offering_id": "card_offering"}, "get", PUBLIC),
    ("card:holder", {"token": "card_holder"}, "get", PUBLIC),
    ("card:holder_pdf", {"token": "card_holder"}, "get", PUBLIC),
    ("card:home", {}, "get", everyone(200)),
    ("card:scheme_create", {}, "get", only({"coordinator", "outsider", "superuser"})),
    ("card:scheme_create", {}, "post", only({"coordinator", "outsider", "superuser"})),
    ("card:scheme", CARD_SCHEME, "get", card({"professional", "group", *CARD_ADMIN})),
    *[
        (f"card:{name}", CARD_SCHEME, method, card(CARD_ADMIN))
        for name in ("scheme_edit", "terms", "unit_add", "provider_add", "staff_add")
        for method in ("get", "post")
    ],
    ("card:statistics", CARD_SCHEME, "get", card(CARD_ADMIN)),
    ("card:statistics_csv", CARD_SCHEME, "get", card(CARD_ADMIN)),
    ("card:statistics_xlsx", CARD_SCHEME, "get", card(CARD_ADMIN)),
    ("card:issue", CARD_SCHEME, "get", card({"professional", *CARD_ADMIN})),
    ("card:issue", CARD_SCHEME, "post", card({"professional", *CARD_ADMIN})),
    ("card:revoke", CARD_SCHEME, "get", card({"professional", *CARD_ADMIN})),
    ("card:revoke", CARD_SCHEME, "post", card({"professional", *CARD_ADMIN})),
    ("card:redeem", CARD_SCHEME, "get", card({"group"})),
    ("card:redeem", CARD_SCHEME, "post", card({"group"})),
    (
        "card:use_undo",
        {"scheme_id": "card_scheme", "use_id": "card_use"},
        "post",
        card({"group"}, 302),
    ),
    # A provider's page: its staff and the scheme's administrators; an issuer sees no page.
    (
        "card:provider",
        {"provider_id": "card_provider"},
        "get",
        {**card({"group", *CARD_ADMIN}), "professional": 404},
    ),
    (
        "card:provider_join",
        {"provider_id": "card_provider"},
        "get",
        {**card({"group"}), "professional": 404},
    ),
    (
        "card:provider_join",
        {"provider_id": "card_provider"},
        "post",
        {**card({"group"}), "professional": 404},
    ),
    (
        "card:offering_create",
        {"provider_id": "card_provider"},
        "get",
        {**card({"group", *CARD_ADMIN}), "professional": 404},
    ),
    (
        "card:offering_create",
        {"provider_id": "card_provider"},
        "post",
        {**card({"group", *CARD_ADMIN}), "professional": 404},
    ),
    (
        "card:offering_edit",
        {"offering_id": "card_offering"},
        "get",
        {**card({"group", *CARD_ADMIN}), "professional": 404},
    ),
    (
        "card:offering_edit",
        {"offering_id": "card_offering"},
        "post",
        {**card({"group", *CARD_ADMIN}), "professional": 404},
    ),
    (
        "card:token_create",
        {"provider_id": "card_provider"},
        "post",
        {**card({"group"}), "professional": 404},
    ),
    (
        "card:token_revoke",
        {"token_id": "card_token"},
        "post",
        {**card({"group", *CARD_ADMIN}, 302), "professional": 404},
    ),
]
# Check, redeem and undo need provider staff: nobody in the matrix's rows is staff of a
# provider until the card scheme is made (the card tests cover the allowed case).
API += [
    ("get", "/card/offerings", None, everyone(200, anonymous=200)),
    ("post", "/card/check", {"code": "0" * 17}, everyone(403, anonymous=ANON_API)),
    (
        "post",
        "/card/redeem",
        {"code": "0" * 17, "offering_id": 1},
        everyone(403, anonymous=ANON_API),
    ),
    ("post", "/card/undo", {"use_id": 1}, everyone(403, anonymous=ANON_API)),
]


def _card_use(w) -> int:
    cw = card_world(w)
    use, _new = card_redemption.card_redeem(
        actor=w.group, provider=cw.provider, code=cw.code, offering=cw.offering
    )
    return use.pk


OBJECTS.update(
    {
        "card_scheme": lambda w: card_world(w).scheme.pk,
        "card_provider": lambda w: card_world(w).provider.pk,
        "card_offering": lambda w: card_world(w).offering.pk,
        "card_holder": lambda w: card_world(w).issued.link_token,
        "card_use": _card_use,
        "card_token": lambda w: (
            card_services.provider_token_create(
                actor=w.group, provider=card_world(w).provider, name="matrix"
            )[0].pk
        ),
    }
)


# --- methods ---
# The library is shared by the installation: anyone signed in reads it; coordinators and
# coordination-group members of any network (the outsider coordinates the other network)
# and the superuser change it. Choosing the methods an activity or a training used is the
# network's coordination (an empty POST chooses none: nothing changes, back to the page).
from verso.methods import testing as methods_testing  # noqa: E402

METHOD_EDITORS = {"group", "coordinator", "outsider", "superuser"}
METHOD = {"method_id": "method"}
TRAINING = {"network_id": "network", "meeting_id": "methods_training"}
ACTIVITY_USES = {"network_id": "network", "activity_id": "activity"}
PAGES += [
    ("methods:list", {}, "get", everyone(200)),
    ("methods:detail", METHOD, "get", everyone(200)),
    ("methods:export", {}, "get", everyone(200)),
    *[
        (name, kwargs, method, only(METHOD_EDITORS))
        for name, kwargs in (
            ("methods:create", {}),
            ("methods:edit", METHOD),
            ("methods:import", {}),
        )
        for method in ("get", "post")
    ],
    ("methods:activity_uses", ACTIVITY_USES, "get", by_level(Need.COORDINATION)),
    ("methods:activity_uses", ACTIVITY_USES, "post", by_level(Need.COORDINATION, 302)),
    ("methods:meeting_uses", TRAINING, "get", by_level(Need.COORDINATION)),
    ("methods:meeting_uses", TRAINING, "post", by_level(Need.COORDINATION, 302)),
]
API += [
    ("get", "/methods", None, everyone(200, anonymous=ANON_API)),
    ("get", "/methods/{method_id}", None, everyone(200, anonymous=ANON_API)),
    ("get", "/methods/export", None, everyone(200, anonymous=ANON_API)),
    ("post", "/methods", {}, everyone(422, anonymous=ANON_API)),
    ("put", "/methods/{method_id}", {}, everyone(422, anonymous=ANON_API)),
    ("post", "/methods/import", {}, everyone(422, anonymous=ANON_API)),
]
OBJECTS.update(
    {
        "method": lambda w: methods_testing.methods_method(w).pk,
        "methods_training": lambda w: methods_testing.methods_training(w).pk,
    }
)
# --- embedding ---
from verso.embedding.tests.factories import matrix_object as _embedding_object  # noqa: E402

OBJECTS.update(
    {
        "structure_link": lambda w: _embedding_object(w, "link").pk,
        "handbook_section": lambda w: "needs",
    }
)
_EN = {"network_id": "network"}
_E_MEMBER = by_level(Need.MEMBER)
_E_COORD = by_level(Need.COORDINATION)
_E_MANAGE = by_level(Need.MANAGE)
PAGES += [
    ("embedding:checklist", _EN, "get", _E_MEMBER),
    ("embedding:link_add", _EN, "get", _E_COORD),
    ("embedding:link_add", _EN, "post", _E_COORD),
    (
        "embedding:link_delete",
        {"network_id": "network", "link_id": "structure_link"},
        "post",
        by_level(Need.COORDINATION, 302),
    ),
    ("embedding:confirm", _EN, "get", _E_MANAGE),
    ("embedding:confirm", _EN, "post", _E_MANAGE),
    ("embedding:communication", _EN, "get", _E_MEMBER),
    ("embedding:communication_add", _EN, "get", _E_COORD),
    ("embedding:communication_add", _EN, "post", _E_COORD),
    ("embedding:rotation", _EN, "get", _E_MEMBER),
    ("embedding:rotation_settings", _EN, "get", _E_MANAGE),
    ("embedding:rotation_settings", _EN, "post", _E_MANAGE),
    ("embedding:handover", _EN, "get", _E_MANAGE),
    ("embedding:handbook", _EN, "get", _E_MEMBER),
    ("embedding:handbook_pdf", _EN, "get", _E_MEMBER),
    ("embedding:handbook_markdown", _EN, "get", _E_MEMBER),
    ("embedding:handbook_edit", {**_EN, "section": "handbook_section"}, "get", _E_MANAGE),
    ("embedding:handbook_edit", {**_EN, "section": "handbook_section"}, "post", _E_MANAGE),
    ("embedding:map", _EN, "get", _E_MEMBER),
    ("embedding:map_all", {}, "get", only({"superuser"})),
]
_EA = "/networks/{network_id}/embedding"
API += [
    *[
        ("get", _EA + tail, None, by_level(Need.MEMBER, anonymous=ANON_API))
        for tail in (
            "/checklist",
            "/score",
            "/rotation",
            "/map",
            "/handbook",
            "/handbook/markdown",
            "/links",
            "/communication",
        )
    ],
    (
        "post",
        _EA + "/links",
        {"kind": "wellbeing_plan", "title": "Plan", "url": "https://kunta.example/hyte"},
        by_level(Need.COORDINATION, 201, anonymous=ANON_API),
    ),
    (
        "post",
        _EA + "/communication",
        {"what": "News", "channel": "email", "communicated_on": "2024-05-01", "audience": "All"},
        by_level(Need.COORDINATION, 201, anonymous=ANON_API),
    ),
    (
        "post",
        _EA + "/handover",
        {"membership_id": GROUP, "note": "The key is at the desk."},
        by_level(Need.MANAGE, anonymous=ANON_API),
    ),
]


# --- evaluation ---
from verso.evaluation import testing as evaluation_testing  # noqa: E402


def _evaluation_instrument(w):
    from verso.evaluation.instruments import SAMPLE_PATH, import_instrument
    from verso.evaluation.models import Instrument

    return Instrument.objects.first() or import_instrument(
        actor=None, content=SAMPLE_PATH.read_bytes(), filename="sample.yaml"
    )


def _evaluation_measurement(w):
    from verso.evaluation.models import Measurement
    from verso.evaluation.services import measurement_create

    return Measurement.objects.filter(network=w.network).first() or measurement_create(
        actor=w.coordinator, network=w.network, instrument=_evaluation_instrument(w), title="M"
    )


OBJECTS.update(
    {
        "feedback_link": lambda w: evaluation_testing.evaluation_link(w).pk,
        "feedback_code": lambda w: evaluation_testing.evaluation_link(w).code,
        "feedback_token": lambda w: evaluation_testing.evaluation_token(w).token,
        "eval_record": lambda w: evaluation_testing.evaluation_evaluation(w).pk,
        "instrument": lambda w: _evaluation_instrument(w).pk,
        "measurement": lambda w: _evaluation_measurement(w).pk,
        "measure_code": lambda w: _evaluation_measurement(w).code,
    }
)
_EV_N = {"network_id": "network"}
_EV_L = {"network_id": "network", "link_id": "feedback_link"}
_EV_M = {"network_id": "network", "measurement_id": "measurement"}
_EV_COORD = by_level(Need.COORDINATION)
PAGES += [
    ("evaluation:answer", {"code": "feedback_code"}, "get", PUBLIC),
    ("evaluation:answer", {"code": "feedback_code"}, "post", PUBLIC),
    ("evaluation:thanks", {"code": "feedback_code"}, "get", PUBLIC),
    (
        "evaluation:answer_token",
        {"code": "feedback_code", "token": "feedback_token"},
        "get",
        PUBLIC,
    ),
    (
        "evaluation:answer_token",
        {"code": "feedback_code", "token": "feedback_token"},
        "post",
        PUBLIC,
    ),
    ("evaluation:measure_answer", {"code": "measure_code"}, "get", PUBLIC),
    ("evaluation:measure_answer", {"code": "measure_code"}, "post", PUBLIC),
    ("evaluation:measure_done", {"code": "measure_code"}, "get", PUBLIC),
    ("evaluation:instruments", {}, "get", everyone(200)),
    ("evaluation:instrument", {"instrument_id": "instrument"}, "get", everyone(200)),
    ("evaluation:instrument_import", {}, "get", only({"superuser"})),
    ("evaluation:instrument_import", {}, "post", only({"superuser"})),
    ("evaluation:index", _EV_N, "get", by_level(Need.MEMBER)),
    ("evaluation:link_create", _EV_N, "get", _EV_COORD),
    ("evaluation:link_create", _EV_N, "post", _EV_COORD),
    ("evaluation:results", _EV_L, "get", by_level(Need.MEMBER)),
    ("evaluation:show", _EV_L, "get", _EV_COORD),
    ("evaluation:qr_png", _EV_L, "get", _EV_COORD),
    ("evaluation:paper", _EV_L, "get", _EV_COORD),
    ("evaluation:paper", _EV_L, "post", _EV_COORD),
    ("evaluation:tokens", _EV_L, "get", _EV_COORD),
    ("evaluation:tokens", _EV_L, "post", _EV_COORD),
    ("evaluation:link_open", _EV_L, "post", by_level(Need.COORDINATION, 302)),
    ("evaluation:export", {**_EV_L, "fmt": "csv"}, "get", _EV_COORD),
    ("evaluation:measurement_create", _EV_N, "get", _EV_COORD),
    ("evaluation:measurement_create", _EV_N, "post", _EV_COORD),
    ("evaluation:measurement", _EV_M, "get", by_level(Need.MEMBER)),
    ("evaluation:measurement_open", _EV_M, "post", by_level(Need.COORDINATION, 302)),
    ("evaluation:measurement_export", {**_EV_M, "fmt": "csv"}, "get", _EV_COORD),
    ("evaluation:evaluation_create", _EV_N, "get", _EV_COORD),
    ("evaluation:evaluation_create", _EV_N, "post", _EV_COORD),
    (
        "evaluation:evaluation",
        {"network_id": "network", "evaluation_id": "eval_record"},
        "get",
        by_level(Need.MEMBER),
    ),
]
_EV_F = "/networks/{network_id}/feedback"
_EV_ONLY_OPERATOR = {**everyone(403, anonymous=ANON_API), "superuser": 422}
API += [
    ("get", _EV_F, None, by_level(Need.MEMBER, anonymous=ANON_API)),
    ("post", _EV_F, {}, by_level(Need.COORDINATION, 422, anonymous=ANON_API)),  # no target
    (
        "get",
        _EV_F + "/{feedback_link_id}/results",
        None,
        by_level(Need.MEMBER, anonymous=ANON_API),
    ),
    (
        "get",
        _EV_F + "/{feedback_link_id}/answers",
        None,
        by_level(Need.COORDINATION, anonymous=ANON_API),
    ),
    ("post", "/feedback/{feedback_code}/answers", {"rating": 5}, everyone(201, anonymous=201)),
    ("get", "/networks/{network_id}/evaluations", None, by_level(Need.MEMBER, anonymous=ANON_API)),
    (
        "post",
        "/networks/{network_id}/evaluations",
        {"goal_met": "yes", "worked": "W", "decision": "continue"},
        by_level(Need.COORDINATION, 201, anonymous=ANON_API),
    ),
    ("get", "/evaluation/instruments", None, everyone(200, anonymous=ANON_API)),
    ("post", "/evaluation/instruments", {"content": "key: x"}, _EV_ONLY_OPERATOR),
    ("patch", "/evaluation/instruments/{instrument_id}", {"source": "x"}, _EV_ONLY_OPERATOR),
    ("get", "/networks/{network_id}/measurements", None, by_level(Need.MEMBER, anonymous=ANON_API)),
    (
        "post",
        "/networks/{network_id}/measurements",
        {"title": "T", "instrument_id": 999999},
        by_level(Need.COORDINATION, 422, anonymous=ANON_API),  # an unknown instrument
    ),
    (
        "get",
        "/networks/{network_id}/measurements/{measurement_id}/results",
        None,
        by_level(Need.MEMBER, anonymous=ANON_API),
    ),
    (
        "post",
        "/measurements/{measure_code}/answers",
        {"phase": "pre", "values": {"welcome": 4, "heard": 4, "useful": 4, "future": 4}},
        everyone(201, anonymous=201),
    ),
]

OBJECTS.update(
    {
        "questionnaire": lambda w: evaluation_testing.evaluation_questionnaire(w).pk,
        "questionnaire_code": lambda w: evaluation_testing.evaluation_questionnaire(w).code,
    }
)
_EV_Q = {"network_id": "network", "questionnaire_id": "questionnaire"}
PAGES += [
    ("evaluation:questionnaire_answer", {"code": "questionnaire_code"}, "get", PUBLIC),
    ("evaluation:questionnaire_answer", {"code": "questionnaire_code"}, "post", PUBLIC),
    ("evaluation:questionnaire_thanks", {"code": "questionnaire_code"}, "get", PUBLIC),
    ("evaluation:template_create", {}, "get", only({"superuser"})),
    ("evaluation:template_create", {}, "post", only({"superuser"})),
    ("evaluation:questionnaires", _EV_N, "get", by_level(Need.MEMBER)),
    ("evaluation:questionnaire_create", _EV_N, "get", _EV_COORD),
    ("evaluation:questionnaire_create", _EV_N, "post", _EV_COORD),
    ("evaluation:questionnaire_use_template", _EV_N, "get", _EV_COORD),
    ("evaluation:questionnaire_use_template", _EV_N, "post", _EV_COORD),
    ("evaluation:questionnaire", _EV_Q, "get", by_level(Need.MEMBER)),
    ("evaluation:questionnaire_open", _EV_Q, "post", by_level(Need.COORDINATION, 302)),
]
API += [
    (
        "get",
        "/networks/{network_id}/questionnaires",
        None,
        by_level(Need.MEMBER, anonymous=ANON_API),
    ),
    (
        "post",
        "/networks/{network_id}/questionnaires",
        {"title": "Q", "questions": "scale: How?"},
        by_level(Need.COORDINATION, 201, anonymous=ANON_API),
    ),
    (
        "get",
        "/networks/{network_id}/questionnaires/{questionnaire_id}/results",
        None,
        by_level(Need.MEMBER, anonymous=ANON_API),
    ),
    (
        "post",
        "/questionnaires/{questionnaire_code}/answers",
        {"answers": {}},
        everyone(422, anonymous=422),  # no answer given
    ),
]


# --- followups ---
# The user's own language page: every signed-in user has one. Ending a role in the card
# scheme (the issuer's, here): its administrators; a post without the confirmation shows
# the page again.
OBJECTS.update(
    {
        "card_staff": lambda w: (
            card_world(w).scheme.staff.get(user=w.professional, role="issuer").pk
        ),
    }
)
PAGES += [
    ("accounts:language", {}, "get", everyone(200)),
    ("accounts:language", {}, "post", everyone(200)),
    ("card:staff_end", {**CARD_SCHEME, "staff_id": "card_staff"}, "get", card(CARD_ADMIN)),
    ("card:staff_end", {**CARD_SCHEME, "staff_id": "card_staff"}, "post", card(CARD_ADMIN)),
]


def _resolve_kwargs(world, kwargs: dict) -> dict:
    return {k: (OBJECTS[v](world) if v in OBJECTS else v) for k, v in kwargs.items()}


def _resolve_path(world, path: str) -> str:
    names = {field for _text, field, _spec, _conv in Formatter().parse(path) if field}
    return path.format(**{name: OBJECTS[name.removesuffix("_id")](world) for name in names})


def _login(client, world, role):
    user = world.user(role)
    if user is not None:
        client.force_login(user)


def _all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                if p.namespace in ("admin", "api"):
                    continue  # Django's admin (one row) and the API (its own table)
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(namespace + p.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_has_rows():
    covered = {name for name, *_ in PAGES}
    assert _all_url_names() - covered == set()


def test_every_api_operation_has_rows():
    schema = api.get_openapi_schema()
    operations = {
        (method, path.removeprefix("/api/v1"))
        for path, ops in schema["paths"].items()
        for method in ops
    }
    covered = {(method, path) for method, path, _body, _expected in API}
    assert operations - covered == set()
    assert covered - operations == set()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "kwargs", "method", "expected"), PAGES, ids=[f"{r[2]} {r[0]}" for r in PAGES]
)
def test_page_access(client, world, role, name, kwargs, method, expected):
    resolved = _resolve_kwargs(world, kwargs)
    _login(client, world, role)
    url = reverse(name, kwargs=resolved)
    response = getattr(client, method)(url, {} if method == "post" else None)
    assert response.status_code == expected[role], (role, url, response.status_code)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "body", "expected"), API, ids=[f"{r[0]} {r[1]}" for r in API]
)
def test_api_access(client, world, role, method, path, body, expected):
    url = "/api/v1" + _resolve_path(world, path)
    if body and body.get("membership_id") == GROUP:
        body = {**body, "membership_id": world.group_membership.pk}
    _login(client, world, role)
    if method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(url, data=body, content_type="application/json")
    assert response.status_code == expected[role], (
        role,
        method,
        url,
        response.status_code,
        response.content[:300],
    )
