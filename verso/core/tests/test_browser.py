"""Browser tests: Playwright drives Debian's Chromium against the live server.

Every page the product has is opened as a user who may see it and checked with axe-core;
serious and critical findings fail. A scenario walks the coordinator's main path through
the real forms, and a phone-sized viewport must never scroll sideways.

Run with ``VERSO_CHROMIUM=/usr/bin/chromium``; without it the tests are skipped. Set
``VERSO_SHOTS=/some/dir`` to also save a screenshot of each page at 1280 and 360 px.
"""

import importlib
import os
import re
from base64 import b32decode
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps as django_apps
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import totp
from playwright.sync_api import Page, expect, sync_playwright

from conftest import build_world
from verso.accounts.testing import totp_device_for, totp_token
from verso.accounts.tests.factories import TEST_PASSWORD
from verso.ideas.tests import browser_paths as idea_paths
from verso.networks import services
from verso.networks.choices import Role
from verso.networks.models import Membership, Network
from verso.plans.tests import browser_paths as plan_paths  # --- plans ---

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
BLOCKING_IMPACTS = {"serious", "critical"}
SHOTS = os.environ.get("VERSO_SHOTS", "")

NETWORKS = "/en/networks/"
OTP_SETUP = "/en/accounts/2fa/setup/"
OTP_VERIFY = "/en/accounts/2fa/verify/"

_axe = Axe()


# Fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def _async_unsafe_allowed():
    """Playwright's sync API keeps an event loop running in this thread; without this
    Django refuses ORM calls (test data, database flushes) while the browser is alive."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def _playwright_holder(_async_unsafe_allowed):
    """One Playwright and one browser for the whole module, started on first use (the
    ``chromium_path`` fixture is function-scoped, so it cannot be asked for here)."""
    holder: dict = {}
    yield holder
    if "browser" in holder:
        holder["browser"].close()
    if "playwright" in holder:
        holder["playwright"].stop()


@pytest.fixture
def browser(_playwright_holder, chromium_path):
    if "browser" not in _playwright_holder:
        playwright = sync_playwright().start()
        _playwright_holder["playwright"] = playwright
        _playwright_holder["browser"] = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
    return _playwright_holder["browser"]


def _new_page(browser, live_server, viewport) -> Page:
    context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="en-GB")
    context.set_default_timeout(5_000)
    return context.new_page()


@pytest.fixture
def page(browser, live_server):
    page = _new_page(browser, live_server, DESKTOP)
    yield page
    page.context.close()


@pytest.fixture
def phone_page(browser, live_server):
    page = _new_page(browser, live_server, PHONE)
    yield page
    page.context.close()


# Helpers -----------------------------------------------------------------------------------


def _describe(violation: dict) -> str:
    targets = [node.get("target") for node in violation.get("nodes", [])[:3]]
    html = (violation.get("nodes") or [{}])[0].get("html", "")
    return (
        f"- {violation['id']} ({violation['impact']}): {violation.get('help', '')}\n"
        f"  targets: {targets}\n  first node: {html[:300]}"
    )


def check_page(page: Page) -> None:
    """Run axe-core on the page as it is now; fail on serious or critical violations."""
    violations = _axe.run(page).response["violations"]
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core on {page.url}:\n" + "\n".join(map(_describe, blocking))


def assert_no_horizontal_scroll(page: Page) -> None:
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        culprits = page.evaluate(
            """(width) => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > width + 0.5)
                .slice(0, 5)
                .map(el => el.outerHTML.slice(0, 160))""",
            width,
        )
        raise AssertionError(
            f"{page.url}: scrollWidth {scroll_width} > {width} px; wide elements: {culprits}"
        )


def shoot(page: Page, name: str) -> None:
    """With VERSO_SHOTS set, save full-page screenshots at 1280 and 360 px."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.screenshot(path=f"{SHOTS}/browser-{name}-{size['width']}.png", full_page=True)
    page.set_viewport_size(original)


def path_is(*paths: str):
    """A wait_for_url predicate on the path alone (a ?next= query must not match)."""
    return lambda url: urlsplit(url).path in paths


def code_from_secret(secret: str) -> str:
    """What an authenticator app shows now for the key typed in from the setup page."""
    key = "".join(secret.split())
    key += "=" * (-len(key) % 8)
    return f"{totp(b32decode(key)):06d}"


def log_in(page: Page, user, *, two_factor: bool = True, check: bool = False) -> None:
    """Log in through the real form. A user who owes a one-time code goes through the real
    2FA page too (setup: the code comes from the key shown on the page; verify: from the
    user's confirmed device), unless ``two_factor`` is False. Lands on "My networks".
    ``check`` runs axe on each page passed on the way."""
    # --- followups --- signing in opens the user's own language: these users chose English
    type(user).objects.filter(pk=user.pk).update(language="en")
    page.goto("/en/accounts/login/")
    if check:
        check_page(page)
    main = page.locator("main")
    main.locator("input[name=username]").fill(user.email)
    main.locator("input[name=password]").fill(TEST_PASSWORD)
    main.locator("button[type=submit]").click()
    page.wait_for_url(path_is(NETWORKS, OTP_SETUP, OTP_VERIFY))
    if not two_factor:
        return
    step = urlsplit(page.url).path
    if step == OTP_SETUP:
        code = code_from_secret(main.locator("code.secret").inner_text())
    elif step == OTP_VERIFY:
        code = totp_token(totp_device_for(user))
    else:
        return
    if check:
        check_page(page)
    main.locator("input[name=token]").fill(code)
    main.locator("button[type=submit]").click()
    page.wait_for_url(path_is(NETWORKS))


def field(text: str) -> re.Pattern:
    """A form field's label as Django renders it: the text, maybe with a ":" suffix."""
    return re.compile(rf"^{re.escape(text)}:?$")


