"""The server `make run` starts (`odop serve`: gunicorn with threads + the task worker), for the
benches that load it: started on a database the bench prepared, waited for, stopped.

Nothing here measures anything. Traffic goes only to 127.0.0.1.
"""

import http.client
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from _bazaar import ROOT, SETTINGS_MODULE

START_TIMEOUT = 120.0
STOP_TIMEOUT = 60.0


def server_log(name: str) -> Path:
    return Path(tempfile.gettempdir()) / f"odop-bench-{name}-server.log"


def serve_start(
    *,
    port: int,
    database_url: str,
    log: Path,
    workers: int | None = None,
    threads: int | None = None,
    server: str = "serve",
) -> subprocess.Popen[bytes]:
    """`odop serve` as `make run` runs it (or `runserver`, the development server it replaced,
    for comparison), with DEBUG off like the other benches. Sign-in throttles are lifted: the
    benches sign in dozens of accounts from one address on purpose. The rest of the
    environment passes through (ODOP_PAGE_CACHE=false measures pages computed per request)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": database_url,
        "ODOP_AUTH_TOKEN_RATE": "100000/minute",
        "ODOP_LOGIN_FAILURE_LIMIT": "100000",
        # A page cache of this run's own: the shared default folder may hold pages of
        # another database.
        "ODOP_CACHE_DIR": tempfile.mkdtemp(prefix="odop-bench-cache-"),
    }
    odop = str(ROOT / ".venv" / "bin" / "odop")
    if server == "serve":
        command = [odop, "serve", "--bind", f"127.0.0.1:{port}"]
        if workers:
            command += ["--workers", str(workers)]
        if threads:
            command += ["--threads", str(threads)]
    else:
        command = [odop, "runserver", "--noreload", f"127.0.0.1:{port}"]
    with log.open("wb") as output:
        return subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )


def serve_wait(process: subprocess.Popen[bytes], port: int) -> None:
    """Until the server answers GET /api/v1/ (raises SystemExit if it dies or never does)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/api/v1/", headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status >= 500:
                raise SystemExit(f"the server answers GET /api/v1/ with {response.status}")
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not answer in time")


def serve_stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (serve passes it to gunicorn and the worker), then kill if it outstays."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def log_tracebacks(log: Path) -> int:
    return log.read_text(errors="replace").count("Traceback")
