"""Per-request caching for read-only requests (see ``verso.networks.access.levels_cached``)."""

from django.http import HttpRequest, HttpResponse

from verso.networks.access import levels_cached

SAFE_METHODS = frozenset({"GET", "HEAD"})


class RequestLevelsMiddleware:
    """Works out the user's levels in their networks once per GET or HEAD request.

    Placed anywhere in MIDDLEWARE: every middleware's ``process_view`` and the view run
    inside it. Writes (POST…) are not cached, so a change of roles is always seen."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        with levels_cached():
            return self.get_response(request)