def visit(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == 200, f"{path}: HTTP {response.status}"


def open_roles(membership: Membership) -> set[str]:
    return {r.role for r in membership.roles.filter(ends_on__isnull=True)}


def reset_confirm_path(world) -> str:
    user = world.coordinator
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/en/accounts/reset/{uid}/{default_token_generator.make_token(user)}/"


def privacy_notice_path(world) -> str:
    """The notice is published by a data migration, which a transactional test's flush
    removes: publish it again with the migration's own code."""
    migration = importlib.import_module("verso.privacy.migrations.0002_privacy_notice_v1")
    migration.publish(django_apps, None)
    return "/en/privacy/"


def accountless_member_path(action: str):
    """A page about a member without an account (erasing on someone's behalf is only for
    them; their edit form also holds the name and contact details): add one first."""

    def path(world) -> str:
        membership = services.membership_add_new_person(
            actor=world.coordinator,
            network=world.network,
            roles=[Role.PARTNER],
            display_name="Eeva",
        )
        return f"/en/networks/{world.network.pk}/members/{membership.pk}/{action}/"

    return path


# --- events ---
def _events_path(world, template: str) -> str:
    from verso.events import testing

    activity = testing.events_activity(world)
    testing.events_work(world)
    token = testing.events_signup(world).token
    return template.format(n=world.network.pk, a=activity.pk, t=token)


def _events_public(world, path: str) -> str:
    _events_path(world, "")
    return path


# Every page type, as a user who may see it: (id, role, path from the world, html lang).
PAGES = [
    ("front-en", "anonymous", lambda w: "/en/", "en"),
    ("front-fi", "anonymous", lambda w: "/", "fi"),
    ("front-sv", "anonymous", lambda w: "/sv/", "sv"),
    ("login", "anonymous", lambda w: "/en/accounts/login/", "en"),
    ("password-reset", "anonymous", lambda w: "/en/accounts/password-reset/", "en"),
    ("password-reset-done", "anonymous", lambda w: "/en/accounts/password-reset/sent/", "en"),
    ("password-reset-confirm", "anonymous", reset_confirm_path, "en"),
    ("otp-setup", "coordinator-password-only", lambda w: OTP_SETUP, "en"),
    ("otp-verify", "coordinator-with-device-password-only", lambda w: OTP_VERIFY, "en"),
    ("security", "coordinator", lambda w: "/en/accounts/security/", "en"),
    ("password-change", "coordinator", lambda w: "/en/accounts/password/", "en"),
    ("email-change", "coordinator", lambda w: "/en/accounts/email/", "en"),
    ("tokens", "coordinator", lambda w: "/en/accounts/tokens/", "en"),
    ("my-networks", "coordinator", lambda w: "/en/networks/", "en"),
    ("network-create", "coordinator", lambda w: "/en/networks/new/", "en"),
    ("dashboard", "coordinator", lambda w: f"/en/networks/{w.network.pk}/", "en"),
    # Finnish has the longest words ("Yhteiskehittäminen"): the phone test reads it too.
    ("dashboard-fi", "coordinator", lambda w: f"/networks/{w.network.pk}/", "fi"),
    ("members-sv", "coordinator", lambda w: f"/sv/networks/{w.network.pk}/members/", "sv"),
    ("members", "coordinator", lambda w: f"/en/networks/{w.network.pk}/members/", "en"),
    ("member-add", "coordinator", lambda w: f"/en/networks/{w.network.pk}/members/add/", "en"),
    (
        "member-edit",
        "coordinator",
        lambda w: f"/en/networks/{w.network.pk}/members/{w.professional_membership.pk}/edit/",
        "en",
    ),
    (
        "member-end",
        "coordinator",
        lambda w: f"/en/networks/{w.network.pk}/members/{w.professional_membership.pk}/end/",
        "en",
    ),
    ("handover", "coordinator", lambda w: f"/en/networks/{w.network.pk}/handover/", "en"),
    ("audit", "coordinator", lambda w: f"/en/networks/{w.network.pk}/audit/", "en"),
    ("network-edit", "coordinator", lambda w: f"/en/networks/{w.network.pk}/edit/", "en"),
    ("organisations", "coordinator", lambda w: "/en/organisations/", "en"),
    (
        "organisation-detail",
        "coordinator",
        lambda w: f"/en/organisations/{w.organisation.pk}/",
        "en",
    ),
    ("organisation-create", "coordinator", lambda w: "/en/organisations/new/", "en"),
    (
        "organisation-edit",
        "coordinator",
        lambda w: f"/en/organisations/{w.organisation.pk}/edit/",
        "en",
    ),
    ("privacy-notice", "anonymous", privacy_notice_path, "en"),
    ("accessibility-statement", "anonymous", lambda w: "/en/accessibility/", "en"),
    ("my-data", "client", lambda w: "/en/privacy/me/", "en"),
    ("my-erase", "client", lambda w: "/en/privacy/me/erase/", "en"),
    ("my-details", "client", lambda w: "/en/privacy/me/details/", "en"),
    ("member-edit-details", "coordinator", accountless_member_path("edit"), "en"),
    (
        "member-data",
        "coordinator",
        lambda w: f"/en/networks/{w.network.pk}/members/{w.client_membership.pk}/data/",
        "en",
    ),
    ("member-erase", "coordinator", accountless_member_path("erase"), "en"),
    # --- ideas ---
    ("idea-call-public-fi", "anonymous", lambda w: idea_paths.call_public(w, ""), "fi"),
    ("idea-call-public-sv", "anonymous", lambda w: idea_paths.call_public(w, "/sv"), "sv"),
    ("idea-call-public-en", "anonymous", lambda w: idea_paths.call_public(w, "/en"), "en"),
    ("idea-follow", "anonymous", lambda w: idea_paths.follow(w, ""), "fi"),
    ("idea-follow-sv", "anonymous", lambda w: idea_paths.follow(w, "/sv"), "sv"),
    ("idea-list", "coordinator", lambda w: idea_paths.network(w, "ideas/"), "en"),
    ("idea-list-client", "client", lambda w: idea_paths.network(w, "ideas/"), "en"),
    ("idea-create", "professional", lambda w: idea_paths.network(w, "ideas/new/"), "en"),
    ("idea-detail", "coordinator", lambda w: idea_paths.idea(w, ""), "en"),
    ("idea-detail-client", "client", lambda w: idea_paths.idea(w, ""), "en"),
    ("idea-triage", "coordinator", lambda w: idea_paths.idea(w, "triage/"), "en"),
    ("idea-moderate", "coordinator", lambda w: idea_paths.idea(w, "moderate/"), "en"),
    ("idea-comment-hide", "coordinator", idea_paths.comment_hide, "en"),
    ("idea-call-create", "coordinator", lambda w: idea_paths.network(w, "idea-calls/new/"), "en"),
    ("idea-call-detail", "coordinator", lambda w: idea_paths.call(w, ""), "en"),
    ("idea-call-edit", "coordinator", lambda w: idea_paths.call(w, "edit/"), "en"),
    # --- events ---
    ("events-public-fi", "anonymous", lambda w: _events_public(w, "/events/"), "fi"),
    ("events-public-sv", "anonymous", lambda w: _events_public(w, "/sv/events/"), "sv"),
    ("events-public-en", "anonymous", lambda w: _events_public(w, "/en/events/"), "en"),
    ("event-detail-fi", "anonymous", lambda w: _events_path(w, "/events/{a}/"), "fi"),
    ("event-detail-sv", "anonymous", lambda w: _events_path(w, "/sv/events/{a}/"), "sv"),
    ("event-detail-en", "anonymous", lambda w: _events_path(w, "/en/events/{a}/"), "en"),
    ("event-signup-status", "anonymous", lambda w: _events_path(w, "/events/signup/{t}/"), "fi"),
    ("event-gallery", "anonymous", lambda w: _events_path(w, "/events/{a}/gallery/"), "fi"),
    ("activities", "coordinator", lambda w: _events_path(w, "/en/networks/{n}/activities/"), "en"),
    ("activity-new", "coordinator", lambda w: f"/en/networks/{w.network.pk}/activities/new/", "en"),
    (
        "activity-manage",
        "coordinator",
        lambda w: _events_path(w, "/en/networks/{n}/activities/{a}/"),
        "en",
    ),
    (
        "activity-edit",
        "coordinator",
        lambda w: _events_path(w, "/en/networks/{n}/activities/{a}/edit/"),
        "en",
    ),
    (
        "participants",
        "coordinator",
        lambda w: _events_path(w, "/en/networks/{n}/activities/{a}/participants/"),
        "en",
    ),
    (
        "checkin",
        "coordinator",
        lambda w: _events_path(w, "/en/networks/{n}/activities/{a}/checkin/{t}/"),
        "en",
    ),
    (
        "outcome",
        "coordinator",
        lambda w: _events_path(w, "/en/networks/{n}/activities/{a}/outcome/"),
        "en",
    ),
    (
        "works",
        "coordinator",
        lambda w: _events_path(w, "/en/networks/{n}/activities/{a}/works/"),
        "en",
    ),
    (
        "work-submit",
        "professional",
        lambda w: _events_path(w, "/en/networks/{n}/activities/{a}/works/submit/"),
        "en",
    ),
    (
        "work-labels",
        "coordinator",
        lambda w: _events_path(w, "/en/networks/{n}/activities/{a}/works/labels/"),
        "en",
    ),
    ("places", "coordinator", lambda w: f"/en/networks/{w.network.pk}/places/", "en"),
    ("place-new", "coordinator", lambda w: f"/en/networks/{w.network.pk}/places/new/", "en"),
    # --- plans ---
    ("plan-list", "coordinator", lambda w: plan_paths.network_path(w, "plans/"), "en"),
    ("plan-create", "group", lambda w: plan_paths.network_path(w, "plans/new/"), "en"),
    ("plan-detail", "coordinator", lambda w: plan_paths.plan_path(w), "en"),
    ("plan-detail-fi", "group", lambda w: plan_paths.plan_path(w, prefix=""), "fi"),
    ("plan-detail-professional", "professional", lambda w: plan_paths.plan_path(w), "en"),
    ("plan-edit", "group", lambda w: plan_paths.plan_path(w, "edit/"), "en"),
    ("plan-budget-add", "group", lambda w: plan_paths.plan_path(w, "budget/add/"), "en"),
    ("plan-budget-edit", "coordinator", plan_paths.line_path, "en"),
    ("plan-ideas", "coordinator", lambda w: plan_paths.plan_path(w, "ideas/"), "en"),
    ("plan-readiness", "coordinator", lambda w: plan_paths.plan_path(w, "readiness/"), "en"),
    ("plan-versions", "coordinator", lambda w: plan_paths.plan_path(w, "versions/"), "en"),
    ("plan-version", "group", plan_paths.version_path, "en"),
    ("plan-compare", "group", lambda w: plan_paths.plan_path(w, "compare/?a=1&b=5"), "en"),
    ("plan-print", "professional", lambda w: plan_paths.plan_path(w, "print/"), "en"),
    ("plan-print-sv", "coordinator", lambda w: plan_paths.plan_path(w, "print/", "/sv"), "sv"),
    ("network-phase", "coordinator", lambda w: plan_paths.network_path(w, "phase/"), "en"),
]

# --- card ---
# The card scheme of the world's network (verso/card/tests/factories.py): the coordinator
# administers it, the professional issues, the coordination-group member provides.
from verso.card.tests.factories import card_world  # noqa: E402


def card_path(template: str):
    """A card page's path, made once the world's card scheme exists."""

    def path(world) -> str:
        cw = card_world(world)
        return template.format(
            scheme=cw.scheme.pk,
            provider=cw.provider.pk,
            offering=cw.offering.pk,
            holder=cw.issued.link_token,
        )

    return path


PAGES += [
    ("card-offerings", "anonymous", card_path("/en/card/offerings/"), "en"),
    ("card-offerings-fi", "anonymous", card_path("/card/offerings/"), "fi"),
    ("card-offerings-sv", "anonymous", card_path("/sv/card/offerings/"), "sv"),
    ("card-offering", "anonymous", card_path("/en/card/offerings/{offering}/"), "en"),
    ("card-offering-fi", "anonymous", card_path("/card/offerings/{offering}/"), "fi"),
    ("card-offering-sv", "anonymous", card_path("/sv/card/offerings/{offering}/"), "sv"),
    ("card-holder", "anonymous", card_path("/en/card/h/{holder}/"), "en"),
    ("card-holder-fi", "anonymous", card_path("/card/h/{holder}/"), "fi"),
    ("card-holder-sv", "anonymous", card_path("/sv/card/h/{holder}/"), "sv"),
    ("card-home", "group", card_path("/en/card/"), "en"),
    ("card-scheme", "coordinator", card_path("/en/card/schemes/{scheme}/"), "en"),
    ("card-scheme-create", "coordinator", card_path("/en/card/schemes/new/"), "en"),
    ("card-scheme-edit", "coordinator", card_path("/en/card/schemes/{scheme}/edit/"), "en"),
    ("card-terms", "coordinator", card_path("/en/card/schemes/{scheme}/terms/"), "en"),
    ("card-unit-add", "coordinator", card_path("/en/card/schemes/{scheme}/units/add/"), "en"),
    (
        "card-provider-add",
        "coordinator",
        card_path("/en/card/schemes/{scheme}/providers/add/"),
        "en",
    ),
    ("card-staff-add", "coordinator", card_path("/en/card/schemes/{scheme}/staff/add/"), "en"),
    (
        "card-statistics",
        "coordinator",
        card_path("/en/card/schemes/{scheme}/statistics/"),
        "en",
    ),
    ("card-issue", "professional", card_path("/en/card/schemes/{scheme}/issue/"), "en"),
    ("card-revoke", "professional", card_path("/en/card/schemes/{scheme}/revoke/"), "en"),
    ("card-redeem", "group", card_path("/en/card/schemes/{scheme}/redeem/"), "en"),
    ("card-redeem-fi", "group", card_path("/card/schemes/{scheme}/redeem/"), "fi"),
    ("card-provider", "group", card_path("/en/card/providers/{provider}/"), "en"),
    ("card-provider-join", "group", card_path("/en/card/providers/{provider}/join/"), "en"),
    (
        "card-offering-create",
        "group",
        card_path("/en/card/providers/{provider}/offerings/new/"),
        "en",
    ),
    ("card-offering-edit", "group", card_path("/en/card/offerings/{offering}/edit/"), "en"),
]
CARD_PHONE_PAGE_IDS = {
    "card-offerings-fi",
    "card-offerings-sv",
    "card-offering-fi",
    "card-offering-sv",
    "card-holder-fi",
    "card-holder-sv",
    "card-issue",
    "card-redeem",
    "card-redeem-fi",
    "card-statistics",
}

# Known defects in the app: page id -> xfail reason (strict, so a fix shows up as XPASS).
KNOWN_BUGS: dict[str, str] = {}


def _params(pages, known=KNOWN_BUGS):
    """pytest params named by page id; a known defect is a strict xfail that only an
    assertion (axe, layout) may satisfy, never a crash or a timeout."""
    params = []
    for row in pages:
        marks = []
        if row[0] in known:
            marks.append(
                pytest.mark.xfail(strict=True, raises=AssertionError, reason=known[row[0]])
            )
        params.append(pytest.param(*row, id=row[0], marks=marks))
    return params


PHONE_PAGE_IDS = {
    "front-en",
    "login",
    "my-networks",
    "dashboard",
    "dashboard-fi",
    "members",
    "members-sv",
    "member-add",
    "organisations",
    "my-data",
    # --- ideas ---
    "idea-call-public-fi",
    "idea-call-public-sv",
    "idea-follow",
    "idea-follow-sv",
    "idea-list",
    "idea-detail",
    "idea-create",
    "idea-call-detail",
    # --- plans ---
    "plan-list",
    "plan-detail",
    "plan-detail-fi",
    "plan-budget-add",
    "plan-readiness",
    "plan-compare",
    "plan-print",
    "network-phase",
}


# --- meetings ---
def _meetings_path(suffix: str, obj: str = "meeting"):
    def path(w):
        from verso.meetings.tests.factories import matrix_object

        if obj == "past":
            from verso.meetings import services as meeting_services
            from verso.meetings.tests.factories import make_item, make_past_meeting

            meeting = make_past_meeting(w, title="Kick-off")
            meeting_services.attendance_set(
                actor=w.coordinator,
                meeting=meeting,
                people=[w.group.person],
                guests=["Visitor"],
                unnamed_clients=3,
            )
            meeting_services.minutes_save(
                actor=w.coordinator, meeting=meeting, notes="Went well.", decisions=["Go on"]
            )
            make_item(w, meeting=meeting)
            pk = meeting.pk
        else:
            pk = matrix_object(w, obj).pk if obj else None
        base = f"/en/networks/{w.network.pk}/"
        return base + suffix.format(pk=pk)

    return path


PAGES += [
    ("meetings", "coordinator", _meetings_path("meetings/", "item"), "en"),
    ("meeting-create", "coordinator", _meetings_path("meetings/new/", None), "en"),
    ("meeting-detail", "coordinator", _meetings_path("meetings/{pk}/"), "en"),
    ("meeting-detail-past", "coordinator", _meetings_path("meetings/{pk}/", "past"), "en"),
    ("meeting-detail-client", "client", _meetings_path("meetings/{pk}/"), "en"),
    ("meeting-edit", "coordinator", _meetings_path("meetings/{pk}/edit/"), "en"),
    ("meeting-invite", "coordinator", _meetings_path("meetings/{pk}/invite/"), "en"),
    ("meeting-reply", "client", _meetings_path("meetings/{pk}/reply/"), "en"),
    (
        "meeting-attendance",
        "coordinator",
        _meetings_path("meetings/{pk}/attendance/", "past"),
        "en",
    ),
    ("meeting-minutes", "coordinator", _meetings_path("meetings/{pk}/minutes/", "past"), "en"),
    ("meeting-material", "coordinator", _meetings_path("meetings/{pk}/materials/new/"), "en"),
    ("attendance-history", "coordinator", _meetings_path("meetings/attendance/", "past"), "en"),
    ("tasks", "coordinator", _meetings_path("tasks/", "item"), "en"),
    ("tasks-professional", "professional", _meetings_path("tasks/", "item"), "en"),
    ("task-create", "coordinator", _meetings_path("tasks/new/", None), "en"),
    ("series-create", "coordinator", _meetings_path("series/new/", None), "en"),
    ("series", "coordinator", _meetings_path("series/{pk}/", "series"), "en"),
    ("poll-create", "coordinator", _meetings_path("polls/new/", None), "en"),
    ("poll", "group", _meetings_path("polls/{pk}/", "poll"), "en"),
    ("poll-close", "coordinator", _meetings_path("polls/{pk}/close/", "poll"), "en"),
    ("mail-queue", "coordinator", _meetings_path("mail/", "mail"), "en"),
    ("calendar", "professional", lambda w: "/en/calendar/", "en"),
    ("meetings-fi", "coordinator", lambda w: f"/networks/{w.network.pk}/meetings/", "fi"),
    (
        "meeting-detail-sv",
        "client",
        lambda w: _meetings_path("meetings/{pk}/")(w).replace("/en/", "/sv/", 1),
        "sv",
    ),
]
PHONE_PAGE_IDS |= {
    "meetings",
    "meeting-detail",
    "meeting-detail-past",
    "meeting-detail-sv",
    "tasks",
    "poll",
    "calendar",
    "meeting-invite",
    # --- events ---
    "events-public-fi",
    "events-public-sv",
    "event-detail-fi",
    "event-detail-sv",
    "event-signup-status",
    "event-gallery",
    "participants",
    "checkin",
}
PHONE_PAGE_IDS |= CARD_PHONE_PAGE_IDS  # --- card ---


# --- embedding ---
def _embedding_path(suffix: str, *, data: bool = False):
    def path(w):
        if data:
            from verso.embedding.tests.factories import make_communication, make_link
            from verso.events.testing import events_activity

            make_link(w)
            make_communication(w)
            events_activity(w)  # organised by the library
        return f"/en/networks/{w.network.pk}/embedding/{suffix}"

    return path


PAGES += [
    ("embedding-checklist", "coordinator", _embedding_path("", data=True), "en"),
    ("embedding-link-add", "coordinator", _embedding_path("links/new/"), "en"),
    ("embedding-confirm", "coordinator", _embedding_path("confirm/"), "en"),
    ("embedding-communication", "group", _embedding_path("communication/", data=True), "en"),
    ("embedding-communication-add", "coordinator", _embedding_path("communication/new/"), "en"),
    ("embedding-rotation", "professional", _embedding_path("rotation/", data=True), "en"),
    ("embedding-rotation-settings", "coordinator", _embedding_path("rotation/settings/"), "en"),
    ("embedding-map", "professional", _embedding_path("map/", data=True), "en"),
    ("embedding-map-all", "superuser", lambda w: "/en/embedding/map/", "en"),
    ("embedding-handover", "coordinator", _embedding_path("handover/", data=True), "en"),
    ("embedding-handbook", "coordinator", _embedding_path("handbook/", data=True), "en"),
    ("embedding-handbook-edit", "coordinator", _embedding_path("handbook/needs/edit/"), "en"),
    (
        "embedding-checklist-fi",
        "professional",
        lambda w: f"/networks/{w.network.pk}/embedding/",
        "fi",
    ),
    (
        "embedding-map-sv",
        "professional",
        lambda w: f"/sv/networks/{w.network.pk}/embedding/map/",
        "sv",
    ),
]
PHONE_PAGE_IDS |= {
    "embedding-checklist",
    "embedding-communication",
    "embedding-rotation",
    "embedding-map",
    "embedding-map-all",
    "embedding-handover",
    "embedding-handbook",
    "embedding-checklist-fi",
    "embedding-map-sv",
}


# --- evaluation ---
def _evaluation_path(template: str):
    """An evaluation page's path: the world's feedback link (with answers), a personal
    link, an evaluation and a pre/post measurement made on first use."""

    def path(world) -> str:
        from verso.core.tests.test_access_matrix import OBJECTS
        from verso.evaluation import testing

        link = testing.evaluation_link(world)
        return template.format(
            n=world.network.pk,
            link=link.pk,
            code=link.code,
            token=testing.evaluation_token(world).token,
            e=testing.evaluation_evaluation(world).pk,
            m=OBJECTS["measurement"](world),
            mcode=OBJECTS["measure_code"](world),
            i=OBJECTS["instrument"](world),
            q=OBJECTS["questionnaire"](world),
            qcode=OBJECTS["questionnaire_code"](world),
        )

    return path


_EV = "/en/networks/{n}/evaluation/"
PAGES += [
    ("feedback-answer-fi", "anonymous", _evaluation_path("/f/{code}/"), "fi"),
    ("feedback-answer-sv", "anonymous", _evaluation_path("/sv/f/{code}/"), "sv"),
    ("feedback-answer-en", "anonymous", _evaluation_path("/en/f/{code}/"), "en"),
    ("feedback-answer-token", "anonymous", _evaluation_path("/f/{code}/{token}/"), "fi"),
    ("feedback-thanks", "anonymous", _evaluation_path("/sv/f/{code}/thanks/"), "sv"),
    ("measure-answer-fi", "anonymous", _evaluation_path("/m/{mcode}/"), "fi"),
    ("measure-answer-sv", "anonymous", _evaluation_path("/sv/m/{mcode}/"), "sv"),
    ("measure-done", "anonymous", _evaluation_path("/m/{mcode}/done/"), "fi"),
    ("evaluation", "coordinator", _evaluation_path(_EV), "en"),
    ("evaluation-fi", "group", _evaluation_path("/networks/{n}/evaluation/"), "fi"),
    ("feedback-new", "coordinator", _evaluation_path(_EV + "feedback/new/"), "en"),
    ("feedback-results", "coordinator", _evaluation_path(_EV + "feedback/{link}/"), "en"),
    ("feedback-results-pro", "professional", _evaluation_path(_EV + "feedback/{link}/"), "en"),
    ("feedback-show", "group", _evaluation_path(_EV + "feedback/{link}/show/"), "en"),
    ("feedback-paper", "group", _evaluation_path(_EV + "feedback/{link}/paper/"), "en"),
    ("feedback-links", "coordinator", _evaluation_path(_EV + "feedback/{link}/links/"), "en"),
    ("evaluation-new", "group", _evaluation_path(_EV + "evaluations/new/"), "en"),
    ("evaluation-detail", "professional", _evaluation_path(_EV + "evaluations/{e}/"), "en"),
    ("measurement-new", "coordinator", _evaluation_path(_EV + "measurements/new/"), "en"),
    ("measurement", "coordinator", _evaluation_path(_EV + "measurements/{m}/"), "en"),
    ("instruments", "professional", _evaluation_path("/en/evaluation/instruments/"), "en"),
    ("instrument", "coordinator", _evaluation_path("/en/evaluation/instruments/{i}/"), "en"),
    (
        "instrument-import",
        "superuser",
        _evaluation_path("/en/evaluation/instruments/import/"),
        "en",
    ),
    ("questionnaires", "professional", _evaluation_path(_EV + "questionnaires/"), "en"),
    ("questionnaire-new", "group", _evaluation_path(_EV + "questionnaires/new/"), "en"),
    (
        "questionnaire-from-template",
        "coordinator",
        _evaluation_path(_EV + "questionnaires/from-template/"),
        "en",
    ),
    ("questionnaire", "group", _evaluation_path(_EV + "questionnaires/{q}/"), "en"),
    ("questionnaire-answer-fi", "anonymous", _evaluation_path("/q/{qcode}/"), "fi"),
    ("questionnaire-answer-sv", "anonymous", _evaluation_path("/sv/q/{qcode}/"), "sv"),
    ("template-new", "superuser", _evaluation_path("/en/evaluation/templates/new/"), "en"),
]
PHONE_PAGE_IDS |= {
    "feedback-answer-fi",
    "feedback-answer-sv",
    "feedback-answer-token",
    "feedback-thanks",
    "measure-answer-fi",
    "measure-answer-sv",
    "measure-done",
    "evaluation",
    "feedback-results",
    "feedback-show",
    "feedback-paper",
    "evaluation-new",
    "questionnaire-answer-fi",
    "questionnaire-answer-sv",
}


# --- followups ---
def _staff_end_path(prefix: str):
    def path(world) -> str:
        scheme = card_world(world).scheme
        staff = scheme.staff.get(user=world.professional, role="issuer")
        return f"{prefix}/card/schemes/{scheme.pk}/staff/{staff.pk}/end/"

    return path


PAGES += [
    ("account-language", "coordinator", lambda w: "/en/accounts/language/", "en"),
    ("card-staff-end", "coordinator", _staff_end_path("/en"), "en"),
    ("card-staff-end-sv", "coordinator", _staff_end_path("/sv"), "sv"),
]
PHONE_PAGE_IDS |= {"account-language", "card-staff-end", "card-staff-end-sv"}
PHONE_PAGES = [row for row in PAGES if row[0] in PHONE_PAGE_IDS]
KNOWN_PHONE_BUGS: dict[str, str] = {}


# Tests -------------------------------------------------------------------------------------


def open_as(page: Page, role: str, path) -> None:
    """Build the world, log in as ``role`` through the real forms and open ``path``."""
    world = build_world()
    if role == "coordinator-with-device-password-only":
        totp_device_for(world.coordinator)
    if role.startswith("coordinator-"):
        log_in(page, world.coordinator, two_factor=False)
    elif role != "anonymous":
        log_in(page, world.user(role))
    visit(page, path(world))


@pytest.mark.parametrize(("name", "role", "path", "lang"), _params(PAGES))
def test_page_is_accessible(page, name, role, path, lang):
    open_as(page, role, path)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_have_count(1)
    shoot(page, name)
    check_page(page)


@pytest.mark.parametrize(("name", "role", "path", "lang"), _params(PHONE_PAGES, KNOWN_PHONE_BUGS))
def test_phone_has_no_horizontal_scroll(phone_page, name, role, path, lang):
    open_as(phone_page, role, path)
    assert_no_horizontal_scroll(phone_page)
    check_page(phone_page)


@pytest.mark.parametrize("prefix", ["", "/sv", "/en"])
def test_demo_network_fits_a_phone_in_every_language(phone_page, prefix):
    """The demo's real names and Finnish compound words, on the pages a coordinator opens."""
    from django.contrib.auth import get_user_model

    from verso.networks.demo import seed_demo
    from verso.networks.models import Network

    seed_demo()
    network = Network.objects.get(name="Kuusamon kesäkeidas")
    coordinator = get_user_model().objects.get(email="koordinaattori@verso.example")
    coordinator.set_password(TEST_PASSWORD)  # log_in() types the suite's password
    coordinator.save(update_fields=["password"])
    log_in(phone_page, coordinator)
    for path in [
        "/networks/",
        f"/networks/{network.pk}/",
        f"/networks/{network.pk}/members/",
        "/organisations/",
        f"/networks/{network.pk}/audit/",
    ]:
        visit(phone_page, prefix + path)
        assert_no_horizontal_scroll(phone_page)


@pytest.mark.parametrize(
    ("name", "role", "path"),
    [
        pytest.param(
            "login-errors", "anonymous", lambda w: "/en/accounts/login/", id="login-errors"
        ),
        pytest.param(
            "otp-verify-errors",
            "coordinator-with-device-password-only",
            lambda w: OTP_VERIFY,
            id="otp-verify-errors",
        ),
        pytest.param(
            "member-add-errors",
            "coordinator",
            lambda w: f"/en/networks/{w.network.pk}/members/add/",
            id="member-add-errors",
        ),
    ],
)
def test_form_errors_are_accessible(page, name, role, path):
    """A form sent back with errors: the error summary and the marked fields pass axe."""
    open_as(page, role, path)
    form = page.locator("main form.stack")
    if name == "login-errors":
        form.locator("input[name=username]").fill("client@test.example")
        form.locator("input[name=password]").fill("not the password")
    form.locator("button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    shoot(page, name)
    check_page(page)


def test_token_page_shows_the_authorization_header(page):
    world = build_world()
    log_in(page, world.coordinator)
    visit(page, "/en/accounts/tokens/")
    # Read once, no retrying: the text is rendered by the server and does not change.
    assert "Authorization: Bearer <token>" in page.locator("main").inner_text()


def test_coordinator_scenario(page):
    world = build_world()

    # A coordinator's first login: password, then setting up two-factor authentication.
    log_in(page, world.coordinator, check=True)
    expect(page.locator("h1")).to_be_visible()
    check_page(page)

    # Start a network.
    visit(page, "/en/networks/new/")
    check_page(page)
    main = page.locator("main")
    main.get_by_label(field("Name")).fill("Forest choir")
    main.get_by_label(field("Municipality or region")).fill("Taivalkoski")
    main.get_by_label(field("Goal")).fill("Sing together in the forest.")
    main.get_by_role("button", name="Create the network").click()
    page.wait_for_url(re.compile(r"/en/networks/\d+/$"))
    network = Network.objects.get(name="Forest choir")
    assert page.url.endswith(f"/en/networks/{network.pk}/")
    expect(page.locator("h1")).to_have_text("Forest choir")
    expect(main.get_by_role("status")).to_contain_text("You are its coordinator")
    coordinator_box = main.get_by_role("region", name="Coordinator")
    check_page(page)
    assert services.network_coordinator(network).person.user_id == world.coordinator.pk

    # Add a member without an account.
    main.get_by_role("navigation", name="Network").get_by_role("link", name="Members").click()
    page.wait_for_url(re.compile(rf"/en/networks/{network.pk}/members/$"))
    check_page(page)
    main.get_by_role("link", name="Add a member").click()
    page.wait_for_url(re.compile(r"/members/add/$"))
    check_page(page)
    main.get_by_label("No, add the person without an account").check()
    expect(main.get_by_label(field("E-mail address of the account"))).to_be_hidden()
    main.get_by_label(field("Name")).fill("Aino")
    main.get_by_role("group", name=field("Roles")).get_by_label("Professional", exact=True).check()
    main.get_by_role("button", name="Add to the network").click()
    page.wait_for_url(re.compile(rf"/en/networks/{network.pk}/members/$"))
    expect(main.get_by_role("status").first).to_contain_text("Aino was added")
    members = main.locator("#member-results table")
    expect(members.get_by_role("rowheader", name=re.compile(r"^Aino"))).to_contain_text(
        "no account"
    )
    check_page(page)
    aino = Membership.objects.get(network=network, person__display_name="Aino")
    assert aino.person.user_id is None
    assert open_roles(aino) == {Role.PROFESSIONAL}

    # Add the group user as a member with an account, in the coordination group.
    main.get_by_role("link", name="Add a member").click()
    page.wait_for_url(re.compile(r"/members/add/$"))
    main.get_by_label("Yes, find the account by e-mail address").check()
    expect(main.get_by_label(field("Name"))).to_be_hidden()
    check_page(page)  # the form now shows the account field instead of the name
    main.get_by_label(field("E-mail address of the account")).fill(world.group.email)
    main.get_by_role("group", name=field("Roles")).get_by_label(
        "Coordination group", exact=True
    ).check()
    main.get_by_role("button", name="Add to the network").click()
    page.wait_for_url(re.compile(rf"/en/networks/{network.pk}/members/$"))
    new = Membership.objects.select_related("person").get(network=network, person__user=world.group)
    new_name = new.person.display_name
    expect(main.get_by_role("status").first).to_contain_text(f"{new_name} was added")
    expect(members.get_by_role("rowheader", name=re.compile(re.escape(new_name)))).to_be_visible()
    assert open_roles(new) == {Role.COORDINATION_GROUP}

    # Hand coordination over to them.
    nav = main.get_by_role("navigation", name="Network")
    nav.get_by_role("link", name="Hand over coordination").click()
    page.wait_for_url(re.compile(r"/handover/$"))
    check_page(page)
    main.get_by_label(field("New coordinator")).select_option(label=new_name)
    main.get_by_role("button", name="Hand over").click()
    page.wait_for_url(re.compile(rf"/en/networks/{network.pk}/$"))
    expect(main.get_by_role("status")).to_contain_text(f"{new_name} is now the coordinator")
    expect(coordinator_box).to_contain_text(new_name)
    check_page(page)

    current = services.network_coordinator(network)
    assert current is not None
    assert current.pk == new.pk
    assert current.person.user_id == world.group.pk
    assert open_roles(current) == {Role.COORDINATOR, Role.COORDINATION_GROUP}
    previous = Membership.objects.get(network=network, person__user=world.coordinator)
    assert open_roles(previous) == {Role.COORDINATION_GROUP}  # "stays in the group" is ticked

    # The new coordinator logs in: coordinating now needs two-factor authentication, and
    # the network offers them the coordinator's tabs.
    page.locator("header").get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    log_in(page, world.group)
    assert urlsplit(page.url).path == NETWORKS
    main.get_by_role("link", name="Forest choir").click()
    page.wait_for_url(re.compile(rf"/en/networks/{network.pk}/$"))
    nav = main.get_by_role("navigation", name="Network")
    expect(nav.get_by_role("link", name="Hand over coordination")).to_be_visible()
    expect(coordinator_box).to_contain_text(new_name)


def test_check_page_catches_violations(page):
    """The checker itself: a page with known serious and critical faults must fail it."""
    page.set_content(
        '<html><body><main><img src="x.png"><button></button>'
        '<p style="color:#bbb;background:#fff">faint</p></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        check_page(page)
    for rule in ("image-alt", "button-name", "color-contrast"):
        assert rule in str(failure.value)


# --- ideas ---


@pytest.mark.parametrize("prefix", ["", "/sv"])
def test_a_resident_sends_an_idea_by_keyboard_alone_on_a_phone(phone_page, prefix):
    """The call's short link on a 360-px phone, in Finnish and Swedish: the form is filled
    in and sent with the keyboard only, and the follow page opens."""
    from verso.ideas.models import Idea

    world = build_world()
    visit(phone_page, idea_paths.call_public(world, prefix))
    assert_no_horizontal_scroll(phone_page)
    check_page(phone_page)
    phone_page.locator("main textarea[name=text]").focus()
    phone_page.keyboard.type("Kesäteatteri torille")
    # Tab past the photo and its alt text to the name field, and type there.
    for _ in range(3):
        phone_page.keyboard.press("Tab")
    focused = phone_page.evaluate("document.activeElement.name")
    assert focused == "proposer_name", focused
    phone_page.keyboard.type("Mustikka")
    # On to the send button by keyboard: e-mail, phone, consent, then the button.
    for _ in range(4):
        phone_page.keyboard.press("Tab")
    assert phone_page.evaluate("document.activeElement.type") == "submit"
    phone_page.keyboard.press("Enter")
    phone_page.wait_for_url(re.compile(r"/ideas/follow/[\w-]+/\?new=1$"))
    expect(phone_page.get_by_role("status").first).to_be_visible()
    assert_no_horizontal_scroll(phone_page)
    check_page(phone_page)
    idea = Idea.objects.get()
    assert (idea.text, idea.proposer_name) == ("Kesäteatteri torille", "Mustikka")
    shoot(phone_page, f"idea-sent{prefix.replace('/', '-')}")


def test_the_qr_code_of_a_call_shows_on_its_page(page):
    world = build_world()
    log_in(page, world.coordinator)
    visit(page, idea_paths.call(world, ""))
    qr = page.locator("main .qr img")
    expect(qr).to_be_visible()
    page.wait_for_function("() => document.querySelector('main .qr img').complete")
    assert page.evaluate("document.querySelector('main .qr img').naturalWidth") > 100


# --- events ---


@pytest.mark.parametrize(("prefix", "lang"), [("", "fi"), ("/sv", "sv")])
def test_signing_up_on_a_phone_by_keyboard_alone(phone_page, prefix, lang):
    """An anonymous visitor on a 360-px phone opens the activity, tabs to the form, types
    and submits it with the keyboard only."""
    from verso.events.models import Signup

    world = build_world()
    path = _events_path(world, prefix + "/events/{a}/")
    visit(phone_page, path)
    expect(phone_page.locator("html")).to_have_attribute("lang", lang)
    assert_no_horizontal_scroll(phone_page)
    typed = {"name": "Maija", "email": "maija@test.example", "group_size": "2"}

    def focused_name() -> str:
        return phone_page.evaluate("document.activeElement && document.activeElement.name || ''")

    for _ in range(80):
        phone_page.keyboard.press("Tab")
        name = focused_name()
        if name in typed:
            phone_page.keyboard.press("Control+A")
            phone_page.keyboard.type(typed.pop(name))
        if not typed and name == "access_needs":
            phone_page.keyboard.type("Tarvitsen tuolin.")
        is_submit = phone_page.evaluate(
            "document.activeElement && document.activeElement.type === 'submit'"
            " && document.activeElement.closest('form[method=post]') !== null"
            " && !!document.activeElement.closest('section')"
        )
        if not typed and is_submit:
            phone_page.keyboard.press("Enter")
            break
    phone_page.wait_for_url(re.compile(r"/events/signup/[^/]+/$"))
    signup = Signup.objects.get(email="maija@test.example")
    assert (signup.name, signup.group_size, signup.status) == ("Maija", 2, "confirmed")
    assert signup.access_needs == "Tarvitsen tuolin."
    expect(phone_page.locator("html")).to_have_attribute("lang", lang)
    assert_no_horizontal_scroll(phone_page)
    check_page(phone_page)


# --- card ---


def test_card_scenario_issue_redeem_by_keyboard_quota_and_revocation(page):
    """An issuer issues a card; the provider types the code by keyboard alone, checks it,
    records two uses; the quota stops the third; after revocation the check says so."""
    world = build_world()
    cw = card_world(world)
    log_in(page, world.professional)
    visit(page, f"/en/card/schemes/{cw.scheme.pk}/issue/")
    main = page.locator("main")
    main.get_by_label(field("Age group")).select_option("45_64")
    main.get_by_label(field("Life situation")).select_option("retired")
    main.get_by_role("button", name="Issue the card").click()
    expect(page.locator("h1")).to_have_text("The card was issued")
    check_page(page)
    shoot(page, "card-issued")
    code = main.locator(".card-code").inner_text()
    reference = main.locator("dd").nth(2).inner_text().split()[0]
    page.context.clear_cookies()

    log_in(page, world.group)
    visit(page, f"/en/card/schemes/{cw.scheme.pk}/redeem/")
    page.locator("#id_code").focus()
    page.keyboard.type(code)
    page.keyboard.press("Tab")  # to "Check the card"
    page.keyboard.press("Enter")
    expect(page.locator(".check-result")).to_contain_text("Valid")
    check_page(page)
    for expected in ("The use was recorded", "The use was recorded", "quota of 2 is full"):
        page.locator("#id_code").fill(code)
        page.locator("#id_offering").select_option(label="Melontaretki (Library)")
        page.get_by_role("button", name="Record the use").click()
        expect(page.locator("main")).to_contain_text(expected)
    check_page(page)
    page.context.clear_cookies()

    log_in(page, world.professional)
    visit(page, f"/en/card/schemes/{cw.scheme.pk}/revoke/")
    main.get_by_label(field("Card number")).fill(reference)
    main.get_by_label("Issue a replacement card").uncheck()
    main.get_by_role("button", name="Revoke the card").click()
    expect(page.locator(".messages")).to_contain_text("was revoked")
    page.context.clear_cookies()

    log_in(page, world.group)
    visit(page, f"/en/card/schemes/{cw.scheme.pk}/redeem/")
    page.locator("#id_code").fill(code)
    page.get_by_role("button", name="Check the card").click()
    expect(page.locator(".check-result")).to_contain_text("Revoked")


# --- methods ---
# Added after the shared parametrised tests were collected: the block runs its pages through
# its own tests, at 1280 px with axe and at 360 px without horizontal scroll.
def _methods_path(kind: str, lang: str = "en"):
    def path(w):
        from verso.events.testing import events_activity
        from verso.methods import services as method_services
        from verso.methods.testing import methods_method, methods_training

        method = methods_method(w)
        prefix = "" if lang == "fi" else f"/{lang}"
        if kind == "list":
            return f"{prefix}/methods/?q=&kind=&target_group="
        if kind == "detail":
            return f"{prefix}/methods/{method.pk}/"
        if kind in ("create", "import"):
            return f"{prefix}/methods/{'new' if kind == 'create' else 'import'}/"
        if kind == "edit":
            return f"{prefix}/methods/{method.pk}/edit/"
        activity = events_activity(w)
        training = methods_training(w)
        method_services.uses_set(
            actor=w.coordinator, network=w.network, methods=[method], activity=activity
        )
        method_services.uses_set(
            actor=w.coordinator, network=w.network, methods=[method], meeting=training
        )
        n = w.network.pk
        return {
            "activity-uses": f"{prefix}/networks/{n}/activities/{activity.pk}/methods/",
            "meeting-uses": f"{prefix}/networks/{n}/meetings/{training.pk}/methods/",
            "activity": f"{prefix}/networks/{n}/activities/{activity.pk}/",
            "training": f"{prefix}/networks/{n}/meetings/{training.pk}/",
        }[kind]

    return path


METHOD_PAGES = [
    ("methods", "client", _methods_path("list"), "en"),
    ("methods-fi", "professional", _methods_path("list", "fi"), "fi"),
    ("methods-sv", "professional", _methods_path("list", "sv"), "sv"),
    ("method-detail", "client", _methods_path("detail"), "en"),
    ("method-detail-sv", "client", _methods_path("detail", "sv"), "sv"),
    ("method-create", "group", _methods_path("create"), "en"),
    ("method-edit", "coordinator", _methods_path("edit"), "en"),
    ("method-import", "group", _methods_path("import"), "en"),
    ("method-activity-uses", "group", _methods_path("activity-uses"), "en"),
    ("method-meeting-uses", "coordinator", _methods_path("meeting-uses"), "en"),
    ("method-activity-page", "coordinator", _methods_path("activity"), "en"),
    ("method-training-page", "professional", _methods_path("training"), "en"),
]


@pytest.mark.parametrize(("name", "role", "path", "lang"), _params(METHOD_PAGES))
def test_methods_page_is_accessible(page, name, role, path, lang):
    test_page_is_accessible(page, name, role, path, lang)


@pytest.mark.parametrize(("name", "role", "path", "lang"), _params(METHOD_PAGES))
def test_methods_page_fits_a_phone(phone_page, name, role, path, lang):
    test_phone_has_no_horizontal_scroll(phone_page, name, role, path, lang)


def test_a_method_is_added_by_keyboard_and_a_bad_link_is_named(page):
    """A coordination-group member fills the form by keyboard; a link without http(s) comes
    back named, accessibly; corrected, the method is saved and found by the search."""
    world = build_world()
    log_in(page, world.group)
    visit(page, "/en/methods/new/")
    main = page.locator("main")
    main.get_by_label(field("Name")).fill("Forest sound map")
    main.get_by_label(field("Description")).fill("Listen and draw the sounds of the forest.")
    main.get_by_label(field("Kind")).select_option("nature")
    main.get_by_label(field("Links to evidence")).fill("www.example.org/study")
    main.get_by_label(field("Links to evidence")).focus()
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.type") != "submit":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(main).to_contain_text("does not start with http:// or https://")
    shoot(page, "method-form-errors")
    check_page(page)
    main.get_by_label(field("Links to evidence")).fill("https://example.org/study")
    main.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text("Forest sound map")
    visit(page, "/en/methods/?q=sound")
    expect(main.locator(".card")).to_have_count(1)


# --- embedding ---
def test_handover_note_by_keyboard_reaches_the_new_coordinators_handover_page(page):
    """The coordinator hands over with a note typed by keyboard alone; the new coordinator
    opens the handover page and reads it."""
    world = build_world()
    log_in(page, world.coordinator)
    visit(page, f"/en/networks/{world.network.pk}/handover/")
    main = page.locator("main")
    main.get_by_label(field("New coordinator")).select_option(
        label=f"{world.group.person.display_name} ({world.organisation.name})"
    )
    main.get_by_label(field("A note to the new coordinator")).focus()
    page.keyboard.type("The garden key is at the library desk.")
    main.get_by_role("button", name="Hand over").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/en/networks/{world.network.pk}/$"))
    page.context.clear_cookies()

    log_in(page, world.group)
    visit(page, f"/en/networks/{world.network.pk}/")
    main.get_by_role("link", name="Handover page").click()
    page.wait_for_url(re.compile(r"/embedding/handover/$"))
    expect(main.locator("blockquote")).to_contain_text("The garden key is at the library desk.")
    check_page(page)


# --- evaluation ---


@pytest.mark.parametrize(("prefix", "lang"), [("", "fi"), ("/sv", "sv")])
def test_anonymous_feedback_on_a_phone_by_keyboard_alone(phone_page, prefix, lang):
    """A participant scans the QR code on a 360-px phone, picks a face with the arrow keys
    and sends a few words with the keyboard only."""
    from verso.evaluation import testing
    from verso.evaluation.models import FeedbackAnswer

    world = build_world()
    link = testing.evaluation_link(world)
    before = FeedbackAnswer.objects.count()
    visit(phone_page, f"{prefix}/f/{link.code}/")
    expect(phone_page.locator("html")).to_have_attribute("lang", lang)
    assert_no_horizontal_scroll(phone_page)
    check_page(phone_page)

    def focused() -> dict:
        return phone_page.evaluate(
            "({name: document.activeElement.name || '', type: document.activeElement.type"
            " || '', value: document.activeElement.value || ''})"
        )

    for _ in range(40):
        phone_page.keyboard.press("Tab")
        if focused()["name"] == "rating":
            break
    assert focused()["name"] == "rating"
    for _ in range(3):  # from the first face to the fourth
        phone_page.keyboard.press("ArrowRight")
    assert focused()["value"] == "4"
    phone_page.keyboard.press("Tab")
    assert focused()["name"] == "text"
    phone_page.keyboard.type("Kiva päivä!")
    for _ in range(5):
        phone_page.keyboard.press("Tab")
        if focused()["type"] == "submit":
            break
    phone_page.keyboard.press("Enter")
    phone_page.wait_for_url(re.compile(r"/f/[^/]+/thanks/$"))
    expect(phone_page.locator("html")).to_have_attribute("lang", lang)
    check_page(phone_page)
    answer = FeedbackAnswer.objects.order_by("-id").first()
    assert FeedbackAnswer.objects.count() == before + 1
    assert (answer.rating, answer.text, answer.language) == (4, "Kiva päivä!", lang)


# --- followups ---
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_task_boards_due_date_stays_whole_on_a_phone(phone_page, prefix):
    """Each action item is a card on a phone: its due date is on one line, not broken
    digit by digit in a narrow column."""
    open_as(phone_page, "coordinator", lambda w: prefix + _meetings_path("tasks/", "item")(w)[3:])
    cell = phone_page.locator("table.tasks td.due").first
    expect(cell).to_be_visible()
    lines = cell.evaluate(
        "el => { const r = document.createRange(); r.selectNodeContents(el.childNodes[0]);"
        " return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }"
    )
    assert lines == 1
    assert_no_horizontal_scroll(phone_page)
    check_page(phone_page)
