"""The disk cache of parsed trade inputs (issue #4: a new process's first export profile must
not spend seconds parsing CSV files). Ref: #4"""

import os
from pathlib import Path

from pytest_django.fixtures import Settings

from odop.markets.storage import inputs_cached


def test_a_cached_input_is_built_once_and_rebuilt_when_its_source_changes(
    settings: Settings, tmp_path: Path
) -> None:
    # given
    settings.ODOP_MARKETS_CACHE_DIR = tmp_path / "cache"
    source = tmp_path / "trade.csv"
    source.write_text("a,b\n1,2\n")
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"rows": len(builds)}

    # when / then: built, then read back from disk without building
    assert inputs_cached("trade", [source], build) == {"rows": 1}
    assert inputs_cached("trade", [source], build) == {"rows": 1}
    assert len(builds) == 1
    # a new version of the source (other size and time) is a new entry; the old one goes
    source.write_text("a,b\n1,2\n3,4\n")
    os.utime(source, ns=(1, 1))
    assert inputs_cached("trade", [source], build) == {"rows": 2}
    assert len(list((tmp_path / "cache").glob("trade-*.pickle"))) == 1


def test_a_damaged_entry_is_rebuilt_and_an_unwritable_folder_is_skipped(
    settings: Settings, tmp_path: Path
) -> None:
    settings.ODOP_MARKETS_CACHE_DIR = tmp_path / "cache"
    source = tmp_path / "trade.csv"
    source.write_text("x\n")
    assert inputs_cached("trade", [source], lambda: "first") == "first"
    (entry,) = (tmp_path / "cache").glob("trade-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert inputs_cached("trade", [source], lambda: "rebuilt") == "rebuilt"
    # a cache "folder" that is a file cannot be written: the value is still returned
    settings.ODOP_MARKETS_CACHE_DIR = source
    assert inputs_cached("trade", [source], lambda: "uncached") == "uncached"
