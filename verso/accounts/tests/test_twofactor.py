"""Two-factor authentication: who must use it, the setup and verify steps, what an
unverified session reaches. These tests log in through the real login form, or opt out of
conftest's automatic verification with ``no_auto_otp``."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from verso.accounts.services import api_token_create
from verso.accounts.testing import totp_device_for, totp_token
from verso.accounts.tests.factories import TEST_PASSWORD, UserFactory
from verso.accounts.twofactor import user_needs_two_factor
from verso.core.models import AuditEntry
from verso.networks import services

pytestmark = [pytest.mark.django_db, pytest.mark.no_auto_otp]

SETUP = "/en/accounts/2fa/setup/"
VERIFY = "/en/accounts/2fa/verify/"


def password_login(client: Client, user, next_url: str = ""):
    """Sign in on the English page as a user who chose English (signing in switches the
    pages to the user's own language)."""
    user.language = "en"
    user.save(update_fields=["language"])
    data = {"username": user.email, "password": TEST_PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/en/accounts/login/", data)


def secret_from(response) -> str:
    return "".join(re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', response.text)[1].split())


def path_of(response) -> str:
    return urlsplit(response["Location"]).path


def next_of(response) -> str:
    return parse_qs(urlsplit(response["Location"]).query).get("next", [""])[0]


# Who must use it ---------------------------------------------------------------------------


def test_coordinators_and_superusers_need_two_factor_others_do_not(world):
    assert user_needs_two_factor(world.coordinator)
    assert user_needs_two_factor(world.outsider)  # coordinates the round table
    assert user_needs_two_factor(world.superuser)
    for user in (world.group, world.professional, world.client):
        assert not user_needs_two_factor(user)


def test_the_need_follows_the_coordination_when_it_is_handed_over(world):
    assert not user_needs_two_factor(world.group)
    services.network_handover(
        actor=world.coordinator, network=world.network, to=world.group_membership
    )
    assert user_needs_two_factor(world.group)
    assert not user_needs_two_factor(world.coordinator)


# Setup -------------------------------------------------------------------------------------


def test_a_coordinator_without_a_device_is_sent_to_setup_after_the_password(client, world):
    response = password_login(client, world.coordinator)
    assert response.status_code == 302
    assert path_of(response) == SETUP
    assert next_of(response) == reverse("networks:list")

    dashboard = reverse("networks:detail", args=[world.network.pk])
    response = client.get(dashboard)
    assert path_of(response) == SETUP
    assert next_of(response) == dashboard


def test_setup_shows_the_secret_and_an_inline_qr_code_without_scripts_or_hosts(client, world):
    password_login(client, world.coordinator)
    response = client.get(SETUP)
    body = response.text
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    device = TOTPDevice.objects.get(user=world.coordinator)
    assert not device.confirmed
    assert secret_from(response)
    assert '<svg role="img"' in body and "<title>QR code for your authenticator app</title>" in body
    main = body[body.index("<main") : body.index("</main>")]
    assert "<script" not in main
    assert "http" not in main.replace("http-equiv", "")
    # A reload shows the same key, so a code from an app that already scanned it works.
    assert secret_from(client.get(SETUP)) == secret_from(response)
    assert TOTPDevice.objects.filter(user=world.coordinator).count() == 1


def test_setup_with_the_right_code_turns_two_factor_on_and_reaches_the_dashboard(client, world):
    password_login(client, world.coordinator)
    dashboard = reverse("networks:detail", args=[world.network.pk])
    client.get(client.get(dashboard)["Location"])
    device = TOTPDevice.objects.get(user=world.coordinator)
    session_key = client.session.session_key

    response = client.post(SETUP, {"token": totp_token(device), "next": dashboard})
    assert response.status_code == 302
    assert response["Location"] == dashboard
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.session.session_key != session_key  # a new key for the verified session
    assert client.get(dashboard).status_code == 200
    assert AuditEntry.objects.filter(actor=world.coordinator, action="otp.setup").exists()


def test_setup_with_a_wrong_code_is_refused(client, world):
    password_login(client, world.coordinator)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=world.coordinator)
    wrong = f"{(int(totp_token(device)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"token": wrong})
    assert response.status_code == 200
    assert "The code is not correct." in response.text
    device.refresh_from_db()
    assert not device.confirmed
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert path_of(client.get(reverse("networks:list"))) == SETUP
    assert AuditEntry.objects.filter(actor=world.coordinator, action="otp.setup_failed").exists()


@pytest.mark.parametrize("token", ["", "12345", "abcdef", "1234567", "12 34 5x"])
def test_setup_refuses_a_code_that_is_not_six_digits(client, world, token):
    password_login(client, world.coordinator)
    response = client.post(SETUP, {"token": token})
    assert response.status_code == 200
    assert (
        "Enter the six-digit code that your authenticator app shows." in response.text
        or "This field is required." in response.text
    )


def test_a_code_with_spaces_is_accepted(client, world):
    password_login(client, world.coordinator)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=world.coordinator)
    token = totp_token(device)
    response = client.post(SETUP, {"token": f" {token[:3]} {token[3:]} "})
    assert response.status_code == 302


# Verify ------------------------------------------------------------------------------------


def test_a_user_with_a_device_enters_a_code_after_the_password(client, world):
    device = totp_device_for(world.coordinator)
    members = reverse("networks:members", args=[world.network.pk])
    response = password_login(client, world.coordinator, next_url=members)
    assert path_of(response) == VERIFY
    assert next_of(response) == members

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Six-digit code" in page.text

    response = client.post(VERIFY, {"token": totp_token(device), "next": members})
    assert response.status_code == 302
    assert response["Location"] == members
    assert client.get(members).status_code == 200
    assert AuditEntry.objects.filter(actor=world.coordinator, action="otp.verify").exists()


def test_a_wrong_code_is_refused_and_then_throttled(client, world):
    device = totp_device_for(world.coordinator)
    password_login(client, world.coordinator)
    wrong = f"{(int(totp_token(device)) + 1) % 1_000_000:06d}"
    with time_machine.travel(timezone.now(), tick=False):
        response = client.post(VERIFY, {"token": wrong})
        assert response.status_code == 200
        assert "The code is not correct, or it was already used." in response.text
        # django-otp doubles the wait after each failure; even the right code must wait.
        response = client.post(VERIFY, {"token": totp_token(device)})
        assert "Too many wrong codes. Wait 1 second and try again." in response.text
        assert DEVICE_ID_SESSION_KEY not in client.session
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=2)):
        assert client.post(VERIFY, {"token": totp_token(device)}).status_code == 302
    assert AuditEntry.objects.filter(actor=world.coordinator, action="otp.verify_failed").exists()


