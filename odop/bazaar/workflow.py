"""The life cycles of listings and orders, written down as data.

Only `bazaar.services` changes these statuses, through `listing_transition` and the order
services, and it refuses any move not listed here. Who may make a move is decided in
`bazaar.permissions`: the seller moves a listing and confirms/ships an order; the buyer marks
it received; either may cancel before shipping; the seller records payment.
"""

from collections.abc import Mapping
from typing import Final

from odop.bazaar.models import ListingStatus as L
from odop.bazaar.models import OrderStatus as O
from odop.bazaar.models import QuoteStatus as Q

LISTING_TRANSITIONS: Final[Mapping[L, frozenset[L]]] = {
    L.DRAFT: frozenset({L.PUBLISHED}),
    L.PUBLISHED: frozenset({L.PAUSED}),
    L.PAUSED: frozenset({L.PUBLISHED, L.DRAFT}),
}

ORDER_TRANSITIONS: Final[Mapping[O, frozenset[O]]] = {
    O.PLACED: frozenset({O.CONFIRMED, O.CANCELLED}),
    O.CONFIRMED: frozenset({O.SHIPPED, O.CANCELLED}),
    O.SHIPPED: frozenset({O.RECEIVED}),
    O.RECEIVED: frozenset(),
    O.CANCELLED: frozenset(),
}

# A quote is offered, then accepted by the buyer, withdrawn by a newer quote, or lapses when
# the buyer's acceptance cannot be met (stock sold meanwhile): the inquiry then reopens for a
# new quote, so neither side is left waiting on an offer nobody can take (issue 12).
QUOTE_TRANSITIONS: Final[Mapping[Q, frozenset[Q]]] = {
    Q.OFFERED: frozenset({Q.ACCEPTED, Q.WITHDRAWN, Q.LAPSED, Q.DECLINED}),
    Q.ACCEPTED: frozenset(),
    Q.WITHDRAWN: frozenset(),
    Q.LAPSED: frozenset(),
    Q.DECLINED: frozenset(),
}

# Who makes each order move: the seller's side or the buyer's.
SELLER_ORDER_MOVES: Final = frozenset({O.CONFIRMED, O.SHIPPED, O.CANCELLED})
BUYER_ORDER_MOVES: Final = frozenset({O.RECEIVED, O.CANCELLED})

# Days after receipt at which an unpaid order is listed in each ageing bucket.
AGEING_BUCKETS: Final = (0, 15, 30, 60, 90)
