"""A user's language: chosen on their own page, used after signing in and in every mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from verso.accounts import services
from verso.accounts.models import User
from verso.accounts.tests.factories import TEST_PASSWORD, UserFactory
from verso.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_new_account_has_no_language_until_its_user_chooses():
    """An account made before or without a choice is not moved to the installation's
    language: a Swedish-speaking user who signs in on Swedish pages stays on them."""
    assert UserFactory().language == ""


def test_the_user_chooses_a_language_on_their_own_page_and_it_is_audited(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("accounts:security"))
    assert reverse("accounts:language") in page.content.decode()
    response = client.post(reverse("accounts:language"), {"language": "sv"})
    assert response.status_code == 302
    assert response["Location"] == "/sv/accounts/security/"
    assert response.cookies["django_language"].value == "sv"
    user.refresh_from_db()
    assert user.language == "sv"
    entry = AuditEntry.objects.get(action="account.language")
    assert entry.changes == {"language": ["", "sv"]}
    page = client.get(response["Location"])
    assert "Svenska" in page.content.decode()


@pytest.mark.parametrize("bad", ["", "de", "x" * 10_000, "a\x00b", ["sv", "de"]])
def test_an_unknown_language_is_refused_on_the_field(client, bad):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/en/accounts/language/", {"language": bad})
    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    user.refresh_from_db()
    assert user.language == ""
    assert not AuditEntry.objects.filter(action="account.language").exists()


def test_the_service_refuses_an_unknown_language_naming_the_field():
    user = UserFactory()
    with pytest.raises(services.ValidationError) as caught:
        services.user_language_set(user=user, language="de")
    assert "language" in caught.value.message_dict
    assert User.objects.get(pk=user.pk).language == ""


def test_the_language_page_needs_a_signed_in_user(client):
    response = client.get(reverse("accounts:language"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_signing_in_switches_the_pages_to_the_users_language(client):
    UserFactory(email="stina@test.example", language="sv")
    response = client.post(
        reverse("accounts:login"), {"username": "stina@test.example", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/sv/networks/"
    assert response.cookies["django_language"].value == "sv"
    page = client.get(response["Location"])
    assert page.wsgi_request.LANGUAGE_CODE == "sv"
    # the user can still switch any page: the Finnish address is in Finnish
    assert client.get("/networks/").wsgi_request.LANGUAGE_CODE == "fi"


def test_signing_in_keeps_the_next_page_in_the_users_language(client):
    UserFactory(email="stina@test.example", language="en")
    response = client.post(
        "/sv/accounts/login/?next=/sv/accounts/security/",
        {"username": "stina@test.example", "password": TEST_PASSWORD},
    )
    assert response["Location"] == "/en/accounts/security/"


def test_a_finnish_user_signing_in_on_a_swedish_page_gets_finnish_pages(client):
    UserFactory(email="aino@test.example", language="fi")
    response = client.post(
        "/sv/accounts/login/", {"username": "aino@test.example", "password": TEST_PASSWORD}
    )
    assert response["Location"] == "/networks/"


def test_a_user_without_a_choice_stays_on_the_pages_language_when_signing_in(client):
    UserFactory(email="stina@test.example")
    response = client.post(
        "/sv/accounts/login/", {"username": "stina@test.example", "password": TEST_PASSWORD}
    )
    assert response["Location"] == "/sv/networks/"
    assert "django_language" not in response.cookies


def test_the_password_reset_mail_is_in_the_accounts_language_not_the_pages(client):
    UserFactory(email="stina@test.example", language="sv")
    client.post("/accounts/password-reset/", {"email": "stina@test.example"})
    assert "Hej" in mail.outbox[0].body
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    assert link.startswith("/sv/accounts/reset/")


def test_account_change_mails_are_in_the_accounts_language(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="stina@test.example", language="sv")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/email/", {"email": "new@test.example", "password": TEST_PASSWORD}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Hej" in mail.outbox[0].body
