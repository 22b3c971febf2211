"""gunicorn settings for `odop serve` (and for `gunicorn -c config/gunicorn.py config.wsgi`).

Threads (gthread) rather than more processes: most of a request's time is spent waiting on the
database or the client, and threads share one copy of the loaded Django project. Every value
comes from the environment so that one container image fits every machine:

- `ODOP_WORKERS` (or `WEB_CONCURRENCY`, the name hosting platforms set): processes, one per
  core by default;
- `ODOP_THREADS` (or `GUNICORN_THREADS`): threads per process, 8 by default;
- `ODOP_REQUEST_TIMEOUT`: seconds before a stuck worker is restarted, 60 by default;
- `ODOP_KEEPALIVE`: seconds an idle client connection is kept open, 75 by default;
- `ODOP_ACCESS_LOG`: `-` for the console, a file path, or unset for none.

Several processes on the embedded SQLite database are safe: the settings open IMMEDIATE
transactions with a 20 s busy timeout in WAL mode (config/settings/base.py), so writers queue
for the lock instead of failing, and readers never wait (bench/bazaar_race.py --database sqlite).
"""

import os


def environment_integer(*names: str, default: int) -> int:
    """The first of `names` set in the environment, as a positive integer; else `default`."""
    for name in names:
        value = os.environ.get(name, "").strip()
        if value:
            number = int(value)
            if number < 1:
                raise ValueError(f"{name} must be at least 1, not {number}")
            return number
    return default


wsgi_app = "config.wsgi:application"
bind = [os.environ.get("ODOP_BIND", "127.0.0.1:8000")]
worker_class = "gthread"
workers = environment_integer("ODOP_WORKERS", "WEB_CONCURRENCY", default=os.cpu_count() or 2)
threads = environment_integer("ODOP_THREADS", "GUNICORN_THREADS", default=8)
timeout = environment_integer("ODOP_REQUEST_TIMEOUT", default=60)
# Requests in flight get this long to finish after SIGTERM.
graceful_timeout = 20
# An idle keep-alive connection (or one opened and not yet used) is closed after this many
# seconds; it waits in the poller, not in a thread, so a long wait is cheap. Keep it above the
# idle timeout of any load balancer in front (60 s on common ones), or the balancer may send a
# request on a connection gunicorn is closing.
keepalive = environment_integer("ODOP_KEEPALIVE", default=75)
# The heartbeat file in memory: on a busy disk, fchmod on /tmp can stall a worker.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# gunicorn 25+ opens a control socket at one fixed path per user; two servers on one machine
# (a test, a bench, `make run`) would fight over it, and nothing here uses it.
control_socket_disable = True
accesslog = os.environ.get("ODOP_ACCESS_LOG") or None
loglevel = os.environ.get("ODOP_SERVER_LOG_LEVEL", "info")
