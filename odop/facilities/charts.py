"""Line charts drawn on the server as inline SVG (no JavaScript): a title and a description
for screen readers, and a data table beside each chart on the page as its alternative.

Pure module: numbers in, markup out (every text escaped).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

WIDTH = 320
HEIGHT = 160
MARGIN_LEFT = 48
MARGIN_RIGHT = 8
MARGIN_TOP = 12
MARGIN_BOTTOM = 28


@dataclass(frozen=True)
class Point:
    """One value of the series and the label of its month."""

    label: str
    value: Decimal


def _fmt(value: Decimal) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def line_chart_svg(
    *, chart_id: str, title: str, description: str, points: Sequence[Point], unit: str = ""
) -> str:
    """An SVG line chart of `points` (left to right), scaled from 0 to the largest value.

    `chart_id` makes the ids of its title and description unique on the page."""
    inner_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    inner_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    top = max((point.value for point in points), default=Decimal(0))
    top = top if top > 0 else Decimal(1)
    step = inner_width / max(len(points) - 1, 1)

    def x(index: int) -> float:
        return MARGIN_LEFT + (index * step if len(points) > 1 else inner_width / 2)

    def y(value: Decimal) -> float:
        return MARGIN_TOP + inner_height * (1 - float(value / top))

    coordinates = [(x(i), y(point.value)) for i, point in enumerate(points)]
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" width="100%" '
        f'preserveAspectRatio="xMidYMid meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<line class="axis" x1="{MARGIN_LEFT}" y1="{MARGIN_TOP + inner_height}" '
        f'x2="{WIDTH - MARGIN_RIGHT}" y2="{MARGIN_TOP + inner_height}"/>',
        f'<line class="axis" x1="{MARGIN_LEFT}" y1="{MARGIN_TOP}" x2="{MARGIN_LEFT}" '
        f'y2="{MARGIN_TOP + inner_height}"/>',
        f'<text class="tick" x="{MARGIN_LEFT - 4}" y="{MARGIN_TOP + 4}" text-anchor="end">'
        f"{escape(_fmt(top) + unit)}</text>",
        f'<text class="tick" x="{MARGIN_LEFT - 4}" y="{MARGIN_TOP + inner_height}" '
        f'text-anchor="end">0</text>',
    ]
    if coordinates:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in coordinates)
        parts.append(f'<polyline class="series" fill="none" points="{path}"/>')
        parts += [
            f'<circle class="dot" cx="{px:.1f}" cy="{py:.1f}" r="3"/>' for px, py in coordinates
        ]
        for index in sorted({0, len(points) - 1}):
            anchor = "start" if index == 0 and len(points) > 1 else "end"
            if len(points) == 1:
                anchor = "middle"
            parts.append(
                f'<text class="tick" x="{x(index):.1f}" y="{HEIGHT - 8}" text-anchor="{anchor}">'
                f"{escape(points[index].label)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
