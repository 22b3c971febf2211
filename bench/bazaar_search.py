"""Storefront search at 10k, 100k and 1M listings, against the database's own full-text query.

For each database (PostgreSQL: a tsvector column with a GIN index; SQLite: an FTS5 table, both
from migration bazaar 0002) and each size, in a fresh database (a copy of a migrated template
with the real reference registry imported):

1. Seeds `size` published listings of verified producers spread over every district that has
   a product in the national list, in bulk (PostgreSQL: COPY, with the GIN index built after;
   SQLite: executemany with the FTS5 triggers on), then ANALYZE (and FTS5 `optimize`).
   Titles and stories are built from the listing's real district product (its name, product
   type and a sentence of its national-list description), craft words (materials, forms,
   techniques), the district and State, and Hindi phrases in 15% of the listings.
2. Times a fixed set of queries (a common word, a rare word, two words, a prefix, a Hindi
   word, and a State facet with a word) two ways, alternating so drift hits both alike:
   (a) the storefront: `selectors.listings_find(user=anonymous, filters=...)` paged as the
       storefront and the API page it (`selectors.RankedListings`: ids ranked, then 20 rows loaded)
   materialised (the first page); (b) the baseline: the raw full-text SQL of the same
   database, with the same match expression the selector builds (`_tsquery` /
   `_fts5_query`): PostgreSQL `SELECT id ... WHERE search_vector @@ to_tsquery('simple', q)
   ORDER BY ts_rank(...) DESC LIMIT 20`, SQLite `SELECT rowid FROM bazaar_listing_fts
   WHERE bazaar_listing_fts MATCH q ORDER BY rank LIMIT 20`.
3. Prints per query: matching rows, p50/p95 of both, and the ratio storefront / raw; the
   p50/p95 of the storefront page's registry facets for the same words (`bazaar.matches`,
   issue 13: the registry's ranking, then one grouped count over the listings); and the
   seeding time. `--explain` prints the query plans (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN
   QUERY PLAN on SQLite) for the largest size. A query the database has not finished after
   `--timeout` seconds (default 120) is stopped and reported as such.

    .venv/bin/python bench/bazaar_search.py                                   # 10k, 100k, 1M
    .venv/bin/python bench/bazaar_search.py --sizes 10000 --databases sqlite  # quick
    .venv/bin/python bench/bazaar_search.py --sizes 10000,100000 --explain

Each database runs in its own process (Django binds one backend per process). PostgreSQL
databases are `odop_bench_bazaar_*` on 127.0.0.1:5432 (BENCH_POSTGRES to change the server),
SQLite files live in a temporary folder; all are dropped at the end (`--keep` keeps them).
Bounded: each query stops after `--repeat` runs of each path or `--seconds` seconds.
The seeded rows bypass the services (no history rows, no events): only search is measured.
"""

import argparse
import datetime as dt
import json
import random
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bazaar import (
    database_prepare,
    django_configure,
    percentile,
    postgres_database_create,
    postgres_database_drop,
    sqlite_database_create,
    sqlite_database_drop,
)

TEMPLATE = "odop_bench_bazaar_template"
SEED = 20261124
PAGE = 20

# ---------------------------------------------------------------- vocabulary