def test_a_code_cannot_be_used_twice(world):
    device = totp_device_for(world.coordinator)
    token = totp_token(device)
    first, second = Client(), Client()
    password_login(first, world.coordinator)
    assert first.post(VERIFY, {"token": token}).status_code == 302
    password_login(second, world.coordinator)
    response = second.post(VERIFY, {"token": token})
    assert response.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in second.session


def test_verify_posts_are_rate_limited_per_address(client, world, settings):
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "otp_verify": "3/m"}
    totp_device_for(world.coordinator)
    password_login(client, world.coordinator)
    statuses = [client.post(VERIFY, {"token": "000000"}).status_code for _ in range(4)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3] == 429
    assert client.get(VERIFY).status_code == 200  # reading the page is not limited


def test_an_unsafe_next_is_not_followed(client, world):
    device = totp_device_for(world.coordinator)
    password_login(client, world.coordinator)
    response = client.post(VERIFY, {"token": totp_token(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("networks:list")


# What an unverified session reaches ---------------------------------------------------------


def test_an_unverified_session_reaches_only_the_two_factor_pages_and_logout(client, world):
    totp_device_for(world.coordinator)
    password_login(client, world.coordinator)
    for path in [
        reverse("networks:list"),
        reverse("accounts:security"),
        reverse("accounts:tokens"),
        reverse("accounts:password_change"),
        reverse("admin:index"),
        "/sv/accounts/security/",
    ]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert urlsplit(response["Location"]).path.endswith("/accounts/2fa/verify/"), path
    assert client.get(VERIFY).status_code == 200
    assert client.get("/sv/accounts/2fa/verify/").status_code == 200
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_unverified_session_gets_a_full_page_redirect_on_htmx_requests(client, world):
    password_login(client, world.coordinator)
    members = reverse("networks:members", args=[world.network.pk])
    response = client.get(members, headers={"HX-Request": "true", "HX-Current-URL": members})
    assert response.status_code == 200
    assert urlsplit(response["HX-Redirect"]).path == SETUP


def test_the_api_refuses_an_unverified_session_but_not_a_token(client, world):
    password_login(client, world.coordinator)
    response = client.get("/api/v1/networks", headers={"Accept-Language": "en"})
    assert response.status_code == 403
    assert "Two-factor authentication is required" in response.json()["detail"]

    _token, key = api_token_create(user=world.coordinator, name="script")
    response = Client().get("/api/v1/networks", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    # A bearer header that is not a valid token does not open the session's way round.
    response = client.get("/api/v1/networks", headers={"Authorization": "Bearer vrs_nope"})
    assert response.status_code == 403


def test_a_user_who_becomes_coordinator_must_set_up_two_factor_on_the_next_request(client, world):
    client.force_login(world.group)  # no_auto_otp: nothing is verified here
    assert client.get(reverse("networks:list")).status_code == 200
    services.network_handover(
        actor=world.coordinator, network=world.network, to=world.group_membership
    )
    assert path_of(client.get(reverse("networks:list"))) == SETUP


def test_a_superuser_must_use_two_factor(client, world):
    response = password_login(client, world.superuser)
    assert path_of(response) == SETUP


# Voluntary ---------------------------------------------------------------------------------


def test_a_professional_is_not_forced_but_may_turn_it_on(client, world):
    response = password_login(client, world.professional)
    assert response["Location"] == reverse("networks:list")
    assert client.get(reverse("networks:list")).status_code == 200
    page = client.get(reverse("accounts:security"))
    assert "Off." in page.text
    assert SETUP in page.text

    setup = client.get(SETUP)
    assert setup.status_code == 200
    assert "My networks" in setup.text  # the navigation stays: nothing is owed
    device = TOTPDevice.objects.get(user=world.professional)
    assert client.post(SETUP, {"token": totp_token(device)}).status_code == 302
    assert "On: logging in needs a code" in client.get(reverse("accounts:security")).text

    # From now on, the professional's logins ask for the code too.
    other = Client()
    assert path_of(password_login(other, world.professional)) == VERIFY
    assert path_of(other.get(reverse("networks:list"))) == VERIFY
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=60)):
        response = other.post(VERIFY, {"token": totp_token(device)})
    assert response.status_code == 302


def test_setting_up_again_while_verified_goes_to_the_security_page(client, world):
    device = totp_device_for(world.coordinator)
    password_login(client, world.coordinator)
    client.post(VERIFY, {"token": totp_token(device)})
    response = client.get(SETUP)
    assert response["Location"] == reverse("accounts:security")


def test_conftest_force_login_verifies_a_coordinator_with_a_real_device(world):
    """The suite's force_login helper (without no_auto_otp) uses a real, confirmed device."""
    client = Client()
    client.force_login(world.coordinator)
    assert DEVICE_ID_SESSION_KEY not in client.session  # this module opts out
    from verso.accounts.testing import client_otp_verify

    device = client_otp_verify(client, world.coordinator)
    assert device.confirmed and device.user_id == world.coordinator.pk
    assert client.get(reverse("networks:list")).status_code == 200


def test_a_verified_device_of_another_user_does_not_verify_a_session(client, world):
    client.force_login(world.coordinator)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device_for(world.outsider).persistent_id
    session.save()
    assert path_of(client.get(reverse("networks:list"))) == SETUP


def test_professional_dashboard_needs_no_device(client, world):
    client.force_login(world.professional)
    assert client.get(reverse("networks:detail", args=[world.network.pk])).status_code == 200
    assert not TOTPDevice.objects.filter(user=world.professional).exists()


def test_a_client_logs_in_without_two_factor(client, world):
    assert password_login(client, world.client)["Location"] == reverse("networks:list")
    assert not user_needs_two_factor(UserFactory())


@pytest.mark.no_auto_otp
def test_public_pages_stay_open_while_a_code_is_owed(client, world):
    client.force_login(world.coordinator)  # password only: a code is owed
    assert client.get("/en/networks/").status_code == 302
    for path in ["/en/privacy/", "/en/accessibility/", "/api/v1/openapi.json", "/api/v1/docs"]:
        assert client.get(path).status_code == 200, path
