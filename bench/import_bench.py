"""Benchmark of the reference import on the real national data set.

Prints wall-clock figures for: reading and parsing the files only (the baseline: the least any
import must do), the first import into an empty database, and a second import of the same files
(which must write nothing). Ratios are against the baseline measured in the same run.

    .venv/bin/python bench/import_bench.py            # SQLite (a fresh temporary file)
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_bench \
        .venv/bin/python bench/import_bench.py
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_setup

django_setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from odop.core.tabular import table_read  # noqa: E402
from odop.registry.models import DataQualityFinding, DistrictProduct  # noqa: E402
from odop.registry.services import ReferenceFiles, reference_import  # noqa: E402


def timed(function, repeat: int = 1) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    files = ReferenceFiles.in_directory(Path(settings.ODOP_DATA_DIR))
    parse, _ = timed(lambda: [table_read(path) for path in files.all()], repeat=3)
    first, reports = timed(lambda: reference_import(files=files))
    second, again = timed(lambda: reference_import(files=files))
    rows = sum(report.rows_read for report in reports)  # type: ignore[union-attr]
    print(f"database: {connection.vendor}")
    print(f"rows read: {rows} (national list: {reports[-1].rows_read})")  # type: ignore[index]
    print(
        f"district products: {DistrictProduct.objects.count()}; "
        f"findings: {DataQualityFinding.objects.count()}"
    )
    print(f"parse only (baseline, median of 3): {parse:.2f} s")
    print(f"first import (empty database):      {first:.2f} s  ({first / parse:.1f}x baseline)")
    print(f"second import (nothing changes):    {second:.2f} s  ({second / parse:.1f}x baseline)")
    writes = sum(r.created + r.updated for r in again)  # type: ignore[union-attr]
    print(f"rows written by the second import: {writes}")


if __name__ == "__main__":
    main()
