"""Race for one machine's time slot over HTTP: 30 requests for the same two hours at once.

Issue 15's "done when": concurrent requests for the same two hours of one machine make
exactly one booking. Against a running server (`make run`, or
`odop runserver 127.0.0.1:8701`), as a verified producer:

    .venv/bin/python bench/booking_race.py --base-url http://127.0.0.1:8701 --token <token>
    .venv/bin/python bench/booking_race.py --base-url http://127.0.0.1:8701 \
        --username demo-producer --password <from .demo-accounts.json>

Picks the first working machine of the first centre `GET /api/v1/cfcs/` lists (or
`--centre`/`--equipment`), a slot on the Monday two weeks ahead, 10:00-12:00 India time (or
`--start`, ISO 8601 with offset), opens one connection per request, releases them together
with a barrier and prints how many got 201, and how many 400 with which code. Exits 1 unless
exactly one got 201 (a second run on the same slot then gets none: pass another `--start`).
Traffic goes only to the given base URL; every request has a timeout.
"""

import argparse
import datetime as dt
import http.client
import json
import sys
import threading
import time
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

IST = dt.timezone(dt.timedelta(hours=5, minutes=30))
TIMEOUT = 60


def _connection(base_url: str) -> http.client.HTTPConnection:
    parts = urlsplit(base_url)
    factory = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    return factory(parts.hostname or "127.0.0.1", parts.port, timeout=TIMEOUT)


def _request(
    base_url: str, method: str, path: str, body: dict[str, Any] | None = None, token: str = ""
) -> tuple[int, Any]:
    connection = _connection(base_url)
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    try:
        connection.request(method, path, json.dumps(body) if body else None, headers)
        response = connection.getresponse()
        raw = response.read()
        return response.status, json.loads(raw) if raw else None
    finally:
        connection.close()


def _token(args: argparse.Namespace) -> str:
    if args.token:
        return str(args.token)
    status, data = _request(
        args.base_url,
        "POST",
        "/api/v1/auth/token/",
        {"username": args.username, "password": args.password},
    )
    if status != 200:
        sys.exit(f"sign-in refused ({status}): {data}")
    return str(data["token"])


def _target(args: argparse.Namespace) -> tuple[int, int]:
    if args.centre and args.equipment:
        return args.centre, args.equipment
    status, data = _request(args.base_url, "GET", "/api/v1/cfcs/")
    if status != 200:
        sys.exit(f"GET /api/v1/cfcs/ answered {status}")
    for centre in data["results"]:
        for machine in centre["equipment"]:
            if machine["status"] == "working":
                return centre["id"], machine["id"]
    sys.exit("no centre with a working machine: run `make run` (it seeds a demo centre)")


def _default_start() -> dt.datetime:
    today = dt.datetime.now(IST).date()
    monday = today + dt.timedelta(days=14 - today.weekday())
    return dt.datetime.combine(monday, dt.time(10), tzinfo=IST)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", help="a verified producer's API token")
    parser.add_argument("--username")
    parser.add_argument("--password")
    parser.add_argument("--centre", type=int)
    parser.add_argument("--equipment", type=int)
    parser.add_argument("--start", type=dt.datetime.fromisoformat)
    parser.add_argument("--hours", type=int, default=2)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    if not args.token and not (args.username and args.password):
        parser.error("give --token, or --username and --password")
    token = _token(args)
    centre, equipment = _target(args)
    start = args.start or _default_start()
    body = {
        "equipment": equipment,
        "start": start.isoformat(),
        "end": (start + dt.timedelta(hours=args.hours)).isoformat(),
    }
    path = f"/api/v1/cfcs/{centre}/bookings/"
    barrier = threading.Barrier(args.requests)
    outcomes: list[str] = []
    lock = threading.Lock()

    def book() -> None:
        barrier.wait()
        try:
            status, data = _request(args.base_url, "POST", path, body, token)
        except OSError as error:
            outcome = f"error {type(error).__name__}"
        else:
            codes = data.get("codes", {}) if isinstance(data, dict) else {}
            flat = [
                code
                for value in codes.values()
                for code in (value if isinstance(value, list) else [value])
            ]
            outcome = str(status) + (f" {','.join(map(str, flat))}" if flat else "")
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=book) for _ in range(args.requests)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    print(f"{args.requests} requests for machine {equipment}, {body['start']} to {body['end']}:")
    for outcome, count in sorted(Counter(outcomes).items()):
        print(f"  {count:3d} x {outcome}")
    print(f"burst took {elapsed:.2f} s")
    created = sum(1 for outcome in outcomes if outcome.startswith("201"))
    print("OK: exactly one booking" if created == 1 else f"FAILED: {created} bookings")
    return 0 if created == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
