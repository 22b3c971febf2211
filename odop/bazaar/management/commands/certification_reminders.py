"""`odop certification_reminders`: email producers whose certificates expire within 30 days
(once per certificate). `odop worker` runs it daily as a scheduled job; this command runs it now
(or, with --enqueue, hands it to the queue)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from odop.bazaar.tasks import certification_reminders_run
from odop.producers.services import REMINDER_DAYS, certification_reminders_send


class Command(BaseCommand):
    help = "Remind producers of certificates that expire soon (each certificate once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=REMINDER_DAYS)
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the job to the worker instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["enqueue"]:
            result = certification_reminders_run.enqueue(
                day=today.isoformat(), days=options["days"]
            )
            self.stdout.write(f"Enqueued as job {result.id}.")
            return
        count = certification_reminders_send(today=today, days=options["days"])
        self.stdout.write(f"{count} certificate(s) reminded.")
