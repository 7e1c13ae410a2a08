"""`make scale-check` in small: two servers behind nginx, Redis, two workers, the sign-up
race and a crash. Heavy (it starts nine processes): skipped unless nginx and redis-server
are installed and the tests run on PostgreSQL."""

import json
import os
import shutil
import subprocess  # nosec B404
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
DATABASE = os.environ.get("TEST_DATABASE_URL", "")

pytestmark = [
    pytest.mark.scale,
    pytest.mark.skipif(not NGINX, reason="nginx is not installed (make scale-check installs it)"),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
    pytest.mark.skipif(not DATABASE.startswith("postgres"), reason="needs PostgreSQL"),
]


def test_scale_check_race_and_crash_in_small(tmp_path):
    var = tmp_path / "var"
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE.rstrip("/") + "_scale",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "scale-check-test-only-not-secret-verso-loopback-key-xxxxxxxx",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(var / "static"),
        "VERSO_VAR_DIR": str(var),
        "EMAIL_URL": f"file://{var / 'mail'}",
        "RATELIMIT_EVENT_SIGNUP": "100000/m",
        "LOG_LEVEL": "WARNING",
        "PATH": os.environ.get("PATH", "") + ":/usr/sbin",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)  # noqa: S603
    done = subprocess.run(  # noqa: S603  # nosec B603
        [
            *manage,
            "scale_check",
            "--signups",
            "60",
            "--places",
            "12",
            "--tasks",
            "30",
            "--port",
            "8390",
            "--workers",
            "1",
            "--threads",
            "4",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((var / "scale" / "latest.json").read_text())
    assert report["passed"]
    for key in ("race", "crash"):
        assert report[key]["confirmed"] == 12
        assert report[key]["waitlisted"] == 6
        assert report[key]["refused"] == 60 - 18
        assert report[key]["lost"] == report[key]["doubled"] == 0
    assert len(report["race"]["answers_by_server"]) == 2
    assert report["crash"]["tasks"]["lost"] == 0
    assert report["crash"]["tasks"]["effects"] == 30
    assert settings.VERSO_BENCH is False  # nothing of it leaks into this process
