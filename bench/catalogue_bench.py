"""Benchmark of the public catalogue pages, served by gunicorn, against a bare Django view.

Imports the real reference data into a fresh database, starts gunicorn (2 sync workers, DEBUG
off) on 127.0.0.1 and a free port with `bench/catalogue_settings.py` (the local settings plus
`/bench/bare/` from `bench/catalogue_urls.py`, a view that returns "ok" through the full
middleware stack), and loads each URL from 4 client threads: 20 warm-up requests, then 300
requests in 3 rounds that take the URLs in turn (so drift on the machine hits every URL alike).
Prints per URL: requests/s (median round, and the slowest and fastest), p50/p95 latency,
response size, database queries per request, and the ratio of its throughput to the bare
view's; then the page sizes against the 150 KB page budget (and the size of site.css).
Only ratios within one run are comparable: the same machine varies up to 2x between runs.

    .venv/bin/python bench/catalogue_bench.py            # SQLite (a fresh temporary file)
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_bench \
        .venv/bin/python bench/catalogue_bench.py

Traffic goes only to 127.0.0.1; every URL gets a bounded number of requests and of seconds, and
gunicorn is stopped however the run ends. The client threads share the CPUs with gunicorn (as
wrk or ab would on the same machine).
"""

import gzip
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, django_setup

WORKDIR = django_setup()
BENCH_DIR = ROOT / "bench"

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from odop.registry.models import DistrictProduct  # noqa: E402
from odop.registry.services import ReferenceFiles, reference_import  # noqa: E402

HOST = "127.0.0.1"
WORKERS = 2
CLIENTS = 4
WARMUP = 20
REQUESTS = 300  # per URL, in ROUNDS rounds
ROUNDS = 3
SECONDS_PER_URL = 30.0  # a URL stops early at this many seconds in all, whatever the count
REQUEST_TIMEOUT = 30.0
START_TIMEOUT = 60.0
PAGE_BUDGET = 150 * 1024  # bytes, as in odop/catalogue/tests/test_pages.py
CSS_PATH = "/static/core/site.css"
BARE = "bare"


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    is_page: bool  # an HTML page that loads site.css (counts against the page budget)


@dataclass(frozen=True)
class Round:
    """One burst of requests to one URL."""

    requests: int
    seconds: float
    latencies: tuple[float, ...]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


@dataclass(frozen=True)
class Result:
    target: Target
    rounds: tuple[Round, ...]
    size: int
    gzip_size: int
    queries: int

    @property
    def requests(self) -> int:
        return sum(one.requests for one in self.rounds)

    @property
    def per_second(self) -> float:
        """The median round's throughput: rounds interleave URLs, so drift hits all alike."""
        return statistics.median(one.per_second for one in self.rounds)

    def latency_ms(self, percentile: int) -> float:
        latencies = [latency for one in self.rounds for latency in one.latencies]
        cuts = statistics.quantiles(latencies, n=100, method="inclusive")
        return cuts[percentile - 1] * 1000


def port_free() -> int:
    """A port nobody listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def fetch(connection: http.client.HTTPConnection, path: str) -> bytes:
    """GET one path; anything but 200 is an error. Reconnects when the server closed."""
    connection.request("GET", path, headers={"Host": HOST})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"GET {path}: HTTP {response.status}")
    return body


def server_start(*, port: int, log_path: Path) -> subprocess.Popen[bytes]:
    """gunicorn on 127.0.0.1:port with the bench settings, against the benchmark's database."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "catalogue_settings",
        "DJANGO_DEBUG": "false",
        "ODOP_DEMO_MODE": "false",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "PYTHONPATH": os.pathsep.join([str(BENCH_DIR), str(ROOT)]),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
        "--chdir",
        str(ROOT),
    ]
    with log_path.open("wb") as log:
        return subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)


