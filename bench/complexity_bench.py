"""Benchmark of the economic-complexity core (`odop.markets.complexity`).

1. The same input through our core and through the PyPI package `ecomplexity` 0.5.3, in one
   run: `world_trade_avg_1998_to_2000.csv` (226 countries × 785 SITC products) from
   `../shared/data/trade/complexity`. Prints both medians and the speed ratio (goal ≥ 5×).
   `ecomplexity` runs without its log-supermodularity check (a diagnostic we do not compute),
   with the machine's BLAS threads and again on one BLAS thread (often faster for it here:
   our core picks one thread for matrices this small, so this is the fairer comparison).
   It does not reproduce Stata (other normalisation, proximity diagonal kept), so the check
   printed here is only that RCA, M, diversity and ubiquity agree and ECI ranks alike.
2. A generated 220 × 5,000 matrix (fixed seed, lognormal values, ~70% zeros): the core alone,
   and the whole `odop complexity` command (read CSV, compute, write the four files).

    .venv/bin/python bench/complexity_bench.py            # median of 3 runs each
    .venv/bin/python bench/complexity_bench.py --repeat 5 --skip-command

Bounded: a fixed number of runs of each step (about a minute in all on 2 cores).
Timings vary with the machine's load; compare the ratio measured in one run.
"""

import argparse
import contextlib
import csv
import io
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from odop.markets.complexity import (  # noqa: E402
    ComplexityInput,
    complexity_compute,
    complexity_input_from_rows,
)

DATA_DIR = Path(os.environ.get("ODOP_DATA_DIR", ROOT.parent / "shared" / "data"))
WORLD_TRADE = DATA_DIR / "trade" / "complexity" / "world_trade_avg_1998_to_2000.csv"
SEED = 20260401


