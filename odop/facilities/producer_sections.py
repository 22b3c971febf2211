"""The Common Facility Centres' section of the producer 360 page: the producer's machine
bookings.

Registered in `FacilitiesConfig.ready()`; the producer registry shows it without importing
this app. Rows come through this app's own gate (`bookings_visible_to`), so a user sees only
the bookings they may: the producer their own, officers those in their area, operators those
of their centres.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odop.accounts.models import User
from odop.facilities.permissions import bookings_visible_to
from odop.producers.models import Producer
from odop.producers.selectors import ProducerSection, producer_section_register

SECTION_ROWS = 50


def booking_rows(user: User | AnonymousUser, producer: Producer) -> Sequence[Mapping[str, Any]]:
    """The producer's CFC bookings the user may see, newest first."""
    bookings = (
        bookings_visible_to(user)
        .filter(producer=producer)
        .select_related("equipment__centre")
        .order_by("-start", "-pk")
    )
    rows = []
    for booking in bookings[:SECTION_ROWS]:
        start = timezone.localtime(booking.start)
        end = timezone.localtime(booking.end)
        rows.append(
            {
                "centre": booking.equipment.centre.name,
                "machine": booking.equipment.name,
                "start": start.isoformat(timespec="minutes"),
                "end": end.isoformat(timespec="minutes"),
                "status": booking.get_status_display(),
                "charge": str(booking.charge),
            }
        )
    return rows


def sections_register() -> None:
    producer_section_register(
        ProducerSection(
            key="cfc_bookings",
            title=_("Common Facility Centre bookings"),
            rows=booking_rows,
            order=45,
            columns={
                "centre": _("Centre"),
                "machine": _("Machine"),
                "start": _("Start"),
                "end": _("End"),
                "status": _("Status"),
                "charge": _("Charge (₹)"),
            },
        )
    )
