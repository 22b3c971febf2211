"""Production: security headers, strict hosts, real mail. Passes `check --deploy` with only
DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS set (odop/core/tests/test_deploy_check.py)."""

from django.core.exceptions import ImproperlyConfigured

from config.env import SMTP_EMAIL_BACKEND, env, mailers_from_env
from config.settings.base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
# Demo accounts never exist in production, whatever the environment says.
ODOP_DEMO_MODE = False
DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS: a year, sub-domains included, preload-ready (the preload list asks for all three). A
# domain whose sub-domains are not all on HTTPS turns the last two off.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Mail really leaves the server: SMTP (EMAIL_HOST, default localhost:25) unless
# ODOP_EMAIL_BACKEND says otherwise. The console backend of base.py would drop every reminder.
MAILERS = mailers_from_env(default_backend=SMTP_EMAIL_BACKEND)
