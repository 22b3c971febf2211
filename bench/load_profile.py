"""Load profile: 50 users browsing, searching, inquiring and ordering for 60 s against the server
`make run` starts (`odop serve`), with errors and p50/p95 per kind of request.

What locust would do, in the standard library (locust is not a dependency):

1. Set-up through the ORM, on the bench's database (a temporary SQLite file by default,
   `--database-url` to reuse one; migrated and with the reference registry imported): for the
   first `--listings` districts with a product, a verified producer with a published listing of
   that product and plenty of stock; `--users` buyer accounts. Idempotent (names are reused).
2. Start `odop serve` on a free port of 127.0.0.1 (DEBUG off, sign-in throttles lifted: every
   simulated user signs in from the same address).
3. Every user has an API token (issued in set-up through the service; one user signs in over
   HTTP as a check) and holds one keep-alive connection; until the deadline it picks a task
   (weights like a locust file's): browse a public page (home, a State, a district, a
   product, a listing, a producer), search (catalogue or storefront, a word from the
   listings), send an inquiry through the API, or order one unit through the API; then
   waits 0.5-1.5 s (locust's `between(0.5, 1.5)`; `--think` scales it).
4. Print per kind of request: count, errors (no answer, 5xx, or a status other than the one
   expected), p50/p95/max latency; totals; server-side tracebacks. Exits 1 on any error.

    .venv/bin/python bench/load_profile.py
    .venv/bin/python bench/load_profile.py --database-url postgres://postgres@127.0.0.1:5432/odop_x
"""

import argparse
import http.client
import json
import random
import secrets
import socket
import sys
import threading
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

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

PREFIX = "bench-load"
REQUEST_TIMEOUT = 60.0
STOCK = 5_000_000
WEIGHTS = {"browse": 45, "search": 25, "inquire": 15, "order": 15}


@dataclass(frozen=True)
class Site:
    """What the simulated users can ask for, found in the prepared database."""

    pages: dict[str, list[str]]  # kind -> paths
    listings: list[int]
    words: list[str]
    buyers: list[tuple[str, str]]
    tokens: list[str]  # one API token per buyer, issued in set-up


