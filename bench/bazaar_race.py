"""Race for the last units of a listing over HTTP: N buyers, one order of 1 each, all at once.

The check the bazaar issue asks for ("50 concurrent buyers racing for a listing's last 10
units: exactly 10 units sold, stock never below zero, every loser gets insufficient_stock"),
done against a running server the way clients would do it:

1. Set-up through the ORM, against the server's database (DATABASE_URL, as the server has it):
   a district officer, a verified producer with an account, a published listing of one real
   district product of the producer's district (the registry `make setup` imports), and N
   buyer accounts. Idempotent: the same names are reused; passwords are random on every run
   (the buyers share one per run, so that it is hashed once: PBKDF2 costs ~0.7 s here).
2. Over HTTP: every account gets a token (`POST /api/v1/auth/token/`); the baseline is a few
   uncontended orders placed one after the other by one buyer; then the seller sets the stock
   to `--units` (`PATCH /api/v1/bazaar/listings/<id>/`), every buyer opens its own connection,
   and a barrier releases them together to `POST /api/v1/bazaar/orders/` one unit each.
3. Prints the outcomes (201s, 400 insufficient_stock, anything else), the stock the API shows
   afterwards (and, on PostgreSQL, the lowest stock another connection read during the burst),
   the orders of the race in the database, the burst's wall-clock and the order latencies
   (p50/p95, and against the uncontended baseline). Exits 1 if an invariant fails: stock never
   below zero, exactly `--units` sold, stock 0 afterwards, every loser answered 400
   `insufficient_stock`.

    .venv/bin/python bench/bazaar_race.py --serve        # `odop serve` on a fresh PostgreSQL
    .venv/bin/python bench/bazaar_race.py --serve --database sqlite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop \
        .venv/bin/python bench/bazaar_race.py --base-url http://127.0.0.1:8000

`--serve` creates and migrates the database `odop_bench_bazaar_race` (or a temporary SQLite
file), imports the registry, starts the server `make run` starts there (`odop serve`: gunicorn
gthread with its defaults, one process per core x 8 threads, and the task worker; `--workers`,
`--threads` to change them), races, stops the server and drops the database (`--keep-database`
keeps it). `--server gunicorn` runs bare gunicorn (4 workers x 16 threads by default) and
`--server runserver` Django's threaded development server, for comparison. A single-threaded
server would serialise the buyers and prove nothing.
The database options are the settings' own (config/settings/base.py): on SQLite, IMMEDIATE
transactions, a 20 s busy timeout and WAL; on PostgreSQL, JIT off.
Traffic goes only to the given base URL; every request has a timeout.
"""

import argparse
import http.client
import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bazaar import (
    ROOT,
    SETTINGS_MODULE,
    database_prepare,
    django_configure,
    free_port,
    median,
    percentile,
    postgres_database_create,
    postgres_database_drop,
    sqlite_database_create,
    sqlite_database_drop,
)
from _server import serve_start, serve_stop

PREFIX = "bench-race"
RACE_DATABASE = "odop_bench_bazaar_race"
REQUEST_TIMEOUT = 60.0
START_TIMEOUT = 60.0
BASELINE_ORDERS = 10
SERVER_LOG = Path(tempfile.gettempdir()) / "odop-bench-bazaar-race-server.log"


# ---------------------------------------------------------------- HTTP


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    seconds: float


