"""Locust's side of `make bench`: one page, N users without pauses, for a fixed time.

Run by `manage.py bench` as ``python -m locust -f <this file> --headless …`` with the page
in VERSO_BENCH_PATH (with VERSO_BENCH_METHOD, VERSO_BENCH_BODY, VERSO_BENCH_CONTENT_TYPE
and VERSO_BENCH_HEADERS, a JSON list of pairs, for a request other than a GET), the
session cookie (if any) in VERSO_BENCH_COOKIE, and the file to
write the figures to in VERSO_BENCH_OUT. It writes the exact response times itself (Locust's
own percentiles are rounded), counting only requests that end after VERSO_BENCH_WARMUP
seconds. Any answer other than 200 is an error.
"""

import json
import os
import time

from locust import FastHttpUser, constant, events, task

PATH = os.environ.get("VERSO_BENCH_PATH", "/healthz")
COOKIE = os.environ.get("VERSO_BENCH_COOKIE", "")
OUT = os.environ.get("VERSO_BENCH_OUT", "")
METHOD = os.environ.get("VERSO_BENCH_METHOD", "GET")
BODY = os.environ.get("VERSO_BENCH_BODY", "")
CONTENT_TYPE = os.environ.get("VERSO_BENCH_CONTENT_TYPE", "application/json")
EXTRA_HEADERS = dict(json.loads(os.environ.get("VERSO_BENCH_HEADERS", "[]")))
WARMUP = float(os.environ.get("VERSO_BENCH_WARMUP", "1"))

_started = time.monotonic()
_samples: list[tuple[float, float]] = []  # (end time, response time in ms)
_errors: list[str] = []


class Visitor(FastHttpUser):
    wait_time = constant(0)
    # Behind the TLS proxy of a production set-up: the proxy says the request came in HTTPS.
    _headers = {"X-Forwarded-Proto": "https", "Accept-Language": "fi"}
    if COOKIE:
        _headers["Cookie"] = COOKIE
    _headers.update(EXTRA_HEADERS)
    if METHOD != "GET":
        _headers["Content-Type"] = CONTENT_TYPE

    @task
    def page(self) -> None:
        with self.client.request(
            METHOD,
            PATH,
            data=BODY.encode() if METHOD != "GET" else None,
            headers=self._headers,
            name="page",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


@events.test_start.add_listener
def _on_start(environment, **kwargs) -> None:
    global _started
    _started = time.monotonic()


@events.request.add_listener
def _on_request(response_time, exception=None, **kwargs) -> None:
    now = time.monotonic()
    if exception is not None:
        _errors.append(str(exception)[:200])
    elif now - _started >= WARMUP:
        _samples.append((now, response_time))


@events.quitting.add_listener
def _on_quit(environment, **kwargs) -> None:
    if not OUT:
        return
    times = sorted(ms for _, ms in _samples)
    span = (_samples[-1][0] - (_started + WARMUP)) if _samples else 0.0
    with open(OUT, "w") as f:
        json.dump(
            {
                "count": len(times),
                "seconds": span,
                "times_ms": times,
                "errors": _errors[:20],
                "error_count": len(_errors),
            },
            f,
        )
