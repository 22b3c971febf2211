"""Public pages against a bare view, through the same gunicorn and the same middleware (issue 10).

Imports the real reference data and the bazaar's demo sellers into a fresh database, starts
gunicorn (gthread: WORKERS processes x THREADS threads, DEBUG off) on 127.0.0.1 and a free port
with `bench/catalogue_settings.py` (the local settings plus `/bench/bare/`, a view returning "ok"
through every middleware), and loads each URL from CLIENTS threads of http.client over
keep-alive connections. Each public URL is measured twice in the same run:

- `cached`: as an anonymous visitor (no cookie) - served by odop.core.page_cache after the
  first request;
- `live`: the same request with a `messages` cookie, which the page cache never serves (a
  visitor with a message may see it on the page): the cost of computing the page.

Warm-up, then ROUNDS rounds that take the URLs in turn, each URL's burst right after a burst of
the bare view: the ratio is the median over rounds of these paired bursts (drift in the
machine's load hits both halves of a pair alike); requests/s is the median burst. Prints
requests/s, p50/p95 and the ratios. Only ratios within one run mean anything: the same machine
varies up to 2x between runs, and the client threads share the CPUs with gunicorn.

    .venv/bin/python bench/pages_bench.py                    # SQLite, file cache (the default)
    .venv/bin/python bench/pages_bench.py --redis redis://127.0.0.1:6379/14
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_bench .venv/bin/python \
        bench/pages_bench.py

Traffic goes only to 127.0.0.1; every URL gets a bounded number of requests and of seconds, and
gunicorn is stopped however the run ends.
"""

import argparse
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
from _setup import ROOT

HOST = "127.0.0.1"
WORKERS = 2
THREADS = 4
CLIENTS = 8
WARMUP = 30
REQUESTS = 1400  # per URL and mode, in ROUNDS rounds
ROUNDS = 7
SECONDS_PER_ROUND = 1.5  # a burst stops early at this many seconds, whatever the count
REQUEST_TIMEOUT = 30.0
START_TIMEOUT = 60.0
BARE = "bare view"
LIVE_COOKIE = "messages=bench"  # any value: the page cache leaves such a visitor alone


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    cookie: str = ""


@dataclass(frozen=True)
class Round:
    requests: int
    seconds: float
    latencies: tuple[float, ...]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def port_pick() -> int:
    """The first free port of PORTS (BENCH_PORTS="8140-8149" by default): machines shared by
    several people give each a range."""
    first, last = (int(part) for part in os.environ.get("BENCH_PORTS", "8140-8149").split("-"))
    for port in range(first, last + 1):
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {first}-{last}")


def fetch(connection: http.client.HTTPConnection, target: Target) -> http.client.HTTPResponse:
    headers = {"Host": HOST}
    if target.cookie:
        headers["Cookie"] = target.cookie
    connection.request("GET", target.path, headers=headers)
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"GET {target.path}: HTTP {response.status}")
    return response


def burst(*, port: int, target: Target, requests: int, seconds: float) -> Round:
    """`requests` GETs from CLIENTS threads (one keep-alive connection each), or fewer when
    `seconds` run out."""
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
                fetch(connection, target)
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


def server_start(*, port: int, workdir: Path, redis_url: str) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "catalogue_settings",
        "DJANGO_DEBUG": "false",
        "ODOP_DEMO_MODE": "false",
        "ODOP_CACHE_DIR": str(workdir / "cache"),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT)]),
    }
    if redis_url:
        environment["REDIS_URL"] = redis_url
    command = [
        *(sys.executable, "-m", "gunicorn", "config.wsgi:application"),
        *("--bind", f"{HOST}:{port}", "--workers", str(WORKERS), "--threads", str(THREADS)),
        *("--worker-class", "gthread", "--log-level", "warning", "--chdir", str(ROOT)),
    ]
    log = (workdir / "gunicorn.log").open("wb")
    return subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)


