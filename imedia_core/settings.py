"""Django settings, read from the environment. ``docs/configuration.md`` lists every variable.

Production defaults are safe: DEBUG is off, a SECRET_KEY is required, cookies are secure and
HSTS is on unless ``IMEDIA_HTTPS=false``. ``bin/demo`` turns on what a local demo needs.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from imedia_core.env import email_settings, env_bool, env_int, env_list, env_str
from imedia_core.pluginhost.apps import merge_plugin_apps

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY est obligatoire quand DEBUG est désactivé : exportez SECRET_KEY (voir "
            "docs/configuration.md), ou passez par bin/imedia sur un poste de développement."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

# The tenant router validates every host against the platform hosts and the tenants' domains
# (unknown hosts get a JSON 404), so Django's own host check is left open by default: tenant
# domains are rows, not settings. Set ALLOWED_HOSTS to narrow it further (".example.org").
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "*")

# Hosts that serve the platform itself (operator API, health, OpenAPI) and path-prefixed or
# header-routed tenant requests (``/t/<slug>/...``, ``X-Imedia-Tenant``).
IMEDIA_PLATFORM_HOSTS = env_list("IMEDIA_PLATFORM_HOSTS", "localhost,127.0.0.1,testserver")
IMEDIA_TENANT_HEADER = "X-Imedia-Tenant"
IMEDIA_TENANT_PATH_PREFIX = "t"
# How long a route stays cached. With Redis every process shares it and sees invalidations at
# once; without, each process keeps its own copy, seen stale by the others: keep that short.
IMEDIA_ROUTING_CACHE_SECONDS = env_int("IMEDIA_ROUTING_CACHE_SECONDS", 60 if env_str("REDIS_URL") else 5)

HTTPS = env_bool("IMEDIA_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
if env_bool("IMEDIA_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# --- applications -------------------------------------------------------------------------
# imedia_core comes first so its ``migrate`` (which keeps the template schema current)
# overrides django-tenants' own; django_tenants comes after the admin so its admin templates,
# which assume a tenant on every request, do not replace the stock ones.
SHARED_APPS = [
    "imedia_core",
    "tenants",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.admin",
    "django_tenants",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "graphene_django",
    "django_prose_editor",  # the admin's rich-text editor (static assets served locally)
    "imedia_core.commons",
    "imedia_core.privacy",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.admin",
    "imedia_core.audit",
    "imedia_core.content",
    "imedia_core.library",
    "imedia_core.cycle",
    "imedia_core.pages",
    "imedia_core.events",
    "imedia_core.participation",
    "imedia_core.feedback",
    "imedia_core.guidance",
    "imedia_core.diagnostics",
    "imedia_core.connectors",
]
SHARED_APPS, TENANT_APPS = merge_plugin_apps(SHARED_APPS, TENANT_APPS)
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Tenant"
TENANT_DOMAIN_MODEL = "tenants.Domain"
AUTH_USER_MODEL = "tenants.User"
PUBLIC_SCHEMA_NAME = "public"
# New tenants are cloned from this schema (kept current by ``imedia migrate``), never built by
# replaying migrations.
TENANT_BASE_SCHEMA = "imedia_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
TENANT_LIMIT_SET_CALLS = True
# Measured (bench/provisioning.py): more processes than cores only adds contention.
TENANT_MULTIPROCESSING_MAX_PROCESSES = env_int("IMEDIA_MIGRATION_PROCESSES", os.cpu_count() or 2)
TENANT_MULTIPROCESSING_CHUNKS = 2
IMEDIA_MIGRATION_EXECUTOR = env_str("IMEDIA_MIGRATION_EXECUTOR", "multiprocessing")

DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/imedia"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
        engine="django_tenants.postgresql_backend",
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

MIDDLEWARE = [
    # Content-Security-Policy on HTML, nosniff / referrer / permissions on all (imedia_core/security_headers.py).
    "imedia_core.security_headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # No NUL byte in the path, query string, headers or admin forms (imedia_core/input_checks.py).
    "imedia_core.input_checks.RefuseNulMiddleware",
    # Static files (the admin's CSS and JS) need no tenant: served before routing.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tenants.routing.TenantRouterMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The browser's language if offered, else the space's locale (imedia_core/i18n.py).
    "imedia_core.i18n.TenantLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "imedia_core.urls_tenant"
PUBLIC_SCHEMA_URLCONF = "imedia_core.urls_public"
WSGI_APPLICATION = "imedia_core.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

# --- people and passwords -------------------------------------------------------------------
AUTHENTICATION_BACKENDS = ["tenants.auth.login.ThrottledEmailBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
IMEDIA_TOKEN_TTL = timedelta(hours=env_int("IMEDIA_TOKEN_TTL_HOURS", 24 * 7))
IMEDIA_LOGIN_MAX_ATTEMPTS = env_int("IMEDIA_LOGIN_MAX_ATTEMPTS", 5)
IMEDIA_LOGIN_WINDOW_SECONDS = env_int("IMEDIA_LOGIN_WINDOW_SECONDS", 900)

# --- personal data: retention periods in days (docs/privacy.md; 0 keeps rows forever) -------
from imedia_core.privacy.defaults import RETENTION_DEFAULTS as _RETENTION  # noqa: E402

IMEDIA_RETENTION_UNANSWERED_SEARCH_DAYS = env_int(
    "IMEDIA_RETENTION_UNANSWERED_SEARCH_DAYS", _RETENTION["IMEDIA_RETENTION_UNANSWERED_SEARCH_DAYS"]
)
IMEDIA_RETENTION_AUDIT_DAYS = env_int("IMEDIA_RETENTION_AUDIT_DAYS", _RETENTION["IMEDIA_RETENTION_AUDIT_DAYS"])
IMEDIA_RETENTION_TOKENS_DAYS = env_int("IMEDIA_RETENTION_TOKENS_DAYS", _RETENTION["IMEDIA_RETENTION_TOKENS_DAYS"])
IMEDIA_RETENTION_REPORTS_DAYS = env_int("IMEDIA_RETENTION_REPORTS_DAYS", _RETENTION["IMEDIA_RETENTION_REPORTS_DAYS"])
IMEDIA_RETENTION_MODERATION_DAYS = env_int(
    "IMEDIA_RETENTION_MODERATION_DAYS", _RETENTION["IMEDIA_RETENTION_MODERATION_DAYS"]
)
IMEDIA_RETENTION_WEBHOOK_DELIVERIES_DAYS = env_int(
    "IMEDIA_RETENTION_WEBHOOK_DELIVERIES_DAYS", _RETENTION["IMEDIA_RETENTION_WEBHOOK_DELIVERIES_DAYS"]
)
# Invitations to join a space (tenants/invitations.py): how long a link stays valid, how many a
# tenant admin may send per hour in one space, and the page of the space's site that accepts them
# ({token} and {space} are filled in; empty: the e-mail gives the code to enter).
IMEDIA_INVITATION_TTL_DAYS = env_int("IMEDIA_INVITATION_TTL_DAYS", 7)
IMEDIA_INVITATIONS_PER_HOUR = env_int("IMEDIA_INVITATIONS_PER_HOUR", 30)
IMEDIA_INVITATION_ACCEPT_URL = env_str("IMEDIA_INVITATION_ACCEPT_URL", "")

# --- cache ----------------------------------------------------------------------------------
# "default" prefixes every key with the current schema (django-tenants' make_key), so two
# tenants never share an entry. "platform" holds what is global on purpose: the routing table
# and login throttles, keyed without a schema.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # A Redis outage degrades to "no cache" (routing hits the database, the login throttle
    # fails open) instead of failing every request, migration and provisioning.
    _backend = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"IGNORE_EXCEPTIONS": True},
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    _backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
CACHES = {
    "default": {
        **_backend,
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        "KEY_PREFIX": "imedia",
        **({} if REDIS_URL else {"LOCATION": "imedia-default"}),
    },
    "platform": {
        **_backend,
        "KEY_PREFIX": "imedia-platform",
        **({} if REDIS_URL else {"LOCATION": "imedia-platform"}),
    },
}

# --- files ----------------------------------------------------------------------------------
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media"))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
# Each tenant's files live under MEDIA_ROOT/<schema>/ (django-tenants' tenant-aware storage).
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# S3-compatible object storage instead, when a bucket is configured (``pip install imedia[s3]``):
# keys are ``<IMEDIA_S3_PREFIX>/<schema>/resources/...``, so tenants never share a key.
IMEDIA_S3_BUCKET = env_str("IMEDIA_S3_BUCKET")
if IMEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "imedia_core.library.storage.TenantS3Storage",
        "OPTIONS": {
            "bucket_name": IMEDIA_S3_BUCKET,
            "endpoint_url": env_str("IMEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env_str("IMEDIA_S3_REGION") or None,
            "access_key": env_str("IMEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("IMEDIA_S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("IMEDIA_S3_PREFIX", "media").strip("/"),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
            "addressing_style": env_str("IMEDIA_S3_ADDRESSING_STYLE") or None,
        },
    }
STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = DEBUG  # development: no collectstatic needed
# Request bodies read in memory (JSON, GraphQL, the non-file fields of a multipart form).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("IMEDIA_MAX_REQUEST_BYTES", 1024 * 1024)
# Resource files (REST multipart upload): larger than FILE_UPLOAD_MAX_MEMORY_SIZE, an upload is
# spooled to a temporary file (FILE_UPLOAD_TEMP_DIR) while it is checked; above
# IMEDIA_MAX_UPLOAD_BYTES it is refused with 413 and nothing is kept.
IMEDIA_MAX_UPLOAD_BYTES = env_int("IMEDIA_MAX_UPLOAD_BYTES", 25 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = min(2_621_440, IMEDIA_MAX_UPLOAD_BYTES)
FILE_UPLOAD_TEMP_DIR = env_str("FILE_UPLOAD_TEMP_DIR") or None
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# Media types accepted for resource files (detected from the content; empty: every type
# imedia_core.library.uploads knows: PDF, PNG, JPEG, WebP, GIF, MP3, MP4, Ogg, WebM,
# OpenDocument, Office Open XML, plain text, CSV).
IMEDIA_UPLOAD_ALLOWED_TYPES = env_list("IMEDIA_UPLOAD_ALLOWED_TYPES", "")

# --- HTTP APIs ------------------------------------------------------------------------------
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", "")
CORS_ALLOW_HEADERS = (
    "accept",
    "authorization",
    "content-type",
    "x-imedia-tenant",
    "x-api-key",
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["tenants.auth.drf.ImediaAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["imedia_core.rest.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "imedia_core.rest.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "imedia REST API",
    "DESCRIPTION": "Operator provisioning, health and authentication. Content lives in GraphQL.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The error body and the error answers of every operation (imedia_core/rest/openapi.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "imedia_core.rest.openapi.add_error_responses",
    ],
}

# Each mutation runs in its own savepoint (BaseMutation); a document with several mutations
# keeps those that succeeded, as GraphQL's serial execution implies.
GRAPHENE = {"SCHEMA": "imedia_core.graphql.api.schema"}
IMEDIA_GRAPHQL_MAX_PAGE_SIZE = env_int("IMEDIA_GRAPHQL_MAX_PAGE_SIZE", 100)
IMEDIA_GRAPHQL_MAX_DEPTH = env_int("IMEDIA_GRAPHQL_MAX_DEPTH", 12)
IMEDIA_GRAPHQL_MAX_COST = env_int("IMEDIA_GRAPHQL_MAX_COST", 50000)
IMEDIA_GRAPHQL_MAX_ALIASES = env_int("IMEDIA_GRAPHQL_MAX_ALIASES", 30)
# Size limits checked before validation (issue 12): the request body of /graphql/ (bytes, also
# the query string of a GET), the document's lexical tokens, and its fields and directives.
IMEDIA_GRAPHQL_MAX_BYTES = env_int("IMEDIA_GRAPHQL_MAX_BYTES", 100_000)
IMEDIA_GRAPHQL_MAX_TOKENS = env_int("IMEDIA_GRAPHQL_MAX_TOKENS", 10_000)
# The standard rule "overlapping fields" grows with the square of repeated fields: 250 fields
# validate in about 0.2 s at worst; the largest example operation has 64, introspection 72.
IMEDIA_GRAPHQL_MAX_FIELDS = env_int("IMEDIA_GRAPHQL_MAX_FIELDS", 250)
IMEDIA_GRAPHQL_MAX_DIRECTIVES = env_int("IMEDIA_GRAPHQL_MAX_DIRECTIVES", 100)
IMEDIA_GRAPHIQL = env_bool("IMEDIA_GRAPHIQL", DEBUG)
# Origins added to the Content-Security-Policy of HTML pages, per directive (docs/configuration.md).
IMEDIA_CSP_EXTRA_SOURCES = env_str("IMEDIA_CSP_EXTRA_SOURCES", "")

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
# French is the source language; locale/en translates it (docs/back-office.md, "Langues").
LOCALE_PATHS = [BASE_DIR / "imedia_core" / "locale"]  # shipped inside the package (deploy installs it)
TIME_ZONE = env_str("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

# E-mail (notifications, invitations): one address, EMAIL_URL (imedia_core.env.email_settings);
# EMAIL_BACKEND alone still works. bin/demo writes the demo's messages to var/mail/.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if env_str("EMAIL_URL"):
    try:
        globals().update(email_settings(env_str("EMAIL_URL")))
    except ValueError as exc:
        raise ImproperlyConfigured(str(exc)) from exc
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "imedia <ne-pas-repondre@imedia.localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"tenant": {"()": "django_tenants.log.TenantContextFilter"}},
    "formatters": {"tenant": {"format": "%(asctime)s %(levelname)s [%(schema_name)s] %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["tenant"], "formatter": "tenant"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- events and background delivery ---------------------------------------------------------
# Domain events leave through a per-tenant transactional outbox (docs/webhooks.md). The engine
# is Celery when a broker is configured (CELERY_BROKER_URL, else REDIS_URL), otherwise the
# polling command ``imedia events_worker`` (which bin/demo runs next to the server).
import importlib.util  # noqa: E402

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is redelivered (work is idempotent)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
# Celery only when it is installed too (``pip install imedia[celery]``): REDIS_URL alone may
# serve just the cache.
_celery_installed = importlib.util.find_spec("tenant_schemas_celery") is not None
IMEDIA_EVENTS_ENGINE = env_str("IMEDIA_EVENTS_ENGINE") or (
    "celery" if CELERY_BROKER_URL and _celery_installed else "worker"
)
if IMEDIA_EVENTS_ENGINE not in ("celery", "worker"):
    raise ImproperlyConfigured("IMEDIA_EVENTS_ENGINE must be 'celery' or 'worker'.")
if IMEDIA_EVENTS_ENGINE == "celery" and not _celery_installed:
    raise ImproperlyConfigured("IMEDIA_EVENTS_ENGINE=celery needs `pip install imedia[celery]`.")
IMEDIA_EVENTS_SWEEP_SECONDS = env_int("IMEDIA_EVENTS_SWEEP_SECONDS", 60)  # Celery beat: catch-up sweep
IMEDIA_EVENTS_WORKER_INTERVAL = env_int("IMEDIA_EVENTS_WORKER_INTERVAL", 2)  # events_worker: idle poll
IMEDIA_EVENTS_BATCH_SIZE = env_int("IMEDIA_EVENTS_BATCH_SIZE", 100)
IMEDIA_EVENTS_RETRY_BASE_SECONDS = env_int("IMEDIA_EVENTS_RETRY_BASE_SECONDS", 10)  # a failing hook
IMEDIA_EVENTS_RETRY_MAX_SECONDS = env_int("IMEDIA_EVENTS_RETRY_MAX_SECONDS", 3600)
# Dispatched events (and their webhook delivery logs) older than this are purged; 0 keeps them.
IMEDIA_EVENTS_RETENTION_DAYS = env_int("IMEDIA_EVENTS_RETENTION_DAYS", 30)
# Webhooks: refuse receivers on loopback, private, link-local and reserved addresses (SSRF).
# Default: refused in production (DEBUG off), allowed in development and the demo.
IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_bool("IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", DEBUG)
IMEDIA_WEBHOOKS_TIMEOUT_SECONDS = env_int("IMEDIA_WEBHOOKS_TIMEOUT_SECONDS", 10)

# --- connectors (docs/connectors.md) ----------------------------------------------------------
# Fernet keys that encrypt the links' credentials, newest first (comma-separated, url-safe base64
# of 32 bytes each). Unset: one key derived from SECRET_KEY (HKDF-SHA256). To rotate, put the new
# key first, keep the old ones after it, then run `imedia connector reencrypt`.
IMEDIA_CONNECTOR_KEYS = env_list("IMEDIA_CONNECTOR_KEYS", "")
# Links to plain http:// addresses and to private, loopback or reserved addresses: development only.
IMEDIA_CONNECTORS_ALLOW_HTTP = env_bool("IMEDIA_CONNECTORS_ALLOW_HTTP", DEBUG)
IMEDIA_CONNECTORS_ALLOW_PRIVATE_ADDRESSES = env_bool("IMEDIA_CONNECTORS_ALLOW_PRIVATE_ADDRESSES", DEBUG)
IMEDIA_CONNECTORS_TIMEOUT_SECONDS = env_int("IMEDIA_CONNECTORS_TIMEOUT_SECONDS", 20)
# Attempts of one request to a platform (429, 5xx, network errors) before the pass stops.
IMEDIA_CONNECTORS_MAX_ATTEMPTS = env_int("IMEDIA_CONNECTORS_MAX_ATTEMPTS", 5)
IMEDIA_CONNECTORS_RETRY_BASE_SECONDS = env_int("IMEDIA_CONNECTORS_RETRY_BASE_SECONDS", 2)
IMEDIA_CONNECTORS_RETRY_MAX_SECONDS = env_int("IMEDIA_CONNECTORS_RETRY_MAX_SECONDS", 120)
# Pages stored per job run and link (a long first import goes on at the next run).
IMEDIA_CONNECTORS_PAGES_PER_RUN = env_int("IMEDIA_CONNECTORS_PAGES_PER_RUN", 50)
# Contributions and comments a service account (API key with the "contribute" scope) may submit per hour.
IMEDIA_SERVICE_ACCOUNT_RATE_LIMIT = env_int("IMEDIA_SERVICE_ACCOUNT_RATE_LIMIT", 600)
