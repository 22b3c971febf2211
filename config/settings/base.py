"""Settings shared by every environment. Every value can be set from the environment.

Defaults are safe for production: DEBUG off, demo accounts off. `local.py` turns on the
conveniences of a developer's machine; `production.py` adds security headers.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# Reference data (national ODOP list, LGD gazetteer, GI registry, HS codes, boundaries) is read
# from this folder and never copied into the repository.
ODOP_DATA_DIR = Path(env("ODOP_DATA_DIR", default=str(BASE_DIR.parent / "shared" / "data")))

# Demo accounts (random passwords, written to .demo-accounts.json) exist only when this is on.
ODOP_DEMO_MODE = env.bool("ODOP_DEMO_MODE", default=False)

# Email (certificate expiry reminders). The console by default: set ODOP_EMAIL_BACKEND (and
# Django's EMAIL_* options for SMTP) where mail should really leave the server.
MAILERS = {
    "default": {
        "BACKEND": env(
            "ODOP_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
        )
    }
}
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="ODOP Bazaar <noreply@localhost>")
ODOP_DEMO_ACCOUNTS_FILE = Path(
    env("ODOP_DEMO_ACCOUNTS_FILE", default=str(BASE_DIR / ".demo-accounts.json"))
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "simple_history",
    "odop.core",
    "odop.accounts",
    "odop.geography",
    "odop.registry",
    "odop.producers",
    "odop.evidence",
    "odop.selection",
    "odop.markets",
    "odop.exports",
    "odop.bazaar",
    "odop.outlets",
    "odop.catalogue",
    "odop.api",
    "odop.platform",
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
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "odop" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded database: a transaction takes the write lock when it begins (IMMEDIATE),
    # so two requests that read then write the same row (an order and the stock) queue
    # instead of one failing with "database is locked"; WAL lets pages read meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Short interactive queries: JIT compilation cost 0.2-0.3 s per storefront search at 1M
    # listings and saved nothing (bench/bazaar_search.py).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "catalogue:home"
LOGOUT_REDIRECT_URL = "catalogue:home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("hi", _("Hindi"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Indian digit grouping (12,34,567) for both languages.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Kolkata"
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "media/"

# A JSON request body larger or deeper than this is a 400 (odop.api.parsers, issue #10).
ODOP_API_MAX_BODY_BYTES = env.int("ODOP_API_MAX_BODY_BYTES", default=2_621_440)
ODOP_API_JSON_MAX_DEPTH = env.int("ODOP_API_JSON_MAX_DEPTH", default=32)

REST_FRAMEWORK = {
    "DEFAULT_PARSER_CLASSES": [
        "odop.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous API call is answered 401 with WWW-Authenticate.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "odop.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "odop.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ODOP Platform API",
    "DESCRIPTION": "Open data on the One District One Product registry.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CandidateStatusEnum": "odop.selection.models.CandidateStatus",
        "ScorecardStatusEnum": "odop.selection.models.ScorecardStatus",
        "AssessmentStatusEnum": "odop.selection.models.AssessmentStatus",
        "ExportPlanStatusEnum": "odop.exports.models.PlanStatus",
        "BottleneckStatusEnum": "odop.exports.models.BottleneckStatus",
        "ExporterStageEnum": "odop.exports.models.ExporterStage",
        "ListingStatusEnum": "odop.bazaar.models.ListingStatus",
        "OrderStatusEnum": "odop.bazaar.models.OrderStatus",
        "ProducerStatusEnum": "odop.producers.models.ProducerStatus",
        "ProducerKindEnum": "odop.producers.models.ProducerKind",
        "InquiryStatusEnum": "odop.bazaar.models.InquiryStatus",
        "QuoteStatusEnum": "odop.bazaar.models.QuoteStatus",
        "PaymentStatusEnum": "odop.bazaar.models.PaymentStatus",
        "OrderEventKindEnum": "odop.bazaar.models.OrderEventKind",
        "CertificationKindEnum": "odop.producers.models.CertificationKind",
        "OutletKindEnum": "odop.outlets.models.OutletKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}
