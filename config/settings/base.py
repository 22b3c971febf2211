"""Settings shared by every environment. Every value can be set from the environment.

Defaults are safe for production: DEBUG off, demo accounts off. `local.py` turns on the
conveniences of a developer's machine; `production.py` adds security headers.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env, mailers_from_env

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# Reference data (national ODOP list, LGD gazetteer, GI registry, HS codes, boundaries) is read
# from this folder and never copied into the repository.
ODOP_DATA_DIR = Path(env("ODOP_DATA_DIR", default=str(BASE_DIR.parent / "shared" / "data")))
# Fonts of the PDF reports (Noto Sans and Noto Sans Devanagari; `make system-test-deps`).
ODOP_FONT_DIR = Path(env("ODOP_FONT_DIR", default="/usr/share/fonts/truetype/noto"))

# Demo accounts (random passwords, written to .demo-accounts.json) exist only when this is on.
ODOP_DEMO_MODE = env.bool("ODOP_DEMO_MODE", default=False)

# Email (certificate expiry reminders). The console by default (SMTP in production.py): set
# ODOP_EMAIL_BACKEND, and for SMTP Django's EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
# EMAIL_HOST_PASSWORD, EMAIL_USE_TLS/EMAIL_USE_SSL (config.env.mailers_from_env).
MAILERS = mailers_from_env(default_backend="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="ODOP Bazaar <noreply@localhost>")
ODOP_DEMO_ACCOUNTS_FILE = Path(
    env("ODOP_DEMO_ACCOUNTS_FILE", default=str(BASE_DIR / ".demo-accounts.json"))
)

# Product selection keeps apart who proposes, who scores and who decides (issue 12). A pairing
# listed here is allowed (proposer_on_committee, proposer_scores, proposer_decides,
# assessor_decides); none by default.
ODOP_SELECTION_DUTIES_ALLOWED = env.list("ODOP_SELECTION_DUTIES_ALLOWED", default=[])

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
    "knox",
    "axes",
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
    "odop.schemes",
    "odop.outcomes",
    "odop.skills",
    "odop.grievances",
    "odop.notifications",
    "odop.facilities",
    "odop.events",
    "odop.catalogue",
    "odop.reports",
    "odop.api",
    "odop.operations",
    "odop.platform",
    "odop.workspace",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "odop.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Anonymous pages from the cache, after the language is known and before anything that
    # depends on the visitor (odop/core/page_cache.py).
    "odop.core.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a sign-in refused for lockout into the lockout answer.
    "axes.middleware.AxesMiddleware",
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
                "django.template.context_processors.csp",
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
# django-axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:home"  # "My work": what waits for this person (issue 12)
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
# Filled by `odop collectstatic` (part of `odop bootstrap`); WhiteNoise serves it under gunicorn.
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
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
    "DEFAULT_SCHEMA_CLASS": "odop.api.schema.AutoSchema",  # documents every error status
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous API call is answered 401 with WWW-Authenticate.
        "odop.api.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "odop.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "odop.api.exceptions.exception_handler",
    # Requests per client address to the token endpoint (odop.api.auth.AuthTokenRateThrottle).
    "DEFAULT_THROTTLE_RATES": {"auth-token": env("ODOP_AUTH_TOKEN_RATE", default="60/minute")},
    # Proxies in front of the app: 0 trusts only REMOTE_ADDR, so X-Forwarded-For cannot be forged
    # to dodge the throttle. Set ODOP_TRUSTED_PROXIES behind a load balancer.
    "NUM_PROXIES": env.int("ODOP_TRUSTED_PROXIES", default=0),
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
        "MemberRoleEnum": "odop.producers.models.MemberRole",
        # The DEPC committee's roles kept their name when producers' members brought a second
        # "role" choice set (issue 11).
        "RoleEnum": "odop.exports.models.CommitteeRole",
        "OutletKindEnum": "odop.outlets.models.OutletKind",
        "EventKindEnum": "odop.events.models.EventKind",
        "OutreachKindEnum": "odop.events.models.OutreachKind",
        "ConsignmentStatusEnum": "odop.events.models.ConsignmentStatus",
        # Issues 13-17 brought more fields named "category" and "status".
        "ProductCategoryEnum": "odop.registry.models.Category",
        "ApprovalStatusEnum": "odop.schemes.models.rules.ParameterValueStatus",
        "GrievanceStatusEnum": "odop.grievances.models.GrievanceStatus",
    },
}

# Background jobs (Django's tasks framework). The embedded default is a queue in the database,
# run by `odop worker` beside the web server; with REDIS_URL set, RQ holds the queue instead
# (`odop worker` then runs an RQ worker). ODOP_TASK_RETRIES / ODOP_TASK_BACKOFF_SECONDS bound
# the retries of a failing job (odop.core.background.task_retrying).
REDIS_URL = env("REDIS_URL", default="")
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
if REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
ODOP_TASK_RETRIES = env.int("ODOP_TASK_RETRIES", default=4)
ODOP_TASK_BACKOFF_SECONDS = env.int("ODOP_TASK_BACKOFF_SECONDS", default=60)

# SMS and WhatsApp (odop.notifications.gateways): "console" logs messages (development);
# "http" posts them as JSON to ODOP_MESSAGE_GATEWAY_URL with the bearer ODOP_MESSAGE_GATEWAY_TOKEN.
ODOP_MESSAGE_GATEWAY = env("ODOP_MESSAGE_GATEWAY", default="console")
ODOP_MESSAGE_GATEWAY_URL = env("ODOP_MESSAGE_GATEWAY_URL", default="")
ODOP_MESSAGE_GATEWAY_TOKEN = env("ODOP_MESSAGE_GATEWAY_TOKEN", default="")
# Where `odop backup` writes archives, and the PostgreSQL client tools it uses (pg_dump and
# pg_restore of the server's major version; empty: the PATH, then /usr/lib/postgresql/*/bin).
ODOP_BACKUP_DIR = Path(env("ODOP_BACKUP_DIR", default=str(BASE_DIR / "backups")))
ODOP_PG_BIN_DIR = env("ODOP_PG_BIN_DIR", default="")

# Sign-in protection (django-axes): after ODOP_LOGIN_FAILURE_LIMIT failed sign-ins, from one
# address or for one account, further sign-ins there are refused (429, Retry-After) for
# ODOP_LOGIN_LOCKOUT_MINUTES; each refused try restarts the wait. Login page and token endpoint.
AXES_FAILURE_LIMIT = env.int("ODOP_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("ODOP_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_HANDLER = "odop.accounts.lockout.SecurityEventHandler"
AXES_LOCKOUT_CALLABLE = "odop.accounts.lockout.lockout_response"
# Sign-up, email verification and password reset (issue 12): how long a verification link
# lives, and how many sign-up/resend/reset requests one address or one email may make
# (django-ratelimit rates "count/period": s, m, h, d), counted in the default cache.
ODOP_EMAIL_VERIFICATION_HOURS = env.int("ODOP_EMAIL_VERIFICATION_HOURS", default=48)
ODOP_ACCOUNT_RATE_PER_IP = env("ODOP_ACCOUNT_RATE_PER_IP", default="10/h")
ODOP_ACCOUNT_RATE_PER_EMAIL = env("ODOP_ACCOUNT_RATE_PER_EMAIL", default="3/h")
AXES_IPWARE_PROXY_COUNT = REST_FRAMEWORK["NUM_PROXIES"] or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)
# API tokens (django-rest-knox): stored as SHA-512 digests, sent as `Authorization: Token <key>`,
# expiring after ODOP_API_TOKEN_TTL_HOURS (a week by default).
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.int("ODOP_API_TOKEN_TTL_HOURS", default=24 * 7)),
    "AUTH_HEADER_PREFIX": "Token",
}

# Content-Security-Policy on every response: scripts and styles only from this site's own
# files (no inline script, no inline style; pages keep their CSS in static files). The Redoc
# page alone relaxes styles (odop.api.docs). ODOP_CSP_REPORT_URI adds a report endpoint.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if ODOP_CSP_REPORT_URI := env("ODOP_CSP_REPORT_URI", default=""):
    SECURE_CSP["report-uri"] = [ODOP_CSP_REPORT_URI]
# Browser features no page of the platform uses, switched off for every page and any frame.
PERMISSIONS_POLICY = env(
    "ODOP_PERMISSIONS_POLICY",
    default=(
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
        "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
    ),
)

# The cache (anonymous pages, odop/core/page_cache.py; throttles). Redis when REDIS_URL is set.
# Otherwise files under ODOP_CACHE_DIR: every gunicorn worker sees the same entries and the same
# data versions (a local-memory cache would keep a worker serving a page another worker's write
# made stale), and it needs no server and no table. MAX_ENTRIES bounds the folder: Django counts
# the files on every write, so a few thousand keeps a write cheap.
if env("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "odop",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("ODOP_CACHE_DIR", default=str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }
# Anonymous pages are cached (off: every page is computed for every request). Entries are
# replaced when their data changes; this bounds how long any page can be served unchanged
# (e.g. a certificate that expired at midnight).
ODOP_PAGE_CACHE = env.bool("ODOP_PAGE_CACHE", default=True)
ODOP_PAGE_CACHE_SECONDS = env.int("ODOP_PAGE_CACHE_SECONDS", default=300)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
    # Security events (failed sign-ins, lockouts): one logger to route to the SIEM, at its own
    # level whatever the level of the rest (its records reach the root's handlers).
    "loggers": {"odop.security": {"level": env("ODOP_SECURITY_LOG_LEVEL", default="INFO")}},
}
