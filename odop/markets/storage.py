"""Where markets keeps files it derives from the trade data, and how it writes them.

Two folders, both git-ignored (`/var/`) and both outside the database because what they hold
is derived from files, not entered by people:

- `ODOP_BACI_DIR` (default `BASE_DIR/var/baci`): the BACI year an operator loaded with
  `odop baci_year` (`markets.baci_store`). Deleting it unloads the year.
- `ODOP_MARKETS_CACHE_DIR` (default `BASE_DIR/var/cache`): parsed trade inputs
  (`inputs_cached`), so a new process does not spend seconds parsing CSV files before its
  first export profile. Always safe to delete; it is rebuilt on the next request.

The settings are read here, with defaults, so that markets needs no line in `config/`.
"""

import hashlib
import json
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from django.conf import settings

logger = logging.getLogger(__name__)

# Bump when a cached object's class changes shape, so old pickles are not read back.
CACHE_FORMAT = 1


def baci_dir() -> Path:
    """The folder holding the loaded BACI year (`ODOP_BACI_DIR`)."""
    return Path(getattr(settings, "ODOP_BACI_DIR", Path(settings.BASE_DIR) / "var" / "baci"))


def cache_dir() -> Path:
    """The folder holding parsed trade inputs (`ODOP_MARKETS_CACHE_DIR`); safe to delete."""
    return Path(
        getattr(settings, "ODOP_MARKETS_CACHE_DIR", Path(settings.BASE_DIR) / "var" / "cache")
    )


@contextmanager
def file_write_atomic(path: Path, *, mode: str = "wb") -> Iterator[IO]:
    """Write `path` through a temporary file in the same folder, renamed over it only once
    the block finishes: a reader sees the old file or the new one, never half of one, and an
    error leaves the old file as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, mode) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private; the web server may run as another user.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _sources_key(kind: str, sources: Sequence[Path]) -> str:
    """A key that changes when any source file is replaced, edited or moved."""
    stamps = []
    for source in sources:
        status = source.stat()
        stamps.append([str(source.resolve()), status.st_size, status.st_mtime_ns])
    text = json.dumps([CACHE_FORMAT, kind, stamps])
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def inputs_cached[T](kind: str, sources: Sequence[Path], build: Callable[[], T]) -> T:
    """`build()`'s result, read from the cache folder when `sources` (path, size and
    modification time) are unchanged since it was stored, else built and stored.

    The cache only saves time: an unreadable or damaged entry is rebuilt, and a folder that
    cannot be written is skipped with a warning. Entries are pickles written by this process
    into a folder only the server writes (the same trust as the code itself); older entries of
    the same `kind` are removed when a new one is stored. Raises `OSError` when a source is
    missing, as `build()` would."""
    key = _sources_key(kind, sources)
    folder = cache_dir()
    path = folder / f"{kind}-{key}.pickle"
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)  # type: ignore[no-any-return]
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as error:
        logger.warning("Rebuilding the damaged cache entry %s (%s)", path, error)
    value = build()
    try:
        with file_write_atomic(path) as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        for stale in folder.glob(f"{kind}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as error:
        logger.warning("Cannot write the trade input cache %s (%s)", path, error)
    return value