def server_wait(server: subprocess.Popen[bytes], port: int, workdir: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError((workdir / "gunicorn.log").read_text())
        connection = http.client.HTTPConnection(HOST, port, timeout=2)
        try:
            fetch(connection, Target(BARE, "/bench/bare/"))
            return
        except OSError:
            time.sleep(0.3)
        finally:
            connection.close()
    raise RuntimeError(f"gunicorn did not answer:\n{(workdir / 'gunicorn.log').read_text()}")


def server_stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


def cache_header_check(port: int, targets: list[Target]) -> None:
    """Every anonymous URL must come from the cache after its warm-up, every live one not."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        for target in targets:
            if target.name == BARE:
                continue
            state = fetch(connection, target).getheader("X-Cache")
            expected = None if target.cookie else "hit"
            if state != expected:
                raise RuntimeError(f"{target.name}: X-Cache {state!r}, expected {expected!r}")
    finally:
        connection.close()


def targets_build() -> list[Target]:
    from odop.registry.models import DistrictProduct

    product = (
        DistrictProduct.objects.filter(district__lgd_code=212).order_by("pk").first()
        or DistrictProduct.objects.order_by("pk").first()
    )
    if product is None:
        raise RuntimeError("the reference import left no district products")
    pages = [
        ("home", "/"),
        ("State (Bihar)", "/states/10/"),
        ("district (Patna)", "/districts/212/"),
        (f"product {product.pk}", f"/products/{product.pk}/"),
        ("search turmeric", "/search/?q=turmeric"),
        ("bazaar search silk", "/bazaar/?q=silk"),
        ("API products", "/api/v1/products/?state=10"),
    ]
    targets = [Target(BARE, "/bench/bare/")]
    for name, path in pages:
        targets.append(Target(name, path))
        targets.append(Target(name, path, cookie=LIVE_COOKIE))
    return targets


def measure(port: int, targets: list[Target]) -> dict[Target, list[Round]]:
    for target in targets:
        connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        try:
            for _ in range(WARMUP):
                fetch(connection, target)
        finally:
            connection.close()
    cache_header_check(port, targets)
    rounds: dict[Target, list[Round]] = {target: [] for target in targets}
    pairs: dict[Target, list[float]] = {target: [] for target in targets}
    bare = next(target for target in targets if target.name == BARE)
    for number in range(1, ROUNDS + 1):
        for target in targets:
            if target is bare:
                continue
            # Each burst right after a bare-view burst: the ratio of the pair is taken before the
            # machine's load drifts (other work on shared machines moves rates 2x in a minute).
            baseline = burst(
                port=port, target=bare, requests=REQUESTS // ROUNDS, seconds=SECONDS_PER_ROUND
            )
            measured = burst(
                port=port, target=target, requests=REQUESTS // ROUNDS, seconds=SECONDS_PER_ROUND
            )
            rounds[bare].append(baseline)
            rounds[target].append(measured)
            pairs[target].append(measured.per_second / baseline.per_second)
        print(f"  round {number} of {ROUNDS} done", flush=True)
    PAIRED_RATIOS.update(pairs)
    return rounds


# Per target, its requests/s over the bare view's in the burst just before, one per round.
PAIRED_RATIOS: dict[Target, list[float]] = {}


def report(rounds: dict[Target, list[Round]]) -> None:
    def per_second(target: Target) -> float:
        return statistics.median(one.per_second for one in rounds[target])

    def latency_ms(target: Target, percentile: int) -> float:
        values = [latency for one in rounds[target] for latency in one.latencies]
        return statistics.quantiles(values, n=100, method="inclusive")[percentile - 1] * 1000

    print()
    print(
        f"{'url':<20} {'path':<28} {'mode':<6} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'n':>5}  vs bare (median of paired bursts; lowest-highest)"
    )
    for target in rounds:
        mode = "-" if target.name == BARE else ("live" if target.cookie else "cached")
        requests = sum(one.requests for one in rounds[target])
        ratios = PAIRED_RATIOS.get(target) or [1.0]
        print(
            f"{target.name:<20} {target.path:<28} {mode:<6} {per_second(target):>6.0f} "
            f"{latency_ms(target, 50):>7.1f} {latency_ms(target, 95):>7.1f} {requests:>5}  "
            f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--redis", default="", help="REDIS_URL for the server's cache")
    args = parser.parse_args()

    from _setup import django_setup

    os.environ.setdefault("ODOP_DEMO_MODE", "true")  # the demo sellers fill the storefront
    workdir = django_setup()
    os.environ["ODOP_DEMO_ACCOUNTS_FILE"] = str(workdir / "demo-accounts.json")
    from django.conf import settings
    from django.db import connection

    from odop.bazaar.demo import bazaar_demo_ensure
    from odop.registry.services import ReferenceFiles, reference_import

    settings.ODOP_DEMO_ACCOUNTS_FILE = workdir / "demo-accounts.json"
    start = time.perf_counter()
    reference_import(files=ReferenceFiles.in_directory(Path(settings.ODOP_DATA_DIR)))
    bazaar_demo_ensure()
    print(f"data ready in {time.perf_counter() - start:.1f} s; database: {connection.vendor}")
    targets = targets_build()
    connection.close()

    port = port_pick()
    server = server_start(port=port, workdir=workdir, redis_url=args.redis)
    try:
        server_wait(server, port, workdir)
        print(
            f"gunicorn on {HOST}:{port}: {WORKERS} processes x {THREADS} threads (gthread), "
            f"cache: {'Redis' if args.redis else 'files'}; {CLIENTS} client threads; per URL "
            f"and mode {WARMUP} warm-up + up to {REQUESTS} requests in {ROUNDS} bursts of at "
            f"most {SECONDS_PER_ROUND:.1f} s, each after a bare-view burst; "
            f"{os.cpu_count()} CPUs for server and clients",
            flush=True,
        )
        rounds = measure(port, targets)
    except BaseException:
        print(f"failed; gunicorn's log and the database are in {workdir}", file=sys.stderr)
        raise
    finally:
        server_stop(server)
    report(rounds)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