COMMON_WORD = "handmade"  # in about a quarter of the listings
RARE_WORD = "heirloom"  # in about 1 listing of 5,000
HINDI_WORD = "हस्तनिर्मित"  # "handmade", in about half of the Hindi phrases
ADJECTIVES = [
    "handwoven", "handcrafted", "traditional", "organic", "natural", "premium", "authentic",
    "heritage", "artisanal", "eco-friendly", "fine", "pure", "classic", "festive", "rustic",
    "elegant", "hand-painted", "hand-carved", "sun-dried", "stone-ground",
]  # fmt: skip
MATERIALS = [
    "brass", "copper", "bell metal", "silver", "terracotta", "clay", "bamboo", "cane", "jute",
    "coir", "wood", "sheesham", "sandalwood", "teak", "marble", "soapstone", "silk", "cotton",
    "wool", "pashmina", "khadi", "leather", "glass", "lac", "shell", "palm leaf", "banana fibre",
]  # fmt: skip
FORMS = [
    "saree", "shawl", "stole", "dupatta", "kurta", "rug", "dhurrie", "cushion cover", "bedsheet",
    "lamp", "diya", "bowl", "vase", "plate", "tray", "basket", "bag", "box", "figurine", "idol",
    "wall hanging", "toy", "jewellery set", "bangles", "earrings", "pack", "jar", "gift hamper",
    "coaster set", "mat",
]  # fmt: skip
TECHNIQUES = [
    "embroidered", "block-printed", "tie-dyed", "carved", "inlaid", "woven", "filigree",
    "enamelled", "lacquered", "appliqué", "embroidery", "zari work", "chikankari",
    "kantha stitch", "madhubani painting", "warli art", "dhokra casting", "bidri work",
    "pattachitra", "ikat",
]  # fmt: skip
MAKERS = [
    "women artisans", "weavers", "potters", "carpenters", "metal workers", "farmers",
    "a self-help group", "a farmer producer organisation", "a cooperative", "master craftsmen",
]  # fmt: skip
HINDI_ADJECTIVES = ["पारंपरिक", "जैविक", "शुद्ध", "असली", "सुंदर"]
HINDI_MATERIALS = ["रेशम", "सूती", "पीतल", "तांबा", "मिट्टी", "लकड़ी", "बांस", "जूट", "चांदी"]
HINDI_FORMS = ["साड़ी", "दुपट्टा", "थाली", "दीया", "टोकरी", "कढ़ाई", "हल्दी", "आम", "चाय", "मसाला"]
FIRST_NAMES = [
    "Asha", "Ramesh", "Sunita", "Mohammed", "Lakshmi", "Gurpreet", "Anil", "Fatima", "Suresh",
    "Kavita", "Joseph", "Meena", "Rajesh", "Parvati", "Imran", "Geeta", "Vijay", "Savitri",
    "Harish", "Nirmala",
]  # fmt: skip
LAST_NAMES = [
    "Devi", "Kumar", "Singh", "Ansari", "Patel", "Reddy", "Nair", "Das", "Yadav", "Sharma",
    "Bhuyan", "Mondal", "Khan", "Naik", "Gowda", "Meena", "Bora", "Lepcha", "Sahu", "Verma",
]  # fmt: skip
ORGANISATIONS = [
    "Handicrafts", "Crafts", "Weavers", "SHG", "FPO", "Cooperative Society", "Udyog",
    "Kala Kendra", "Enterprises", "Artisans Collective",
]  # fmt: skip
UNITS = ["piece", "set", "pair", "kg", "g", "litre", "metre", "dozen"]


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    state_name: str = ""  # a State facet, by name (its LGD code is looked up)


QUERIES = [
    Query("common word", COMMON_WORD),
    Query("rare word", RARE_WORD),
    Query("two words", "brass lamp"),
    Query("prefix", "embroi"),
    Query("Hindi word", HINDI_WORD),
    Query("State facet + word", COMMON_WORD, state_name="Uttar Pradesh"),
]


@dataclass(frozen=True)
class Result:
    database: str
    size: int
    query: str
    text: str
    hits: int
    runs: int  # of the storefront query
    orm_p50: float
    orm_p95: float
    raw_p50: float
    raw_p95: float
    raw_runs: int = 0
    timed_out: str = ""  # paths the database stopped at --timeout
    # The storefront page's registry facets for the same words (`bazaar.matches`, issue 13):
    # the ranked district products with listings in the filters, one grouped count.
    matches_p50: float = float("nan")
    matches_p95: float = float("nan")

    @property
    def ratio(self) -> float:
        return self.orm_p50 / self.raw_p50 if self.raw_p50 else float("nan")


# ---------------------------------------------------------------- seeding


