"""Reads of grievances: categories, the dated due period, lists, the officer's queue, counts by
district and the public tracking view (status and dates only)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.geography.models import District
from odop.geography.permissions import officer_scope
from odop.grievances.models import (
    Grievance,
    GrievanceCategory,
    GrievanceEvent,
    GrievanceSetting,
    Level,
    SettingName,
    SettingStatus,
)
from odop.grievances.numbers import grievance_number_is_valid, grievance_number_normalise
from odop.grievances.permissions import grievances_visible_to, handling_scope
from odop.grievances.workflow import WAITING_STATUSES


def category_list() -> QuerySet[GrievanceCategory]:
    """The categories open for filing, in their order."""
    return GrievanceCategory.objects.filter(is_active=True)


def grievance_setting_effective(*, name: str, day: dt.date) -> GrievanceSetting:
    """The approved value of setting `name` in force on `day` (the latest start on or before
    it, not ended before it). `setting_not_set` when none is."""
    setting = (
        GrievanceSetting.objects.filter(
            name=name, status=SettingStatus.APPROVED, effective_from__lte=day
        )
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .order_by("-effective_from", "-pk")
        .first()
    )
    if setting is None:
        raise ValidationError(
            _("No approved value of %(name)s is in force on %(day)s.")
            % {"name": name, "day": day.isoformat()},
            code="setting_not_set",
        )
    return setting


def grievance_setting_list() -> QuerySet[GrievanceSetting]:
    """Every dated value of the grievance settings, proposals included, by name and date."""
    return GrievanceSetting.objects.select_related("proposed_by", "decided_by")


def due_period_on(day: dt.date) -> GrievanceSetting:
    """The days allowed to answer a grievance filed (or escalated, or appealed) on `day`."""
    return grievance_setting_effective(name=SettingName.DUE_PERIOD_DAYS, day=day)


def reply_due() -> Coalesce:
    """The date the next reply is due: the interim reply's date when one was given, else the
    due date (`Grievance.reply_due_by` as a query expression)."""
    return Coalesce(F("expected_by"), F("due_by"))


def officers_answering_at(*, level: str, district: District) -> QuerySet[User]:
    """The active officers who answer at `level` for `district`: its district officers, its
    State's officers, or the national admins."""
    users = User.objects.filter(is_active=True)
    if level == Level.DISTRICT:
        return users.filter(role=Role.DISTRICT_OFFICER, district=district)
    if level == Level.STATE:
        return users.filter(role=Role.STATE_OFFICER, state_id=district.state_id)
    return users.filter(role=Role.NATIONAL_ADMIN)


def grievance_list_filed(*, user: User) -> QuerySet[Grievance]:
    """The grievances `user` filed or that were filed for them, newest first."""
    return grievances_visible_to(user).filter(Q(filed_by=user) | Q(producer__user=user))


def grievance_queue(*, user: User) -> QuerySet[Grievance]:
    """The grievances waiting for `user`'s reply, the earliest due first."""
    return (
        grievances_visible_to(user)
        .filter(handling_scope(user), status__in=WAITING_STATUSES)
        .annotate(reply_due=reply_due())
        .order_by("reply_due", "pk")
    )


def grievance_overdue(*, today: dt.date) -> QuerySet[Grievance]:
    """Every grievance waiting for a reply past its due (or interim) date, oldest first. For the
    escalation job, not for a person (no gate)."""
    return (
        Grievance.objects.filter(status__in=WAITING_STATUSES)
        .annotate(reply_due=reply_due())
        .filter(reply_due__lt=today)
        .order_by("reply_due", "pk")
    )


def grievance_events(*, grievance: Grievance) -> QuerySet[GrievanceEvent]:
    """The moves of a grievance in order, with who made them."""
    return grievance.events.select_related("actor")


@dataclass(frozen=True, kw_only=True)
class DistrictCounts:
    """How many grievances of one district are in each status, and how many are overdue."""

    district_lgd_code: int
    district_name: str
    open: int
    answered: int
    appealed: int
    closed: int
    overdue: int


def grievance_counts_by_district(*, user: User, today: dt.date) -> list[DistrictCounts]:
    """Counts by status and overdue, per district of the officer's scope, in one query."""
    waiting = Q(status__in=WAITING_STATUSES)
    rows = (
        grievances_visible_to(user)
        .filter(officer_scope(user))
        .annotate(reply_due=reply_due())
        .order_by()
        .values("district__lgd_code", "district__name_lgd")
        .annotate(
            open=Count("pk", filter=Q(status="open")),
            answered=Count("pk", filter=Q(status="answered")),
            appealed=Count("pk", filter=Q(status="appealed")),
            closed=Count("pk", filter=Q(status="closed")),
            overdue=Count("pk", filter=waiting & Q(reply_due__lt=today)),
        )
        .order_by("district__name_lgd")
    )
    return [
        DistrictCounts(
            district_lgd_code=row["district__lgd_code"],
            district_name=row["district__name_lgd"],
            open=row["open"],
            answered=row["answered"],
            appealed=row["appealed"],
            closed=row["closed"],
            overdue=row["overdue"],
        )
        for row in rows
    ]


def grievance_track(*, number: str) -> Grievance:
    """The grievance with this public number, for the tracking page: anyone may ask, and the
    caller shows only status and dates. A malformed number or a wrong check digit is a 404
    before any lookup."""
    number = grievance_number_normalise(number)
    if not grievance_number_is_valid(number):
        raise Http404
    try:
        return Grievance.objects.select_related("category").get(number=number)
    except Grievance.DoesNotExist as error:
        raise Http404 from error
