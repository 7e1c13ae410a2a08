"""Rate limits on anonymous writes, keyed by the client's address (django-ratelimit).

Use ``@ratelimit_post("password_reset")`` on a view (``method_decorator`` on a class-based
view's ``dispatch``); the rate comes from ``settings.VERSO_RATE_LIMITS[group]``, e.g.
``"5/15m"``. A request over the limit is answered 429 with a translated page, or JSON
under /api/. The counters live in the default cache (Redis when REDIS_URL is set).

The address is the client's behind PROXY_COUNT trusted proxies (``client_ip``, which
django-axes uses too); IPv6 addresses are grouped by /64.
"""

import ipaddress
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

API_PREFIX = "/api/"
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104  # nosec B104  # a counting key, never bound to


def client_ip(request: HttpRequest) -> str:
    """The client's address, seen through ``VERSO_PROXY_COUNT`` trusted proxies.

    Each trusted proxy appends the address it received the request from to
    X-Forwarded-For, so the client is the N-th entry from the right; entries further left
    come from the client itself and are not trusted. Used by the rate limits
    (RATELIMIT_IP_META_KEY) and by django-axes (AXES_CLIENT_IP_CALLABLE)."""
    remote = request.META.get("REMOTE_ADDR") or UNKNOWN_ADDRESS
    count = getattr(settings, "VERSO_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if not forwarded:
        return remote
    candidate = forwarded[-count] if len(forwarded) >= count else forwarded[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def too_many_requests(request: HttpRequest, retry_after: int | None = None) -> HttpResponse:
    """The one 429 answer: JSON under /api/, a page otherwise."""
    message = _("Too many attempts from your address. Wait a moment and try again.")
    if request.path_info.startswith(API_PREFIX):
        response: HttpResponse = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "core/429.html", {"message": message}, status=429)
    if retry_after and retry_after > 0:
        response["Retry-After"] = str(retry_after)
    return response


def is_over_limit(
    request: HttpRequest, group: str, *, methods: Iterable[str] = ("POST",)
) -> tuple[bool, int]:
    """Count this request against ``group``: (over the limit?, seconds to the window's end)."""
    usage = get_usage(
        request,
        group=f"verso.{group}",
        key="ip",
        rate=settings.VERSO_RATE_LIMITS[group],
        method=[m.upper() for m in methods],
        increment=True,
    )
    if usage is None:  # another method, or RATELIMIT_ENABLE = False
        return False, 0
    return bool(usage["should_limit"]), max(int(usage["time_left"]), 0)


def ratelimit_post(group: str, *, methods: Iterable[str] = ("POST",)) -> Callable:
    """Limit a view's writes per client address; answer 429 when over the limit."""
    methods = tuple(m.upper() for m in methods)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            limited, retry_after = is_over_limit(request, group, methods=methods)
            if limited:
                return too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
