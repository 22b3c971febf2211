"""Where the project lives and how settings read the environment."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env (git-ignored) may hold overrides; .env.example lists every variable.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SMTP_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def mailers_from_env(*, default_backend: str) -> dict[str, dict[str, object]]:
    """Django's MAILERS from ODOP_EMAIL_BACKEND and, for SMTP, Django's usual EMAIL_* names.

    With MAILERS, the SMTP backend reads its server from OPTIONS (it requires `host`), no longer
    from EMAIL_HOST and friends; other backends take no options.
    """
    backend = env("ODOP_EMAIL_BACKEND", default=default_backend)
    mailer: dict[str, object] = {"BACKEND": backend}
    if backend == SMTP_EMAIL_BACKEND:
        port = env.int("EMAIL_PORT", default=0)
        timeout = env.int("EMAIL_TIMEOUT", default=30)
        mailer["OPTIONS"] = {
            "host": env("EMAIL_HOST", default="localhost"),
            "port": port or None,
            "username": env("EMAIL_HOST_USER", default=""),
            "password": env("EMAIL_HOST_PASSWORD", default=""),
            "use_tls": env.bool("EMAIL_USE_TLS", default=False),
            "use_ssl": env.bool("EMAIL_USE_SSL", default=False),
            "timeout": timeout,
        }
    return {"default": mailer}
