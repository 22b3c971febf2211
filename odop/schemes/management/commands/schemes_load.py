"""`odop schemes_load`: store the shipped schemes, their parameters and versions (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from odop.schemes.services import schemes_load


class Command(BaseCommand):
    help = "Store the shipped schemes (odop/schemes/data/*.json); a second run changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        for outcome in schemes_load():
            published = ", ".join(f"v{number}" for number in outcome.versions_published)
            self.stdout.write(
                f"{outcome.code}: {'created' if outcome.created else 'present'}, "
                f"{outcome.values_added} parameter values added"
                + (f", published {published}" if published else "")
            )
            if outcome.state_missing:
                # Until the State is imported, only national admins may change its values.
                self.stderr.write(
                    f"{outcome.code}: its State is not in the database yet; run "
                    "`odop import_reference`, then `odop schemes_load` again."
                )
