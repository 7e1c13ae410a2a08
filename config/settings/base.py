"""Settings shared by every environment, read from environment variables.

Every variable is documented in the README. The defaults give a safe embedded run:
SQLite under ``var/``, a secret key made once and kept under ``var/``, DEBUG off.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VERSO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def embedded_secret_key() -> str:
    """The embedded run makes its own secret once and keeps it under var/."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or embedded_secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "django_tasks",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",  # serves the API docs' Swagger UI from Verso's own static files, not a CDN
    "verso.core",
    "verso.accounts",
    "verso.networks",
    "verso.privacy",
    "verso.ideas",
    "verso.plans",
    "verso.meetings",
    "verso.events",
    "verso.card",
    "verso.evaluation",
    "verso.embedding",
    "verso.methods",
    # --- meetings ---
    "django_tasks_db",  # the persistent task queue (its worker: manage.py db_worker)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "verso.core.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "verso.core.guards.ApiLanguageMiddleware",
    "verso.core.guards.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "verso.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "verso.core.middleware.SessionTimeoutMiddleware",
    "verso.accounts.middleware.TwoFactorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "verso.core.context_processors.language_links",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded SQLite database under var/.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'verso.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Persistent connections, as on PostgreSQL: opening one and running the PRAGMAs below
    # cost about 1 ms on every request (the profile of `make bench`).
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    # WAL lets readers run beside a writer; IMMEDIATE takes the write lock at the start of
    # a transaction so concurrent writers queue on the busy timeout instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "networks:list"
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling (django-axes): lock a user name + address after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "verso.core.ratelimit.client_ip"  # the same address as rate limits
AXES_DISABLE_ACCESS_LOG = True  # successful logins go to Verso's own audit trail only

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 8)))
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Seconds: logged out after this long without a request, and this long after the login.
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(30 * 60)))
SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT", str(10 * 60 * 60)))

# Content Security Policy (django-csp): only Verso's own files; scripts also by a per-response
# nonce, never inline; no framing, no <base>, no plugins. See SECURITY.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# Two-factor authentication (django-otp, TOTP): required for superusers and coordinators.
OTP_TOTP_ISSUER = "Verso"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin site never shows a device's secret key
OTP_LOGIN_URL = "accounts:otp_verify"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
# Each language's name in itself, for the language switch.
LANGUAGE_NAMES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Helsinki")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

# E-mail: EMAIL_URL (smtp://user:pass@host:587?tls=True). By default (the embedded run) sent
# mail lands as files in var/mail/, so a newcomer can read what was sent.
_email = dj_email_url.parse(os.environ.get("EMAIL_URL") or f"file://{VAR_DIR / 'mail'}")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
if _email.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = "/" + _email["EMAIL_FILE_PATH"].lstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Verso <verso@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work runs through django-tasks on a persistent queue in the database
# (django-tasks-db); `manage.py db_worker` does the work (`make run` starts it).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Retention (days): see verso/privacy/inventory.py and the README's privacy section.
RETENTION_ENDED_MEMBER_DAYS = int(os.environ.get("RETENTION_ENDED_MEMBER_DAYS", "365"))
RETENTION_AUDIT_DAYS = int(os.environ.get("RETENTION_AUDIT_DAYS", str(5 * 365)))
RETENTION_LOGIN_ATTEMPTS_DAYS = int(os.environ.get("RETENTION_LOGIN_ATTEMPTS_DAYS", "90"))
RETENTION_SIGNUP_CONTACT_DAYS = int(os.environ.get("RETENTION_SIGNUP_CONTACT_DAYS", "30"))
ACCESSIBILITY_FEEDBACK_EMAIL = os.environ.get(
    "ACCESSIBILITY_FEEDBACK_EMAIL", "saavutettavuus@verso.example"
)
PRIVACY_CONTACT_EMAIL = os.environ.get("PRIVACY_CONTACT_EMAIL", "tietosuoja@verso.example")

# Cache: Redis when REDIS_URL is set, else a database table
# (`manage.py createcachetable`, run by `make run`). Rate limits count in it.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "verso_cache",
        }
    }

