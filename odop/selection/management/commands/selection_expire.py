"""`odop selection_expire`: expire published selections past their validity (run daily) and
open a re-evaluation draft for each."""

from typing import Any

from django.core.management.base import BaseCommand

from odop.selection.services import candidates_expire


class Command(BaseCommand):
    help = "Expire selections whose validity has ended and open their re-evaluations."

    def handle(self, *args: Any, **options: Any) -> None:
        drafts = candidates_expire()
        for draft in drafts:
            self.stdout.write(f"re-evaluation #{draft.pk}: {draft.name} ({draft.district})")
        self.stdout.write(f"{len(drafts)} selections expired")
