"""`odop install_scorecards`: store the shipped scorecard versions (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from odop.selection.services import scorecards_install


class Command(BaseCommand):
    help = "Store the shipped scorecards (ODOP India, Vietnam OCOP 2019 and 2023) as versions."

    def handle(self, *args: Any, **options: Any) -> None:
        for version in scorecards_install():
            self.stdout.write(f"{version.key} {version.version}: {version.status}")
