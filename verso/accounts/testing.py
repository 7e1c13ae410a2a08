"""Helpers for the test suite and the benchmark: real TOTP devices and verified sessions.

Nothing here bypasses a check: a session is marked verified with a real, confirmed device
of the user, exactly as ``django_otp.login`` does after a correct code.
"""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device_for(user, *, confirmed: bool = True) -> TOTPDevice:
    """The user's TOTP device in that state, made when missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test device", confirmed=confirmed)
    return device


def totp_token(device: TOTPDevice, *, at: float | None = None, steps: int = 0) -> str:
    """The code an authenticator app shows for ``device`` now (or at ``at``), ``steps`` time
    steps later."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = (time.time() if at is None else at) + steps * device.step
    return f"{totp.token():0{device.digits}d}"


def client_otp_verify(client, user) -> TOTPDevice:
    """Mark ``client``'s session (already logged in as ``user``) as verified by a device."""
    device = totp_device_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
