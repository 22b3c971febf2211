"""`odop scheduler`: enqueue the daily jobs (odop.operations.schedule) once a day each.

`odop worker` runs this loop beside the queue worker; run it alone (`--once` from cron) when
the worker runs elsewhere, e.g. RQ workers on other machines."""

import logging
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from odop.operations.services import scheduled_jobs_enqueue

logger = logging.getLogger(__name__)


def scheduler_tick() -> int:
    """One pass; errors are logged, never raised, so a loop survives a database hiccup."""
    try:
        return len(scheduled_jobs_enqueue())
    except Exception:
        logger.exception("Scheduler pass failed")
        return 0


class Command(BaseCommand):
    help = "Enqueue each daily job at most once a day (recorded in the database)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument(
            "--interval", type=float, default=60.0, help="Seconds between passes (default 60)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            count = scheduler_tick()
            if options["verbosity"] >= 1 and (count or options["once"]):
                self.stdout.write(f"{count} scheduled job(s) enqueued.")
            if options["once"]:
                return
            time.sleep(options["interval"])
