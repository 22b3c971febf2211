"""Ranked catalogue search (issue 13): the cost of a query against the page's other costs.

Imports the real reference data (ODOP_DATA_DIR) into a fresh database, then for a fixed set of
queries (one per class the issue names) measures, alternating so drift hits all alike:

- `rank`: the pure ranking over the warm in-memory index (`SearchIndex.rank`);
- `selector`: `registry.selectors.district_product_search` with the first page of 50 rows
  loaded (the index's freshness check, the ranking, the CASE-ordered query);
- `substring`: the search before issue 13, for reference: the database's own `icontains` over
  names, types and district spellings, first 50 rows;
- `page`: the whole search page (`/search/?q=`) through Django's test client and every
  middleware, as a visitor the page cache does not serve (a `messages` cookie).

It also prints the index's cold build time (its rebuild after a data change) and its size.

    .venv/bin/python bench/search_bench.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_bench_search \
        .venv/bin/python bench/search_bench.py

Bounded: REPEAT runs of each path per query; local only (no network).
"""

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_setup

REPEAT = 60
QUERIES = (
    "Pulwama",
    "fox nut",
    "turmric",
    "हल्दी",
    "resham",
    "Gurgaon",
    "bhut jolokia",
    "blue pottery jar",
    "Coorg Arabica Coffee",
)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def main() -> None:
    django_setup()
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.db.models import Q
    from django.test import Client

    from odop.geography.models import District
    from odop.registry.models import DistrictProduct
    from odop.registry.selectors import search as selectors
    from odop.registry.services import ReferenceFiles, reference_import

    started = time.perf_counter()
    reference_import(files=ReferenceFiles.in_directory(Path(settings.ODOP_DATA_DIR)))
    print(f"database: {connection.vendor}; import {time.perf_counter() - started:.1f} s")

    builds = []
    for _ in range(5):
        selectors._search_index = None
        started = time.perf_counter()
        index = selectors.search_index_current()
        builds.append(time.perf_counter() - started)
    print(
        f"index: {len(index)} products, {index.vocabulary_size} words; cold build "
        f"p50 {statistics.median(builds) * 1000:.0f} ms (5 builds)"
    )
    started = time.perf_counter()
    for _ in range(REPEAT):
        selectors._search_fingerprint()
    fingerprint = (time.perf_counter() - started) / REPEAT * 1000
    print(f"freshness check (one query): {fingerprint:.2f} ms")

    anonymous = AnonymousUser()
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["messages"] = "bench"

    def substring(query: str) -> list[DistrictProduct]:
        places = District.objects.filter(
            Q(name__icontains=query) | Q(aliases__name__icontains=query)
        ).values("pk")
        return list(
            DistrictProduct.objects.filter(
                Q(name__icontains=query)
                | Q(product_type__name__icontains=query)
                | Q(district__in=places)
            )
            .select_related("district__state", "product_type")
            .order_by("name", "pk")[:50]
        )

    paths: dict[str, Callable[[str], object]] = {
        "rank": index.rank,
        "selector": lambda query: list(
            selectors.district_product_search(user=anonymous, query=query).select_related(
                "district__state", "product_type"
            )[:50]
        ),
        "substring": substring,
        "page": lambda query: client.get("/search/", {"q": query}),
    }
    header = f"{'query':24} {'hits':>5} {'old':>4}  " + "  ".join(
        f"{name + ' p50/p95 ms':>22}" for name in paths
    )
    print(header)
    for query in QUERIES:
        samples: dict[str, list[float]] = {name: [] for name in paths}
        for _ in range(REPEAT):
            for name, path in paths.items():
                started = time.perf_counter()
                path(query)
                samples[name].append(time.perf_counter() - started)
        hits = len(index.rank(query))
        old = len(substring(query))
        cells = "  ".join(
            "{:>10.2f} / {:>9.2f}".format(*_percentiles(samples[name])) for name in paths
        )
        print(f"{query:24} {hits:>5} {old:>4}  {cells}")


if __name__ == "__main__":
    main()
