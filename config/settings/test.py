"""The test suite: fast hashers, local memory e-mail, plain static storage."""

from config.env import env
from config.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ODOP_DEMO_MODE = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DATABASES["default"]["TEST"] = {"NAME": env("ODOP_TEST_DATABASE_NAME", default=None)}  # noqa: F405
# Static files come from the finders in tests; WhiteNoise would warn about a missing STATIC_ROOT.
MIDDLEWARE = [name for name in MIDDLEWARE if not name.startswith("whitenoise")]  # noqa: F405
# Jobs run as soon as they are enqueued (after commit), so a test sees their effect; the
# database queue and its worker are tested by overriding TASKS (odop/operations/tests).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Tests roll back their rows without committing, so no data version ever moves: a cached page
# would leak from one test into the next. odop/core/tests/test_page_cache.py turns it on.
ODOP_PAGE_CACHE = False
# The token endpoint's throttle counts in the shared local-memory cache for the whole run, and
# many tests ask for tokens: throttling is tested with its own rate (odop/accounts/tests).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"auth-token": "100000/minute"},
}
