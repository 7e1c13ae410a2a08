"""Rate limits on anonymous writes (verso.core.ratelimit)."""

import json

import pytest
from axes.helpers import get_client_ip_address
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from verso.core.ratelimit import client_ip, ratelimit_post

pytestmark = pytest.mark.django_db


def reset_posts(client, n: int, **extra) -> list[int]:
    return [
        client.post(
            reverse("accounts:password_reset"), {"email": "a@test.example"}, **extra
        ).status_code
        for _ in range(n)
    ]


def test_password_reset_posts_are_limited_per_address(client, settings):
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "password_reset": "3/15m"}
    assert reset_posts(client, 4) == [302, 302, 302, 429]
    assert client.get(reverse("accounts:password_reset")).status_code == 200  # reading is free
    # Another address has its own allowance.
    assert reset_posts(client, 1, REMOTE_ADDR="192.0.2.7") == [302]


def test_the_refusal_is_a_translated_page_with_retry_after(client, settings):
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "password_reset": "1/15m"}
    reset_posts(client, 1)
    response = client.post("/sv/accounts/password-reset/", {"email": "a@test.example"})
    assert response.status_code == 429
    assert '<html lang="sv">' in response.text
    assert "<h1>" in response.text
    assert "För många försök från din adress." in response.text
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    english = client.post("/en/accounts/password-reset/", {"email": "a@test.example"})
    assert "Too many attempts from your address. Wait a moment and try again." in english.text


def test_api_paths_get_a_json_refusal(settings):
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "test": "1/m"}
    view = ratelimit_post("test")(lambda request: HttpResponse("ok"))
    factory = RequestFactory()
    assert view(factory.post("/api/v1/ideas")).status_code == 200
    response = view(factory.post("/api/v1/ideas"))
    assert response.status_code == 429
    assert json.loads(response.content) == {
        "detail": "Too many attempts from your address. Wait a moment and try again."
    }


def test_only_the_named_methods_count(settings):
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "test": "1/m"}
    view = ratelimit_post("test")(lambda request: HttpResponse("ok"))
    factory = RequestFactory()
    for _ in range(3):
        assert view(factory.get("/x")).status_code == 200
    assert view(factory.post("/x")).status_code == 200
    assert view(factory.post("/x")).status_code == 429


def test_behind_the_proxy_the_forwarded_address_is_the_key(settings):
    """With PROXY_COUNT=1 (production), the proxy appends the client's address to
    X-Forwarded-For; what the client put there itself is not trusted."""
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "test": "1/m"}
    settings.VERSO_PROXY_COUNT = 1
    view = ratelimit_post("test")(lambda request: HttpResponse("ok"))
    factory = RequestFactory()

    def post(forwarded: str):
        request = factory.post("/x", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
        return view(request).status_code

    assert post("198.51.100.1") == 200
    assert post("198.51.100.2") == 200  # same proxy, another client
    assert post("198.51.100.1") == 429
    assert post("203.0.113.9, 198.51.100.1") == 429  # a forged entry does not help


def test_django_axes_sees_the_same_client_address(settings):
    settings.VERSO_PROXY_COUNT = 1
    request = RequestFactory().post(
        "/x", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1"
    )
    assert get_client_ip_address(request) == "198.51.100.1"
    assert client_ip(request) == "198.51.100.1"
    settings.VERSO_PROXY_COUNT = 0  # no proxy: the peer's address
    assert client_ip(request) == "10.0.0.1"
    request.META["HTTP_X_FORWARDED_FOR"] = "not an address"
    settings.VERSO_PROXY_COUNT = 1
    assert client_ip(request) == "10.0.0.1"


def test_ipv6_addresses_share_their_64_bit_prefix(settings):
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "test": "1/m"}
    view = ratelimit_post("test")(lambda request: HttpResponse("ok"))
    factory = RequestFactory()
    assert view(factory.post("/x", REMOTE_ADDR="2001:db8::1")).status_code == 200
    assert view(factory.post("/x", REMOTE_ADDR="2001:db8::ffff")).status_code == 429
    assert view(factory.post("/x", REMOTE_ADDR="2001:db8:1::1")).status_code == 200


def test_the_caches_are_configured_for_each_environment():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "django.core.cache.backends.db.DatabaseCache"
    env["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        import redis  # noqa: F401
    except ImportError:
        assert result.returncode != 0
        assert "install the `redis` package" in result.stderr
    else:
        assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


def test_the_limits_work_with_the_database_cache_of_the_embedded_run(client, settings):
    """Without REDIS_URL the counters live in a database table (createcachetable)."""
    from django.core.management import call_command

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "verso_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "password_reset": "2/15m"}
    assert reset_posts(client, 3) == [302, 302, 429]
