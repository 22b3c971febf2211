"""Reads of the Common Facility Centres: lists, a centre's week, its bookings and reports,
the booked hours a monthly report is checked against, overdue reports, the State table."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Avg, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from odop.accounts.models import Role, User, signed_in_user
from odop.facilities import rules
from odop.facilities.models import (
    Booking,
    BookingStatus,
    Centre,
    Equipment,
    UtilisationReport,
)
from odop.facilities.permissions import (
    bookings_visible_to,
    centres_visible_to,
    utilisation_reports_visible_to,
)
from odop.geography.permissions import officer_scope


def centre_list(
    *,
    user: User | AnonymousUser,
    state_lgd: int | None = None,
    district_lgd: int | None = None,
) -> QuerySet[Centre]:
    """Centres visible to `user`, optionally of one State or district, with their district,
    machines and hours joined (a fixed number of queries, whatever the number of centres)."""
    centres = centres_visible_to(user).select_related("district__state")
    if state_lgd is not None:
        centres = centres.filter(district__state__lgd_code=state_lgd)
    if district_lgd is not None:
        centres = centres.filter(district__lgd_code=district_lgd)
    return centres.prefetch_related(
        Prefetch("equipment", queryset=Equipment.objects.order_by("name", "pk")),
        "opening_hours",
    ).order_by("district__state__name_lgd", "district__name_lgd", "name", "pk")


def centre_week(*, centre: Centre) -> rules.WeekHours:
    """{weekday: (opens, closes)} of the centre (a closed weekday has no entry)."""
    return {row.weekday: (row.opens, row.closes) for row in centre.opening_hours.all()}


def centre_bookings_upcoming(
    *, user: User | AnonymousUser, centre: Centre, now: dt.datetime | None = None
) -> QuerySet[Booking]:
    """Bookings of the centre's machines that `user` may see and that have not ended,
    cancelled ones left out, soonest first."""
    now = now or timezone.now()
    return (
        bookings_visible_to(user)
        .filter(equipment__centre=centre, end__gt=now)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("equipment", "producer")
        .order_by("start", "pk")
    )


def booking_list_for_producer(*, user: User | AnonymousUser) -> QuerySet[Booking]:
    """The producer's own bookings, newest first."""
    signed_in = signed_in_user(user)
    if signed_in is None or signed_in.role != Role.PRODUCER:
        return Booking.objects.none()
    return (
        Booking.objects.filter(producer__user=signed_in)
        .select_related("equipment__centre")
        .order_by("-start", "-pk")
    )


def booking_hours_used(*, centre: Centre, year: int, month: int) -> dict[int, Decimal]:
    """{machine id: hours} of the bookings marked used that started in that month (in the
    site's time zone): the least a monthly report may claim for each machine."""
    zone = timezone.get_current_timezone()
    first = dt.datetime(year, month, 1, tzinfo=zone)
    after = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=zone)
    hours: dict[int, Decimal] = {}
    used = Booking.objects.filter(
        equipment__centre=centre, status=BookingStatus.USED, start__gte=first, start__lt=after
    ).only("equipment_id", "start", "end")
    for booking in used:
        hours[booking.equipment_id] = hours.get(booking.equipment_id, Decimal(0)) + (
            rules.hours_between(booking.start, booking.end)
        )
    return {machine: value.quantize(rules.TENTH) for machine, value in hours.items()}


def utilisation_series(*, user: User | AnonymousUser, centre: Centre) -> list[UtilisationReport]:
    """The centre's reports `user` may see, oldest month first, with their lines."""
    return list(
        utilisation_reports_visible_to(user)
        .filter(centre=centre)
        .prefetch_related("lines__equipment")
        .order_by("year", "month")
    )


def centres_overdue(*, user: User, today: dt.date) -> QuerySet[Centre]:
    """Centres `user` operates or oversees whose report for the previous month is overdue
    (past `rules.REPORT_DUE_DAY`); centres registered after that month began are not asked."""
    month = rules.report_overdue_month(today)
    if month is None:
        return Centre.objects.none()
    year, number = month
    reported = UtilisationReport.objects.filter(centre=OuterRef("pk"), year=year, month=number)
    mine = Q(operators=user) if user.role == Role.CFC_OPERATOR else officer_scope(user)
    month_start = dt.datetime(year, number, 1, tzinfo=timezone.get_current_timezone())
    return (
        Centre.objects.filter(mine, created_at__lt=month_start)
        .filter(~Exists(reported))
        .select_related("district")
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class CentreUtilisation:
    """One row of the State table: a centre and its average over its last reports."""

    centre: Centre
    months: int
    capacity_used: Decimal | None


# The State table averages the centres' last twelve months.
TABLE_MONTHS = 12


def state_utilisation_table(*, user: User, today: dt.date) -> list[CentreUtilisation]:
    """Centres in the officer's area by their average capacity used over the twelve months
    before `today` (highest first; centres that never reported last)."""
    start_year = today.year - 1
    recent = Q(year__gt=start_year) | Q(year=start_year, month__gte=today.month)
    centres = (
        Centre.objects.filter(officer_scope(user))
        .select_related("district__state")
        .annotate(
            average=Avg(
                "utilisation_reports__capacity_used",
                filter=Q(utilisation_reports__year__gt=start_year)
                | Q(
                    utilisation_reports__year=start_year,
                    utilisation_reports__month__gte=today.month,
                ),
            ),
        )
    )
    reports = (
        UtilisationReport.objects.filter(centre__in=centres)
        .filter(recent)
        .values_list("centre_id", flat=True)
    )
    counts: dict[int, int] = {}
    for centre_id in reports:
        counts[centre_id] = counts.get(centre_id, 0) + 1
    rows = [
        CentreUtilisation(
            centre=centre,
            months=counts.get(centre.pk, 0),
            capacity_used=(
                Decimal(centre.average).quantize(rules.TENTH)
                if centre.average is not None
                else None
            ),
        )
        for centre in centres
    ]
    rows.sort(
        key=lambda row: (row.capacity_used is None, -(row.capacity_used or 0), row.centre.name)
    )
    return rows
