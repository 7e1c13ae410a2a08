"""Rate limits on card checks: per client address and per user (or provider token).

Both counters live in the default cache like every limit of ``verso.core.ratelimit``; the
rates are ``VERSO_RATE_LIMITS["card_check"]`` (per address) and ``["card_check_user"]``.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django_ratelimit.core import get_usage

from verso.core.ratelimit import is_over_limit, too_many_requests


def _actor_key(group: str, request: HttpRequest) -> str:
    token_id = getattr(request, "card_token_id", None)
    if token_id is not None:
        return f"token:{token_id}"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return "anonymous"


def card_check_refusal(request: HttpRequest) -> HttpResponse | None:
    """Count one check; the 429 answer when the address or the user is over its limit."""
    limited, retry_after = is_over_limit(request, "card_check", methods=[request.method])
    if limited:
        return too_many_requests(request, retry_after)
    usage = get_usage(
        request,
        group="verso.card_check_user",
        key=_actor_key,
        rate=settings.VERSO_RATE_LIMITS["card_check_user"],
        method=[request.method],
        increment=True,
    )
    if usage is not None and usage["should_limit"]:
        return too_many_requests(request, max(int(usage["time_left"]), 0))
    return None
