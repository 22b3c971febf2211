"""Benchmark of the first export profile request of a process (`district_export_profile`).

A new process used to parse India's trade file, the distances and the product-space files
before its first profile (about 4.6 s). `markets.storage.inputs_cached` keeps the parsed
inputs on disk. This script measures, in one run and alternating so drift hits both alike:

- cold: every in-process cache cleared and an empty disk cache (what the first request of the
  first process after a data update costs);
- cached: in-process caches cleared, disk cache filled (the first request of any later
  process);
- warm: a second request in the same process (for reference).

and prints the medians and the cold / cached ratio. Then, once each: `odop baci_year` on the
partial shared BACI file (loaded for ZAF, the only full exporter in it; SOURCES.md §6) and
reading that loaded year back, as a new process's first profile does.

    .venv/bin/python bench/export_profile_bench.py             # median of 5 runs each
    .venv/bin/python bench/export_profile_bench.py --repeat 3

Bounded: a fixed number of runs (about half a minute on 2 cores). The database is a fresh
temporary SQLite file with one district and three products (`bench/_setup.py`).
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_setup

WORKDIR = django_setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import override_settings  # noqa: E402

from odop.geography.tests.factories import DistrictFactory, StateFactory  # noqa: E402
from odop.markets import profile, selectors  # noqa: E402
from odop.markets.models import HSLinkStatus, ProductHSCode  # noqa: E402
from odop.registry.models import HSCode  # noqa: E402
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory  # noqa: E402

SHARED_BACI = "trade/bilateral/baci_hs17_2020_partial_exporters_AFG_ZAF_iopspackage.csv.gz"


def district_create() -> object:
    """Bhadohi with carpets, toys and rice, each with a suggested HS 2022 code."""
    state = StateFactory(lgd_code=9, name="Uttar Pradesh")
    district = DistrictFactory(lgd_code=183, name="Bhadohi", state=state)
    for name, code in [("Carpet", "570110"), ("Wooden toys", "950300"), ("Rice", "100630")]:
        product_type = ProductTypeFactory(name=name, slug=name.lower().replace(" ", "-"))
        DistrictProductFactory(district=district, product_type=product_type, name=name)
        hs_code = HSCode.objects.create(code=code, description=name, parent_code=code[:4], level=6)
        ProductHSCode.objects.create(
            product_type=product_type,
            hs_code=hs_code,
            status=HSLinkStatus.SUGGESTED,
            rank=1,
            score=1.0,
        )
    return district


def memory_caches_clear() -> None:
    """Forget everything the process holds, as a new process would have nothing."""
    for cached in (
        selectors.trade._potential_sources,
        selectors.trade._india_exports_cached,
        selectors.hs.conversion_load,
        selectors.trade._baci_year_cached,
        profile._country_names,
        profile._product_space,
    ):
        cached.cache_clear()


def timed(district: object) -> float:
    started = time.perf_counter()
    profile.district_export_profile(district=district)  # type: ignore[arg-type]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    district = district_create()
    cache = Path(tempfile.mkdtemp(prefix="odop-bench-cache-"))
    empty_baci = Path(tempfile.mkdtemp(prefix="odop-bench-baci-"))
    cold, cached, warm = [], [], []
    with override_settings(ODOP_MARKETS_CACHE_DIR=cache, ODOP_BACI_DIR=empty_baci):
        for _ in range(arguments.repeat):
            shutil.rmtree(cache, ignore_errors=True)
            memory_caches_clear()
            cold.append(timed(district))
            memory_caches_clear()
            cached.append(timed(district))
            warm.append(timed(district))
    size = sum(path.stat().st_size for path in cache.glob("*"))
    print(f"First export profile of a process, median of {arguments.repeat} (seconds):")
    print(f"  cold (no cache)        {statistics.median(cold):7.3f}  runs {_runs(cold)}")
    print(f"  cached (disk cache)    {statistics.median(cached):7.3f}  runs {_runs(cached)}")
    print(f"  warm (same process)    {statistics.median(warm):7.3f}  runs {_runs(warm)}")
    print(f"  cold / cached = {statistics.median(cold) / statistics.median(cached):.1f}×")
    print(f"  disk cache size: {size / 1e6:.1f} MB")

    baci_folder = Path(tempfile.mkdtemp(prefix="odop-bench-baci-"))
    source = Path(settings.ODOP_DATA_DIR) / SHARED_BACI
    with override_settings(ODOP_MARKETS_CACHE_DIR=cache, ODOP_BACI_DIR=baci_folder):
        started = time.perf_counter()
        call_command(
            "baci_year", str(source), "--exporter", "ZAF", stdout=StringIO(), stderr=StringIO()
        )
        load = time.perf_counter() - started
        memory_caches_clear()
        started = time.perf_counter()
        year = selectors.baci_year_current()
        read = time.perf_counter() - started
    rows = year.manifest.rows if year else 0
    data = sum(path.stat().st_size for path in baci_folder.glob("*.npz"))
    print(f"BACI partial file ({rows:,} rows kept), once:")
    print(f"  odop baci_year         {load:7.3f}  (stored {data / 1e6:.1f} MB)")
    print(f"  loaded year read back  {read:7.3f}")
    for folder in (cache, empty_baci, baci_folder, WORKDIR):
        shutil.rmtree(folder, ignore_errors=True)


def _runs(values: list[float]) -> str:
    return " ".join(f"{value:.3f}" for value in values)


if __name__ == "__main__":
    main()
