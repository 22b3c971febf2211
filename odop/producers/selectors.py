"""Read-side of the producer registry: certificates in force, contact reveals, the producer
360 page's sections.

A later module (applications, bookings, training, events, outcomes) adds its section to the 360
page by registering a selector in `PRODUCER_SECTIONS`; this app never imports it.
"""

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from odop.accounts.models import User
from odop.producers import permissions
from odop.producers.models import (
    Certification,
    ContactReveal,
    Producer,
    ProducerEvent,
    ProducerMember,
    ProducerStatus,
)
from odop.registry.models import DistrictProduct


def certifications_valid(*, producer: Producer, on: dt.date | None = None) -> list[Certification]:
    """The producer's certificates in force on a day (today by default): the badges to show."""
    day = on or timezone.localdate()
    return list(
        producer.certifications.filter(valid_until__gte=day)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .select_related("gi_entry")
    )


def producers_onboarded_by(*, user: User, limit: int = 50) -> QuerySet[Producer]:
    """Producers this officer registered on their behalf and that are no longer awaiting
    verification, newest first: the officer keeps listing products for them (issue 12)."""
    return (
        permissions.producers_visible_to(user)
        .filter(onboarded_by=user)
        .exclude(status=ProducerStatus.PENDING)
        .select_related("district__state")
        .order_by("-created_at", "-pk")[:limit]
    )


def reveals_of(*, producer: Producer) -> QuerySet[ContactReveal]:
    """Who looked at the producer's contact details, newest first."""
    return producer.reveals.select_related("viewer")


# ---------------------------------------------------------------- producer 360


@dataclass(frozen=True)
class ProducerSection:
    """A part of the producer 360 page that another module fills from its own selector.

    `rows(user, producer)` returns plain rows (column -> value) the user may see; the page and
    the API show them as a table whose headings are `columns` (column -> a lazy translation; a
    column not named there is headed by its key). `officers_only` sections are left out of the
    producer's own view. Modules register theirs in their `AppConfig.ready()` with
    `producer_section_register`, so this app imports none of them.
    """

    key: str
    title: str | Promise  # a lazy translation, shown in the user's language
    rows: Callable[[User | AnonymousUser, Producer], Sequence[Mapping[str, Any]]]
    order: int = 100
    officers_only: bool = False
    columns: Mapping[str, str | Promise] = field(default_factory=dict)


PRODUCER_SECTIONS: dict[str, ProducerSection] = {}


def producer_section_register(section: ProducerSection) -> None:
    """Add (or replace, by key) a section of the producer 360 page."""
    PRODUCER_SECTIONS[section.key] = section


@dataclass(frozen=True)
class SectionColumn:
    key: str
    label: str


@dataclass(frozen=True)
class FilledSection:
    key: str
    title: str
    rows: list[dict[str, Any]]
    columns: list[SectionColumn]


@dataclass(frozen=True)
class Producer360:
    """Everything the producer 360 page shows one user about one producer."""

    producer: Producer
    officer_view: bool
    show_bank: bool
    certifications: list[Certification]
    members: list[ProducerMember]
    products: list[DistrictProduct]
    events: list[ProducerEvent]
    sections: list[FilledSection]


def producer_360(*, user: User | AnonymousUser, producer: Producer) -> Producer360:
    """The producer 360 view: identity and verification, certificates, members, products, and
    every registered section (listings and orders, exporter stage, and later modules').

    Callers fetch `producer` through `permissions.access_producer_360`. Officers' notes and the
    merge history are for officers only; the producer sees the rest of the same page.
    """
    officer_view = permissions.can_see_officer_view(user, producer)
    sections = [
        FilledSection(
            key=section.key,
            title=str(section.title),
            rows=rows,
            columns=[SectionColumn(key, str(section.columns.get(key, key))) for key in rows[0]]
            if rows
            else [],
        )
        for section, rows in (
            (section, [dict(row) for row in section.rows(user, producer)])
            for section in sorted(PRODUCER_SECTIONS.values(), key=lambda s: (s.order, s.key))
            if officer_view or not section.officers_only
        )
    ]
    return Producer360(
        producer=producer,
        officer_view=officer_view,
        show_bank=permissions.can_see_bank(user, producer),
        certifications=list(producer.certifications.select_related("gi_entry")),
        members=list(producer.members.all()),
        products=list(producer.products.select_related("product_type")),
        events=list(producer.events.select_related("actor")) if officer_view else [],
        sections=sections,
    )


def producers_find(
    *,
    user: User | AnonymousUser,
    district_lgd: int | None = None,
    status: str = "",
    kind: str = "",
    text: str = "",
) -> QuerySet[Producer]:
    """Producers the user may see, filtered (the API's list and the officers' registry)."""
    producers = permissions.producers_visible_to(user)
    if district_lgd is not None:
        producers = producers.filter(district__lgd_code=district_lgd)
    if status:
        producers = producers.filter(status=status)
    if kind:
        producers = producers.filter(kind=kind)
    if text.strip():
        producers = producers.filter(name__icontains=text.strip())
    return producers.order_by("name", "pk")
