"""`odop serve` (issue #10, "A real server"): gunicorn and the task worker as one command.

The server runs as a real subprocess on a port of its own, against a copy of the migrated test
database, the way `make run` starts it, with DEBUG off, so that static files can only come from
WhiteNoise out of the collected STATIC_ROOT.
"""

import http.client
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from odop.operations.management.commands.serve import task_worker_command

ROOT = Path(settings.BASE_DIR)
PORTS = range(8150, 8160)
START_SECONDS = 90
STOP_SECONDS = 40


def port_free() -> int:
    """A free port of this test's range (8150-8159), so runs in parallel do not collide."""
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 8150-8159")


def database_url_served(tmp_path: Path) -> str:
    """A database the subprocess can open: on SQLite, a file copy of the in-memory test
    database (migrated once per session); on PostgreSQL, the test database itself."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        path = tmp_path / "served.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    database = connection.settings_dict
    return (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


def get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request("GET", path, headers={"Host": "127.0.0.1"})
        response = client.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        client.close()


def answering(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"odop serve exited with {process.returncode}")
        try:
            get(port, "/api/v1/")
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail("odop serve did not answer in time")


def serve_start(
    port: int, database_url: str, static_root: Path, log: Path
) -> subprocess.Popen[str]:
    """`odop serve` as `make run` starts it, with the local settings, DEBUG off, the
    embedded database queue (no REDIS_URL) and two processes of two threads; its output
    and its children's go to `log`."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": database_url,
        "DJANGO_STATIC_ROOT": str(static_root),
        "ODOP_WORKERS": "2",
        "ODOP_THREADS": "2",
    }
    environment.pop("REDIS_URL", None)
    with log.open("w") as output:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "odop.cli", "serve", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )


def children_started(output: str) -> dict[str, int]:
    """The children `odop serve` reported starting, by name."""
    found = re.findall(r"Started the (web server|task worker) \(pid (\d+)\)", output)
    return {name: int(pid) for name, pid in found}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_task_worker_is_the_configured_backends() -> None:
    """The database queue needs `odop worker`; a backend that runs tasks in the request needs none."""
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    ):
        command = task_worker_command()
    assert command == ["worker"]
    with override_settings(
        TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    ):
        assert task_worker_command() is None


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_serve_answers_pages_and_static_files_and_stops_both_children(tmp_path: Path) -> None:
    static_root = tmp_path / "static"
    with override_settings(
        STATIC_ROOT=static_root,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
        },
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    port = port_free()
    log = tmp_path / "serve.log"
    process = serve_start(port, database_url_served(tmp_path), static_root, log)
    try:
        answering(port, process)

        status, _, body = get(port, "/")
        assert status == 200
        assert b"<html" in body.lower()

        status, headers, body = get(port, "/static/core/site.css")
        assert status == 200
        assert headers["content-type"].startswith("text/css")
        assert body == (ROOT / "odop" / "core" / "static" / "core" / "site.css").read_bytes()
        # WhiteNoise answers static files (gunicorn alone has no static handler): its
        # cache header is on the response.
        assert "max-age" in headers.get("cache-control", "")

        process.send_signal(signal.SIGTERM)
        process.wait(timeout=STOP_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    output = log.read_text()
    assert process.returncode == 0, output
    started = children_started(output)
    assert set(started) == {"web server", "task worker"}, output
    for pid in started.values():
        assert not alive(pid)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_serve_restarts_a_dead_task_worker_and_stops_it_when_the_web_server_dies(
    tmp_path: Path,
) -> None:
    """A worker that dies (on SQLite it can give up on a busy write lock) is started again and
    the pages stay up; a web server that dies takes the worker with it: no half platform."""
    static_root = tmp_path / "static"
    static_root.mkdir()
    port = port_free()
    log = tmp_path / "serve.log"
    process = serve_start(port, database_url_served(tmp_path), static_root, log)
    try:
        answering(port, process)
        # serve prints the pids (and flushes) before its children answer.
        first = children_started(log.read_text())
        assert set(first) == {"web server", "task worker"}, log.read_text()
        os.kill(first["task worker"], signal.SIGKILL)

        deadline = time.monotonic() + START_SECONDS
        workers: list[str] = []
        while time.monotonic() < deadline and len(workers) < 2:
            workers = re.findall(r"Started the task worker \(pid (\d+)\)", log.read_text())
            time.sleep(0.3)
        assert len(workers) == 2, log.read_text()
        restarted = int(workers[1])
        assert restarted != first["task worker"] and alive(restarted)
        assert process.poll() is None
        assert get(port, "/api/v1/")[0] == 200

        os.kill(first["web server"], signal.SIGKILL)
        process.wait(timeout=STOP_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert process.returncode == 1, log.read_text()
    assert not alive(restarted)
