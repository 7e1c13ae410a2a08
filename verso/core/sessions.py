"""Session timestamps for the inactivity and absolute timeouts (SessionTimeoutMiddleware)."""

import time

from django.contrib.sessions.backends.base import SessionBase

LOGIN_AT = "verso_login_at"  # when the password login happened (epoch seconds)
SEEN_AT = "verso_seen_at"  # the last request of the session, to the minute
TOUCH_INTERVAL = 60  # seconds: SEEN_AT is written at most once a minute


def session_mark_login(session: SessionBase, now: float | None = None) -> None:
    now = time.time() if now is None else now
    session[LOGIN_AT] = now
    session[SEEN_AT] = now
