"""The pieces of the "My work" page: blocks of counted links and rows (issue 12)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from django.db.models import Count, QuerySet
from django.urls import reverse

# Each block lists at most this many rows; its counts say how many there are in all.
ROWS: Final = 10


@dataclass(frozen=True)
class WorkLink:
    """A count of things waiting, and the page where they are dealt with."""

    label: str
    count: int
    url: str
    urgent: bool = False  # overdue or expired: shown as such


@dataclass(frozen=True)
class WorkRow:
    """One thing waiting, linked to its own page."""

    label: str
    url: str
    detail: str = ""
    when: dt.date | dt.datetime | None = None
    urgent: bool = False


@dataclass(frozen=True)
class WorkBlock:
    """One part of a person's work (selection, the shop, buying...), with its main page."""

    key: str
    title: str
    url: str
    links: tuple[WorkLink, ...] = ()
    rows: tuple[WorkRow, ...] = ()
    note: str = ""
    extra: tuple[WorkLink, ...] = field(default=())  # plain links (no count): "My shop"

    @property
    def waiting(self) -> int:
        """How many things wait in this block (the sum of its counts)."""
        return sum(link.count for link in self.links)


def status_counts(queryset: QuerySet, statuses: Iterable[str]) -> dict[str, int]:
    """{status: count} of `queryset` among `statuses`, in one grouped query."""
    rows = (
        queryset.filter(status__in=list(statuses))
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
    )
    return {row["status"]: row["n"] for row in rows}


def page_url(name: str, query: str = "", **kwargs: object) -> str:
    """The path of a page (in the current language), with a query string if given."""
    return reverse(name, kwargs=kwargs or None) + (f"?{query}" if query else "")
