"""Product-space backbones published by the Atlas (Growth Lab) and the OEC: product nodes with
layout coordinates and the backbone edges with their `strength` (proximity).

Three JSON shapes are read: the Atlas `{"nodes": [{id, x, y}], "edges": [{source, target,
strength}]}` with ids as text; the OEC 4-digit file of the same shape whose edge ends are node
objects and whose ids carry a two-digit section prefix (`010102` = section 01 + HS 0102, strip
it with `strip_section_prefix=True`); and the OEC 6-digit pair of files, a list of edges and a
separate list of nodes (`nodes_path`), keyed by `hs92_product_id`. These are backbones only
(spanning tree plus strong links), not the full proximity matrix.
"""

import json
import math
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from odop.markets.loaders.reading import (
    Source,
    code_pad,
    delimited_read,
    duplicate_refuse,
    number_parse,
    source_name,
    source_text,
)


@dataclass(frozen=True, slots=True)
class BackboneNode:
    """One product (HS code as text) and where the published layout draws it."""

    product: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class BackboneEdge:
    """A backbone link between two products with its proximity (0 < strength ≤ 1)."""

    product_a: str
    product_b: str
    strength: float


@dataclass(frozen=True, slots=True)
class ProductSpaceBackbone:
    """The nodes and edges of one published product space."""

    nodes: tuple[BackboneNode, ...]
    edges: tuple[BackboneEdge, ...]


def _json_read(source: Source, file: str) -> Any:
    try:
        return json.loads(source_text(source, name=file))
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("%(file)s is not valid JSON (line %(line)d): %(error)s"),
            code="bad_format",
            params={"file": file, "line": error.lineno, "error": error.msg},
        ) from error


def _shape_error(file: str, what: str) -> ValidationError:
    return ValidationError(
        _("%(file)s: %(what)s."), code="bad_format", params={"file": file, "what": what}
    )


def _field(item: Any, key: str, file: str, position: int) -> Any:
    if not isinstance(item, dict) or key not in item:
        raise ValidationError(
            _("%(file)s, item %(position)d lacks the field %(field)s."),
            code="missing_columns",
            params={"file": file, "position": position, "field": key},
        )
    return item[key]


def _product_id(end: Any, file: str, position: int, strip_prefix: bool) -> str:
    """An edge end or node as an HS code: a text id, or an object with `id`/`hs92_product_id`."""
    if isinstance(end, dict):
        end = end.get("id", end.get("hs92_product_id"))
    text = str(end).strip() if isinstance(end, str | int) else ""
    if not text.isdigit():
        raise _shape_error(file, _("item %(position)d has no product id") % {"position": position})
    return text[2:] if strip_prefix else text


