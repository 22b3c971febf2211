"""`odop selection_expire`: expire published selections past their validity and open a
re-evaluation draft for each. `odop worker` runs it daily as a scheduled job; this command runs
it now (or, with --enqueue, hands it to the queue)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from odop.selection.services import candidates_expire
from odop.selection.tasks import selection_expire_run


class Command(BaseCommand):
    help = "Expire selections whose validity has ended and open their re-evaluations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the job to the worker instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = selection_expire_run.enqueue(day=timezone.localdate().isoformat())
            self.stdout.write(f"Enqueued as job {result.id}.")
            return
        drafts = candidates_expire()
        for draft in drafts:
            self.stdout.write(f"re-evaluation #{draft.pk}: {draft.name} ({draft.district})")
        self.stdout.write(f"{len(drafts)} selections expired")