@dataclass(frozen=True)
class Product:
    id: int
    district_id: int
    district: str
    state_id: int
    state: str
    sector: str
    sector_label: str
    is_gi: bool
    name: str
    type_name: str
    sentence: str  # the first sentence of its national-list description


def products_load() -> list[Product]:
    from odop.registry.models import DistrictProduct, Sector

    labels = dict(Sector.choices)
    products = []
    for row in DistrictProduct.objects.values_list(
        "pk",
        "district_id",
        "district__name",
        "district__state_id",
        "district__state__name",
        "sector",
        "is_gi",
        "name",
        "product_type__name",
        "description",
    ):
        pk, district_id, district, state_id, state, sector, is_gi, name, type_name, text = row
        sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0][:300] if text else ""
        products.append(
            Product(
                pk,
                district_id,
                district,
                state_id,
                state,
                sector,
                str(labels.get(sector, "")) if sector else "",
                is_gi,
                name,
                type_name,
                sentence,
            )
        )
    return products


def producers_seed(
    count: int, products: list[Product], rng: random.Random
) -> list[tuple[int, int, str]]:
    """`count` verified producers in the districts that have products. (id, district, name)."""
    from django.utils import timezone

    from odop.accounts.models import Role, User
    from odop.producers.models import Producer, ProducerKind, ProducerStatus

    officer, _ = User.objects.get_or_create(
        username="bench-search-officer", defaults={"role": Role.NATIONAL_ADMIN}
    )
    districts = sorted({(p.district_id, p.district) for p in products})
    kinds = list(ProducerKind.values)
    now = timezone.now()
    rows = []
    for number in range(count):
        district_id, district = rng.choice(districts)
        if rng.random() < 0.3:
            name = f"{district} {rng.choice(ORGANISATIONS)} {number}"
        else:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {rng.choice(ORGANISATIONS)}"
        rows.append(
            Producer(
                name=name,
                kind=rng.choice(kinds),
                district_id=district_id,
                pin_code="110001",
                status=ProducerStatus.VERIFIED,
                verified_by=officer,
                verified_at=now,
            )
        )
    created = Producer.objects.bulk_create(rows, batch_size=2000)
    return [(p.pk, p.district_id, p.name) for p in created]


COLUMNS = [
    "created_at", "updated_at", "producer_id", "product_id", "title", "story", "price", "unit",
    "minimum_order", "monthly_capacity", "lead_time_days", "stock", "hs_code", "gtin",
    "country_of_origin", "export_ready", "status", "district_id", "state_id", "sector", "is_gi",
    "search_document", "published_at",
]  # fmt: skip


def listing_rows(
    size: int, products: list[Product], producers: list[tuple[int, int, str]], rng: random.Random
) -> Iterator[tuple[Any, ...]]:
    """`size` listing rows in COLUMNS order; `search_document` as the services build it
    (`services.listing_search_document`: title, story, product, type, sector, district,
    State, producer), written out here because the rows never become model instances."""
    by_district: dict[int, list[Product]] = defaultdict(list)
    for product in products:
        by_district[product.district_id].append(product)
    now = dt.datetime.now(dt.UTC)
    choice, random_ = rng.choice, rng.random
    for _ in range(size):
        producer_id, district_id, producer_name = choice(producers)
        product = choice(by_district[district_id])
        material, form, technique = choice(MATERIALS), choice(FORMS), choice(TECHNIQUES)
        adjective = COMMON_WORD if random_() < 0.25 else choice(ADJECTIVES)
        title = f"{adjective.capitalize()} {product.name} {material} {form}"[:200]
        story = [
            f"{technique.capitalize()} {material} {form} made by {choice(MAKERS)} of "
            f"{product.district}, {product.state}.",
            product.sentence,
            f"{choice(ADJECTIVES).capitalize()} and {choice(ADJECTIVES)}; each piece takes "
            f"{rng.randint(2, 40)} days.",
        ]
        if random_() < 0.4:
            story.append(f"Packed in {choice(MATERIALS)} for gifting; ships across India.")
        if random_() < 0.15:
            hindi = HINDI_WORD if random_() < 0.5 else choice(HINDI_ADJECTIVES)
            story.append(f"{hindi} {choice(HINDI_MATERIALS)} {choice(HINDI_FORMS)}")
        if random_() < 1 / 5000:
            story.append(f"An {RARE_WORD} piece, signed by the master craftsperson.")
        story_text = " ".join(part for part in story if part)
        document = "\n".join(
            part
            for part in (
                title,
                story_text,
                product.name,
                product.type_name,
                product.sector_label,
                product.district,
                product.state,
                producer_name,
            )
            if part
        )
        published = now - dt.timedelta(seconds=rng.randint(0, 365 * 86400))
        yield (
            published, published, producer_id, product.id, title, story_text,
            Decimal(rng.randint(50, 50000)), choice(UNITS), 1, None, rng.randint(1, 30),
            rng.randint(0, 500), "", "", "IN", random_() < 0.2, "published", product.district_id,
            product.state_id, product.sector, product.is_gi, document, published,
        )  # fmt: skip


