"""The booking life cycle as data: only `booking_transition` moves a booking, and it refuses
any move not listed here."""

from collections.abc import Mapping
from typing import Final

from odop.facilities.models import BookingStatus

TRANSITIONS: Final[Mapping[str, frozenset[str]]] = {
    BookingStatus.REQUESTED: frozenset({BookingStatus.CONFIRMED, BookingStatus.CANCELLED}),
    BookingStatus.CONFIRMED: frozenset(
        {BookingStatus.USED, BookingStatus.NO_SHOW, BookingStatus.CANCELLED}
    ),
    BookingStatus.USED: frozenset(),
    BookingStatus.NO_SHOW: frozenset(),
    BookingStatus.CANCELLED: frozenset(),
}
# Moves that record what happened, so only once the booked time has begun.
AFTER_START: Final = frozenset({BookingStatus.USED, BookingStatus.NO_SHOW})
