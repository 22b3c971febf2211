"""200 visitors at once against the server `make run` starts: does every one get an answer?

Issue #10 found that Django's development server, which `make run` used to start, left 46 of
600 page requests of 200 concurrent visitors without an answer after 60 s. This bench repeats
that crowd against `odop serve` (gunicorn with threads + the task worker):

1. Prepare a database (a temporary SQLite file by default, `--database-url` to reuse one):
   migrate and import the reference registry, so the public pages have their real content.
2. Start the server on a free port of 127.0.0.1 (`--server runserver` for the old one).
3. `--clients` threads (200) each open their own connection, wait at one barrier, then ask
   for `--requests` (3) public pages in turn (home, a State, a district, a product, a
   catalogue search, the storefront), each with a 60 s timeout.
4. Print answers by status, errors and timeouts, p50/p95/max latency and the burst's
   wall-clock. Exits 1 unless every request got a 2xx/3xx answer.

    .venv/bin/python bench/concurrency_bench.py
    .venv/bin/python bench/concurrency_bench.py --server runserver        # the old make run
    .venv/bin/python bench/concurrency_bench.py --database-url postgres://postgres@127.0.0.1:5432/odop_x
"""

import argparse
import contextlib
import http.client
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bazaar import (
    database_prepare,
    django_configure,
    free_port,
    percentile,
    sqlite_database_create,
    sqlite_database_drop,
)
from _server import log_tracebacks, serve_start, serve_stop, serve_wait, server_log

REQUEST_TIMEOUT = 60.0


@dataclass(frozen=True)
class Result:
    path: str
    status: int  # 0: no answer
    error: str
    seconds: float


def public_paths() -> list[str]:
    """Real pages of the imported registry: the first State, district and product."""
    from odop.geography.models import District, State
    from odop.registry.models import DistrictProduct

    state = State.objects.order_by("lgd_code").first()
    district = District.objects.order_by("lgd_code").first()
    product = DistrictProduct.objects.order_by("pk").first()
    if state is None or district is None or product is None:
        raise SystemExit("The registry is empty: the reference import did not run.")
    return [
        "/",
        f"/states/{state.lgd_code}/",
        f"/districts/{district.lgd_code}/",
        f"/products/{product.pk}/",
        "/search/?q=turmeric",
        "/bazaar/?q=silk",
    ]


def crowd(port: int, paths: list[str], clients: int, requests: int) -> tuple[list[Result], float]:
    """`clients` threads, each with its own connection, released together by a barrier."""
    barrier = threading.Barrier(clients)
    results: list[Result] = []
    lock = threading.Lock()

    def visitor(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        mine: list[Result] = []
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=REQUEST_TIMEOUT)
        for number in range(requests):
            path = paths[(index + number) % len(paths)]
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                mine.append(Result(path, response.status, "", time.perf_counter() - started))
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                kind = "timeout" if isinstance(error, socket.timeout) else type(error).__name__
                mine.append(Result(path, 0, kind, time.perf_counter() - started))
                connection.close()
        connection.close()
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=visitor, args=(index,)) for index in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - start


def report(results: list[Result], wall: float, clients: int, requests: int) -> bool:
    answered = [result for result in results if result.status]
    good = [result for result in answered if 200 <= result.status < 400]
    statuses: dict[int, int] = {}
    for result in answered:
        statuses[result.status] = statuses.get(result.status, 0) + 1
    errors: dict[str, int] = {}
    for result in results:
        if not result.status:
            errors[result.error] = errors.get(result.error, 0) + 1
    latencies = [result.seconds * 1000 for result in answered]
    expected = clients * requests
    print(f"requests: {len(results)} of {expected} ({clients} clients x {requests})")
    print(f"answers by status: {dict(sorted(statuses.items()))}")
    print(f"no answer: {sum(errors.values())} {errors or ''}")
    print(
        f"latency: p50 {percentile(latencies, 0.5):.0f} ms, p95 {percentile(latencies, 0.95):.0f}"
        f" ms, max {max(latencies, default=float('nan')):.0f} ms; wall-clock {wall:.1f} s "
        f"({len(answered) / wall:.0f} answers/s)"
    )
    by_path: dict[str, list[float]] = {}
    for result in answered:
        by_path.setdefault(result.path, []).append(result.seconds * 1000)
    for path, values in by_path.items():
        print(
            f"  {path:<24} {len(values):>4} answers, p50 {percentile(values, 0.5):>6.0f} ms, "
            f"p95 {percentile(values, 0.95):>6.0f} ms"
        )
    passed = len(good) == expected
    print(f"{'ok  ' if passed else 'FAIL'} every request answered 2xx/3xx ({len(good)}/{expected})")
    return passed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=3)
    parser.add_argument("--database-url", default=None, help="reuse (and prepare) this database")
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    parser.add_argument("--server", choices=["serve", "runserver"], default="serve")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()

    folder = None
    url = args.database_url
    if url is None:
        url, folder = sqlite_database_create()
    django_configure(url)
    start = time.perf_counter()
    database_prepare()
    print(f"database ready in {time.perf_counter() - start:.0f} s: {os.environ['DATABASE_URL']}")
    paths = public_paths()
    from django.db import connections

    connections.close_all()
    port = args.port or free_port()
    log = server_log("concurrency")
    process = serve_start(
        port=port,
        database_url=url,
        log=log,
        workers=args.workers,
        threads=args.threads,
        server=args.server,
    )
    try:
        serve_wait(process, port)
        print(f"{args.server} on 127.0.0.1:{port} (log {log})")
        for path in paths:  # warm every worker's caches a little, as a running site would be
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            connection.getresponse().read()
            connection.close()
        results, wall = crowd(port, paths, args.clients, args.requests)
        passed = report(results, wall, args.clients, args.requests)
        print(f"server log: {log_tracebacks(log)} tracebacks")
    finally:
        serve_stop(process)
        if folder is not None:
            sqlite_database_drop(folder)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