def chunks(rows: Iterator[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def listings_seed_postgresql(rows: Iterator[tuple[Any, ...]], size: int) -> float:
    """COPY the rows in (the generated tsvector is computed on the way in), then build the GIN
    index: faster than keeping it up to date row by row. Returns the seconds spent indexing."""
    from django.db import connection
    from tqdm import tqdm

    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX bazaar_listing_search")
        copy_sql = f"COPY bazaar_listing ({', '.join(COLUMNS)}) FROM STDIN"
        progress = tqdm(total=size, unit=" listings", desc="seeding", mininterval=1)
        with progress as bar, cursor.cursor.copy(copy_sql) as copy:
            for chunk in chunks(rows, 10_000):
                for row in chunk:
                    copy.write_row(row)
                bar.update(len(chunk))
        start = time.perf_counter()
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(
            "CREATE INDEX bazaar_listing_search ON bazaar_listing USING gin (search_vector)"
        )
        indexing = time.perf_counter() - start
        cursor.execute("VACUUM ANALYZE bazaar_listing")
        cursor.execute("VACUUM ANALYZE producers_producer")
    return indexing


def listings_seed_sqlite(rows: Iterator[tuple[Any, ...]], size: int) -> float:
    """executemany in one transaction, the FTS5 triggers filling the index as the services'
    writes would; then ANALYZE and FTS5 `optimize` (merges its segments). Returns the
    seconds spent in `optimize` and ANALYZE."""
    from django.db import connection, transaction
    from tqdm import tqdm

    ops = connection.ops
    placeholders = ", ".join(["%s"] * len(COLUMNS))
    insert = f"INSERT INTO bazaar_listing ({', '.join(COLUMNS)}) VALUES ({placeholders})"
    progress = tqdm(total=size, unit=" listings", desc="seeding", mininterval=1)
    with transaction.atomic(), connection.cursor() as cursor, progress as bar:
        for chunk in chunks(rows, 10_000):
            cursor.executemany(
                insert,
                [
                    (
                        ops.adapt_datetimefield_value(row[0]),
                        ops.adapt_datetimefield_value(row[1]),
                        *row[2:6],
                        str(row[6]),
                        *row[7:22],
                        ops.adapt_datetimefield_value(row[22]),
                    )
                    for row in chunk
                ],
            )
            bar.update(len(chunk))
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bazaar_listing_fts(bazaar_listing_fts) VALUES ('optimize')")
        cursor.execute("ANALYZE")
    return time.perf_counter() - start


# ---------------------------------------------------------------- timing


def raw_sql(vendor: str, faceted: bool) -> str:
    if vendor == "postgresql":
        facet = " AND state_id = %s" if faceted else ""
        return (
            "SELECT id FROM bazaar_listing WHERE search_vector @@ to_tsquery('simple', %s)"
            f"{facet} ORDER BY ts_rank(search_vector, to_tsquery('simple', %s)) DESC LIMIT {PAGE}"
        )
    if faceted:
        return (
            "SELECT bazaar_listing.id FROM bazaar_listing_fts JOIN bazaar_listing "
            "ON bazaar_listing.id = bazaar_listing_fts.rowid WHERE bazaar_listing_fts MATCH %s "
            f"AND bazaar_listing.state_id = %s ORDER BY bazaar_listing_fts.rank LIMIT {PAGE}"
        )
    return (
        "SELECT rowid FROM bazaar_listing_fts WHERE bazaar_listing_fts MATCH %s "
        f"ORDER BY rank LIMIT {PAGE}"
    )


def raw_params(vendor: str, match: str, state_id: int | None) -> list[Any]:
    if vendor == "postgresql":
        return [match, state_id, match] if state_id is not None else [match, match]
    return [match, state_id] if state_id is not None else [match]


def hits_count(vendor: str, match: str, state_id: int | None) -> int:
    from django.db import connection

    if vendor == "postgresql":
        sql = "SELECT count(*) FROM bazaar_listing WHERE search_vector @@ to_tsquery('simple', %s)"
    else:
        sql = (
            "SELECT count(*) FROM bazaar_listing_fts JOIN bazaar_listing "
            "ON bazaar_listing.id = bazaar_listing_fts.rowid WHERE bazaar_listing_fts MATCH %s"
        )
    params: list[Any] = [match]
    if state_id is not None:
        sql += (
            " AND state_id = %s" if vendor == "postgresql" else " AND bazaar_listing.state_id = %s"
        )
        params.append(state_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


def query_time(
    query: Query,
    *,
    size: int,
    repeat: int,
    seconds: float,
    timeout: float,
    explain: bool,
) -> Result:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from odop.bazaar.matches import registry_matches
    from odop.bazaar.selectors import (
        ListingFilters,
        RankedListings,
        _fts5_query,
        _tsquery,
        gi_authorised_annotate,
        listings_find,
    )
    from odop.geography.models import State

    vendor = connection.vendor
    state = State.objects.get(name=query.state_name) if query.state_name else None
    filters = ListingFilters(text=query.text, state=state.lgd_code if state else None)
    match = _tsquery(query.text) if vendor == "postgresql" else _fts5_query(query.text)
    sql = raw_sql(vendor, state is not None)
    params = raw_params(vendor, match, state.pk if state else None)

    def storefront() -> int:
        # What the storefront and the API do for a page: rank ids, then load the page's rows.
        listings = listings_find(user=AnonymousUser(), filters=filters)
        return len(RankedListings(listings, load=gi_authorised_annotate)[0:PAGE])

    def raw() -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return len(cursor.fetchall())

    def facets() -> int:
        # What the storefront page adds to the list: the registry's matches as facets.
        listings = listings_find(user=AnonymousUser(), filters=filters)
        return len(registry_matches(listings, text=query.text).products)

    paths = {"storefront": storefront, "raw": raw, "matches": facets}
    times: dict[str, list[float]] = {name: [] for name in paths}
    warm: dict[str, float] = {}
    timed_out: list[str] = []
    for name, function in list(paths.items()):  # warm the caches and the plans
        seconds_taken = call_bounded(function, timeout)
        if seconds_taken is None:
            timed_out.append(name)
            del paths[name]
        else:
            warm[name] = seconds_taken * 1000
    # A path that takes more than a quarter of the time limit once is measured by that run
    # alone (the SQLite storefront at 1M takes minutes a query): the run stays bounded.
    for name in [name for name in paths if warm[name] > seconds * 250]:
        times[name].append(warm[name])
        del paths[name]
    deadline = time.perf_counter() + seconds
    while paths and (time.perf_counter() < deadline or min(map(len, times.values())) < 5):
        if all(len(times[name]) >= repeat for name in paths):
            break
        for name, function in paths.items():
            start = time.perf_counter()
            function()
            times[name].append((time.perf_counter() - start) * 1000)
    if explain:
        anonymous = AnonymousUser()
        plans_print(query, "storefront", listings_find(user=anonymous, filters=filters)[:PAGE])
        plans_print(query, "raw", (sql, params))
    return Result(
        database=vendor,
        size=size,
        query=query.name,
        text=query.text + (f" + state={query.state_name}" if state else ""),
        hits=hits_count(vendor, match, state.pk if state else None),
        runs=len(times["storefront"]),
        orm_p50=percentile(times["storefront"], 0.5),
        orm_p95=percentile(times["storefront"], 0.95),
        raw_p50=percentile(times["raw"], 0.5),
        raw_p95=percentile(times["raw"], 0.95),
        raw_runs=len(times["raw"]),
        timed_out=",".join(timed_out),
        matches_p50=percentile(times["matches"], 0.5) if times["matches"] else float("nan"),
        matches_p95=percentile(times["matches"], 0.95) if times["matches"] else float("nan"),
    )


def call_bounded(function: Callable[[], int], timeout: float) -> float | None:
    """Seconds `function` took, or None if the database stopped it after `timeout` seconds
    (PostgreSQL `statement_timeout`; SQLite a progress handler that interrupts the query)."""
    from django.db import OperationalError, connection

    connection.ensure_connection()
    deadline = time.perf_counter() + timeout
    if connection.vendor == "sqlite":
        connection.connection.set_progress_handler(
            lambda: int(time.perf_counter() > deadline), 100_000
        )
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(timeout * 1000)}")
    start = time.perf_counter()
    try:
        function()
        return time.perf_counter() - start
    except OperationalError:
        return None
    finally:
        if connection.vendor == "sqlite":
            connection.connection.set_progress_handler(None, 0)
        else:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")


def plans_print(query: Query, label: str, statement: Any) -> None:
    """The plan of a queryset or of (sql, params), as the database executes it."""
    from django.db import connection

    sql, params = statement if isinstance(statement, tuple) else statement.query.sql_with_params()
    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        plan = "\n".join("    " + " | ".join(str(c) for c in row) for row in cursor.fetchall())
    print(f"  -- {query.name}, {label}:\n    {sql}\n{plan}")


# ---------------------------------------------------------------- one database, every size


def database_switch(url: str) -> None:
    """Point the already configured Django connection at another database of the same kind."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = (
        url.split("/", 3)[3] if url.startswith("postgres") else url[len("sqlite:///") :]
    )


def worker(database: str, sizes: list[int], args: argparse.Namespace) -> list[Result]:
    """Every size on one database kind, each in a fresh copy of the migrated template."""
    from django.db import connection

    folder: Path | None = None
    if database == "postgresql":
        template_url = postgres_database_create(TEMPLATE)
    else:
        template_url, folder = sqlite_database_create()
    django_configure(template_url)
    start = time.perf_counter()
    database_prepare()
    products = products_load()
    connection.close()
    districts = len({product.district_id for product in products})
    print(
        f"[{database}] template migrated, registry imported in {time.perf_counter() - start:.0f} s"
        f" ({len(products)} district products in {districts} districts)",
        flush=True,
    )
    results: list[Result] = []
    try:
        for size in sizes:
            if database == "postgresql":
                name = f"odop_bench_bazaar_{size}"
                url = postgres_database_create(name, template=TEMPLATE)
            else:
                assert folder is not None
                path = folder / f"bench_{size}.sqlite3"
                shutil.copyfile(folder / "bench.sqlite3", path)
                url = f"sqlite:///{path}"
            database_switch(url)
            rng = random.Random(SEED + size)
            start = time.perf_counter()
            producers = producers_seed(max(200, min(20_000, size // 50)), products, rng)
            rows = listing_rows(size, products, producers, rng)
            if database == "postgresql":
                after = listings_seed_postgresql(rows, size)
                after_label = "GIN index build"
            else:
                after = listings_seed_sqlite(rows, size)
                after_label = "FTS5 optimize + ANALYZE"
            seeding = time.perf_counter() - start
            print(
                f"[{database}] {size:,} listings, {len(producers):,} producers seeded in "
                f"{seeding:.1f} s (of which {after_label} {after:.1f} s)",
                flush=True,
            )
            explain = args.explain and size == max(sizes)
            for query in QUERIES:
                result = query_time(
                    query,
                    size=size,
                    repeat=args.repeat,
                    seconds=args.seconds,
                    timeout=args.timeout,
                    explain=explain,
                )
                results.append(result)
                print(
                    f"[{database}] {size:>9,} {result.query:<20} hits {result.hits:>8,}  "
                    f"storefront p50 {result.orm_p50:8.2f} p95 {result.orm_p95:8.2f} ms  "
                    f"raw p50 {result.raw_p50:8.2f} p95 {result.raw_p95:8.2f} ms  "
                    f"{result.ratio:6.1f}x  ({result.runs}/{result.raw_runs} runs)  "
                    f"facets p50 {result.matches_p50:8.2f} p95 {result.matches_p95:8.2f} ms"
                    + (f"  TIMED OUT: {result.timed_out}" if result.timed_out else ""),
                    flush=True,
                )
            results.append(
                Result(database, size, "seeding (s)", "", size, 1, seeding, seeding, after, after)
            )
            connection.close()
            if not args.keep:
                if database == "postgresql":
                    postgres_database_drop(f"odop_bench_bazaar_{size}")
                else:
                    Path(url[len("sqlite:///") :]).unlink(missing_ok=True)
    finally:
        connection.close()
        if not args.keep:
            if database == "postgresql":
                postgres_database_drop(TEMPLATE)
            elif folder is not None:
                sqlite_database_drop(folder)
    return results


def table_print(results: list[Result], timeout: float) -> None:
    print()
    print(
        "| database | listings | query | matches | storefront p50 / p95 ms "
        "| raw p50 / p95 ms | storefront / raw | runs | registry facets p50 / p95 ms |"
    )
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        if r.query == "seeding (s)":
            continue
        runs = f"{r.runs} / {r.raw_runs}"
        storefront = f"{r.orm_p50:.2f} / {r.orm_p95:.2f}"
        ratio = f"{r.ratio:.1f}×"
        if "storefront" in r.timed_out:
            storefront, ratio = (
                f"stopped at {timeout:.0f} s",
                f"> {timeout * 1000 / r.raw_p50:.0f}×",
            )
        print(
            f"| {r.database} | {r.size:,} | {r.query} (`{r.text}`) | {r.hits:,} | "
            f"{storefront} | {r.raw_p50:.2f} / {r.raw_p95:.2f} | {ratio} | {runs} | "
            f"{r.matches_p50:.2f} / {r.matches_p95:.2f} |"
        )
    print()
    print("| database | listings | seeding, s | of which index build / optimize, s |")
    print("| --- | ---: | ---: | ---: |")
    for r in results:
        if r.query == "seeding (s)":
            print(f"| {r.database} | {r.size:,} | {r.orm_p50:.1f} | {r.raw_p50:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--databases", default="postgresql,sqlite")
    parser.add_argument("--repeat", type=int, default=30, help="runs of each path per query")
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit per query")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="stop one query after this many seconds"
    )
    parser.add_argument("--explain", action="store_true", help="print plans at the largest size")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--worker", choices=["postgresql", "sqlite"], help=argparse.SUPPRESS)
    parser.add_argument("--results", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.worker:
        results = worker(args.worker, sizes, args)
        Path(args.results).write_text(json.dumps([asdict(r) for r in results]))
        return
    import tempfile

    results = []
    for database in args.databases.split(","):
        with tempfile.NamedTemporaryFile(suffix=".json") as output:
            command = [sys.executable, __file__, "--worker", database, "--results", output.name]
            for flag in ("sizes", "repeat", "seconds", "timeout"):
                command += [f"--{flag}", str(getattr(args, flag))]
            for flag in ("explain", "keep"):
                command += [f"--{flag}"] * getattr(args, flag)
            subprocess.run(command, check=True)
            results += [Result(**row) for row in json.loads(Path(output.name).read_text())]
    table_print(results, args.timeout)


if __name__ == "__main__":
    main()
