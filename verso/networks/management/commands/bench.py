"""`make bench`: the production server under load, every page against a bare baseline.

Starts gunicorn (2 workers, as `make run`) with this process's settings — `make bench`
runs it with ``config.settings.production`` and VERSO_BENCH=1 — on the bulk data set
(`seed_bulk`), and drives it with Locust on loopback, one page at a time:

- the **baseline**: the bare view (``/bench/bare/``), through the same middleware, answering
  as many bytes as the measured pages (their median) with no query and no template;
- the **signed-in baseline**: the same view for the signed-in bench user (coordinator,
  two-factor verified), so the cost of the session, two-factor, timeout and other
  middleware shows on its own;
- every page of ``verso.networks.bench.BENCH_PAGES`` (the apps register theirs).

Each page's query count is taken in-process first. The figures go to
``var/bench/latest.json`` and ``var/bench/latest.md``. Absolute figures depend on the
machine and on what else runs on it; the ratios against the same run's baseline are what
to compare.
"""

import json
import os
import shutil
import statistics
import subprocess  # nosec B404  # starts gunicorn and Locust, both from this venv
import sys
import tempfile
import time
import urllib.request
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from verso.core.sessions import session_mark_login
from verso.networks.bench import BENCH_PAGES, BenchRequest, BenchSkip, bench_world

LOCUSTFILE = Path(__file__).resolve().parents[2] / "bench_locustfile.py"
BARE_PATH = "/bench/bare/"
PROXY_HEADERS = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_ACCEPT_LANGUAGE": "fi"}


