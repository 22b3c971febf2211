"""The consignment workflow as data (issue 16): which status may follow which."""

from odop.events.models import ConsignmentStatus

CONSIGNMENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ConsignmentStatus.PLANNED: (ConsignmentStatus.DISPATCHED,),
    ConsignmentStatus.DISPATCHED: (ConsignmentStatus.DELIVERED,),
    ConsignmentStatus.DELIVERED: (),
}
