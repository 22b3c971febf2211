"""`odop grievances_load`: store the shipped grievance categories and dated settings."""

from typing import Any

from django.core.management.base import BaseCommand

from odop.grievances.services import grievance_reference_load


class Command(BaseCommand):
    help = "Store the grievance categories and due period (odop/grievances/data); idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = grievance_reference_load()
        self.stdout.write(
            f"grievances: {outcome.categories_added} categories added, "
            f"{outcome.categories_updated} updated, {outcome.settings_added} settings added"
        )