def timed(function: Callable[[], Any], *, repeat: int) -> tuple[float, Any]:
    """Median wall-clock seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def blas_line() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "BLAS: (threadpoolctl not installed)"
    pools = [
        f"{pool['internal_api']} {pool.get('version', '')} kernel={pool.get('architecture')} "
        f"threads={pool['num_threads']}"
        for pool in threadpool_info()
    ]
    tuning = {k: v for k, v in os.environ.items() if k.startswith("OPENBLAS_")}
    return f"BLAS: {'; '.join(pools)}; OPENBLAS_* env: {tuning or 'none'}"


def world_trade_bench(repeat: int) -> None:
    import pandas as pd
    from ecomplexity import ecomplexity

    frame = pd.read_csv(WORLD_TRADE, dtype={"country": str, "product": str})
    frame["year"] = 2000
    countries = frame["country"].tolist()
    products = frame["product"].tolist()
    values = frame["value"].to_numpy(dtype=np.float64)
    print(
        f"[1] {WORLD_TRADE.name}: {len(frame):,} rows, {frame['country'].nunique()} countries "
        f"× {frame['product'].nunique()} products"
    )

    def ours_from_rows() -> Any:
        return complexity_compute(
            complexity_input_from_rows(countries=countries, products=products, values=values)
        )

    matrix = complexity_input_from_rows(countries=countries, products=products, values=values)

    def theirs() -> Any:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            return ecomplexity(
                frame,
                {"time": "year", "loc": "country", "prod": "product", "val": "value"},
                verbose=False,
                check_logsupermodularity=False,
            )

    def theirs_one_thread() -> Any:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"):
            return theirs()

    core_time, _ = timed(lambda: complexity_compute(matrix), repeat=repeat)
    ours_time, result = timed(ours_from_rows, repeat=repeat)
    theirs_time, output = timed(theirs, repeat=repeat)
    theirs_single_time, _ = timed(theirs_one_thread, repeat=repeat)
    print(f"    ours, core only (matrix in):          {core_time * 1000:8.1f} ms")
    print(f"    ours, from long rows (pivot + core):  {ours_time * 1000:8.1f} ms")
    print(f"    ecomplexity 0.5.3 (data frame in):    {theirs_time * 1000:8.1f} ms")
    print(f"      the same on one BLAS thread:        {theirs_single_time * 1000:8.1f} ms")
    print(f"    speed ratio (ecomplexity / ours):     {theirs_time / ours_time:8.1f}x  (goal ≥ 5x)")
    print(f"      against its one-thread run:         {theirs_single_time / ours_time:8.1f}x")
    agreement_print(result, output)


def agreement_print(result: Any, output: Any) -> None:
    """RCA, M, diversity and ubiquity must agree; ECI differs only by normalisation."""
    indexed = output.set_index(["country", "product"])
    keys = [(c, p) for c in result.countries for p in result.products]
    rows = indexed.loc[keys]
    rca_gap = np.abs(rows["rca"].to_numpy().reshape(result.rca.shape) - result.rca).max()
    same_presence = np.array_equal(
        rows["mcp"].to_numpy().reshape(result.rca.shape).astype(bool), result.presence
    )
    eci_theirs = indexed["eci"].groupby(level="country").first().loc[list(result.countries)]
    correlation = np.corrcoef(eci_theirs.to_numpy(), result.eci)[0, 1]
    print(
        f"    agreement: max |RCA gap| {rca_gap:.1e}; same M: {same_presence}; "
        f"corr(ECI ours, ECI theirs) {correlation:.12f}"
    )


def generated_input(countries: int, products: int) -> ComplexityInput:
    rng = np.random.default_rng(SEED)
    values = rng.lognormal(mean=12.0, sigma=2.5, size=(countries, products))
    values[rng.random(values.shape) < 0.7] = 0.0
    return ComplexityInput(
        countries=tuple(f"c{index:03d}" for index in range(countries)),
        products=tuple(f"{index:06d}" for index in range(products)),
        values=values,
    )


def generated_bench(repeat: int, *, command: bool) -> None:
    values = generated_input(220, 5000)
    zeros = (values.values == 0).mean()
    print(f"[2] generated 220 × 5,000 (seed {SEED}, lognormal, {zeros:.0%} zeros)")
    core_time, result = timed(lambda: complexity_compute(values), repeat=repeat)
    pairs = int(np.count_nonzero(np.triu(result.proximity, k=1)))
    print(
        f"    core, end to end (RCA … COG):         {core_time:8.2f} s  "
        f"(mean diversity {result.diversity.mean():.0f}, {pairs:,} proximity pairs > 0)"
    )
    if command:
        command_bench(values)


def command_bench(values: ComplexityInput) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django
    from django.core.management import call_command

    django.setup()
    with tempfile.TemporaryDirectory(prefix="odop-complexity-bench-") as folder:
        source = Path(folder) / "in.csv"
        with source.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["country", "product", "value"])
            rows, columns = np.nonzero(values.values)
            writer.writerows(
                zip(
                    np.asarray(values.countries)[rows].tolist(),
                    np.asarray(values.products)[columns].tolist(),
                    values.values[rows, columns].tolist(),
                    strict=True,
                )
            )
        arguments = ["--country", "country", "--product", "product", "--value", "value"]
        start = time.perf_counter()
        call_command("complexity", str(source), *arguments, "--out", folder, stdout=io.StringIO())
        elapsed = time.perf_counter() - start
        sizes = {name: (Path(folder) / name).stat().st_size for name in ("country_product.csv",)}
        proximity_size = (Path(folder) / "proximity.csv").stat().st_size
        print(
            f"    odop complexity command (1 run):      {elapsed:8.2f} s  "
            f"(read {len(rows):,} rows; wrote country_product.csv "
            f"{sizes['country_product.csv'] / 1e6:.0f} MB, proximity.csv "
            f"{proximity_size / 1e6:.0f} MB)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    parser.add_argument(
        "--skip-command", action="store_true", help="do not time the command on 220 × 5,000"
    )
    arguments = parser.parse_args()
    print(blas_line())
    world_trade_bench(arguments.repeat)
    generated_bench(arguments.repeat, command=not arguments.skip_command)


if __name__ == "__main__":
    main()
