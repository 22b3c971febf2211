"""`odop worker`: run background jobs, and enqueue the daily ones, in one process.

With the database queue (the embedded default) this is Django Tasks DB's `db_worker` on the
`default` queue plus the scheduler loop in a thread; with REDIS_URL set it is RQ's worker
(`rqworker default --job-class django_tasks_rq.Job --with-scheduler`, whose scheduler runs the
retries' deferred jobs) plus the same scheduler loop. `make run` starts it beside the server."""

import threading
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.tasks import task_backends

from odop.operations.management.commands.scheduler import scheduler_tick


def _scheduler_loop(interval: float) -> None:
    from django.db import close_old_connections

    while True:
        scheduler_tick()
        close_old_connections()
        time.sleep(interval)


class Command(BaseCommand):
    help = "Run the background job worker and the daily scheduler (one command)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-scheduler", action="store_true", help="Run jobs only; enqueue no daily jobs."
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Database queue only: run the jobs waiting now, then exit.",
        )
        parser.add_argument("--interval", type=float, default=1.0, help="Queue poll seconds.")
        parser.add_argument(
            "--scheduler-interval", type=float, default=60.0, help="Seconds between passes."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_scheduler"]:
            if options["batch"]:
                scheduler_tick()
            else:
                threading.Thread(
                    target=_scheduler_loop,
                    args=(options["scheduler_interval"],),
                    name="odop-scheduler",
                    daemon=True,
                ).start()
        backend = type(task_backends["default"])
        if backend.__module__.startswith("django_tasks_rq"):
            rq_options: dict[str, Any] = {"job_class": "django_tasks_rq.Job"}
            if options["batch"]:
                rq_options["burst"] = True
            else:
                rq_options["with_scheduler"] = True
            call_command("rqworker", "default", **rq_options)
            return
        call_command(
            "db_worker",
            queue_name="default",
            interval=options["interval"],
            batch=options["batch"],
            reload=False,
            startup_delay=False,
            verbosity=options["verbosity"],
        )
