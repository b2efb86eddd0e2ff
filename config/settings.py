"""Sinergi settings: everything that differs between machines comes from the environment."""

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_secret, env_str, load_env_file

BASE_DIR = Path(__file__).resolve().parent.parent
# A .env beside manage.py (written by `make run`; see .env.example) fills what the environment
# does not set.
load_env_file(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", default=False)
# The demo scenario: the front page lists demo logins with their current TOTP codes.
DEMO = env_bool("SINERGI_DEMO", default=DEBUG)
# Production: neither DEBUG nor the demo. Its defaults are the safe ones (secure cookies, HSTS,
# HTTPS redirect, SMTP); each can still be set explicitly. `manage.py check --deploy` is clean.
PRODUCTION = not (DEBUG or DEMO)

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or DEMO):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG and SINERGI_DEMO are off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105 -- dev/demo only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks_db",
    "sinergi.areas",
    "sinergi.units",
    "sinergi.accounts",
    "sinergi.cases",
    "sinergi.messaging",
    "sinergi.engagement",
    "sinergi.humas",
    "sinergi.patrols",
    "sinergi.early_warning",
    "sinergi.dashboards",
    "sinergi.platform",
    "sinergi.home",
    "sinergi.news",
]

MIDDLEWARE = [
    # first: a lost database is answered 503 "coba lagi", whichever layer below needed it
    "sinergi.platform.middleware.DatabaseUnavailableMiddleware",
    "sinergi.platform.middleware.RefuseNulMiddleware",
    "sinergi.platform.middleware.ForwardedForMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sinergi.platform.middleware.ChosenLanguageMiddleware",
    # before CSRF and the views: a flood is answered without touching forms or sessions' users
    "sinergi.platform.ratelimit.RateLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # before anything reads a body (the CSRF check reads a multipart upload whole)
    "sinergi.platform.middleware.RequestSizeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sinergi.accounts.middleware.OfficialTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # last, as django-axes asks: it turns lockouts raised by the backend into a response
    "axes.middleware.AxesMiddleware",
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
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sinergi.early_warning.context_processors.early_warning",
                "sinergi.home.menu.menu",
                "sinergi.areas.basemap.map_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        # a kept connection is checked before each request reuses it: after a database restart
        # the next request reconnects instead of failing (sinergi/platform/middleware.py)
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker use the file at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # The tests' database is a file too (one per test worker): the live server's threads behind
    # the browser tests then each have their own connection, as on PostgreSQL; an in-memory
    # database would be one connection shared by all, which fails when a page loads in parallel.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
# A read replica (streaming replication of the primary): the dashboards' figures read it, every
# write and every other read uses the primary (config/dbrouter.py). In tests it is the same
# test database as `default` (MIRROR).
if _replica_url := env_secret("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = dj_database_url.parse(
        _replica_url,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
        test_options={"MIRROR": "default"},
    )
DATABASE_ROUTERS = ["config.dbrouter.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# A task running longer than this is taken to have lost its worker and is run again
# (sinergi/platform/lease.py): keep it above the longest task (the full index recompute ~20 s,
# a large news import some minutes).
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 900)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "home:index"

# Login throttling: lock a username from one address after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False
# TOTP: codes from an authenticator app; repeated wrong codes slow the device down.
OTP_TOTP_ISSUER = "Sinergi"
OTP_TOTP_THROTTLE_FACTOR = 1

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", default=False) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
# The load balancer's health check may come over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^sehat/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
# Sinergi's host name is its own (e.g. sinergi.polda.example); its subdomains serve it alone.
# The preload flag only allows submitting the name to the browsers' list; nobody submits it for us.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)

# Spike alerts (sinergi/early_warning/alerts.py): the last ALERT_WINDOW_DAYS against the same
# area's ALERT_BASELINE_WEEKS periods before; at least ALERT_MIN_COUNT and above mean + k sd.
ALERT_WINDOW_DAYS = env_int("ALERT_WINDOW_DAYS", 7)
ALERT_BASELINE_WEEKS = env_int("ALERT_BASELINE_WEEKS", 8)
ALERT_MIN_COUNT = env_int("ALERT_MIN_COUNT", 5)
ALERT_SIGMAS = env_int("ALERT_SIGMAS", 3)
# A new issue of at least this severity (1-5), or one raised to it, recomputes its villages' index
# at once and tells the area's leaders and analysts (sinergi/early_warning/alerts.py).
ISSUE_ALERT_SEVERITY = env_int("ISSUE_ALERT_SEVERITY", 4)

# Public rate limits per client address and minute (0 = off); see sinergi/platform/ratelimit.py.
RATE_LIMIT_INTAKE_PER_MINUTE = env_int("RATE_LIMIT_INTAKE_PER_MINUTE", 30)
RATE_LIMIT_TRACK_PER_MINUTE = env_int("RATE_LIMIT_TRACK_PER_MINUTE", 60)
RATE_LIMIT_SIGNIN_PER_MINUTE = env_int("RATE_LIMIT_SIGNIN_PER_MINUTE", 20)

# Map tiles: a tile server the operator runs inside their network, e.g.
# "https://tiles.example.go.id/{z}/{x}/{y}.png"; empty draws maps without a background.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")

# Content-Security-Policy: every asset is served by us, so nothing else is allowed.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"] + ([MAP_TILE_URL.split("/{")[0]] if MAP_TILE_URL else []),
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

LANGUAGE_CODE = "id"
# each language by its own name: someone who cannot read Indonesian looks for "English"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
# bin/make-messages --check extracts into a copy of locale/ named by SINERGI_LOCALE_DIR
LOCALE_PATHS = [Path(env_str("SINERGI_LOCALE_DIR", "") or BASE_DIR / "locale")]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files on S3-compatible object storage (AWS S3, MinIO, Ceph, a cloud's own), needed as
# soon as there is more than one web node. Empty bucket = MEDIA_ROOT on local disk. Either way
# files are served only through the /media/ door (sinergi/platform/media.py, storage.py).
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "sinergi.platform.storage.PrivateMediaStorage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("MEDIA_S3_REGION", "") or None,
            "access_key": env_secret("MEDIA_S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_secret("MEDIA_S3_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("MEDIA_S3_PREFIX", ""),
            # path-style addressing (endpoint/bucket/key) works with every S3-compatible server
            "addressing_style": env_str("MEDIA_S3_ADDRESSING_STYLE", "path"),
        },
    }
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
# Largest photo a citizen may attach to a case (bytes), and the largest request body accepted.
CASE_PHOTO_MAX_BYTES = env_int("CASE_PHOTO_MAX_BYTES", 8_000_000)
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 10_000_000)
# Largest request body on signed-in officials' pages (several activity photos at once).
MAX_OFFICER_REQUEST_BYTES = env_int("MAX_OFFICER_REQUEST_BYTES", 60_000_000)
# Largest JSONL file of press releases read in one upload (bytes); about 5,000 releases.
NEWS_IMPORT_MAX_BYTES = env_int("NEWS_IMPORT_MAX_BYTES", 10_000_000)
# Days after closing during which a reporter may reopen a case from its tracking page.
CASE_REOPEN_DAYS = env_int("CASE_REOPEN_DAYS", 14)
# Days after a referral when its reporter is asked whether the agency acted (the officer may
# choose another day when referring).
CASE_REFERRAL_FOLLOW_UP_DAYS = env_int("CASE_REFERRAL_FOLLOW_UP_DAYS", 14)
# A recurring promise ("setiap hari", "rutin") is kept when at least this share (percent) of its
# days (weeks) up to its due date have evidence (commitment_close in
# sinergi/engagement/services/commitments.py).
COMMITMENT_MIN_EVIDENCE_RATE = env_int("COMMITMENT_MIN_EVIDENCE_PERCENT", 50) / 100
# Seconds each process keeps the active categories and current villages that intake looks up
# (sinergi/cases/lookups.py): an admin's change reaches every node within this time.
LOOKUP_CACHE_SECONDS = env_int("LOOKUP_CACHE_SECONDS", 60)
# Patrol requests within this many metres of a hotspot join it (docs/architecture.md, rules).
PATROL_CLUSTER_RADIUS_M = env_int("PATROL_CLUSTER_RADIUS_M", 200)
# A check-in farther than this from its hotspot is kept but flagged; it does not count as done.
PATROL_CHECKIN_MAX_M = env_int("PATROL_CHECKIN_MAX_M", 300)

