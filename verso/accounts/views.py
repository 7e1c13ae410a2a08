import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy, translate_url
from django.utils import formats, timezone, translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import user_has_device

from verso.accounts import services, twofactor
from verso.accounts.forms import (
    ApiTokenForm,
    EmailAuthenticationForm,
    EmailChangeForm,
    LanguageForm,
    TokenCodeForm,
    UserLanguagePasswordResetForm,
)
from verso.accounts.language import user_language
from verso.accounts.models import ApiToken
from verso.core.forms import add_service_errors, posted
from verso.core.ratelimit import ratelimit_post


def _requested_next(request: HttpRequest) -> str:
    """The ``next`` parameter when it points into this site, else ""."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _safe_next(request: HttpRequest) -> str:
    """Where to go after a 2FA step: ``next``, or the page after a login."""
    return _requested_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        """Sign in, and switch the pages to the user's language: the next page opens in it
        and the language cookie remembers it (the language links still switch any page)."""
        response = super().form_valid(form)
        language = user_language(self.request.user)
        if language:
            set_language_cookie(response, language)
        return response

    def get_success_url(self) -> str:
        """After the password, a user who owes a one-time code goes to the 2FA step first."""
        url = super().get_success_url()
        language = user_language(self.request.user)
        if not language:
            return url
        url = translate_url(url, language)  # resolved in the page's language
        step = twofactor.two_factor_step(self.request.user)
        if step is None:
            return url
        with translation.override(language):
            return twofactor.two_factor_url(step, url)


def set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class LogoutView(auth_views.LogoutView):
    pass


@method_decorator(ratelimit_post("password_reset"), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = UserLanguagePasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_password_changed(user=self.user, how="reset")
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    new_key = None
    form = ApiTokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        _token, new_key = services.api_token_create(
            user=request.user, name=form.cleaned_data["name"]
        )
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True).order_by(
        "-created_at"
    )
    return render(
        request, "accounts/token_list.html", {"form": form, "tokens": tokens, "new_key": new_key}
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user, revoked_at__isnull=True)
    services.api_token_revoke(user=request.user, token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:tokens")


# Security page, two-factor authentication, password and e-mail changes -----------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def security(request: HttpRequest) -> HttpResponse:
    context = {
        "otp_on": user_has_device(request.user, confirmed=True),
        "otp_required": twofactor.user_needs_two_factor(request.user),
        "token_count": ApiToken.objects.filter(user=request.user, revoked_at__isnull=True).count(),
        "language_name": dict(settings.LANGUAGE_NAMES).get(request.user.language, ""),
    }
    return render(request, "accounts/security.html", context)


def _otp_login(request: HttpRequest, device) -> None:
    """Mark the session as verified by ``device``, under a new session key."""
    request.session.cycle_key()
    otp_login(request, device)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Turn two-factor authentication on: scan the secret, confirm it with a first code."""
    if user_has_device(request.user, confirmed=True):
        if twofactor.is_verified(request.user):
            messages.info(request, _("Two-factor authentication is already on."))
            return redirect("accounts:security")
        return redirect(twofactor.two_factor_url(twofactor.Step.VERIFY, _safe_next(request)))
    device = services.totp_device_start(user=request.user)
    form = TokenCodeForm(posted(request))
    if (
        request.method == "POST"
        and form.is_valid()
        and _code_accepted(
            request,
            form,
            device,
            services.totp_device_confirm,
            _(
                "The code is not correct. Check that the time on your device is right and "
                "enter the code that the app shows now."
            ),
        )
    ):
        messages.success(request, _("Two-factor authentication is on."))
        return redirect(_safe_next(request))
    context = {
        "form": form,
        "secret": twofactor.secret_text(device),
        "qr_svg": twofactor.qr_svg(device, _("QR code for your authenticator app")),
        "next": _requested_next(request),
        "required": twofactor.user_needs_two_factor(request.user),
        "two_factor_pending": twofactor.request_two_factor_step(request) is not None,
    }
    return render(request, "accounts/otp_setup.html", context)


def _code_accepted(request: HttpRequest, form, device, check, wrong: str) -> bool:
    """Check the form's code with ``check`` (a service), unless django-otp's throttle says
    wait; on success the session is verified by ``device``, else the form says why."""
    throttled = _throttle_message(device)
    if throttled:
        form.add_error("token", throttled)
        return False
    if not check(user=request.user, device=device, token=form.cleaned_data["token"]):
        form.add_error("token", wrong)
        return False
    device.refresh_from_db()
    _otp_login(request, device)
    return True


def _throttle_message(device) -> str | None:
    """django-otp doubles the wait after each wrong code; say how long is left."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    wait = 1
    if data and data.get("locked_until"):
        wait = max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))
    return ngettext(
        "Too many wrong codes. Wait %(count)s second and try again.",
        "Too many wrong codes. Wait %(count)s seconds and try again.",
        wait,
    ) % {"count": formats.number_format(wait)}


@never_cache
@login_required
@ratelimit_post("otp_verify")
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the authenticator app."""
    if twofactor.is_verified(request.user):
        return redirect(_safe_next(request))
    device = twofactor.confirmed_device(request.user)
    if device is None:
        if twofactor.user_needs_two_factor(request.user):
            return redirect(twofactor.two_factor_url(twofactor.Step.SETUP, _safe_next(request)))
        return redirect(_safe_next(request))
    form = TokenCodeForm(posted(request))
    if (
        request.method == "POST"
        and form.is_valid()
        and _code_accepted(
            request,
            form,
            device,
            services.otp_verify,
            _(
                "The code is not correct, or it was already used. Enter the code that "
                "your authenticator app shows now."
            ),
        )
    ):
        return redirect(_safe_next(request))
    context = {
        "form": form,
        "next": _requested_next(request),
        "two_factor_pending": True,
    }
    return render(request, "accounts/otp_verify.html", context)


@method_decorator(ratelimit_post("password_check"), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view: asks the old password and keeps this session signed in."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:security")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_password_changed(user=self.request.user, how="change")
        messages.success(self.request, _("Your password was changed."))
        return response


@login_required
@ratelimit_post("password_check")
@require_http_methods(["GET", "POST"])
def email_change(request: HttpRequest) -> HttpResponse:
    form = EmailChangeForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.user_email_change(user=request.user, email=form.cleaned_data["email"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your e-mail address is now %(email)s.") % {"email": request.user.email},
            )
            return redirect("accounts:security")
    return render(request, "accounts/email_change.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def language(request: HttpRequest) -> HttpResponse:
    """The user's language: of the pages after signing in and of the mails to them."""
    form = LanguageForm(posted(request), initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_language_set(user=request.user, language=form.cleaned_data["language"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            chosen = request.user.language
            with translation.override(chosen):
                messages.success(request, _("Your language was saved."))
                url = reverse("accounts:security")
            response = redirect(url)
            set_language_cookie(response, chosen)
            return response
    return render(request, "accounts/language.html", {"form": form})
