"""The life cycles of export plans, bottlenecks and first-time exporters, written down as data.

Only the `*_transition` services in `exports.services` change these statuses, and they refuse
any move not listed here. Who may make a move is decided in `exports.permissions`.
"""

from collections.abc import Mapping
from typing import Final

from odop.exports.models import BottleneckStatus as B
from odop.exports.models import ExporterStage as E
from odop.exports.models import PlanStatus as P

# A plan's history is its HistoricalRecords rows (status changes are rare and officers'
# alone), so plans have no separate event table.
PLAN_TRANSITIONS: Final[Mapping[P, frozenset[P]]] = {
    P.DRAFT: frozenset({P.ADOPTED}),
    P.ADOPTED: frozenset({P.ARCHIVED}),
    P.ARCHIVED: frozenset(),
}

BOTTLENECK_TRANSITIONS: Final[Mapping[B, frozenset[B]]] = {
    B.OPEN: frozenset({B.IN_PROGRESS, B.RESOLVED, B.DROPPED}),
    B.IN_PROGRESS: frozenset({B.OPEN, B.RESOLVED, B.DROPPED}),
    B.RESOLVED: frozenset({B.IN_PROGRESS}),  # reopened when the fix did not hold
    B.DROPPED: frozenset({B.OPEN}),
}

EXPORTER_TRANSITIONS: Final[Mapping[E, frozenset[E]]] = {
    E.INTERESTED: frozenset({E.REGISTERED, E.DROPPED}),
    E.REGISTERED: frozenset({E.FIRST_INQUIRY, E.DROPPED}),
    E.FIRST_INQUIRY: frozenset({E.FIRST_SHIPMENT, E.DROPPED}),
    E.FIRST_SHIPMENT: frozenset(),  # the goal: a first-time exporter
    E.DROPPED: frozenset({E.INTERESTED}),  # a producer who comes back starts again
}

# Readiness items that must be ticked before a producer counts as registered to export.
REGISTRATION_REQUIRES: Final = ("has_iec", "has_gst")

# The order of stages in counts and charts.
EXPORTER_STAGE_ORDER: Final = (
    E.INTERESTED,
    E.REGISTERED,
    E.FIRST_INQUIRY,
    E.FIRST_SHIPMENT,
    E.DROPPED,
)
