"""Settings for mrplan, read from the environment (see docs/operations.md)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from mrplan.env import dev_secret_key, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(env_str("MRPLAN_VAR_DIR", str(PROJECT_DIR / "var")))

# "dev" needs no configuration at all; "production" refuses to start without secrets.
ENVIRONMENT = env_str("MRPLAN_ENV", "dev")
IS_DEV = ENVIRONMENT == "dev"
DEBUG = env_bool("DEBUG", default=IS_DEV)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not IS_DEV:
        raise ImproperlyConfigured("SECRET_KEY or SECRET_KEY_FILE must be set outside dev.")
    SECRET_KEY = dev_secret_key(VAR_DIR / "dev-secret-key")

# Signs statement versions and approvals (HMAC-SHA256, docs/consultations.md); keep it apart
# from SECRET_KEY and never change it without re-sealing (see the docs).
ATTESTATION_KEY = env_str("MRPLAN_ATTESTATION_KEY")
if not ATTESTATION_KEY:
    if not IS_DEV:
        raise ImproperlyConfigured(
            "MRPLAN_ATTESTATION_KEY or MRPLAN_ATTESTATION_KEY_FILE must be set outside dev."
        )
    ATTESTATION_KEY = dev_secret_key(VAR_DIR / "dev-attestation-key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "template_partials",
    "pgtrigger",
    "csp",
    "mrplan.core",
    "mrplan.accounts",
    "mrplan.organisations",
    "mrplan.programmes",
    "mrplan.planning",
    "mrplan.consultations",
    "mrplan.knowledge",
    "mrplan.collaboration",
    "mrplan.public",
    "mrplan.api",
    "mrplan.worklist",
    "mrplan.demo",
    "corsheaders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CORS for the public API and open data files (GET only, never with credentials).
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After Locale (the refusal is in the reader's language), before any view reads input.
    "mrplan.core.middleware.BadInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After Locale and Authentication: the API's language and caching headers.
    "mrplan.api.middleware.ApiMannersMiddleware",
    # Security headers and no-store for signed-in pages (see the security block below).
    "csp.middleware.CSPMiddleware",
    "mrplan.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After Locale (the language is part of the key) and CSRF (each reader gets a fresh token).
    "mrplan.public.cache.PublicPageCacheMiddleware",
]

# Anyone's web page may read the public API and the open data files from the browser:
# safe methods only, and no cookies or tokens (CORS_ALLOW_CREDENTIALS is off).
CORS_URLS_REGEX = r"^/(api/v1|oppet/data)/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

ROOT_URLCONF = "mrplan.urls"
WSGI_APPLICATION = "mrplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mrplan.accounts.context_processors.roles",
            ],
            "builtins": ["mrplan.core.templatetags.content"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'mrplan.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "MRPLAN_POSTGRES_JIT"
):
    # PostgreSQL's JIT compiles a query whose estimated cost passes jit_above_cost; for this
    # application's short queries over a city's rows a misestimate means ~1 s of compiling to
    # run 20 ms of work (seen on the city-wide view, docs/performance.md). Off per connection.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One process: an in-memory cache. Several workers or hosts: set REDIS_URL.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "mrplan"}
    )
}
# Anonymous public pages are cached this long, and dropped as soon as anything changes.
MRPLAN_PUBLIC_CACHE_SECONDS = env_int("MRPLAN_PUBLIC_CACHE_SECONDS", 300)
# The bodies of the plan page and "Mina uppgifter" are cached this long per reader
# (accounts/reader_cache.py), and dropped as soon as anything changes; 0 switches it off.
MRPLAN_READER_CACHE_SECONDS = env_int("MRPLAN_READER_CACHE_SECONDS", 300)
# The CACHES entry the public pages are cached in.
MRPLAN_PUBLIC_CACHE_ALIAS = env_str("MRPLAN_PUBLIC_CACHE_ALIAS", "default")

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts-login"
# Signed-in people start on their own tasks (Mina uppgifter), unless `next` says otherwise.
LOGIN_REDIRECT_URL = "worklist-my-tasks"
LOGOUT_REDIRECT_URL = "core-home"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# The open data files (/oppet/data/): built by a background job when public content changes
# and served from this directory (docs/operations.md, "Open data files"). Derived data, so
# not under MEDIA_ROOT (not in backups); with several hosts it must be shared like MEDIA_ROOT.
MRPLAN_OPENDATA_DIR = Path(env_str("MRPLAN_OPENDATA_DIR", str(VAR_DIR / "opendata")))
# A burst of edits is rebuilt once, this long after the first; a withdrawal at once.
MRPLAN_OPENDATA_REBUILD_DELAY_SECONDS = env_int("MRPLAN_OPENDATA_REBUILD_DELAY_SECONDS", 30)
# With no file to serve, a request builds the files itself if the public data has at most
# this many activities and observations (a few seconds); above that, or with 0, it answers
# 503 with Retry-After while the job builds them.
MRPLAN_OPENDATA_SYNC_MAX_ROWS = env_int("MRPLAN_OPENDATA_SYNC_MAX_ROWS", 2_000)
# In dev the app serves static files straight from the apps; production runs collectstatic.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", default=IS_DEV)
WHITENOISE_AUTOREFRESH = DEBUG
if IS_DEV:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if IS_DEV
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if IS_DEV
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "mrplan <noreply@mrplan.local>")
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
# How soon an accessibility report gets an answer, as promised on the statement page.
ACCESSIBILITY_RESPONSE_DAYS = env_int("ACCESSIBILITY_RESPONSE_DAYS", 10)
# Open data: who publishes it and where to write about it (DCAT-AP-SE, datapackage.json).
OPEN_DATA_PUBLISHER = env_str("OPEN_DATA_PUBLISHER", "Stockholms stad")
OPEN_DATA_CONTACT_EMAIL = env_str("OPEN_DATA_CONTACT_EMAIL", "oppnadata@mrplan.local")
# Reports of accessibility problems one address may send per hour (the form needs no login).
MRPLAN_ACCESSIBILITY_REPORTS_PER_HOUR = env_int("MRPLAN_ACCESSIBILITY_REPORTS_PER_HOUR", 5)
# Reverse proxies in front of mrplan whose X-Forwarded-For may be trusted (0: use REMOTE_ADDR).
MRPLAN_TRUSTED_PROXIES = env_int("MRPLAN_TRUSTED_PROXIES", 0)

# Knowledge base imports (docs/knowledge.md): the largest file accepted, the smallest group
# of respondents shown (smaller aggregates are suppressed), and whether raw survey
# microdata is kept after a confirmed import (off: only the aggregates are stored).
KNOWLEDGE_MAX_UPLOAD_BYTES = env_int("KNOWLEDGE_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
KNOWLEDGE_MIN_GROUP_SIZE = env_int("KNOWLEDGE_MIN_GROUP_SIZE", 5)
KNOWLEDGE_KEEP_MICRODATA = env_bool("KNOWLEDGE_KEEP_MICRODATA", False)

# --- Security (hardening) ------------------------------------------------------------
# One block for the HTTP security settings; see docs/security.md. With MRPLAN_ENV=production
# `mrplan check --deploy` reports nothing (tests/test_core_security_headers.py).
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Behind the proxy every request arrives as https; plain http is redirected.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe the health endpoints over plain http.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No inline script or style anywhere: every script and style sheet is a file from 'self'.
# The API documentation (Swagger UI sets style attributes) widens style-src for itself
# only, in mrplan.api.docs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Browser features mrplan never uses are switched off (mrplan.core.middleware).
MRPLAN_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)
# Personal data: contact persons unused this many days are listed for review, and deleted
# by `mrplan purge_contacts` when still unused the retention days after that.
COLLABORATION_CONTACT_REVIEW_DAYS = env_int("COLLABORATION_CONTACT_REVIEW_DAYS", 365)
COLLABORATION_CONTACT_RETENTION_DAYS = env_int("COLLABORATION_CONTACT_RETENTION_DAYS", 90)
# --- End of security block -------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# ---------------------------------------------------------------------------
# Authentication: sessions, sign-in throttling, two-factor, single sign-on.
# (Kept in one block; see docs/authentication.md.)
# ---------------------------------------------------------------------------
# A session lasts this long from sign-in, whatever the activity.
SESSION_COOKIE_AGE = env_int("MRPLAN_SESSION_AGE_HOURS", 8) * 3600

# Two-factor sign-in with TOTP apps and backup codes (django-otp). Whether it is
# required for coordinators, org admins and approvers is set by the coordinator in the app.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "mrplan.accounts.middleware.TwoFactorMiddleware",
)
OTP_TOTP_ISSUER = "mrplan"
# A sign-in through SSO counts as two-factor (the e-ID or the provider asks for it).
MRPLAN_SSO_COUNTS_AS_TWO_FACTOR = env_bool("MRPLAN_SSO_COUNTS_AS_TWO_FACTOR", default=True)

# Sign-in throttling (django-axes): after MRPLAN_LOGIN_FAILURE_LIMIT failures for one
# username, or from one address, even the right password is refused for the cool-off.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("MRPLAN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("MRPLAN_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "mrplan.accounts.throttling.locked_out"
AXES_CLIENT_IP_CALLABLE = "mrplan.accounts.throttling.client_address"
AXES_VERBOSE = False
# Sign-ins are recorded in the audit trail; axes keeps only the failure counts.
AXES_DISABLE_ACCESS_LOG = True
# MRPLAN_TRUSTED_PROXIES (above) says which X-Forwarded-For to trust for the address.

# Single sign-on with OpenID Connect (mozilla-django-oidc); off unless OIDC_RP_CLIENT_ID
# is set. SAML identity providers (Sweden Connect, SITHS) are reached through a broker
# that speaks OIDC to mrplan. SSO only authenticates: roles stay managed in mrplan.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
MRPLAN_OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts-sso-callback"
# The claim that identifies a person for good (stored on the user); never the e-mail.
MRPLAN_OIDC_USER_CLAIM = env_str("MRPLAN_OIDC_USER_CLAIM", "sub")
# Create an account on a first sign-in; off: only accounts already linked may sign in.
MRPLAN_OIDC_CREATE_USERS = env_bool("MRPLAN_OIDC_CREATE_USERS", default=True)
if MRPLAN_OIDC_ENABLED:
    _missing = [
        name
        for name in (
            "OIDC_OP_ISSUER",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
        if not globals()[name]
    ]
    if _missing:
        raise ImproperlyConfigured(f"OIDC_RP_CLIENT_ID is set but not {', '.join(_missing)}.")
    AUTHENTICATION_BACKENDS += ["mrplan.accounts.oidc.OIDCBackend"]

# --- Operations (ops): background jobs, e-mail outbox, cache for several workers ----------
# Kept in one block so other changes to this file merge cleanly. See docs/operations.md.
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "mrplan.jobs"]
TASKS = {
    "default": {
        "BACKEND": env_str("MRPLAN_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# The configured EMAIL_BACKEND above is the one the worker delivers through; the app
# itself writes every message to the outbox (in the caller's transaction).
MRPLAN_EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND
if env_bool("MRPLAN_EMAIL_OUTBOX", default=True):
    EMAIL_BACKEND = "mrplan.jobs.mail.OutboxEmailBackend"
MRPLAN_EMAIL_MAX_ATTEMPTS = env_int("MRPLAN_EMAIL_MAX_ATTEMPTS", 12)
MRPLAN_EMAIL_RETRY_BASE_SECONDS = env_int("MRPLAN_EMAIL_RETRY_BASE_SECONDS", 60)
MRPLAN_EMAIL_RETRY_MAX_SECONDS = env_int("MRPLAN_EMAIL_RETRY_MAX_SECONDS", 6 * 3600)
# Limits for uploads parsed in a job (imports): a hostile file is refused, not run.
MRPLAN_JOB_TIME_LIMIT_SECONDS = env_int("MRPLAN_JOB_TIME_LIMIT_SECONDS", 120)
# Finished jobs (with what they read or built) are deleted after this many days.
MRPLAN_JOB_KEEP_DAYS = env_int("MRPLAN_JOB_KEEP_DAYS", 7)
MRPLAN_IMPORT_MAX_ROWS = env_int("MRPLAN_IMPORT_MAX_ROWS", 20_000)
MRPLAN_IMPORT_MAX_CELLS = env_int("MRPLAN_IMPORT_MAX_CELLS", 500_000)
MRPLAN_IMPORT_MAX_PAGES = env_int("MRPLAN_IMPORT_MAX_PAGES", 200)
MRPLAN_IMPORT_MAX_UNZIPPED_BYTES = env_int("MRPLAN_IMPORT_MAX_UNZIPPED_BYTES", 50 * 1024 * 1024)

# `mrplan backup` signs its manifest with this key (default: SECRET_KEY); restore checks it.
MRPLAN_BACKUP_KEY = env_str("MRPLAN_BACKUP_KEY")

# A per-process cache is wrong with several workers: each would keep its own copy of
# public pages and its own invalidation counter. Production uses Redis or the database.
if env_bool("MRPLAN_DATABASE_CACHE"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "mrplan_cache",
        }
    }
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", 0)
if not IS_DEV and CACHES["default"]["BACKEND"].endswith("LocMemCache") and WEB_CONCURRENCY != 1:
    raise ImproperlyConfigured(
        "The in-memory cache is per process: set REDIS_URL or MRPLAN_DATABASE_CACHE=1 "
        "(then run `mrplan createcachetable`), or WEB_CONCURRENCY=1 for a single worker."
    )
# --- end of operations block -------------------------------------------------------------

# `make bench` only (docs/performance.md): each answer carries its server time and query
# count (Server-Timing, X-Mrplan-Queries). Off by default; never set it in production.
MRPLAN_BENCH_HEADERS = env_bool("MRPLAN_BENCH_HEADERS")
if MRPLAN_BENCH_HEADERS:
    MIDDLEWARE.insert(0, "mrplan.core.middleware.BenchHeadersMiddleware")
