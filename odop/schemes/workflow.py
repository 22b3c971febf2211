"""The life of a scheme version and of a parameter value, written down as data.

Only `odop.schemes.services` changes these statuses, refuses any move not listed here, and
writes a history row (`SchemeVersionEvent`, `ParameterValueEvent`) with each move.
"""

from collections.abc import Mapping
from typing import Final

from odop.schemes.models import ParameterValueStatus as P
from odop.schemes.models import SchemeVersionStatus as V

VERSION_TRANSITIONS: Final[Mapping[V, frozenset[V]]] = {
    V.DRAFT: frozenset({V.PUBLISHED}),  # only when every golden case passes
    V.PUBLISHED: frozenset({V.RETIRED}),  # publishing the next version retires this one
    V.RETIRED: frozenset(),
}

VALUE_TRANSITIONS: Final[Mapping[P, frozenset[P]]] = {
    P.PROPOSED: frozenset({P.APPROVED, P.REJECTED}),  # by an officer other than the proposer
    P.APPROVED: frozenset(),  # a later order is a new value with a later date
    P.REJECTED: frozenset(),
}