def server_wait(*, server: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    """Wait until the bare view answers, or fail with gunicorn's log."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({server.returncode}):\n{log_path.read_text()}")
        connection = http.client.HTTPConnection(HOST, port, timeout=2)
        try:
            fetch(connection, "/bench/bare/")
            return
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    raise RuntimeError(f"gunicorn did not answer in {START_TIMEOUT:.0f} s:\n{log_path.read_text()}")


def server_stop(server: subprocess.Popen[bytes]) -> None:
    """Ask gunicorn to stop (SIGTERM, graceful), then kill it if it lingers."""
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=5)


def warm(*, port: int, target: Target) -> bytes:
    """WARMUP requests in a row (templates, caches, connections); returns the last body."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        body = b""
        for _ in range(WARMUP):
            body = fetch(connection, target.path)
        return body
    finally:
        connection.close()


def burst(*, port: int, target: Target, requests: int, seconds: float) -> Round:
    """`requests` GETs from CLIENTS threads, stopping early after `seconds`."""
    lock = threading.Lock()
    remaining = [requests]
    latencies: list[float] = []
    errors: list[BaseException] = []
    deadline = time.perf_counter() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        mine: list[float] = []
        try:
            while time.perf_counter() < deadline:
                with lock:
                    if remaining[0] <= 0:
                        break
                    remaining[0] -= 1
                start = time.perf_counter()
                fetch(connection, target.path)
                mine.append(time.perf_counter() - start)
        except BaseException as error:  # reported after the threads are joined
            errors.append(error)
        finally:
            connection.close()
            with lock:
                latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{target.name}: {errors[0]!r}") from errors[0]
    return Round(requests=len(latencies), seconds=elapsed, latencies=tuple(latencies))


def queries_count(target: Target) -> int:
    """Database queries of one request, in this process (the same code gunicorn runs)."""
    client = Client(HTTP_HOST=HOST)
    with override_settings(ROOT_URLCONF="catalogue_urls"):
        client.get(target.path)  # anything cached per process is cached now
        with CaptureQueriesContext(connection) as captured:
            response = client.get(target.path)
    if response.status_code != 200:
        raise RuntimeError(f"{target.name}: HTTP {response.status_code} in process")
    return len(captured.captured_queries)


def measure(*, port: int, targets: list[Target]) -> list[Result]:
    """Warm every URL, then ROUNDS rounds over all URLs in turn, REQUESTS in all per URL."""
    bodies = {target: warm(port=port, target=target) for target in targets}
    rounds: dict[Target, list[Round]] = {target: [] for target in targets}
    for number in range(1, ROUNDS + 1):
        for target in targets:
            rounds[target].append(
                burst(
                    port=port,
                    target=target,
                    requests=REQUESTS // ROUNDS,
                    seconds=SECONDS_PER_URL / ROUNDS,
                )
            )
        print(f"  round {number} of {ROUNDS} done", flush=True)
    return [
        Result(
            target=target,
            rounds=tuple(rounds[target]),
            size=len(bodies[target]),
            gzip_size=len(gzip.compress(bodies[target])),
            queries=queries_count(target),
        )
        for target in targets
    ]


def targets_build() -> list[Target]:
    """The URLs to load; the product is the first of Patna's (district 212) in the database."""
    product = (
        DistrictProduct.objects.filter(district__lgd_code=212).order_by("pk").first()
        or DistrictProduct.objects.order_by("pk").first()
    )
    if product is None:
        raise RuntimeError("the reference import left no district products")
    return [
        Target(BARE, "/bench/bare/", is_page=False),
        Target("home", "/", is_page=True),
        Target("state (Bihar)", "/states/10/", is_page=True),
        Target("district (Patna)", "/districts/212/", is_page=True),
        Target(f"product {product.pk}", f"/products/{product.pk}/", is_page=True),
        Target("search turmeric", "/search/?q=turmeric", is_page=True),
        Target("api products state=10", "/api/v1/products/?state=10", is_page=False),
    ]


def report(*, results: list[Result], css_size: int) -> None:
    bare = next(result for result in results if result.target.name == BARE)
    print()
    print(
        f"{'url':<22} {'path':<27} {'req/s':>6} {'min-max':>9} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'bytes':>6} {'sql':>3} {'n':>4}  vs bare"
    )
    for result in results:
        spread = [one.per_second for one in result.rounds]
        ratio = result.per_second / bare.per_second
        print(
            f"{result.target.name:<22} {result.target.path:<27} {result.per_second:>6.0f} "
            f"{f'{min(spread):.0f}-{max(spread):.0f}':>9} {result.latency_ms(50):>7.1f} "
            f"{result.latency_ms(95):>7.1f} {result.size:>6} {result.queries:>3} "
            f"{result.requests:>4}  {ratio:.2f}x bare"
        )
    print()
    print(f"page budget: {PAGE_BUDGET} bytes (150 KB) per page; site.css is {css_size} bytes")
    print(f"{'page':<22} {'html':>6} {'budget':>7} {'html+css':>9} {'budget':>7} {'html gzip':>10}")
    for result in results:
        if not result.target.is_page:
            continue
        total = result.size + css_size
        print(
            f"{result.target.name:<22} {result.size:>6} {result.size / PAGE_BUDGET:>7.0%} "
            f"{total:>9} {total / PAGE_BUDGET:>7.0%} {result.gzip_size:>10}"
        )


def main() -> None:
    files = ReferenceFiles.in_directory(Path(settings.ODOP_DATA_DIR))
    start = time.perf_counter()
    reference_import(files=files)
    print(f"reference import: {time.perf_counter() - start:.1f} s; database: {connection.vendor}")
    targets = targets_build()

    port = port_free()
    log_path = WORKDIR / "gunicorn.log"
    server = server_start(port=port, log_path=log_path)
    try:
        server_wait(server=server, port=port, log_path=log_path)
        print(
            f"gunicorn on {HOST}:{port}: {WORKERS} sync workers, DEBUG off. Load: {CLIENTS} "
            f"clients; per URL {WARMUP} warm-up + {REQUESTS} requests in {ROUNDS} rounds "
            f"(at most {SECONDS_PER_URL:.0f} s); {os.cpu_count()} CPUs for server and clients",
            flush=True,
        )
        results = measure(port=port, targets=targets)
        css = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        try:
            css_size = len(fetch(css, CSS_PATH))
        finally:
            css.close()
    except BaseException:
        print(f"failed; gunicorn's log and the database are in {WORKDIR}", file=sys.stderr)
        raise
    finally:
        server_stop(server)
    report(results=results, css_size=css_size)
    shutil.rmtree(WORKDIR, ignore_errors=True)  # this run's temporary folder (made by _setup)


if __name__ == "__main__":
    main()
