"""Session timeouts: inactivity and an absolute limit from the login (SessionTimeoutMiddleware)."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from verso.accounts.tests.factories import TEST_PASSWORD, UserFactory
from verso.core.models import AuditEntry
from verso.core.sessions import LOGIN_AT, SEEN_AT
from verso.networks.models import Network

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def signed_in(client):
    """A user who logged in through the form at START."""
    user = UserFactory(email="aino@test.example")
    with time_machine.travel(START, tick=False):
        response = client.post(
            reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD}
        )
    assert response.status_code == 302
    return user


def get_at(client, moment: dt.datetime, path: str, **kwargs):
    with time_machine.travel(moment, tick=False):
        return client.get(path, **kwargs)


def session_at(client, moment: dt.datetime):
    """The stored session as seen at ``moment`` (it would have expired by the real now)."""
    with time_machine.travel(moment, tick=False):
        return dict(client.session.items())


def test_the_login_starts_both_clocks(client, signed_in):
    session = session_at(client, START)
    assert session[LOGIN_AT] == START.timestamp()
    assert session[SEEN_AT] == START.timestamp()


def test_activity_within_the_idle_limit_keeps_the_session(client, signed_in, settings):
    page = reverse("networks:list")
    for minutes in (20, 40, 60, 80):  # never 30 minutes apart
        response = get_at(client, START + dt.timedelta(minutes=minutes), page)
        assert response.status_code == 200, minutes


def test_inactivity_logs_out_with_a_message_and_a_way_back(client, signed_in, settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    page = reverse("networks:members", args=[1]) + "?role=client"
    response = get_at(client, START + dt.timedelta(minutes=31), page)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("accounts:login")
    assert parse_qs(location.query)["next"] == [page]
    assert "_auth_user_id" not in session_at(client, START + dt.timedelta(minutes=31))
    login_page = client.get(response["Location"])
    assert (
        "Your session ended because you were inactive for 30 minutes. Please log in again."
        in login_page.text
    )
    entry = AuditEntry.objects.filter(action="auth.logout").get()
    assert entry.changes == {"reason": "timeout.idle"}


def test_the_absolute_limit_ends_even_an_active_session(client, signed_in, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT = 10 * 60 * 60
    page = reverse("networks:list")
    moment = START
    while moment < START + dt.timedelta(hours=9, minutes=50):
        moment += dt.timedelta(minutes=20)
        assert get_at(client, moment, page).status_code == 200
    response = get_at(client, START + dt.timedelta(hours=10, minutes=1), page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    message_page = client.get(response["Location"])
    assert (
        "Your session ended because it reached its maximum length of 10 hours." in message_page.text
    )
    assert AuditEntry.objects.get(action="auth.logout").changes == {"reason": "timeout.absolute"}


def test_the_timeouts_come_from_the_settings(client, signed_in, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    response = get_at(client, START + dt.timedelta(minutes=6), reverse("networks:list"))
    assert response.status_code == 302
    assert "inactive for 5 minutes" in client.get(response["Location"]).text


def test_an_htmx_request_gets_a_full_page_redirect(client, signed_in):
    members = "/en/networks/1/members/?q=a"
    response = get_at(
        client,
        START + dt.timedelta(hours=1),
        members,
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver" + members},
    )
    assert response.status_code == 200
    location = urlsplit(response["HX-Redirect"])
    assert location.path == reverse("accounts:login")
    assert parse_qs(location.query)["next"] == [members]


def test_an_api_request_after_the_timeout_is_answered_as_signed_out(client, signed_in):
    response = get_at(client, START + dt.timedelta(hours=1), "/api/v1/networks")
    assert response.status_code == 401
    assert "_auth_user_id" not in client.session


def test_a_post_after_the_timeout_does_not_act(client, signed_in):
    response = None
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        response = client.post(reverse("networks:create"), {"name": "N", "municipality": "M"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert not Network.objects.filter(name="N").exists()


def test_the_last_seen_time_is_written_at_most_once_a_minute(client, signed_in):
    later = START + dt.timedelta(seconds=30)
    get_at(client, later, reverse("networks:list"))
    assert session_at(client, later)[SEEN_AT] == START.timestamp()
    later = START + dt.timedelta(seconds=90)
    get_at(client, later, reverse("networks:list"))
    assert session_at(client, later)[SEEN_AT] == later.timestamp()


def test_a_session_from_before_the_timeouts_starts_its_clocks_now(client):
    user = UserFactory()
    client.force_login(user)
    session = client.session
    del session[LOGIN_AT]
    del session[SEEN_AT]
    session.save()
    now = timezone.now()
    assert get_at(client, now, reverse("networks:list")).status_code == 200
    assert client.session[LOGIN_AT] == pytest.approx(now.timestamp())
