import re

import pytest
from django.core import mail
from django.urls import reverse

from verso.accounts.models import ApiToken
from verso.accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_with_e_mail_in_any_case(client):
    user = UserFactory(email="aino@test.example", language="en")
    response = client.post(
        reverse("accounts:login"), {"username": "Aino@Test.Example", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:list")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_is_refused_in_the_users_language(client):
    UserFactory(email="aino@test.example")
    response = client.post(
        "/accounts/login/", {"username": "aino@test.example", "password": "nope"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Ole hyvä ja syötä kelvollinen" in response.content.decode()  # Finnish


def test_repeated_failures_lock_the_login(client, settings):
    UserFactory(email="aino@test.example")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:login"), {"username": "aino@test.example", "password": "wrong"}
        )
    response = client.post(
        reverse("accounts:login"), {"username": "aino@test.example", "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    session_key = client.session.session_key
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()
    assert client.get(reverse("networks:list")).status_code == 302


def test_logout_by_get_is_not_allowed(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405


def test_password_reset_by_e_mail(client):
    user = UserFactory(email="aino@test.example")
    response = client.post(reverse("accounts:password_reset"), {"email": "aino@test.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "a new long passphrase 42", "new_password2": "a new long passphrase 42"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a new long passphrase 42")


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@test.example"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_reset_mail_is_in_the_users_language(client):
    UserFactory(email="aino@test.example", language="sv")
    client.post("/sv/accounts/password-reset/", {"email": "aino@test.example"})
    assert mail.outbox[0].subject.startswith("Verso")
    assert "Hej" in mail.outbox[0].body


def test_token_is_shown_once_and_stored_only_as_a_digest(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:tokens"), {"name": "Reports"})
    key = re.search(r"(vrs_[A-Za-z0-9_\-]+)", response.content.decode()).group(1)
    token = ApiToken.objects.get(user=user)
    assert token.digest == ApiToken.hash_key(key)
    assert key not in str(ApiToken.objects.filter(user=user).values())
    assert key not in client.get(reverse("accounts:tokens")).content.decode()
    response = client.get("/api/v1/networks", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