class Client:
    """One keep-alive HTTP connection, as one buyer's browser or app would hold."""

    def __init__(self, base_url: str, token: str | None = None) -> None:
        parts = urlsplit(base_url)
        self.prefix = parts.path.rstrip("/")
        self.connection = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port or 80, timeout=REQUEST_TIMEOUT
        )
        self.token = token
        self.used = False
        self.reconnects = 0

    def connect(self) -> None:
        self.connection.connect()

    def call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Answer:
        headers = {"Accept": "application/json", "Host": "127.0.0.1"}
        body = None
        if payload is not None:
            body = json.dumps(payload)
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        start = time.perf_counter()
        try:
            self.connection.request(method, self.prefix + path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closes a keep-alive connection idle for longer than its keepalive
            # (5 s); like a browser, send an idempotent request again once on a new one. The
            # race's orders go out on fresh connections and are never retried.
            if not self.used or method not in ("GET", "PATCH", "PUT", "DELETE"):
                raise
            self.reconnects += 1
            self.connection.close()
            start = time.perf_counter()
            self.connection.request(method, self.prefix + path, body=body, headers=headers)
            response = self.connection.getresponse()
        raw = response.read()
        self.used = True
        seconds = time.perf_counter() - start
        try:
            data = json.loads(raw) if raw else None
        except ValueError:
            data = raw[:300].decode(errors="replace")
        return Answer(response.status, data, seconds)

    def close(self) -> None:
        self.connection.close()


def token_get(base_url: str, username: str, password: str) -> str:
    client = Client(base_url)
    try:
        answer = client.call(
            "POST", "/api/v1/auth/token/", {"username": username, "password": password}
        )
    finally:
        client.close()
    if answer.status != 200:
        raise SystemExit(f"token for {username}: HTTP {answer.status} {answer.body}")
    return str(answer.body["token"])


def has_code(body: Any, code: str) -> bool:
    """True when `code` appears anywhere under the error's `codes` (odop.api.exceptions)."""

    def walk(node: Any) -> bool:
        if isinstance(node, dict):
            return any(walk(value) for value in node.values())
        if isinstance(node, list):
            return any(walk(item) for item in node)
        return node == code

    return isinstance(body, dict) and walk(body.get("codes"))


# ---------------------------------------------------------------- set-up through the ORM


@dataclass(frozen=True)
class Cast:
    listing_id: int
    product: str
    district: str
    seller: tuple[str, str]  # username, password
    buyers: list[tuple[str, str]]


def cast_ensure(buyers: int) -> Cast:
    """The officer, the verified producer and its account, its published listing and the
    buyers: found by name when they exist, created through the services when not."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from odop.accounts.models import Role, User
    from odop.bazaar import services
    from odop.bazaar.models import Listing, ListingStatus
    from odop.producers.models import Producer, ProducerKind, ProducerStatus
    from odop.producers.services import producer_register, producer_verify
    from odop.registry.models import DistrictProduct

    seller, _ = User.objects.get_or_create(
        username=f"{PREFIX}-seller", defaults={"role": Role.PRODUCER}
    )
    producer = Producer.objects.filter(user=seller).select_related("district").first()
    if producer is None:
        product = (
            DistrictProduct.objects.select_related("district").order_by("district_id", "pk").first()
        )
        if product is None:
            raise SystemExit(
                "The registry is empty: run `make setup` (or `odop bootstrap`) on this database."
            )
        producer = producer_register(
            actor=seller,
            district=product.district,
            name="Bench Race Handicrafts",
            kind=ProducerKind.ARTISAN,
            pin_code="110001",
        )
    district = producer.district
    officer, created = User.objects.get_or_create(
        username=f"{PREFIX}-officer",
        defaults={"role": Role.DISTRICT_OFFICER, "district": district},
    )
    if created:
        officer.set_unusable_password()
        officer.save(update_fields=["password"])
    if producer.status != ProducerStatus.VERIFIED:
        producer = producer_verify(actor=officer, producer=producer)

    product = DistrictProduct.objects.filter(district=district).order_by("pk").first()
    assert product is not None
    listing = Listing.objects.filter(producer=producer, product=product).first()
    if listing is None:
        listing = services.listing_create(
            actor=seller,
            producer=producer,
            product=product,
            title=f"{product.name} (bench race)",
            price=Decimal("100.00"),
        )
    if listing.status in (ListingStatus.DRAFT, ListingStatus.PAUSED):
        listing = services.listing_transition(
            actor=seller, listing=listing, to_status=ListingStatus.PUBLISHED
        )
    if listing.minimum_order != 1:
        services.listing_update(actor=seller, listing=listing, minimum_order=1)

    seller_password = secrets.token_urlsafe(18)
    buyer_password = secrets.token_urlsafe(18)
    buyer_hash = make_password(buyer_password)
    seller.set_password(seller_password)
    seller.save(update_fields=["password"])
    names = [f"{PREFIX}-buyer-{number:03d}" for number in range(1, buyers + 1)]
    with transaction.atomic():
        existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
        User.objects.bulk_create(
            [User(username=name, role=Role.BUYER) for name in names if name not in existing]
        )
        User.objects.filter(username__in=names).update(
            password=buyer_hash, role=Role.BUYER, is_active=True
        )
    return Cast(
        listing_id=listing.pk,
        product=product.name,
        district=district.name,
        seller=(seller.username, seller_password),
        buyers=[(name, buyer_password) for name in names],
    )


def orders_after(listing_id: int, order_id: int) -> tuple[int, int]:
    """Orders of the listing placed after `order_id`, and the units they hold."""
    from django.db.models import Sum

    from odop.bazaar.models import Order

    orders = Order.objects.filter(listing_id=listing_id, pk__gt=order_id)
    return orders.count(), int(orders.aggregate(units=Sum("quantity"))["units"] or 0)


def last_order_id() -> int:
    from odop.bazaar.models import Order

    return int(Order.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)


# ---------------------------------------------------------------- the race


@dataclass(frozen=True)
class Outcome:
    buyer: str
    status: int
    body: Any
    started: float
    finished: float

    @property
    def seconds(self) -> float:
        return self.finished - self.started


def race(base_url: str, listing_id: int, tokens: list[tuple[str, str]]) -> list[Outcome]:
    """Every buyer connects first, then all wait at one barrier and order one unit at once."""
    barrier = threading.Barrier(len(tokens))
    outcomes: list[Outcome | None] = [None] * len(tokens)

    def buyer(index: int, name: str, token: str) -> None:
        client = Client(base_url, token)
        try:
            client.connect()
            barrier.wait(timeout=REQUEST_TIMEOUT)
            started = time.perf_counter()
            try:
                answer = client.call(
                    "POST", "/api/v1/bazaar/orders/", {"listing": listing_id, "quantity": 1}
                )
                outcomes[index] = Outcome(
                    name, answer.status, answer.body, started, time.perf_counter()
                )
            except (OSError, http.client.HTTPException) as error:
                outcomes[index] = Outcome(
                    name, 0, f"{type(error).__name__}: {error}", started, time.perf_counter()
                )
        finally:
            client.close()

    threads = [
        threading.Thread(target=buyer, args=(index, name, token), daemon=True)
        for index, (name, token) in enumerate(tokens)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(REQUEST_TIMEOUT * 2)
    return [outcome for outcome in outcomes if outcome is not None]


class StockWatcher(threading.Thread):
    """Reads the listing's stock from its own database connection while the buyers race.

    Only on PostgreSQL, where a reader never blocks a writer; on SQLite its shared lock would
    change the race it watches.
    """

    def __init__(self, listing_id: int) -> None:
        super().__init__(daemon=True)
        self.listing_id = listing_id
        self.lowest = 2**31
        self.samples = 0
        self.done = threading.Event()

    def run(self) -> None:
        from django.db import connection

        from odop.bazaar.models import Listing

        try:
            while not self.done.is_set():
                stock = Listing.objects.filter(pk=self.listing_id).values_list("stock", flat=True)
                self.lowest = min(self.lowest, int(stock.get()))
                self.samples += 1
                time.sleep(0.005)
        finally:
            connection.close()

    def stop(self) -> None:
        self.done.set()
        self.join(10)


def stock_set(seller: Client, listing_id: int, stock: int) -> None:
    answer = seller.call("PATCH", f"/api/v1/bazaar/listings/{listing_id}/", {"stock": stock})
    if answer.status != 200 or answer.body.get("stock") != stock:
        raise SystemExit(f"PATCH stock={stock}: HTTP {answer.status} {answer.body}")


def run(base_url: str, buyers: int, units: int) -> bool:
    """Set up, race, print the report. True when every invariant holds."""
    from django.db import connection

    cast = cast_ensure(buyers)
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}; server: {base_url}\n"
        f"listing {cast.listing_id}: {cast.product} ({cast.district}); "
        f"{buyers} buyers race for {units} units, one unit each"
    )
    connection.close()  # keep no idle connection open while the server works

    start = time.perf_counter()
    # Two at a time: a sign-in is mostly PBKDF2, which holds one process's GIL, so more in
    # parallel only queue inside the server (and time out on a crowded machine).
    with ThreadPoolExecutor(max_workers=2) as pool:
        seller_token = pool.submit(token_get, base_url, *cast.seller)
        buyer_tokens = list(pool.map(lambda pair: token_get(base_url, *pair), cast.buyers))
        seller_token_value = seller_token.result()
    print(f"tokens: {len(buyer_tokens) + 1} in {time.perf_counter() - start:.1f} s")
    tokens = [(name, token) for (name, _), token in zip(cast.buyers, buyer_tokens, strict=True)]

    seller = Client(base_url, seller_token_value)
    # Baseline: the same order request with no one else asking, one after the other.
    stock_set(seller, cast.listing_id, BASELINE_ORDERS)
    alone = Client(base_url, tokens[0][1])
    baseline = []
    for _ in range(BASELINE_ORDERS):
        answer = alone.call(
            "POST", "/api/v1/bazaar/orders/", {"listing": cast.listing_id, "quantity": 1}
        )
        if answer.status != 201:
            raise SystemExit(f"baseline order: HTTP {answer.status} {answer.body}")
        baseline.append(answer.seconds)
    alone.close()

    stock_set(seller, cast.listing_id, units)
    before = last_order_id()
    watcher = StockWatcher(cast.listing_id) if connection.vendor == "postgresql" else None
    if watcher:
        watcher.start()
    outcomes = race(base_url, cast.listing_id, tokens)
    if watcher:
        watcher.stop()
    final = seller.call("GET", f"/api/v1/bazaar/listings/{cast.listing_id}/")
    seller.close()
    orders, units_in_orders = orders_after(cast.listing_id, before)

    sold = [outcome for outcome in outcomes if outcome.status == 201]
    refused = [
        outcome
        for outcome in outcomes
        if outcome.status == 400 and has_code(outcome.body, "insufficient_stock")
    ]
    other = [outcome for outcome in outcomes if outcome not in sold and outcome not in refused]
    burst = max(o.finished for o in outcomes) - min(o.started for o in outcomes)
    latencies = [outcome.seconds * 1000 for outcome in outcomes]
    final_stock = final.body.get("stock") if isinstance(final.body, dict) else None

    print(f"responses: {len(outcomes)} of {buyers}")
    print(f"  201 created:                 {len(sold)}")
    print(f"  400 insufficient_stock:      {len(refused)}")
    print(f"  anything else:               {len(other)}")
    kinds: dict[str, int] = {}
    for outcome in other:
        body = " ".join(str(outcome.body).split())
        title = body.split("<title>")[1].split("</title>")[0] if "<title>" in body else body
        kind = f"HTTP {outcome.status} {title[:150]}"
        kinds[kind] = kinds.get(kind, 0) + 1
    for kind, count in kinds.items():
        print(f"    {count} x {kind}")
    print(f"final stock (GET listing):     {final_stock}")
    if watcher:
        print(
            f"stock seen during the burst:   {watcher.lowest} at lowest "
            f"({watcher.samples} reads, another connection, every ~5 ms)"
        )
    else:
        print("stock seen during the burst:   not watched (SQLite: a reader would take locks)")
    print(f"orders of the race in the db:  {orders} ({units_in_orders} units)")
    print(f"burst wall-clock:              {burst * 1000:.0f} ms")
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    base = median(baseline) * 1000
    print(f"order latency in the race:     p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print(
        f"uncontended order (baseline):  p50 {base:.0f} ms "
        f"({BASELINE_ORDERS} in a row, one buyer); race p50 = {p50 / base:.1f}x baseline"
    )
    winners = [o.seconds * 1000 for o in sold]
    losers = [o.seconds * 1000 for o in refused]
    if winners and losers:
        print(
            f"  winners p50 {percentile(winners, 0.5):.0f} ms, "
            f"losers p50 {percentile(losers, 0.5):.0f} ms"
        )

    checks = {
        "stock never below zero": (watcher is None or watcher.lowest >= 0)
        and isinstance(final_stock, int)
        and final_stock >= 0,
        f"exactly {units} sold (201s)": len(sold) == units,
        f"exactly {units} units in new orders": orders == units and units_in_orders == units,
        "stock 0 afterwards": final_stock == 0,
        "every loser answered 400 insufficient_stock": len(refused) == buyers - units,
        "every buyer got an answer": len(outcomes) == buyers,
    }
    for name, passed in checks.items():
        print(f"{'ok  ' if passed else 'FAIL'} {name}")
    return all(checks.values())


# ---------------------------------------------------------------- --serve


def server_start(args: argparse.Namespace, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DJANGO_DEBUG": "false",
    }
    if args.server == "gunicorn":
        command = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--worker-class",
            "gthread",
            "--workers",
            str(args.workers or 4),
            "--threads",
            str(args.threads or 16),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ]
    else:
        command = [
            str(ROOT / ".venv" / "bin" / "odop"),
            "runserver",
            "--noreload",
            f"127.0.0.1:{port}",
        ]
    # The server logs every 400 ("Bad Request: ..."): keep that out of the report.
    if args.server == "serve":
        return serve_start(
            port=port,
            database_url=os.environ["DATABASE_URL"],
            log=SERVER_LOG,
            workers=args.workers,
            threads=args.threads,
        )
    log = open(SERVER_LOG, "wb")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def server_wait(process: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
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


def serve_and_run(args: argparse.Namespace) -> bool:
    folder = None
    if args.database_url:
        url = args.database_url  # prepared below if it is not yet; never dropped
        args.keep_database = True
    elif args.database == "postgresql":
        url = postgres_database_create(RACE_DATABASE)
    else:
        url, folder = sqlite_database_create()
    os.environ["DATABASE_URL"] = url  # the server inherits it
    django_configure(url)
    start = time.perf_counter()
    database_prepare()
    print(f"migrated and imported the registry in {time.perf_counter() - start:.0f} s")
    port = args.port or free_port()
    process = server_start(args, port)
    concurrency = {
        "serve": f"gunicorn: {args.workers or 'default'} workers x "
        f"{args.threads or 'default'} threads, and the task worker",
        "gunicorn": f"{args.workers or 4} workers x {args.threads or 16} threads",
        "runserver": "a thread per request",
    }[args.server]
    print(f"{args.server} ({concurrency}) on 127.0.0.1:{port}")
    try:
        server_wait(process, port)
        passed = run(f"http://127.0.0.1:{port}", args.buyers, args.units)
        errors = SERVER_LOG.read_text(errors="replace").count("Traceback")
        print(f"server log: {SERVER_LOG} ({errors} tracebacks)")
        return passed
    finally:
        serve_stop(process)
        from django.db import connections

        connections.close_all()
        if not args.keep_database:
            if folder is not None:
                sqlite_database_drop(folder)
            else:
                postgres_database_drop(RACE_DATABASE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--buyers", type=int, default=50)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument(
        "--serve", action="store_true", help="start a server on a fresh database, race, stop it"
    )
    parser.add_argument("--database", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--server", choices=["serve", "gunicorn", "runserver"], default="serve")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument(
        "--database-url", default=None, help="with --serve: race on this database, keep it"
    )
    parser.add_argument("--port", type=int, default=0, help="with --serve (default: any free)")
    args = parser.parse_args()
    if args.units < 1 or args.buyers <= args.units:
        parser.error("need 1 <= --units < --buyers")
    if args.serve:
        passed = serve_and_run(args)
    else:
        django_configure(None)
        passed = run(args.base_url, args.buyers, args.units)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
