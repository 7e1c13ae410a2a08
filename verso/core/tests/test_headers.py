"""Security headers on every page type, and the production cookie and transport settings."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from verso.accounts.tests.factories import TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


# (id, role, path from the world, holds personal data)
PAGES = [
    ("front page", None, lambda w: "/en/", False),
    ("login", None, lambda w: "/en/accounts/login/", False),
    ("dashboard", "coordinator", lambda w: f"/en/networks/{w.network.pk}/", True),
    ("member list", "coordinator", lambda w: f"/en/networks/{w.network.pk}/members/", True),
    ("form", "coordinator", lambda w: f"/en/networks/{w.network.pk}/members/add/", True),
    ("security page", "professional", lambda w: "/en/accounts/security/", True),
    ("api json", "coordinator", lambda w: f"/api/v1/networks/{w.network.pk}", True),
    ("api json anonymous", None, lambda w: "/api/v1/networks", True),
    ("api docs", None, lambda w: "/api/v1/docs", True),
    ("healthz", None, lambda w: "/healthz", False),
    ("404", None, lambda w: "/en/no-such-page/", False),
    ("404 signed in", "professional", lambda w: "/en/networks/999999/", True),
]
IDS = [row[0] for row in PAGES]


def fetch(world, role, path):
    client = Client()
    if role is not None:
        client.force_login(world.user(role))  # coordinators are 2FA-verified (conftest)
    return client.get(path(world))


@pytest.mark.parametrize(("name", "role", "path", "personal"), PAGES, ids=IDS)
def test_every_response_carries_the_content_security_policy(world, name, role, path, personal):
    response = fetch(world, role, path)
    assert response.status_code in (200, 401, 404), response.status_code
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"][0] == "'self'"
    assert re.fullmatch(r"'nonce-[A-Za-z0-9+/=]{20,}'", csp["script-src"][1])
    assert len(csp["script-src"]) == 2
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["connect-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


@pytest.mark.parametrize(("name", "role", "path", "personal"), PAGES, ids=IDS)
def test_every_response_carries_the_other_security_headers(world, name, role, path, personal):
    response = fetch(world, role, path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    if personal:
        assert "no-store" in response["Cache-Control"]
    if personal and response["Cache-Control"] == "no-store":
        assert response["Pragma"] == "no-cache"


def test_anonymous_public_pages_are_not_marked_no_store(client):
    assert "Cache-Control" not in client.get("/en/")


def test_a_view_that_sets_cache_control_keeps_its_own(client, world):
    client.force_login(world.professional)
    response = client.get("/healthz")  # never_cache
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_static_files_are_not_marked_no_store(client, world):
    client.force_login(world.coordinator)
    response = client.get("/static/verso/verso.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Pragma" not in response


def test_the_nonce_is_new_on_every_response_and_is_the_scripts_nonce(client):
    first, second = client.get("/en/"), client.get("/en/")
    nonces = [policy(r)["script-src"][1][len("'nonce-") : -1] for r in (first, second)]
    assert nonces[0] != nonces[1]
    assert f'nonce="{nonces[0]}"' in first.text


def test_pages_have_no_inline_scripts_or_styles(client, world):
    """What the policy forbids must not be on the pages: no inline script without the
    nonce, no style attribute or element, no on* handler."""
    client.force_login(world.coordinator)
    for path in [
        "/en/",
        f"/en/networks/{world.network.pk}/",
        f"/en/networks/{world.network.pk}/members/",
        f"/en/networks/{world.network.pk}/members/add/",
        "/en/accounts/security/",
        "/en/accounts/tokens/",
        "/api/v1/docs",
    ]:
        body = client.get(path).text
        for script in re.findall(r"<script\b[^>]*>", body):
            assert "src=" in script or 'type="application/json"' in script, (path, script)
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", body), path


def test_the_api_docs_use_verso_s_own_swagger_files(client):
    body = client.get("/api/v1/docs").text
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "/static/ninja/swagger-ui-init.js" in body
    assert "cdn" not in body.lower()
    assert not re.search(r'(src|href)="(https?:)?//', body)
    settings = json.loads(re.search(r'id="swagger-settings">(.*?)</script>', body, re.S)[1])
    assert settings["validatorUrl"] is None  # no badge image from validator.swagger.io
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


# Production settings ------------------------------------------------------------------------

PRODUCTION_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "DEBUG",
]


@pytest.fixture(scope="module")
def production() -> dict:
    """The values config.settings.production gives, read in a fresh interpreter."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "verso.example.fi",
        "DATABASE_URL": "sqlite:////tmp/verso-headers-check.sqlite3",
    }
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {PRODUCTION_SETTINGS!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_cookies_are_secure_httponly_and_same_site(production):
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_HTTPONLY"] is True
    assert production["CSRF_COOKIE_SAMESITE"] == "Lax"


def test_production_forces_https_with_hsts(production):
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["DEBUG"] is False
    assert production["X_FRAME_OPTIONS"] == "DENY"
    assert production["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"


def test_with_the_production_cookie_settings_the_cookies_carry_the_flags(
    client, world, settings, production
):
    for name in PRODUCTION_SETTINGS:
        if name.startswith(("SESSION_COOKIE", "CSRF_COOKIE")):
            setattr(settings, name, production[name])
    client.get("/en/accounts/login/")
    response = client.post(
        "/en/accounts/login/",
        {"username": world.professional.email, "password": TEST_PASSWORD},
        secure=True,
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
