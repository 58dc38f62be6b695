"""明鉴 settings: one module, driven by environment variables.

Everything that differs between a developer's laptop, CI and an intranet server is read from
the environment here; nothing else in the code base looks at os.environ.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
import django_stubs_ext

# Django's own generic classes (ModelForm[Task] …) only become subscriptable with this patch;
# forms are subscripted where they are defined, so it runs before any app is loaded.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MINGJIAN_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name: str) -> str:
    """A secret from NAME, from the file named by NAME_FILE, or generated once into var/."""
    if os.environ.get(name):
        return os.environ[name]
    if os.environ.get(f"{name}_FILE"):
        return Path(os.environ[f"{name}_FILE"]).read_text().strip()
    key_file = VAR_DIR / f"{name.lower()}.txt"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = env_secret("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
TESTING = "pytest" in sys.modules or "PYTEST_VERSION" in os.environ

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "js_lib_bootstrap5",
    "js_lib_bootstrap_icons",
    "huey.contrib.djhuey",
    "mingjian.org",
    "mingjian.audit",
    "mingjian.workflow",
    "mingjian.workdays",
    "mingjian.notifications",
    "mingjian.cases",
    "mingjian.rectification",
    "mingjian.backups",
    "mingjian.outlines",
    "mingjian.education",
    "mingjian.selfcheck",
    "mingjian.regulations",
    "mingjian.risks",
    "mingjian.duties",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "mingjian.lib.headers.SecurityHeadersMiddleware",  # after WhiteNoise: static files stay cacheable
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mingjian.lib.sessions.SlidingSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mingjian.audit.middleware.RequestContextMiddleware",
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
                "mingjian.org.context_processors.shell",
                "mingjian.notifications.context_processors.unread",
            ],
        },
    },
]

# SQLite in WAL mode is the embedded default; DATABASE_URL selects PostgreSQL in production.
SQLITE_PATH = VAR_DIR / "mingjian.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{SQLITE_PATH}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of one failing
        # with "database is locked" half-way through a transaction.
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "mingjian.org.passwords.CharacterClassValidator"},
    {"NAME": "mingjian.org.passwords.NotDemoPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login lockout: this many failures within the window lock the account for LOCK_MINUTES.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_LOCK_MINUTES = env_int("LOGIN_LOCK_MINUTES", 15)
# Per-address throttle: this many failed sign-ins from one address within the window refuse
# further sign-ins from it (set generously: a unit's staff may share one NAT address).
LOGIN_ADDRESS_MAX_FAILURES = env_int("LOGIN_ADDRESS_MAX_FAILURES", 30)
LOGIN_ADDRESS_WINDOW_MINUTES = env_int("LOGIN_ADDRESS_WINDOW_MINUTES", 15)

# API tokens live this many hours (a working day), then the client signs in again.
API_TOKEN_HOURS = env_int("API_TOKEN_HOURS", 8)

# Idle sessions end after SESSION_IDLE_MINUTES. A signed-in request renews the window, but the
# session row is written at most once a minute (mingjian.lib.sessions), not on every request.
SESSION_ENGINE = "mingjian.lib.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
REFERRER_POLICY = "same-origin"
# Only our own files: no inline script or style, no other origin. Images may be data: URIs
# (Bootstrap draws its checkboxes and select arrows that way).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Behind TLS in production (the documented deployment); plain http on 127.0.0.1 in demo mode.
HTTPS = env_bool("HTTPS", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if HTTPS:
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 3600)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns at start-up when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names break pytest's live_server (stack.md), so tests serve plain names.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# `manage.py backup` writes here unless given --output; production puts it on another disk.
MINGJIAN_BACKUP_DIR = Path(os.environ.get("MINGJIAN_BACKUP_DIR", VAR_DIR / "backups"))
# Directory of pg_dump / pg_restore / psql when they are not the ones on PATH.
PG_BIN_DIR = os.environ.get("PG_BIN_DIR", "")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "mingjian@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

HUEY = {
    "huey_class": "huey.SqliteHuey",
    "name": "mingjian",
    "filename": str(VAR_DIR / "huey.sqlite3"),
    # Periodic jobs are written in Beijing time (crontab(hour="8") means 08:00 here).
    "utc": False,
    "immediate": TESTING,
    "consumer": {"workers": 1, "worker_type": "thread"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "mingjian.org.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: the browsable HTML API ran inline scripts (refused by the CSP) and its filter forms
    # listed related objects by their real names (case titles); /api/docs/ is the human view.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "mingjian.lib.api.BoundedPagination",  # limit 1–1000, else 400
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["mingjian.lib.api.ScopedFilterBackend"],
    "EXCEPTION_HANDLER": "mingjian.lib.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "明鉴 API",
    "DESCRIPTION": "以案促改平台接口。所有单位所属资源均按当前用户的可见范围过滤，不可见即 404。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and the docs describe every endpoint: signed-in users only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets that share a field name (kind, level, source) get names of their own.
    "ENUM_NAME_OVERRIDES": {
        "CaseLevelEnum": "mingjian.cases.models.CaseLevel",
        "CaseFormEnum": "mingjian.cases.models.Form",
        "RiskLevelEnum": "mingjian.cases.models.IntegrityRisk.Level",
        "RecommendationKindEnum": "mingjian.cases.models.Recommendation.Kind",
        "RecommendationItemKindEnum": "mingjian.cases.models.RecommendationItem.Kind",
        "FindingSourceEnum": "mingjian.cases.models.SupervisionFinding.Source",
        "ProblemSourceEnum": "mingjian.rectification.models.Problem.Source",
        "EvidenceKindEnum": "mingjian.rectification.models.Evidence.Kind",
        "ReportKindEnum": "mingjian.rectification.models.RectificationReport.Kind",
        "RegulationKindEnum": "mingjian.regulations.models.Regulation.Kind",
        "RegulationCheckKindEnum": "mingjian.regulations.models.RegulationCheck.Kind",
        "RegulationCheckResultEnum": "mingjian.regulations.models.RegulationCheck.Result",
        "TalkKindEnum": "mingjian.duties.models.Talk.Kind",
        "DutyKindEnum": "mingjian.duties.vocabulary.Kind",
        "CampaignKindEnum": "mingjian.rectification.models.Campaign.Kind",
        "DutyListStatusEnum": "mingjian.duties.models.DutyList.Status",
        "AccountabilityMethodEnum": "mingjian.cases.models.AccountabilityMethod",
    },
    # Every operation declares its 400/401/404 answers (mingjian.lib.api.document_errors).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "mingjian.lib.api.document_errors",
    ],
}

# Where the daily job and `anchor_audit` append the audit chain's head (keep a copy elsewhere):
# a file the database cannot rewrite, so `verify_audit --anchor` detects a cut-off tail.
AUDIT_ANCHOR_FILE = Path(os.environ.get("MINGJIAN_AUDIT_ANCHOR_FILE", VAR_DIR / "audit-anchors.jsonl"))

# Product settings.
MINGJIAN_CITY_NAME = os.environ.get("MINGJIAN_CITY_NAME", "X市")
# LibreOffice for PDFs of generated documents: found on PATH (soffice) unless a path is given;
# without it the PDF downloads are hidden. Each conversion is ended after this many seconds.
MINGJIAN_SOFFICE = os.environ.get("MINGJIAN_SOFFICE", "")
MINGJIAN_PDF_TIMEOUT = env_int("MINGJIAN_PDF_TIMEOUT", 60)
# A searched field (a person, unit, case or task) lists every candidate in a <select> up to this
# many; above it the field is a search box (org.picker): a province has 200,000 cadres, 2,000 units.
PICKER_MAX_OPTIONS = env_int("PICKER_MAX_OPTIONS", 200)
# A faint watermark with the viewer's name and the time on every page.
MINGJIAN_WATERMARK = env_bool("MINGJIAN_WATERMARK", True)
# The password every demo account gets from seed_demo; refused for real use.
MINGJIAN_DEMO_PASSWORD = "Mingjian@2026"  # noqa: S105  (public by design; refused in production)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
