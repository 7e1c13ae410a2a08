"""The audit trail of logins: Django's auth signals, connected in AccountsConfig.ready().

A failed login never stores the password (Django masks it before the signal) and stores
the attempted address only as a keyed hash: it may be someone else's mistyped address.
The client's address of a failed attempt is kept by django-axes, with its own retention.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import transaction

from verso.core.audit import audit_record
from verso.core.sessions import session_mark_login


def username_digest(username: str) -> str:
    """A keyed, shortened hash: equal attempts can be grouped, the address is not stored."""
    key = settings.SECRET_KEY.encode()
    message = (username or "").strip().lower().encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:16]


def on_user_logged_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        session_mark_login(request.session)
    with transaction.atomic():
        audit_record(actor=user, action="auth.login", target=user)


def on_user_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username") or credentials.get("email") or ""
    with transaction.atomic():
        audit_record(
            actor=None,
            action="auth.login_failed",
            changes={"username_digest": username_digest(str(username))} if username else {},
        )


def on_user_logged_out(sender, request, user, **kwargs) -> None:
    if user is None:
        return
    reason = getattr(request, "_verso_logout_reason", "") if request is not None else ""
    with transaction.atomic():
        audit_record(
            actor=user,
            action="auth.logout",
            target=user,
            changes={"reason": reason} if reason else {},
        )
