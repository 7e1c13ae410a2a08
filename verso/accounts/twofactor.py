"""Two-factor authentication (TOTP, django-otp): who needs it and where a session stands.

A superuser and anyone who currently coordinates a network must verify a one-time code
after the password; so must anyone who has turned two-factor authentication on. Until then
the session reaches only the 2FA pages and logout (``TwoFactorMiddleware``).
"""

from enum import StrEnum
from urllib.parse import urlencode

import segno
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice


class Step(StrEnum):
    """What a signed-in, not yet verified session must do next."""

    SETUP = "setup"  # must have 2FA but has no confirmed device
    VERIFY = "verify"  # has a confirmed device: enter a code


def two_factor_url(step: Step, next_url: str = "") -> str:
    """The page of ``step``, coming back to ``next_url`` afterwards."""
    url = reverse("accounts:otp_verify" if step == Step.VERIFY else "accounts:otp_setup")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def user_needs_two_factor(user) -> bool:
    """Required for superusers and for the current coordinator of any network."""
    from verso.networks.access import Need, user_levels

    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(level >= Need.MANAGE for level in user_levels(user).values())


def is_verified(user) -> bool:
    """True when this request's session passed a one-time code (OTPMiddleware's mark)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def two_factor_step(user) -> Step | None:
    """The step a signed-in user still owes before the rest of Verso, or None."""
    if not user.is_authenticated or is_verified(user):
        return None
    if user_has_device(user, confirmed=True):
        return Step.VERIFY
    if user_needs_two_factor(user):
        return Step.SETUP
    return None


def request_two_factor_step(request: HttpRequest) -> Step | None:
    """``two_factor_step`` for the request's user, worked out once per request."""
    if not hasattr(request, "_verso_two_factor_step"):
        request._verso_two_factor_step = two_factor_step(request.user)
    return request._verso_two_factor_step


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an authenticator app."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice, title: str) -> SafeString:
    """The otpauth:// URL as an inline SVG QR code, drawn here: no external host, no script."""
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(
        scale=5, border=2, title=title, dark="#1c2430", light="#ffffff", svgclass="qr"
    )
    # segno draws the SVG from the otpauth URL and escapes the title: no user markup in it.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308  # nosec B308, B703  # segno SVG, escaped