def site_ensure(*, listings: int, users: int) -> Site:
    """Producers with published, well-stocked listings in the first `listings` districts that
    have a product, and `users` buyers; found by name when they exist."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from odop.accounts.models import Role, User
    from odop.bazaar import services
    from odop.bazaar.models import Listing, ListingStatus
    from odop.geography.models import State
    from odop.producers.models import Producer, ProducerKind, ProducerStatus
    from odop.producers.services import producer_register, producer_verify
    from odop.registry.models import DistrictProduct

    products = []
    seen: set[int] = set()
    for product in DistrictProduct.objects.select_related("district").order_by("pk"):
        if product.district_id not in seen:
            seen.add(product.district_id)
            products.append(product)
        if len(products) == listings:
            break
    if not products:
        raise SystemExit("The registry is empty: the reference import did not run.")

    listing_ids = []
    producer_ids = []
    for product in products:
        district = product.district
        seller, _ = User.objects.get_or_create(
            username=f"{PREFIX}-seller-{district.lgd_code}", defaults={"role": Role.PRODUCER}
        )
        officer, created = User.objects.get_or_create(
            username=f"{PREFIX}-officer-{district.lgd_code}",
            defaults={"role": Role.DISTRICT_OFFICER, "district": district},
        )
        if created:
            officer.set_unusable_password()
            officer.save(update_fields=["password"])
        producer = Producer.objects.filter(user=seller).first()
        if producer is None:
            producer = producer_register(
                actor=seller,
                district=district,
                name=f"{product.name} makers of {district.name}",
                kind=ProducerKind.ARTISAN,
                pin_code="110001",
            )
        if producer.status != ProducerStatus.VERIFIED:
            producer = producer_verify(actor=officer, producer=producer)
        listing = Listing.objects.filter(producer=producer, product=product).first()
        if listing is None:
            listing = services.listing_create(
                actor=seller,
                producer=producer,
                product=product,
                title=f"{product.name} from {district.name}",
                story=f"Made in {district.name} by the {product.name} makers.",
                price=Decimal("250.00"),
            )
        if listing.status in (ListingStatus.DRAFT, ListingStatus.PAUSED):
            listing = services.listing_transition(
                actor=seller, listing=listing, to_status=ListingStatus.PUBLISHED
            )
        if listing.minimum_order != 1:
            listing = services.listing_update(actor=seller, listing=listing, minimum_order=1)
        if listing.stock < STOCK // 2:
            listing = services.listing_stock_set(actor=seller, listing=listing, stock=STOCK)
        listing_ids.append(listing.pk)
        producer_ids.append(producer.pk)

    password = secrets.token_urlsafe(18)
    names = [f"{PREFIX}-buyer-{number:03d}" for number in range(1, users + 1)]
    with transaction.atomic():
        existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
        User.objects.bulk_create(
            [User(username=name, role=Role.BUYER) for name in names if name not in existing]
        )
        User.objects.filter(username__in=names).update(
            password=make_password(password), role=Role.BUYER, is_active=True
        )

    from odop.accounts.services import api_token_issue

    tokens = [
        api_token_issue(user=user).key
        for user in User.objects.filter(username__in=names).order_by("username")
    ]
    states = list(State.objects.order_by("lgd_code").values_list("lgd_code", flat=True)[:10])
    words = sorted({word.lower() for p in products for word in p.name.split() if len(word) > 3})
    return Site(
        pages={
            "home": ["/"],
            "state": [f"/states/{code}/" for code in states],
            "district": [f"/districts/{p.district.lgd_code}/" for p in products],
            "product": [f"/products/{p.pk}/" for p in products],
            "listing": [f"/bazaar/listings/{pk}/" for pk in listing_ids],
            "producer": [f"/bazaar/producers/{pk}/" for pk in producer_ids],
        },
        listings=listing_ids,
        words=words or ["silk"],
        buyers=[(name, password) for name in names],
        tokens=tokens,
    )


@dataclass(frozen=True)
class Sample:
    kind: str
    status: int  # 0: no answer
    ok: bool
    seconds: float
    note: str = ""


class User:
    """One simulated visitor: a keep-alive connection, a token, a random walk of tasks."""

    def __init__(self, port: int, site: Site, buyer: tuple[str, str], seed: int) -> None:
        self.port = port
        self.site = site
        self.buyer = buyer
        self.random = random.Random(seed)
        self.connection: http.client.HTTPConnection | None = None
        self.token = ""
        self.samples: list[Sample] = []

    def call(self, kind: str, method: str, path: str, payload: Any = None, expect: int = 0) -> Any:
        headers = {"Host": "127.0.0.1", "Accept": "text/html,application/json"}
        body = None
        if payload is not None:
            body = json.dumps(payload)
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        if self.connection is None:
            self.connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=REQUEST_TIMEOUT
            )
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as error:
            note = "timeout" if isinstance(error, socket.timeout) else type(error).__name__
            self.samples.append(Sample(kind, 0, False, time.perf_counter() - started, note))
            self.connection.close()
            self.connection = None
            return None
        seconds = time.perf_counter() - started
        ok = response.status == expect if expect else response.status < 400
        note = "" if ok else f"HTTP {response.status} {raw[:160]!r}"
        self.samples.append(Sample(kind, response.status, ok, seconds, note))
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        if payload is not None or path.startswith("/api/"):
            try:
                return json.loads(raw) if raw else None
            except ValueError:
                return None
        return None

    def sign_in(self) -> None:
        name, password = self.buyer
        answer = self.call(
            "sign in (API token)",
            "POST",
            "/api/v1/auth/token/",
            {"username": name, "password": password},
            expect=200,
        )
        if isinstance(answer, dict):
            self.token = str(answer.get("token", ""))

    def browse(self) -> None:
        kind = self.random.choice(list(self.site.pages))
        self.call(f"page: {kind}", "GET", self.random.choice(self.site.pages[kind]))

    def search(self) -> None:
        word = self.random.choice(self.site.words)
        if self.random.random() < 0.5:
            self.call("search: catalogue", "GET", f"/search/?q={word}")
        else:
            self.call("search: storefront", "GET", f"/bazaar/?q={word}")

    def inquire(self) -> None:
        payload = {
            "listing": self.random.choice(self.site.listings),
            "quantity": self.random.randint(10, 200),
            "message": "Could you quote for a festival order, delivered to Pune?",
        }
        self.call("API: inquiry", "POST", "/api/v1/bazaar/inquiries/", payload, expect=201)

    def order(self) -> None:
        payload = {"listing": self.random.choice(self.site.listings), "quantity": 1}
        self.call("API: order", "POST", "/api/v1/bazaar/orders/", payload, expect=201)

    def run(self, deadline: float, think: float) -> None:
        tasks = {"browse": self.browse, "search": self.search}
        tasks |= {"inquire": self.inquire, "order": self.order}
        names = list(WEIGHTS)
        weights = [WEIGHTS[name] for name in names]
        while time.monotonic() < deadline:
            name = self.random.choices(names, weights)[0]
            if name in ("inquire", "order") and not self.token:
                self.sign_in()
                continue
            tasks[name]()
            time.sleep(self.random.uniform(0.5, 1.5) * think)
        if self.connection is not None:
            self.connection.close()


def report(samples: list[Sample], seconds: float) -> bool:
    kinds: dict[str, list[Sample]] = {}
    for sample in samples:
        kinds.setdefault(sample.kind, []).append(sample)
    print(
        "\n| request | count | errors | p50 ms | p95 ms | max ms |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: |"
    )
    for kind in sorted(kinds):
        rows = kinds[kind]
        times = [row.seconds * 1000 for row in rows if row.status]
        print(
            f"| {kind} | {len(rows)} | {sum(not row.ok for row in rows)} | "
            f"{percentile(times, 0.5):.0f} | {percentile(times, 0.95):.0f} | "
            f"{max(times, default=float('nan')):.0f} |"
        )
    times = [sample.seconds * 1000 for sample in samples if sample.status]
    errors = [sample for sample in samples if not sample.ok]
    print(
        f"| **all** | {len(samples)} | {len(errors)} | {percentile(times, 0.5):.0f} | "
        f"{percentile(times, 0.95):.0f} | {max(times, default=float('nan')):.0f} |"
    )
    print(f"\n{len(samples)} requests in {seconds:.0f} s: {len(samples) / seconds:.1f} requests/s")
    notes: dict[str, int] = {}
    for sample in errors:
        key = f"{sample.kind}: {sample.note}"
        notes[key] = notes.get(key, 0) + 1
    for note, count in sorted(notes.items(), key=lambda item: -item[1])[:10]:
        print(f"  {count} x {note}")
    return not errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=1.0, help="scales the 0.5-1.5 s wait")
    parser.add_argument("--listings", type=int, default=30)
    parser.add_argument("--database-url", default=None, help="reuse (and prepare) this database")
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()

    folder = None
    url = args.database_url
    if url is None:
        url, folder = sqlite_database_create()
    django_configure(url)
    start = time.perf_counter()
    database_prepare()
    site = site_ensure(listings=args.listings, users=args.users)
    from django.db import connection, connections

    vendor = connection.vendor
    connections.close_all()
    print(
        f"database ({vendor}) ready in {time.perf_counter() - start:.0f} s: "
        f"{len(site.listings)} listings, {len(site.buyers)} buyers"
    )
    port = args.port or free_port()
    log = server_log("load")
    process = serve_start(
        port=port, database_url=url, log=log, workers=args.workers, threads=args.threads
    )
    try:
        serve_wait(process, port)
        print(f"odop serve on 127.0.0.1:{port} (log {log}); {args.users} users, {args.seconds} s")
        users = [
            User(port, site, buyer, args.seed * 1000 + number)
            for number, buyer in enumerate(site.buyers)
        ]
        # Tokens were issued in set-up: the profile measures visits, not 50 PBKDF2 sign-ins
        # (0.7 s of CPU each) in its first second. One user signs in over HTTP to check it.
        users[0].sign_in()
        print(f"sign-in over HTTP: {users[0].samples[0].status}, token issued in set-up for all")
        for number, user in enumerate(users):
            user.samples.clear()
            user.token = site.tokens[number]
        started = time.perf_counter()
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=user.run, args=(deadline, args.think)) for user in users]
        for thread in threads:
            thread.start()
            time.sleep(1.0 / len(threads))  # users arrive over one second, as locust spawns
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        passed = report([sample for user in users for sample in user.samples], elapsed)
        print(f"server log: {log_tracebacks(log)} tracebacks")
    finally:
        serve_stop(process)
        if folder is not None:
            sqlite_database_drop(folder)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