# Rate limits on anonymous writes (verso.core.ratelimit), per client address:
# "count/period" with the period in s, m, h or d, optionally with a multiplier ("5/15m").
RATELIMIT_IP_META_KEY = "verso.core.ratelimit.client_ip"
VERSO_PROXY_COUNT = 0  # trusted proxies in front of Verso; production reads PROXY_COUNT
VERSO_RATE_LIMITS = {
    "password_reset": os.environ.get("RATELIMIT_PASSWORD_RESET", "5/15m"),
    "otp_verify": os.environ.get("RATELIMIT_OTP_VERIFY", "10/5m"),
    "password_check": os.environ.get("RATELIMIT_PASSWORD_CHECK", "10/15m"),
}

NINJA_PAGINATION_PER_PAGE = 50
VERSO_PAGE_SIZE = 25

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- ideas ---
# Anonymous idea submissions per client address (a group at a day centre shares one).
VERSO_RATE_LIMITS["idea_submit"] = os.environ.get("RATELIMIT_IDEA_SUBMIT", "20/h")
VERSO_IDEA_PHOTO_MAX_BYTES = int(os.environ.get("IDEA_PHOTO_MAX_BYTES", str(5 * 1024 * 1024)))
RETENTION_IDEA_CONTACT_DAYS = int(os.environ.get("RETENTION_IDEA_CONTACT_DAYS", "365"))
# --- meetings ---
# Background work: attempts per task before it is given up, and the first retry's wait in
# seconds (each later one waits four times longer, at most a day).
VERSO_TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "5"))
VERSO_TASK_RETRY_SECONDS = int(os.environ.get("TASK_RETRY_SECONDS", "60"))
# Meeting reminders go this many hours before the start; links in mails use the site URL.
VERSO_REMINDER_HOURS = int(os.environ.get("MEETING_REMINDER_HOURS", "24"))
VERSO_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
VERSO_MATERIAL_MAX_BYTES = int(os.environ.get("MEETING_MATERIAL_MAX_BYTES", str(20 * 1024 * 1024)))

# --- events ---
VERSO_RATE_LIMITS["event_signup"] = os.environ.get("RATELIMIT_EVENT_SIGNUP", "20/15m")
EVENTS_IMAGE_MAX_BYTES = int(os.environ.get("EVENTS_IMAGE_MAX_BYTES", str(8 * 1024 * 1024)))
EVENTS_IMAGE_MAX_PIXELS = int(os.environ.get("EVENTS_IMAGE_MAX_PIXELS", str(40_000_000)))
EVENTS_REMINDER_HOURS = int(os.environ.get("EVENTS_REMINDER_HOURS", "24"))
VERSO_PUBLIC_URL = os.environ.get("VERSO_PUBLIC_URL", "http://127.0.0.1:8000")

# --- card ---
# The Nature & Creativity card: checks of card codes are limited per client address and
# per user (or provider token); repeated failed checks alert the scheme's administrators.
VERSO_RATE_LIMITS["card_check"] = os.environ.get("RATELIMIT_CARD_CHECK", "120/m")
VERSO_RATE_LIMITS["card_check_user"] = os.environ.get("RATELIMIT_CARD_CHECK_USER", "60/m")
VERSO_CARD_ALERT_FAILED_CHECKS = int(os.environ.get("CARD_ALERT_FAILED_CHECKS", "10"))
VERSO_CARD_UNDO_MINUTES = int(os.environ.get("CARD_UNDO_MINUTES", "15"))
# The key of the card codes' digests; empty: SECRET_KEY. Changing it invalidates every card.
VERSO_CARD_CODE_KEY = os.environ.get("CARD_CODE_KEY", "")

# --- perf ---
# `make bench` sets VERSO_BENCH=1 to mount its bare baseline view (/bench/bare/): a page of
# a given size through the whole middleware, with no queries. Never on in production.
VERSO_BENCH = env_bool("VERSO_BENCH", False)
# The user's levels in their networks, worked out once per read-only request.
MIDDLEWARE += ["verso.networks.middleware.RequestLevelsMiddleware"]

# --- evaluation ---
# Any group or cell of fewer answers is hidden everywhere (pages, exports, API).
EVALUATION_MIN_GROUP = int(os.environ.get("EVALUATION_MIN_GROUP", "5"))
# Anonymous feedback answers per client address (an activity's phones share one Wi-Fi).
VERSO_RATE_LIMITS["feedback_answer"] = os.environ.get("RATELIMIT_FEEDBACK_ANSWER", "60/15m")
RETENTION_FEEDBACK_NAME_DAYS = int(os.environ.get("RETENTION_FEEDBACK_NAME_DAYS", "365"))
