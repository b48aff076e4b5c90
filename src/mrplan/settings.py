"""Settings for mrplan, read from the environment (see docs/operations.md)."""

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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After Locale (the language is part of the key) and CSRF (each reader gets a fresh token).
    "mrplan.public.cache.PublicPageCacheMiddleware",
]

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

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts-login"
LOGIN_REDIRECT_URL = "accounts-memberships"
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

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

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
