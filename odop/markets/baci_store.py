"""The loaded BACI year on disk: reading an operator's BACI file in chunks, and writing and
reading the prepared year (`ODOP_BACI_DIR`, see `markets.storage`).

One year is "current" at a time. The folder holds `manifest.json` (what was loaded, from
which file, when) and the one data file it names, an uncompressed `.npz` of numpy arrays (no
pickles, so a copied-in file cannot run code). The data file is written first and the
manifest renamed over the old one last, so a reader sees the old year or the new one, never a
mix; the previous year's data file is removed afterwards. A year is ~11 bytes per BACI row
(about 110 MB for a full year) and reads back in well under a second.
"""

import gzip
import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from odop.markets.loaders import BaciTable, baci_load
from odop.markets.neighbours import CountryPosition
from odop.markets.potential_hs6 import Hs6PotentialBase
from odop.markets.storage import file_write_atomic

MANIFEST = "manifest.json"
STORE_FORMAT = 1
# Rows handed to the loader at a time: bounds the loader's per-row Python objects (a full
# BACI year is ~10M rows) and paces the progress bar.
CHUNK_ROWS = 200_000
_GZIP_MAGIC = b"\x1f\x8b"

_BASE_ARRAYS = (
    "exports_to",
    "imports_total",
    "gdp_growth",
    "population_growth",
    "distance_km",
    "products",
    "product_world_exports",
    "product_exporter_exports",
    "product_rows",
    "row_importer",
    "row_value",
    "row_from_exporter",
)


@dataclass(frozen=True, slots=True)
class BaciManifest:
    """What the loaded year is and where it came from (the JSON manifest)."""

    year: int
    revision: str
    exporter: str
    source_file: str
    source_sha256: str
    rows: int  # rows kept (with known country codes)
    rows_skipped: int
    created_at: str  # ISO 8601, UTC
    data_file: str


@dataclass(frozen=True, slots=True, eq=False)
class BaciYear:
    """A loaded BACI year, ready for `hs6_markets_rank` and the product-space columns."""

    manifest: BaciManifest
    base: Hs6PotentialBase
    positions: dict[str, CountryPosition]  # HS 1992 code → the exporter's position


