"""The production settings pass Django's deployment check with nothing set but a secret key and
the host names (issue 10: `mail.E001`, HSTS sub-domains and preload failed it)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[3]


def _run_production(
    *arguments: str, extra: dict[str, str] | None = None
) -> "subprocess.CompletedProcess[str]":
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "odop.example.gov.in",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        **(extra or {}),
    }
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_production_settings_pass_the_deploy_check() -> None:
    # Ref: #10
    result = _run_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_mail_goes_through_smtp() -> None:
    # Ref: #10 (the console backend was the production default: reminders were never sent)
    script = (
        "import django; django.setup(); from django.core.mail import mailers; "
        "print(type(mailers['default']).__module__)"
    )

    result = _run_production("-c", script)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.mail.backends.smtp"


@pytest.mark.parametrize(
    ("variable", "check_id"),
    [
        ("DJANGO_SECURE_HSTS_PRELOAD", "security.W021"),
        ("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", "security.W005"),
    ],
)
def test_hsts_options_are_configurable(variable: str, check_id: str) -> None:
    result = _run_production(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", extra={variable: "false"}
    )

    assert result.returncode == 1
    assert check_id in result.stderr + result.stdout