def bench_session_cookie(user) -> str:
    """A signed-in, two-factor-verified session for ``user``, as after a password login and
    a correct code (the same keys ``login()`` and ``django_otp.login()`` write)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is not None:
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session_mark_login(store)
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def summarise(runs: list[dict]) -> dict:
    """rps, p50 and p95 over one or more Locust runs of the same page."""
    times = sorted(t for run in runs for t in run["times_ms"])
    seconds = sum(run["seconds"] for run in runs)
    if not times or seconds <= 0:
        return {"rps": 0.0, "p50_ms": None, "p95_ms": None}

    def pct(p: float) -> float:
        return round(times[min(len(times) - 1, int(p * len(times)))], 2)

    return {"rps": round(len(times) / seconds, 1), "p50_ms": pct(0.5), "p95_ms": pct(0.95)}


class Command(BaseCommand):
    help = "Load-test the pages against a bare baseline in one run (run after seed_bulk)."

    def add_arguments(self, parser):
        env = os.environ.get
        parser.add_argument("--users", type=int, default=int(env("BENCH_USERS", "8")))
        parser.add_argument("--seconds", type=float, default=float(env("BENCH_SECONDS", "8")))
        parser.add_argument("--port", type=int, default=int(env("BENCH_PORT", "8765")))
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--only", default="", help="measure only pages whose name has this")
        parser.add_argument(
            "--counts-only", action="store_true", help="query counts and sizes, no load"
        )

    def handle(self, *args, **opts):
        if not settings.VERSO_BENCH:
            raise CommandError("Set VERSO_BENCH=1 (`make bench` does): the baseline needs it.")
        world = bench_world()
        if world is None:
            raise CommandError("No bulk data set here: run `manage.py seed_bulk` first.")
        user = get_user_model().objects.get(pk=world.user_id)
        cookie = bench_session_cookie(user)
        out_dir = Path(settings.VAR_DIR) / "bench"
        out_dir.mkdir(parents=True, exist_ok=True)

        pages, skipped = [], []
        for page in BENCH_PAGES:
            if opts["only"] and opts["only"] not in page.name:
                continue
            try:
                pages.append((page, page.request(world)))
            except BenchSkip as reason:
                skipped.append((page.name, str(reason)))
                self.stdout.write(f"skipped: {page.name} — {reason}")
        if not pages:
            raise CommandError("No page to measure.")

        measured = [self.in_process(page, request, cookie) for page, request in pages]
        size = int(statistics.median(m["bytes"] for m in measured))
        bare = f"{BARE_PATH}?bytes={size}"
        self.stdout.write(f"{connection.vendor}; bare baseline of {size:,} bytes (median page)")
        for m in measured:
            self.stdout.write(
                f"  {m['name']:28} {m['path']:40} {m['queries']:3} queries {m['bytes']:>8,} B"
            )
        if opts["counts_only"]:
            return

        server = self.start_server(opts)
        host = f"http://127.0.0.1:{opts['port']}"
        failures: list[str] = []
        try:

            def load(path: str | BenchRequest, signed_in: bool, label: str) -> dict:
                run = self.locust(host, path, cookie if signed_in else "", opts)
                if run["error_count"]:
                    failures.append(f"{label}: {run['error_count']} errors, {run['errors'][:3]}")
                result = summarise([run])
                self.stdout.write(
                    f"  {label:28} {result['rps']:8.1f} rps  p50 {result['p50_ms']} ms"
                    f"  p95 {result['p95_ms']} ms"
                )
                return run

            # The machine's load drifts during a run (on a shared machine, a lot): the bare
            # baseline is measured right before every page, and each page's ratios are
            # against that neighbour. The signed-in baseline opens and closes the run, each
            # time right after an anonymous one.
            base_runs = [load(bare, False, "baseline")]
            signed_runs = [load(bare, True, "baseline (signed in)")]
            for m in measured:
                m["base"] = load(bare, False, "baseline")
                base_runs.append(m["base"])
                m["run"] = load(m["request"], m["signed_in"], m["name"])
            base_runs.append(load(bare, False, "baseline"))
            signed_runs.append(load(bare, True, "baseline (signed in)"))
        finally:
            self.stop_server(server)

        baseline = summarise(base_runs)
        baseline_signed_in = summarise(signed_runs)
        paired = summarise([base_runs[0], base_runs[-1]])  # the runs right before those
        signed_ratios = (
            _ratio(baseline_signed_in["rps"], paired["rps"]),
            _ratio(baseline_signed_in["p95_ms"], paired["p95_ms"]),
        )
        results = []
        for m in measured:
            r = summarise([m["run"]])
            near = summarise([m["base"]])
            results.append(
                {
                    "name": m["name"],
                    "rps": r["rps"],
                    "p50_ms": r["p50_ms"],
                    "p95_ms": r["p95_ms"],
                    "queries": m["queries"],
                    "ratio_rps": _ratio(r["rps"], near["rps"]),
                    "ratio_p95": _ratio(r["p95_ms"], near["p95_ms"]),
                }
            )
        report = {
            "database": connection.vendor,
            "scale": _scale(),
            "baseline": baseline,
            "baseline_signed_in": baseline_signed_in,
            "results": results,
        }
        (out_dir / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
        (out_dir / "latest.md").write_text(
            markdown(report, measured, skipped, signed_ratios, size=size, opts=opts)
        )
        self.stdout.write((out_dir / "latest.md").read_text())
        self.stdout.write(f"written: {out_dir / 'latest.json'} and latest.md")
        if failures:
            raise CommandError("Pages answered errors under load:\n" + "\n".join(failures))

    # In-process: the query count and the size --------------------------------------------

    def in_process(self, page, request: BenchRequest, cookie: str) -> dict:
        client = Client(HTTP_HOST="127.0.0.1", **PROXY_HEADERS)
        if page.signed_in:
            name, value = cookie.split("=", 1)
            client.cookies[name] = value
        path = request.path
        first = send(client, request)
        if first.status_code != 200:
            raise CommandError(f"{page.name}: {path} answered {first.status_code}")
        reset_queries()  # request_started empties the log: count from an empty one
        with CaptureQueriesContext(connection) as ctx:
            response = send(client, request)
        return {
            "name": page.name,
            "path": path if request.method == "GET" else f"{request.method} {path}",
            "request": request,
            "signed_in": page.signed_in,
            "queries": len(ctx.captured_queries),
            "bytes": len(response.content),
        }

    # The server and the load --------------------------------------------------------------

    def start_server(self, opts) -> subprocess.Popen:
        log = open(Path(settings.VAR_DIR) / "bench" / "gunicorn.log", "w")  # noqa: SIM115
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{opts['port']}",
            "--workers",
            str(opts["workers"]),
            "--threads",
            str(opts["threads"]),
            "--forwarded-allow-ips",
            "127.0.0.1",
        ]
        server = subprocess.Popen(  # noqa: S603  # nosec B603  # our own gunicorn
            command, stdout=log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        url = f"http://127.0.0.1:{opts['port']}/healthz"
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError(f"gunicorn stopped; see {log.name}")
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310  # nosec B310
                    if answer.status == 200:
                        self.stdout.write(
                            f"gunicorn pid {server.pid}: {opts['workers']} workers × "
                            f"{opts['threads']} threads on 127.0.0.1:{opts['port']}; "
                            f"{opts['users']} Locust users, {opts['seconds']:g} s per page"
                        )
                        return server
            except OSError:
                time.sleep(0.3)
        self.stop_server(server)
        raise CommandError(f"gunicorn did not answer /healthz in 60 s; see {log.name}")

    @staticmethod
    def stop_server(server: subprocess.Popen) -> None:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    def locust(self, host: str, path: str | BenchRequest, cookie: str, opts) -> dict:
        request = path if isinstance(path, BenchRequest) else BenchRequest(path=path)
        tmp = Path(tempfile.mkdtemp(prefix="verso-bench-"))
        out = tmp / "run.json"
        env = {
            **os.environ,
            "VERSO_BENCH_PATH": request.path,
            "VERSO_BENCH_METHOD": request.method,
            "VERSO_BENCH_BODY": request.body,
            "VERSO_BENCH_CONTENT_TYPE": request.content_type,
            "VERSO_BENCH_HEADERS": json.dumps(list(request.headers)),
            "VERSO_BENCH_COOKIE": cookie,
            "VERSO_BENCH_OUT": str(out),
            "VERSO_BENCH_WARMUP": "1",
        }
        users = str(opts["users"])
        seconds = opts["seconds"] + 1  # + the warm-up second, which is not counted
        command = [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--only-summary",
            "--loglevel",
            "ERROR",
            "-u",
            users,
            "-r",
            users,
            "-t",
            f"{seconds:g}s",
            "-H",
            host,
        ]
        subprocess.run(  # noqa: S603  # nosec B603
            command,
            env=env,
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=300,
        )
        try:
            return json.loads(out.read_text())
        except FileNotFoundError:
            raise CommandError(f"Locust wrote no figures for {request.path}") from None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def send(client: Client, request: BenchRequest):
    """One request through Django's test client, as Locust sends it."""
    headers = {name: value for name, value in request.headers}
    if request.method == "GET":
        return client.get(request.path, headers=headers)
    return client.generic(
        request.method,
        request.path,
        request.body,
        content_type=request.content_type,
        headers=headers,
    )


