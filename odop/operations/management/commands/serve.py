"""`odop serve`: the web server and the background task worker, as one command.

`make run` calls this after `odop bootstrap`. It starts two child processes and watches them:

- gunicorn with threads (config/gunicorn.py: workers and threads from the environment), which
  answers every request of a crowd where Django's development server dropped connections;
  static files come from WhiteNoise out of STATIC_ROOT, which `odop bootstrap` collects;
- the task worker of the configured task backend (`TASK_WORKER_COMMANDS`), unless the backend
  runs tasks in the request (Django's immediate backend) or `--no-task-worker` is given.

SIGINT and SIGTERM are passed on to both children (they run in their own session, so a
Ctrl-C in the terminal reaches them once, through here). If the web server exits on its own,
the worker is stopped too and `serve` exits with an error. If the task worker exits on its
own, it is started again after a pause (1, 2, 4 ... s): on the embedded SQLite database a
worker can give up on a write lock held by a busy site ("database is locked", seen in
bench/load_profile.py), and that must not take the pages down. A worker that fails
`WORKER_RESTARTS` times within `WORKER_RESTART_WINDOW` seconds is broken, not unlucky: then
everything stops, with an error. On Linux the children are also told to stop if `serve`
itself is killed outright.
"""

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string

from config import gunicorn as gunicorn_settings

GUNICORN_CONFIG = gunicorn_settings.__file__

# The worker command for each task backend, as `odop <command> ...` arguments. A backend that
# is not listed (Django's immediate or dummy backend) needs no worker. Change the worker here.
# `odop worker` runs the queue's worker (Django Tasks DB's or RQ's) and the daily scheduler.
TASK_WORKER_COMMANDS: dict[str, list[str]] = {
    "django_tasks_db.backend.DatabaseBackend": ["worker"],
    "django_tasks_rq.backend.RQBackend": ["worker"],
}

POLL_SECONDS = 0.2
WEB_SERVER = "web server"
TASK_WORKER = "task worker"
WORKER_RESTARTS = 5
WORKER_RESTART_WINDOW = 300.0
# After gunicorn's own graceful timeout, a child that still runs is killed.
STOP_GRACE_SECONDS = gunicorn_settings.graceful_timeout + 10


def task_worker_command(*, alias: str = "default") -> list[str] | None:
    """The `odop` arguments that run the worker of the task backend `alias`, or None when that
    backend runs tasks without one."""
    configuration = settings.TASKS.get(alias)
    if configuration is None:
        return None
    backend = import_string(str(configuration["BACKEND"]))
    command = TASK_WORKER_COMMANDS.get(f"{backend.__module__}.{backend.__qualname__}")
    return None if command is None else list(command)


def _stop_with_parent() -> None:
    """Runs in the child before it starts: on Linux, SIGTERM it when `serve` dies, so a
    `kill -9` of the supervisor leaves no orphaned server holding the port."""
    library = ctypes.util.find_library("c")
    if library is None:
        return
    pr_set_pdeathsig = 1
    ctypes.CDLL(library, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


@dataclass
class Child:
    """One supervised process and what to call it in messages."""

    name: str
    command: list[str]
    process: subprocess.Popen[bytes]
    signalled: bool = False

    def signal(self, number: int) -> None:
        if self.process.poll() is None:
            self.process.send_signal(number)
        self.signalled = True


class Command(BaseCommand):
    help = "Serve the platform with gunicorn (threads) beside the background task worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=os.environ.get("ODOP_BIND", "127.0.0.1:8000"),
            help="address:port to listen on (default: ODOP_BIND or 127.0.0.1:8000)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes (default: ODOP_WORKERS, WEB_CONCURRENCY or one per core)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=None,
            help="threads per process (default: ODOP_THREADS, GUNICORN_THREADS or 8)",
        )
        parser.add_argument(
            "--no-task-worker",
            action="store_true",
            help="serve pages only; run the task worker elsewhere",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        workers = options["workers"] or gunicorn_settings.workers
        threads = options["threads"] or gunicorn_settings.threads
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
        odop = [sys.executable, "-m", "odop.cli"]
        commands = {
            WEB_SERVER: [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                GUNICORN_CONFIG,
                "--bind",
                options["bind"],
                "--workers",
                str(workers),
                "--threads",
                str(threads),
            ],
        }
        worker = None if options["no_task_worker"] else task_worker_command()
        if worker is not None:
            commands[TASK_WORKER] = [*odop, *worker]

        self.stdout.write(
            f"Serving on http://{options['bind']}/ with gunicorn: {workers} processes x "
            f"{threads} threads; task worker: {' '.join(worker) if worker else 'none'}. "
            "Ctrl-C stops both."
        )
        children: list[Child] = []
        received: list[int] = []

        def forward(number: int, frame: FrameType | None) -> None:
            received.append(number)
            for child in children:
                child.signal(number)

        previous: dict[int, Callable[..., Any] | int | None] = {
            number: signal.signal(number, forward) for number in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            for name, command in commands.items():
                children.append(self._start(name, command, environment))
            failed = self._watch(children, received, environment)
        finally:
            self._stop(children)
            for number, handler in previous.items():
                signal.signal(number, handler)
        if failed is not None:
            raise CommandError(
                f"The {failed.name} exited with status {failed.process.returncode}; "
                "the rest was stopped."
            )

    def _start(self, name: str, command: list[str], environment: dict[str, str]) -> Child:
        process = subprocess.Popen(
            command,
            env=environment,
            start_new_session=True,
            preexec_fn=_stop_with_parent if sys.platform == "linux" else None,
        )
        self.stdout.write(f"Started the {name} (pid {process.pid}): {' '.join(command)}")
        self.stdout.flush()
        return Child(name, command, process)

    def _watch(
        self, children: list[Child], received: list[int], environment: dict[str, str]
    ) -> Child | None:
        """Wait until a signal arrives (None) or a child exits for good (that child). The task
        worker is restarted, with a growing pause, until it fails too often."""
        failures: list[float] = []
        while not received:
            for index, child in enumerate(children):
                if child.process.poll() is None:
                    continue
                now = time.monotonic()
                failures = [at for at in failures if now - at < WORKER_RESTART_WINDOW]
                if child.name != TASK_WORKER or len(failures) >= WORKER_RESTARTS:
                    return child
                failures.append(now)
                pause = 2.0 ** (len(failures) - 1)
                self.stderr.write(
                    f"The {child.name} exited with status {child.process.returncode}; "
                    f"starting it again in {pause:.0f} s."
                )
                deadline = time.monotonic() + pause
                while not received and time.monotonic() < deadline:
                    time.sleep(POLL_SECONDS)
                if received:
                    return None
                children[index] = self._start(child.name, child.command, environment)
            time.sleep(POLL_SECONDS)
        return None

    def _stop(self, children: list[Child]) -> None:
        """SIGTERM every child not yet told to stop (a second signal makes the task worker
        abandon its task), wait for them, kill any that outstay the grace."""
        for child in children:
            if not child.signalled:
                child.signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in children:
            try:
                child.process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"The {child.name} did not stop in time: killed.")
                child.process.kill()
                child.process.wait()
