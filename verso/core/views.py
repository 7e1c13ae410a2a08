from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("networks:list")
    return render(request, "core/home.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


BENCH_BARE_DEFAULT_BYTES = 20_000
BENCH_BARE_MAX_BYTES = 2_000_000
_bare_bodies: dict[int, bytes] = {}


def _bare_body(size: int) -> bytes:
    body = _bare_bodies.get(size)
    if body is None:
        head = b'<!DOCTYPE html>\n<html lang="fi"><head><title>Verso</title></head><body><p>'
        tail = b"</p></body></html>\n"
        filler = max(0, size - len(head) - len(tail))
        body = head + (b"verso " * (filler // 6 + 1))[:filler] + tail
        if len(_bare_bodies) < 64:
            _bare_bodies[size] = body
    return body


@require_GET
def bench_bare(request: HttpRequest) -> HttpResponse:
    """The benchmark's floor: ``?bytes=N`` of HTML through the whole middleware, with no
    query and no template. Mounted only when settings.VERSO_BENCH is on (`make bench`)."""
    try:
        size = int(request.GET.get("bytes", BENCH_BARE_DEFAULT_BYTES))
    except ValueError:
        size = BENCH_BARE_DEFAULT_BYTES
    size = min(max(size, 0), BENCH_BARE_MAX_BYTES)
    return HttpResponse(_bare_body(size), content_type="text/html; charset=utf-8")
