"""With REDIS_URL the cache (and so the rate-limit counters) lives in Redis, shared by every
worker, and counting is atomic under concurrency. CI sets TEST_REDIS_URL (.ci/run)."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.cache.backends.redis import RedisCache

REDIS_URL = os.environ.get("TEST_REDIS_URL")
ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL is not set")


def test_settings_use_redis_when_redis_url_is_set():
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


def test_counters_in_redis_do_not_lose_increments_under_threads():
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"verso-test-{os.getpid()}"})
    cache.set("hits", 0)

    def hit():
        for _ in range(100):
            cache.incr("hits")

    threads = [threading.Thread(target=hit) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert cache.get("hits") == 1000
    cache.delete("hits")
