"""`odop bootstrap`: what `make run` needs before serving, in one process.

Migrate, collect static files, import the reference data (skipped when unchanged), store the
shipped scorecards and, in demo mode, ensure the demo accounts. Every step is a no-op when
there is nothing to do.
"""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, collect static files, import reference data, create demo accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("import_reference")
        call_command("install_scorecards")
        if settings.ODOP_DEMO_MODE:
            call_command("seed_demo")
