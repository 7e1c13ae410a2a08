"""Settings for the test suite: SQLite in a file (or TEST_DATABASE_URL), fast hashing."""

import os
import tempfile

import dj_database_url

from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105  # nosec B105  # tests only
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

if os.environ.get("TEST_DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["TEST_DATABASE_URL"])}
else:
    # A file-backed SQLite database, so that threads in concurrency tests share it.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(BASE_DIR / "var" / "test.sqlite3"),
            "TEST": {
                "NAME": os.path.join(tempfile.gettempdir(), f"verso-test-{os.getpid()}.sqlite3")
            },
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;",
            },
        }
    }

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_FAILURE_LIMIT = 3
# One process, no table to create: rate-limit counters and the rest live in memory.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Static files come from the finders in tests; WhiteNoise needs an existing root.
STATIC_ROOT = BASE_DIR / "var" / "static-test"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
