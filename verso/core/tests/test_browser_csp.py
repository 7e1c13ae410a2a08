"""The Content Security Policy in a real browser: Chromium must report no violation on the
pages, the htmx interactions, the 2FA pages and the API docs (Swagger UI from Verso's own
static files), and no page may request anything from another host.

Run with ``VERSO_CHROMIUM=/usr/bin/chromium``; skipped without it.
"""

import os
import re

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from conftest import build_world
from verso.accounts.testing import totp_device_for, totp_token
from verso.accounts.tests.factories import TEST_PASSWORD
from verso.api import api

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Collect violations from the first moment of every document, before any page script.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} ${e.sample || ''}`);
});
"""


@pytest.fixture(scope="module")
def _browser():
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the sync API runs an event loop
    holder: dict = {}
    yield holder
    if "browser" in holder:
        holder["browser"].close()
        holder["playwright"].stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Watched:
    """A page that records CSP violations, console errors and every requested URL."""

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.console: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("request", lambda r: self.requests.append(r.url))

    def assert_clean(self) -> None:
        violations = self.page.evaluate("window.__cspViolations || []")
        assert violations == [], f"{self.page.url}: {violations}"
        csp_messages = [m for m in self.console if "Content Security Policy" in m]
        assert csp_messages == [], csp_messages
        foreign = [
            url
            for url in self.requests
            if not url.startswith((self.base_url, "data:", "about:", "blob:"))
        ]
        assert foreign == [], f"requests to other hosts: {foreign}"


@pytest.fixture
def watched(_browser, chromium_path, live_server):
    if "browser" not in _browser:
        playwright = sync_playwright().start()
        _browser["playwright"] = playwright
        _browser["browser"] = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
    context = _browser["browser"].new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    yield Watched(page, live_server.url)
    context.close()


def log_in_with_code(page: Page, user) -> None:
    device = totp_device_for(user)
    # --- followups --- signing in opens the user's own language: this user chose English
    type(user).objects.filter(pk=user.pk).update(language="en")
    page.goto("/en/accounts/login/")
    page.locator("main input[name=username]").fill(user.email)
    page.locator("main input[name=password]").fill(TEST_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/en/accounts/2fa/verify/"))
    page.locator("main input[name=token]").fill(totp_token(device))
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/en/networks/$"))


def test_the_api_docs_render_swagger_ui_under_the_policy(watched):
    page = watched.page
    response = page.goto("/api/v1/docs")
    assert response is not None and response.status == 200
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    operations = sum(len(ops) for ops in api.get_openapi_schema()["paths"].values())
    expect(page.locator(".opblock")).to_have_count(operations)
    # Open one operation: Swagger UI renders its parameters and example (more React).
    page.locator(".opblock-summary").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    watched.assert_clean()


def test_pages_and_htmx_work_under_the_policy(watched):
    world = build_world()
    page = watched.page
    page.goto("/en/")
    page.goto("/en/accounts/login/")
    log_in_with_code(page, world.coordinator)

    # The member list's filter is htmx: typing swaps the results in place.
    page.goto(f"/en/networks/{world.network.pk}/members/")
    page.wait_for_function("window.htmx !== undefined")
    page.locator("main input[type=search]").fill("Pirjo")
    expect(page.locator("#member-results")).to_contain_text("Pirjo")
    expect(page.locator("#member-results")).not_to_contain_text("Gunnar")
    assert "q=Pirjo" in page.url  # hx-push-url

    # The member-add form switches its fields with CSS :has(), no script, no inline style.
    page.goto(f"/en/networks/{world.network.pk}/members/add/")
    page.get_by_label("Yes, find the account by e-mail address").check()
    expect(page.locator("#id_display_name")).to_be_hidden()
    page.get_by_label("No, add the person without an account").check()
    expect(page.locator("#id_display_name")).to_be_visible()

    page.goto("/en/accounts/security/")
    page.goto("/en/accounts/tokens/")
    watched.assert_clean()


def test_the_admin_works_under_the_policy(watched):
    world = build_world()
    page = watched.page
    log_in_with_code(page, world.superuser)
    for path in [
        "/en/admin/",
        "/en/admin/accounts/user/",
        f"/en/admin/accounts/user/{world.client.pk}/change/",
    ]:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        expect(page.locator("#content h1, #content h2").first).to_be_visible()
    watched.assert_clean()


def test_the_two_factor_setup_page_works_under_the_policy(watched):
    world = build_world()
    page = watched.page
    type(world.coordinator).objects.filter(pk=world.coordinator.pk).update(language="en")
    page.goto("/en/accounts/login/")
    page.locator("main input[name=username]").fill(world.coordinator.email)
    page.locator("main input[name=password]").fill(TEST_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/en/accounts/2fa/setup/"))
    qr = page.locator("main .qr svg")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] >= 150  # big enough to scan
    watched.assert_clean()
