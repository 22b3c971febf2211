"""`odop certification_reminders`: email producers whose certificates expire within 30 days
(once per certificate). Run it daily from cron or a systemd timer."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from odop.bazaar.services import REMINDER_DAYS, certification_reminders_send


class Command(BaseCommand):
    help = "Remind producers of certificates that expire soon (each certificate once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=REMINDER_DAYS)

    def handle(self, *args: Any, **options: Any) -> None:
        count = certification_reminders_send(today=timezone.localdate(), days=options["days"])
        self.stdout.write(f"{count} certificate(s) reminded.")