# API: page sizes are bounded so no client can ask for the whole table.
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 20)
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 100)

# Outgoing mail (Django 6.1's MAILERS): the console in development, SMTP in production.
_MAIL = "smtp" if PRODUCTION else "console"
_EMAIL_BACKEND = env_str("EMAIL_BACKEND", "") or f"django.core.mail.backends.{_MAIL}.EmailBackend"
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": (
            {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_secret("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=False),
                "timeout": 10,
            }
            if _EMAIL_BACKEND.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Sinergi <no-reply@sinergi.local>")
# The address citizens' links in messages point to.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Chat channels. Base URLs are settings so tests and staging can point them at a fake provider.
# WhatsApp Cloud API: the app secret signs every webhook POST; the verify token answers Meta's
# subscription handshake; the access token sends messages and fetches media.
WHATSAPP_APP_SECRET = env_secret("WHATSAPP_APP_SECRET", "")
WHATSAPP_VERIFY_TOKEN = env_secret("WHATSAPP_VERIFY_TOKEN", "")
WHATSAPP_ACCESS_TOKEN = env_secret("WHATSAPP_ACCESS_TOKEN", "")
WHATSAPP_API_URL = env_str("WHATSAPP_API_URL", "https://graph.facebook.com/v23.0")
# The approved template sent outside the 24-hour window (body parameters: code, status).
WHATSAPP_TEMPLATE = env_str("WHATSAPP_TEMPLATE", "sinergi_perkembangan_laporan")
WHATSAPP_TEMPLATE_LANGUAGE = env_str("WHATSAPP_TEMPLATE_LANGUAGE", "id")
# Telegram Bot API: the bot token, and the secret_token given to setWebhook.
TELEGRAM_BOT_TOKEN = env_secret("TELEGRAM_BOT_TOKEN", "")
TELEGRAM_SECRET_TOKEN = env_secret("TELEGRAM_SECRET_TOKEN", "")
TELEGRAM_API_URL = env_str("TELEGRAM_API_URL", "https://api.telegram.org")
# The module of the guided chat conversation (handle(turn), is_small_talk(message), Turn): the
# channels in messaging/ hand it each message, and import no domain app themselves.
CHAT_CONVERSATION = "sinergi.cases.conversation"
# SMS gateway: the shared secret of both directions' HMAC signature, and where we send.
SMS_SECRET = env_secret("SMS_SECRET", "")
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL", "")
# Seconds an outbound provider call may take before it counts as failed (and is retried).
CHAT_HTTP_TIMEOUT = env_int("CHAT_HTTP_TIMEOUT", 10)
# Days a processed inbound event keeps its raw payload (it holds the sender's number); the row,
# and so the replay protection, stays.
CHAT_RAW_KEEP_DAYS = env_int("CHAT_RAW_KEEP_DAYS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
