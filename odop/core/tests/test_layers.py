"""No import runs back up (issue 11): each app imports only its own layer and the layers below.

The layers are the house style's dependency direction (`../shared/docs/house-style.md`), lowest
first. import-linter's "layers" contract would say the same; this test parses every module's
imports with `ast`, so it needs no extra dependency and runs in `make test`.

Not checked: tests (a test may build fixtures from any app), migrations (they name models by
string), and imports under `if TYPE_CHECKING:` (annotations only, nothing runs at import).
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ODOP = Path(__file__).resolve().parents[2]

# Lowest first. Apps in one layer may import each other; an app never imports a higher layer.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"core", "accounts", "api", "notifications"}),
    frozenset({"geography"}),
    frozenset({"registry"}),
    frozenset({"producers", "markets", "evidence"}),
    frozenset(
        {
            "bazaar",
            "outlets",
            "selection",
            "exports",
            "schemes",
            "facilities",
            "skills",
            "events",
            "outcomes",
            "grievances",
        }
    ),
    frozenset({"catalogue", "dashboards", "reports", "workspace"}),
    # Orchestration: commands and seeding across apps, the task worker, the API's URL map,
    # the console script.
    frozenset({"platform", "operations", "api.urls", "cli"}),
)


def layer_of(module: str) -> int | None:
    """The layer of a module `odop.<app>...` (the most specific name listed wins)."""
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "odop":
        return None
    for name in (".".join(parts[1:3]), parts[1]):
        for height, layer in enumerate(LAYERS):
            if name in layer:
                return height
    return None


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(tree: ast.AST, module: str) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import that runs, relative ones made absolute."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _type_checking_only(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")[: -node.level]
                base = ".".join([*package, base] if base else package)
            yield node.lineno, base
            if base == "odop":  # `from odop import bazaar` names the app in the alias
                for alias in node.names:
                    yield node.lineno, f"{base}.{alias.name}"
        stack.extend(ast.iter_child_nodes(node))


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(ODOP.rglob("*.py")):
        relative = path.relative_to(ODOP.parent)
        if {"tests", "migrations"} & set(relative.parts):
            continue
        module = ".".join(relative.with_suffix("").parts)
        yield module.removesuffix(".__init__"), path


def upward_imports() -> list[str]:
    """Every import of a higher layer, as 'module:line imports target'."""
    found = []
    for module, path in _modules():
        own = layer_of(module)
        if own is None:
            continue
        for line, target in imports_of(ast.parse(path.read_text(), str(path)), module):
            other = layer_of(target)
            if other is not None and other > own:
                found.append(f"{module}:{line} imports {target}")
    return sorted(set(found))


def test_every_app_has_a_layer() -> None:
    apps = {
        path.name for path in ODOP.iterdir() if path.is_dir() and (path / "__init__.py").exists()
    }
    assert sorted(app for app in apps if layer_of(f"odop.{app}") is None) == []


def test_no_import_runs_back_up() -> None:
    assert upward_imports() == []


@pytest.mark.parametrize(
    ("source", "module", "upward"),
    [
        ("from odop.bazaar.models import Listing\n", "odop.producers.services", True),
        ("from odop.producers.models import Producer\n", "odop.bazaar.services", False),
        ("import odop.markets.models\n", "odop.registry.selectors", True),
        ("from odop import catalogue\n", "odop.exports.views", True),
        ("from ..bazaar import models\n", "odop.producers.services", True),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from odop.geography.models"
            " import State\n",
            "odop.accounts.services",
            False,
        ),
        ("def f():\n    from odop.registry import models\n", "odop.core.tabular", True),
    ],
)
def test_the_check_sees_every_kind_of_import(source: str, module: str, upward: bool) -> None:
    own = layer_of(module)
    assert own is not None
    targets = [target for _line, target in imports_of(ast.parse(source), module)]
    assert any((layer_of(t) or -1) > own for t in targets) is upward
