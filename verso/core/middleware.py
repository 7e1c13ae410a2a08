"""Verso's own middleware: the CSP nonce, no-store on personal data, session timeouts."""

import time
from urllib.parse import urlsplit

import csp.middleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect

from verso.core.sessions import LOGIN_AT, SEEN_AT, TOUCH_INTERVAL

API_PREFIX = "/api/"


def _static_prefix() -> str:
    return urlsplit(settings.STATIC_URL or "/static/").path


def _user_is_authenticated(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, with a nonce in every response's policy.

    django-csp puts the nonce in the header only when a template used it. Verso makes one
    for every request, so that every response carries the same shape of policy (a nonce
    that no markup uses allows nothing), and a page that forgets ``nonce=`` fails loudly
    in the browser tests instead of silently falling back to another policy."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        str(request.csp_nonce)


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response that may hold personal data: every
    response to a signed-in user and every API response. A view that sets Cache-Control
    itself keeps its own; static files never reach this middleware (WhiteNoise answers
    them first) and are skipped here too."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.static_prefix = _static_prefix()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if request.path_info.startswith(self.static_prefix):
            return response
        if request.path_info.startswith(API_PREFIX) or _user_is_authenticated(request):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response


class SessionTimeoutMiddleware:
    """Log a session out after SESSION_IDLE_TIMEOUT seconds without requests, and
    SESSION_ABSOLUTE_TIMEOUT seconds after the login, whatever the activity.

    A page request goes to the login page with ``?next=`` and a message saying why; an
    htmx request gets a full-page redirect; an API request carries on signed out (401)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if hasattr(request, "session") and _user_is_authenticated(request):
            ended = self._check(request)
            if ended is not None:
                return ended
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        now = time.time()
        session = request.session
        login_at = session.get(LOGIN_AT)
        seen_at = session.get(SEEN_AT)
        if login_at is None:  # a session from before the timeouts: count from now
            login_at = session[LOGIN_AT] = now
        if now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT:
            return self._end(request, "absolute")
        if seen_at is not None and now - seen_at > settings.SESSION_IDLE_TIMEOUT:
            return self._end(request, "idle")
        if seen_at is None or now - seen_at >= TOUCH_INTERVAL:
            session[SEEN_AT] = now
        return None

    def _end(self, request: HttpRequest, reason: str) -> HttpResponse | None:
        request._verso_logout_reason = f"timeout.{reason}"
        logout(request)
        if request.path_info.startswith(API_PREFIX):
            return None  # the API answers as to anyone signed out
        if reason == "idle":
            minutes = max(1, settings.SESSION_IDLE_TIMEOUT // 60)
            text = ngettext(
                "Your session ended because you were inactive for %(count)d minute. "
                "Please log in again.",
                "Your session ended because you were inactive for %(count)d minutes. "
                "Please log in again.",
                minutes,
            ) % {"count": minutes}
        else:
            hours = max(1, settings.SESSION_ABSOLUTE_TIMEOUT // 3600)
            text = ngettext(
                "Your session ended because it reached its maximum length of %(count)d hour. "
                "Please log in again.",
                "Your session ended because it reached its maximum length of %(count)d hours. "
                "Please log in again.",
                hours,
            ) % {"count": hours}
        messages.info(request, text)
        if request.method in ("GET", "HEAD"):
            next_url = request.get_full_path()
            if getattr(request, "htmx", False):
                next_url = request.htmx.current_url_abs_path or next_url
            login_url = redirect_to_login(next_url, settings.LOGIN_URL)["Location"]
        else:
            login_url = resolve_url(settings.LOGIN_URL)
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(login_url)
        return HttpResponseRedirect(login_url)
