"""The security page, password and e-mail changes, and the audit trail of logins and
refused look-ups."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from verso.accounts.models import User
from verso.accounts.signals import username_digest
from verso.accounts.tests.factories import TEST_PASSWORD, UserFactory
from verso.core.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new passphrase 2026"


# The security page ---------------------------------------------------------------------------


def test_the_security_page_links_to_every_setting(client):
    client.force_login(UserFactory())
    response = client.get(reverse("accounts:security"))
    body = response.text
    assert response.status_code == 200
    for name in ("otp_setup", "password_change", "email_change", "tokens"):
        assert reverse(f"accounts:{name}") in body, name
    assert response["Cache-Control"] == "no-store"


def test_the_security_page_says_when_two_factor_is_required(client, world):
    client.force_login(world.coordinator)  # verified by conftest with a real device
    body = client.get(reverse("accounts:security")).text
    assert "On: logging in needs a code from your authenticator app." in body


def test_the_security_page_needs_a_login(client):
    response = client.get(reverse("accounts:security"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# Password ----------------------------------------------------------------------------------


def test_changing_the_password_asks_the_old_one(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "not it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_changing_the_password_keeps_the_session_and_is_audited(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:security")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert "Your password was changed." in client.get(reverse("accounts:security")).text
    assert client.get(reverse("networks:list")).status_code == 200  # still signed in
    assert AuditEntry.objects.filter(actor=user, action="auth.password_change").exists()


def test_a_new_password_must_pass_the_validators(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


# E-mail ------------------------------------------------------------------------------------


def test_changing_the_e_mail_asks_the_password(client):
    user = UserFactory(email="aino@test.example")
    client.force_login(user)
    response = client.post(
        reverse("accounts:email_change"), {"email": "new@test.example", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "The password is not correct." in response.text
    user.refresh_from_db()
    assert user.email == "aino@test.example"


def test_changing_the_e_mail_lower_cases_it_and_is_audited(client):
    user = UserFactory(email="aino@test.example")
    client.force_login(user)
    response = client.post(
        reverse("accounts:email_change"),
        {"email": "  Aino.Uusi@Test.Example ", "password": TEST_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "aino.uusi@test.example"
    entry = AuditEntry.objects.get(actor=user, action="account.email_change")
    assert entry.changes == {"email": ["aino@test.example", "aino.uusi@test.example"]}
    # The new address logs in; the old one does not.
    client.post(reverse("accounts:logout"))
    response = client.post(
        reverse("accounts:login"),
        {"username": "aino.uusi@test.example", "password": TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == user.pk


def test_an_address_of_another_account_is_refused_in_any_case(client):
    UserFactory(email="taken@test.example")
    user = UserFactory(email="aino@test.example")
    client.force_login(user)
    response = client.post(
        reverse("accounts:email_change"), {"email": "TAKEN@test.example", "password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    assert "This address is already used by another account." in response.text
    user.refresh_from_db()
    assert user.email == "aino@test.example"
    assert User.objects.filter(email="taken@test.example").count() == 1


def test_the_password_checks_are_rate_limited(client, settings):
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "password_check": "2/m"}
    client.force_login(UserFactory())
    data = {"email": "x@test.example", "password": "guess"}
    statuses = [client.post(reverse("accounts:email_change"), data).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


# The audit trail of logins -------------------------------------------------------------------


def test_a_login_and_a_logout_are_audited(client):
    user = UserFactory(email="aino@test.example")
    client.post(reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD})
    client.post(reverse("accounts:logout"))
    actions = list(
        AuditEntry.objects.filter(actor=user).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["auth.login", "auth.logout"]


def test_a_failed_login_stores_neither_the_password_nor_the_address(client):
    UserFactory(email="aino@test.example")
    client.post(
        reverse("accounts:login"),
        {"username": "Aino@test.example", "password": "my secret guess"},
    )
    entry = AuditEntry.objects.get(action="auth.login_failed")
    assert entry.actor is None
    stored = f"{entry.summary} {entry.changes} {entry.target_type} {entry.target_id}"
    assert "secret guess" not in stored
    assert "aino" not in stored.lower()
    assert entry.changes == {"username_digest": username_digest("aino@test.example")}
    assert len(entry.changes["username_digest"]) == 16


def test_the_username_digest_is_keyed(settings):
    first = username_digest("aino@test.example")
    settings.SECRET_KEY = "another-secret-key-for-this-test-only"
    assert username_digest("aino@test.example") != first


def test_a_password_reset_is_audited(client):
    user = UserFactory(email="aino@test.example")
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    link = mail.outbox[0].body.split("http://testserver", 1)[1].split()[0]
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert AuditEntry.objects.filter(actor=user, action="auth.password_reset").exists()


# Refused look-ups --------------------------------------------------------------------------


def test_a_refused_page_is_audited_with_the_object(client, world):
    client.force_login(world.professional)
    response = client.get(reverse("networks:audit", args=[world.network.pk]))
    assert response.status_code == 403
    entry = AuditEntry.objects.get(action="access.denied")
    assert entry.actor == world.professional
    assert (entry.target_type, entry.target_id) == ("networks.network", str(world.network.pk))
    assert entry.changes == {"status": 403}
    assert entry.network is None  # a security event, not part of the network's own trail


def test_a_network_the_user_is_not_in_is_audited_as_not_found(client, world):
    client.force_login(world.professional)
    response = client.get(reverse("networks:detail", args=[world.other_network.pk]))
    assert response.status_code == 404
    entry = AuditEntry.objects.get(action="access.denied")
    assert entry.changes == {"status": 404}
    assert entry.target_id == str(world.other_network.pk)


def test_refusals_through_the_api_are_audited_too(client, world):
    client.force_login(world.client)
    response = client.get(f"/api/v1/networks/{world.network.pk}/audit")
    assert response.status_code == 403
    assert AuditEntry.objects.filter(actor=world.client, action="access.denied").count() == 1


def test_a_missing_membership_and_organisation_are_audited(client, world):
    client.force_login(world.coordinator)
    client.get(reverse("networks:member_edit", args=[world.network.pk, 999_999]))
    client.force_login(world.professional)
    client.get(reverse("networks:organisation_edit", args=[world.organisation.pk]))
    client.get(reverse("networks:organisation", args=[999_999]))
    rows = [
        (entry.target_type, entry.target_id, entry.changes["status"])
        for entry in AuditEntry.objects.filter(action="access.denied").order_by("pk")
    ]
    assert rows == [
        ("networks.membership", "999999", 404),
        ("networks.organisation", str(world.organisation.pk), 403),
        ("networks.organisation", "999999", 404),
    ]


def test_anonymous_visitors_are_not_audited(client, world):
    client.get(reverse("networks:detail", args=[world.network.pk]))
    client.get(f"/api/v1/networks/{world.network.pk}")
    assert not AuditEntry.objects.filter(action="access.denied").exists()


# Notices -----------------------------------------------------------------------------------


def test_the_old_address_is_told_when_the_e_mail_changes(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="aino@test.example", language="en")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:email_change"),
            {"email": "new@test.example", "password": TEST_PASSWORD},
        )
    assert [m.to for m in mail.outbox] == [["aino@test.example"]]
    assert "new@test.example" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Verso: your account was changed"


def test_the_user_is_told_when_the_password_changes(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="aino@test.example", language="en")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:password_change"),
            {
                "old_password": TEST_PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )
    assert [m.to for m in mail.outbox] == [["aino@test.example"]]
    assert "The password of your Verso account was changed." in mail.outbox[0].body


def test_audit_admin_lists_security_events_read_only(client, world):
    client.force_login(world.professional)
    client.get(f"/en/networks/{world.network.pk}/audit/")
    client.force_login(world.superuser)
    response = client.get("/en/admin/core/auditentry/?action=access.denied")
    assert response.status_code == 200
    assert "access.denied" in response.text
    assert client.get("/en/admin/core/auditentry/add/").status_code == 403
