"""`odop bootstrap`: what `make run` needs before serving, in one process.

Migrate, collect static files, import the reference data (skipped when unchanged), suggest HS
codes for product types that have none yet, or for all when the stored suggestions were made by
older rules (`SUGGESTER_VERSION`; about 5 s for the national list), store the
shipped scorecards and schemes and, in demo mode, ensure the demo (`odop seed_demo`: the
accounts, the bazaar's demo sellers (verified, with published listings) and buyers, the demo
outlets with their managers). Every step is a no-op when there is nothing to do.

It lives in `odop.platform` (the top layer) because it orchestrates several apps (issue 11).
"""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from odop.registry.models import HSCode


class Command(BaseCommand):
    help = "Migrate, collect static files, import reference data, create demo accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("import_reference")
        if HSCode.objects.filter(level=6).exists():
            call_command("hs_suggest", outdated=True)
        call_command("install_scorecards")
        call_command("schemes_load")
        call_command("grievances_load")
        if settings.ODOP_DEMO_MODE:
            call_command("seed_demo")