def _number(value: Any, file: str, position: int, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(
            _("%(file)s, item %(position)d, field %(field)s: '%(value)s' is not a number."),
            code="not_a_number",
            params={"file": file, "position": position, "field": field, "value": value},
        )
    return float(value)


def backbone_load(
    source: Source,
    *,
    nodes_path: Source | None = None,
    strip_section_prefix: bool = False,
    name: str | None = None,
) -> ProductSpaceBackbone:
    """Read a product-space backbone. Raises `ValidationError` (bad_format, missing_columns,
    not_a_number, duplicate_rows, unknown_code, empty_file) on a bad file."""
    file = source_name(source, name)
    document = _json_read(source, file)
    if nodes_path is not None:
        nodes_file = source_name(nodes_path, None)
        raw_nodes, raw_edges = _json_read(nodes_path, nodes_file), document
    elif isinstance(document, dict):
        nodes_file = file
        raw_nodes, raw_edges = document.get("nodes"), document.get("edges")
    else:
        raise _shape_error(file, _("a list of edges needs its nodes file (nodes_path)"))
    if not isinstance(raw_nodes, list) or not isinstance(raw_edges, list):
        raise _shape_error(file, _("expected lists of nodes and edges"))
    if not raw_nodes or not raw_edges:
        raise ValidationError(
            _("%(file)s has no nodes or no edges."), code="empty_file", params={"file": file}
        )
    nodes: dict[str, BackboneNode] = {}
    for position, item in enumerate(raw_nodes, start=1):
        x = _number(_field(item, "x", nodes_file, position), nodes_file, position, "x")
        y = _number(_field(item, "y", nodes_file, position), nodes_file, position, "y")
        product = _product_id(item, nodes_file, position, strip_section_prefix)
        if product in nodes:
            raise ValidationError(
                _("%(file)s, item %(position)d repeats the node %(key)s."),
                code="duplicate_rows",
                params={"file": nodes_file, "position": position, "key": product},
            )
        nodes[product] = BackboneNode(product, x, y)
    edges: dict[frozenset[str], BackboneEdge] = {}
    for position, item in enumerate(raw_edges, start=1):
        ends = [
            _product_id(_field(item, end, file, position), file, position, strip_section_prefix)
            for end in ("source", "target")
        ]
        strength = _number(_field(item, "strength", file, position), file, position, "strength")
        if not 0 < strength <= 1:
            raise _shape_error(
                file, _("item %(position)d has a strength outside (0, 1]") % {"position": position}
            )
        for end in ends:
            if end not in nodes:
                raise ValidationError(
                    _("%(file)s, item %(position)d links %(code)s, which is not a node."),
                    code="unknown_code",
                    params={"file": file, "position": position, "code": end},
                )
        pair = frozenset(ends)
        if pair in edges or len(pair) == 1:
            raise ValidationError(
                _("%(file)s, item %(position)d repeats the edge %(key)s."),
                code="duplicate_rows",
                params={"file": file, "position": position, "key": "–".join(ends)},
            )
        edges[pair] = BackboneEdge(ends[0], ends[1], strength)
    return ProductSpaceBackbone(nodes=tuple(nodes.values()), edges=tuple(edges.values()))


@dataclass(frozen=True, slots=True)
class PciTable:
    """Published product complexity (PCI) of HS 1992 six-digit products by year; a product
    with no figure for a year is absent from that year."""

    years: tuple[int, ...]
    by_year: dict[int, dict[str, float]]
    labels: dict[str, str]

    def latest(self, product: str) -> tuple[int, float] | None:
        """The most recent (year, PCI) the table has for `product`, or None."""
        for year in reversed(self.years):
            value = self.by_year[year].get(product)
            if value is not None:
                return year, value
        return None


def oec_pci_load(source: Source, *, name: str | None = None) -> PciTable:
    """Read the OEC-style PCI table: one column per year ("1995" … "2021"), then `HS6` (the
    product's name) and `HS6 ID` (the HS 1992 code as an integer, leading zero lost: 10111 is
    010111). Empty cells are years without a figure. Raises `ValidationError` (missing_columns,
    not_a_number, bad_format, duplicate_rows, empty_file)."""
    table = delimited_read(source, name=source_name(source, name))
    index = table.column_index(("HS6", "HS6 ID"))
    year_columns = [
        (position, int(column))
        for position, column in enumerate(table.columns)
        if column.strip().isdigit() and len(column.strip()) == 4
    ]
    if not year_columns:
        raise ValidationError(
            _("%(file)s has no year columns (1995, 1996, …)."),
            code="missing_columns",
            params={"file": table.name},
        )
    by_year: dict[int, dict[str, float]] = {year: {} for _, year in year_columns}
    labels: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, row in table.rows:
        code = code_pad(row[index["HS6 ID"]], digits=6, file=table.name, line=line, column="HS6 ID")
        if code in first_line:
            raise duplicate_refuse(
                file=table.name, line=line, first_line=first_line[code], key=code
            )
        first_line[code] = line
        labels[code] = row[index["HS6"]].strip()
        for position, year in year_columns:
            cell = row[position]
            if cell.strip():
                by_year[year][code] = number_parse(
                    cell, file=table.name, line=line, column=str(year)
                )
    return PciTable(years=tuple(sorted(by_year)), by_year=by_year, labels=labels)
