"""Two-factor enforcement: a session that owes a one-time code reaches only the 2FA pages.

Runs after django-otp's OTPMiddleware (which marks a verified session) and after the
session timeouts. Pages redirect to the 2FA step with ``?next=``; htmx requests get a
full-page redirect; the API answers 403 to session authentication (a personal API token,
sent as ``Authorization: Bearer``, is not affected: ``SessionAuth`` checks again).
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from verso.accounts.twofactor import Step, request_two_factor_step, two_factor_url

ALLOWED_URL_NAMES = {
    "accounts:otp_setup",
    "accounts:otp_verify",
    "accounts:logout",
    # public pages stay public while a code is owed
    "privacy:notice",
    "privacy:accessibility",
    "api:openapi-json",
    "api:openapi-view",
}
API_PREFIX = "/api/"


def two_factor_refusal() -> str:
    return _(
        "Two-factor authentication is required. Complete it on the website, or use a "
        "personal API token."
    )


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        step = request_two_factor_step(request)
        if step is None:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED_URL_NAMES:
            return None
        if request.path_info.startswith(API_PREFIX):
            if request.headers.get("Authorization", "").lower().startswith("bearer "):
                return None  # token authentication; SessionAuth refuses this session anyway
            return JsonResponse({"detail": two_factor_refusal()}, status=403)
        return self._redirect(request, step)

    @staticmethod
    def _redirect(request: HttpRequest, step: Step) -> HttpResponse:
        next_url = ""
        if request.method in ("GET", "HEAD"):
            next_url = request.get_full_path()
            if getattr(request, "htmx", False):
                next_url = request.htmx.current_url_abs_path or ""
        url = two_factor_url(step, next_url)
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)