def _ratio(value, base) -> float | None:
    if not value or not base:
        return None
    return round(value / base, 3)


def _scale() -> float | None:
    from verso.networks.bulk import NETWORKS, bench_network

    if bench_network() is None:
        return None
    from verso.networks.bulk import BulkContext

    count = BulkContext(scale=1).networks().count()
    return round(count / NETWORKS, 4)


def markdown(report: dict, measured: list[dict], skipped, signed_ratios, *, size: int, opts) -> str:
    b, s = report["baseline"], report["baseline_signed_in"]
    lines = [
        f"# make bench — {timezone.now():%Y-%m-%d %H:%M} UTC",
        "",
        f"Database {report['database']}, scale {report['scale']}; gunicorn "
        f"{opts['workers']} workers × {opts['threads']} threads; Locust {opts['users']} users "
        f"without pauses, {opts['seconds']:g} s per page on loopback; baseline body "
        f"{size:,} bytes.",
        "Each page's ratios are against the anonymous bare baseline measured right before it "
        "(the baseline row pools all of those runs); the signed-in baseline's against the "
        "anonymous one measured right before it; the last column: a signed-in page against "
        "the signed-in baseline.",
        "",
        "| page | rps | p50 ms | p95 ms | queries | rps ÷ baseline | p95 ÷ baseline "
        "| rps ÷ signed-in baseline |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| baseline (bare view) | {b['rps']} | {b['p50_ms']} | {b['p95_ms']} | 0 | 1 | 1 | |",
        f"| signed-in baseline | {s['rps']} | {s['p50_ms']} | {s['p95_ms']} | – "
        f"| {signed_ratios[0]} | {signed_ratios[1]} | 1 |",
    ]
    for r, m in zip(report["results"], measured, strict=True):
        vs_signed = _ratio(r["rps"], s["rps"]) if m["signed_in"] else ""
        lines.append(
            f"| {r['name']} | {r['rps']} | {r['p50_ms']} | {r['p95_ms']} | {r['queries']} "
            f"| {r['ratio_rps']} | {r['ratio_p95']} | {vs_signed} |"
        )
    if skipped:
        lines += ["", "Not measured:"]
        lines += [f"- {name}: {reason}" for name, reason in skipped]
    return "\n".join(lines) + "\n"