def file_sha256(path: Path, *, progress: Callable[[int], None] | None = None) -> str:
    """The file's SHA-256 (hex), read in 1 MB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
            if progress:
                progress(len(block))
    return digest.hexdigest()


def _error_shifted(error: ValidationError, offset: int) -> ValidationError:
    """The loader's error for a chunk, with its line numbers made the file's."""
    params = dict(getattr(error, "params", None) or {})
    for key in ("line", "first"):
        if isinstance(params.get(key), int):
            params[key] += offset
    return ValidationError(error.message, code=error.code, params=params)


def _line_chunks(stream: BinaryIO, *, rows: int) -> Iterator[tuple[int, list[bytes]]]:
    """(file line of the chunk's first row, lines) for up to `rows` lines at a time."""
    line = 2
    while lines := list(islice(stream, rows)):
        yield line, lines
        line += len(lines)


def baci_read(
    path: Path,
    *,
    country_codes: Path,
    product_codes: Path,
    progress: Callable[[int], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> BaciTable:
    """Read a BACI file (plain or gzip) through `baci_load`, `chunk_rows` lines at a time,
    calling `progress(bytes read from disk)` after each. Every check of `baci_load` applies
    (its errors name the file's line), plus a repeated row anywhere in the file. Raises
    `ValidationError` and returns nothing on a bad file."""
    name = path.name
    with path.open("rb") as raw:
        compressed = raw.read(2) == _GZIP_MAGIC
        raw.seek(0)
        stream: BinaryIO = gzip.GzipFile(fileobj=raw) if compressed else raw  # type: ignore[assignment]
        tables: list[BaciTable] = []
        unknown: Counter[str] = Counter()
        position = 0
        try:
            header = stream.readline()
            for first_line, lines in _line_chunks(stream, rows=chunk_rows):
                if any(line.strip() for line in lines):
                    try:
                        table = baci_load(
                            header + b"".join(lines),
                            country_codes_path=country_codes,
                            product_codes_path=product_codes,
                            name=name,
                        )
                    except ValidationError as error:
                        raise _error_shifted(error, first_line - 2) from error
                    tables.append(table)
                    unknown.update(table.unknown_country_codes)
                if progress:
                    progress(raw.tell() - position)
                    position = raw.tell()
        except (OSError, EOFError, zlib.error) as error:
            raise ValidationError(
                _("%(file)s is a damaged gzip file: %(error)s"),
                code="bad_format",
                params={"file": name, "error": str(error)},
            ) from error
    if not tables:
        raise ValidationError(
            _("%(file)s has a header but no data rows."), code="empty_file", params={"file": name}
        )
    return _tables_join(tables, unknown, name=name)


def _tables_join(tables: list[BaciTable], unknown: Counter[str], *, name: str) -> BaciTable:
    first = tables[0]
    joined = BaciTable(
        revision=first.revision,
        year=np.concatenate([t.year for t in tables]),
        exporter=np.concatenate([t.exporter for t in tables]),
        importer=np.concatenate([t.importer for t in tables]),
        product=np.concatenate([t.product for t in tables]),
        value=np.concatenate([t.value for t in tables]),
        quantity=np.concatenate([t.quantity for t in tables]),
        product_descriptions=first.product_descriptions,
        unknown_country_codes=dict(sorted(unknown.items())),
    )
    if len(tables) > 1:
        _repeats_refuse(joined, name=name)
    return joined


def _repeats_refuse(table: BaciTable, *, name: str) -> None:
    """Each chunk was checked for repeats by the loader; this catches a row repeated in two
    chunks (the line numbers are not known any more, the key is)."""
    keys = np.char.add(
        np.char.add(np.char.add(table.year.astype("<U4"), table.exporter), table.importer),
        table.product,
    )
    distinct, counts = np.unique(keys, return_counts=True)
    if (counts > 1).any():
        key = str(distinct[np.flatnonzero(counts > 1)[0]])
        raise ValidationError(
            _("%(file)s repeats the row %(key)s (year, exporter, importer, product)."),
            code="duplicate_rows",
            params={"file": name, "key": f"{key[:4]}/{key[4:7]}/{key[7:10]}/{key[10:]}"},
        )


def manifest_read(folder: Path) -> BaciManifest | None:
    """The current year's manifest, or None when no year is loaded (or it is unreadable)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if data.get("format") != STORE_FORMAT:
            return None
        return BaciManifest(**{key: data[key] for key in BaciManifest.__slots__})  # type: ignore[attr-defined]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def baci_year_write(
    folder: Path,
    *,
    manifest: BaciManifest,
    base: Hs6PotentialBase,
    positions: dict[str, CountryPosition],
    rca: dict[str, float],
) -> None:
    """Store a prepared year as the current one (data file, then manifest; see module)."""
    arrays: dict[str, Any] = {name: getattr(base, name) for name in _BASE_ARRAYS}
    arrays["countries"] = np.array(base.countries, dtype="<U3")
    descriptions = sorted(base.product_descriptions.items())
    arrays["description_codes"] = np.array([c for c, _t in descriptions], dtype="<U6")
    arrays["description_texts"] = np.array([t for _c, t in descriptions], dtype=np.str_)
    codes = sorted(positions)
    arrays["position_products"] = np.array(codes, dtype="<U6")
    arrays["position_m"] = np.array([positions[c].m for c in codes], dtype=np.bool_)
    arrays["position_density"] = np.array(
        [np.nan if positions[c].density is None else positions[c].density for c in codes],
        dtype=np.float64,
    )
    arrays["position_cog"] = np.array(
        [np.nan if positions[c].cog is None else positions[c].cog for c in codes],
        dtype=np.float64,
    )
    arrays["position_rca"] = np.array([rca.get(c, np.nan) for c in codes], dtype=np.float64)
    arrays["scalars"] = np.array(
        json.dumps(
            {
                "exporter": base.exporter,
                "year": base.year,
                "exporter_index": base.exporter_index,
                "exporter_total": base.exporter_total,
                "world_total": base.world_total,
                "mean_distance_km": base.mean_distance_km,
            }
        )
    )
    folder.mkdir(parents=True, exist_ok=True)
    with file_write_atomic(folder / manifest.data_file) as stream:
        np.savez(stream, **arrays)
    record = {"format": STORE_FORMAT, **{k: getattr(manifest, k) for k in manifest.__slots__}}
    with file_write_atomic(folder / MANIFEST, mode="w") as stream:
        json.dump(record, stream, indent=2)
    for stale in folder.glob("*.npz"):
        if stale.name != manifest.data_file:
            stale.unlink(missing_ok=True)


def baci_year_read(folder: Path, manifest: BaciManifest) -> BaciYear:
    """Read the year `manifest` names. Raises `OSError` or `ValueError` when its data file
    is missing or damaged."""
    with np.load(folder / manifest.data_file, allow_pickle=False) as data:
        scalars = json.loads(str(data["scalars"]))
        descriptions = dict(
            zip(data["description_codes"].tolist(), data["description_texts"].tolist(), strict=True)
        )
        base = Hs6PotentialBase(
            exporter=scalars["exporter"],
            year=int(scalars["year"]),
            countries=tuple(data["countries"].tolist()),
            exporter_index=int(scalars["exporter_index"]),
            exporter_total=float(scalars["exporter_total"]),
            world_total=float(scalars["world_total"]),
            mean_distance_km=scalars["mean_distance_km"],
            product_descriptions=descriptions,
            **{name: data[name] for name in _BASE_ARRAYS},
        )
        positions = {
            code: CountryPosition(
                m=bool(m),
                density=None if np.isnan(density) else float(density),
                cog=None if np.isnan(cog) else float(cog),
            )
            for code, m, density, cog in zip(
                data["position_products"].tolist(),
                data["position_m"].tolist(),
                data["position_density"].tolist(),
                data["position_cog"].tolist(),
                strict=True,
            )
        }
    return BaciYear(manifest=manifest, base=base, positions=positions)
