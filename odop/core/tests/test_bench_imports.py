"""The benchmarks in bench/ name only code that exists (they run by hand, not in CI, so a
moved model or a renamed function would otherwise be found only when someone runs them: the
producers registry's move left three benches importing `odop.bazaar.models.ProducerKind`)."""

import ast
import importlib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench"


def _odop_imports(path: Path) -> list[tuple[int, str, str]]:
    """(line, module, name) of every `from odop... import name` in `path`, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("odop"):
            found += [(node.lineno, node.module or "", alias.name) for alias in node.names]
    return found


def _missing(path: Path) -> list[str]:
    missing = []
    for line, module, name in _odop_imports(path):
        try:
            imported = importlib.import_module(module)
        except ImportError:
            missing.append(f"{path.name}:{line} {module}")
            continue
        if not hasattr(imported, name):
            try:  # a submodule: `from odop.markets import selectors`
                importlib.import_module(f"{module}.{name}")
            except ImportError:
                missing.append(f"{path.name}:{line} {module}.{name}")
    return missing


@pytest.mark.parametrize("path", sorted(BENCH.glob("*.py")), ids=lambda path: path.name)
def test_every_bench_imports_what_exists(path: Path) -> None:
    assert _missing(path) == []


def test_the_check_finds_a_moved_name(tmp_path: Path) -> None:
    bench = tmp_path / "old_bench.py"
    bench.write_text(
        "def f():\n    from odop.bazaar.models import ProducerKind\n", encoding="utf-8"
    )
    assert _missing(bench) == ["old_bench.py:2 odop.bazaar.models.ProducerKind"]
