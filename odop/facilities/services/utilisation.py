"""Monthly utilisation reports: filed by a centre's operator from a form or a spreadsheet,
one per centre and month, checked whole before anything is written; corrections keep the
earlier figures (simple_history) and say why (an event row)."""

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.core import bounds
from odop.core.errors import permission_require
from odop.core.tabular import Table
from odop.facilities import rules
from odop.facilities.models import (
    Centre,
    UtilisationEvent,
    UtilisationEventKind,
    UtilisationLine,
    UtilisationReport,
)
from odop.facilities.permissions import can_report_utilisation
from odop.facilities.selectors import booking_hours_used, centre_week

UPLOAD_COLUMNS = ("month", "machine", "hours_used", "users_served", "income", "expenses")
MONTH_PATTERN = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


@dataclass(frozen=True)
class MonthFigures:
    """One month's figures as an operator gives them (machine id -> hours)."""

    year: int
    month: int
    users_served: int
    income: Decimal
    expenses: Decimal
    hours: Mapping[int, Decimal]


def _figures_check(*, centre: Centre, figures: MonthFigures, today: dt.date) -> None:
    """Raise one ValidationError listing every problem of these figures (coded)."""
    errors: list[ValidationError] = []
    if not 1 <= figures.month <= 12 or not bounds.YEAR_MIN <= figures.year <= bounds.YEAR_MAX:
        raise ValidationError(_("Give a month as YYYY-MM."), code="bad_month")
    if (figures.year, figures.month) >= (today.year, today.month):
        errors.append(
            ValidationError(
                _("%(month)s is not over yet."),
                code="month_not_over",
                params={"month": f"{figures.year}-{figures.month:02d}"},
            )
        )
    limit = rules.hours_in_month(figures.year, figures.month)
    machines = {machine.pk: machine for machine in centre.equipment.all()}
    booked = booking_hours_used(centre=centre, year=figures.year, month=figures.month)
    for machine_id, hours in figures.hours.items():
        machine = machines.get(machine_id)
        if machine is None:
            errors.append(
                ValidationError(
                    _("Machine %(machine)s is not one of this centre's."),
                    code="unknown_machine",
                    params={"machine": machine_id},
                )
            )
            continue
        if hours < 0:
            errors.append(
                ValidationError(
                    _("%(machine)s: hours cannot be negative."),
                    code="negative_hours",
                    params={"machine": machine.name},
                )
            )
        elif hours > limit:
            errors.append(
                ValidationError(
                    _(
                        "%(machine)s: %(hours)s hours is more than the %(limit)s hours "
                        "of %(month)s."
                    ),
                    code="too_many_hours",
                    params={
                        "machine": machine.name,
                        "hours": hours,
                        "limit": limit,
                        "month": f"{figures.year}-{figures.month:02d}",
                    },
                )
            )
        elif hours < booked.get(machine_id, Decimal(0)):
            errors.append(
                ValidationError(
                    _("%(machine)s: bookings marked used already add up to %(booked)s hours."),
                    code="below_bookings",
                    params={"machine": machine.name, "booked": booked[machine_id]},
                )
            )
    for value, code in (
        (figures.income, "negative_income"),
        (figures.expenses, "negative_expenses"),
    ):
        if not Decimal(0) <= value <= bounds.MONEY_MAX:
            errors.append(ValidationError(_("Amounts must be from 0 to the limit."), code=code))
    if not 0 <= figures.users_served <= bounds.COUNT_MAX:
        errors.append(ValidationError(_("Users served must be 0 or more."), code="bad_users"))
    if errors:
        raise ValidationError(errors)


def _capacity(*, centre: Centre, figures: MonthFigures) -> Decimal:
    """The share of the centre's open machine hours that the month's hours used."""
    open_hours = rules.open_hours_in_month(figures.year, figures.month, centre_week(centre=centre))
    return rules.capacity_used(
        hours_used=sum(figures.hours.values(), Decimal(0)),
        machines=centre.equipment.count(),
        open_hours=open_hours,
    )


def _lines_write(report: UtilisationReport, figures: MonthFigures) -> None:
    """One line per machine of the centre: the hours given, 0 for a machine not named."""
    given = dict(figures.hours)
    existing = {line.equipment_id: line for line in report.lines.all()}
    for machine in report.centre.equipment.all():
        hours = given.get(machine.pk, Decimal(0))
        line = existing.get(machine.pk)
        if line is None:
            line = UtilisationLine(report=report, equipment=machine, hours_used=hours)
            line.full_clean()
            line.save()
        elif line.hours_used != hours:
            line.hours_used = hours
            line.full_clean()
            line.save(update_fields=["hours_used"])


@transaction.atomic
def utilisation_report_file(
    *, actor: User, centre: Centre, figures: MonthFigures, today: dt.date | None = None
) -> UtilisationReport:
    """File a centre's month. Refuses (nothing written): `already_reported`,
    `month_not_over`, `unknown_machine`, `negative_hours`, `too_many_hours`,
    `below_bookings` (less than the bookings marked used), every problem at once.
    The capacity used is computed from the hours and the centre's opening hours."""
    permission_require(can_report_utilisation(actor, centre))
    today = today or timezone.localdate()
    centre = Centre.objects.select_for_update().get(pk=centre.pk)
    if UtilisationReport.objects.filter(
        centre=centre, year=figures.year, month=figures.month
    ).exists():
        raise ValidationError(
            {
                "month": ValidationError(
                    _("%(month)s is already reported for this centre; correct it instead."),
                    code="already_reported",
                    params={"month": f"{figures.year}-{figures.month:02d}"},
                )
            }
        )
    _figures_check(centre=centre, figures=figures, today=today)
    report = UtilisationReport(
        centre=centre,
        year=figures.year,
        month=figures.month,
        users_served=figures.users_served,
        income=figures.income,
        expenses=figures.expenses,
        capacity_used=_capacity(centre=centre, figures=figures),
        reported_by=actor,
    )
    report.full_clean()
    report.save(force_insert=True)
    _lines_write(report, figures)
    UtilisationEvent.objects.create(report=report, kind=UtilisationEventKind.REPORTED, actor=actor)
    return report


@transaction.atomic
def utilisation_report_correct(
    *,
    actor: User,
    report: UtilisationReport,
    figures: MonthFigures,
    note: str,
    today: dt.date | None = None,
) -> UtilisationReport:
    """Correct a filed month (same checks as filing; its month cannot change). The earlier
    figures stay in the history; the event row records who corrected it and why."""
    report = (
        UtilisationReport.objects.select_for_update().select_related("centre").get(pk=report.pk)
    )
    permission_require(can_report_utilisation(actor, report.centre))
    if (figures.year, figures.month) != (report.year, report.month):
        raise ValidationError(_("A correction keeps the report's month."), code="month_changed")
    if not note.strip():
        raise ValidationError({"note": ValidationError(_("Say why."), code="required")})
    _figures_check(centre=report.centre, figures=figures, today=today or timezone.localdate())
    report.users_served = figures.users_served
    report.income = figures.income
    report.expenses = figures.expenses
    report.capacity_used = _capacity(centre=report.centre, figures=figures)
    report.reported_by = actor
    report.full_clean()
    report.save()
    _lines_write(report, figures)
    UtilisationEvent.objects.create(
        report=report,
        kind=UtilisationEventKind.CORRECTED,
        actor=actor,
        note=note[: bounds.NOTE_MAX],
    )
    return report


def _number(value: str, row: int, column: str, errors: list[ValidationError]) -> Decimal | None:
    """A decimal from a cell, or None with a coded error naming the row."""
    try:
        return Decimal(value.replace(",", "").strip() or "x")
    except InvalidOperation:
        errors.append(
            ValidationError(
                _("Row %(row)d: %(column)s is not a number."),
                code="not_a_number",
                params={"row": row, "column": column},
            )
        )
        return None


def _upload_months(*, centre: Centre, table: Table) -> list[MonthFigures]:
    """The file's rows grouped by month. Raises every row problem at once (row numbers as in
    the spreadsheet, the header being row 1)."""
    table.require_columns(UPLOAD_COLUMNS)
    machines = {machine.name.strip().casefold(): machine.pk for machine in centre.equipment.all()}
    errors: list[ValidationError] = []
    months: dict[tuple[int, int], dict[str, object]] = {}
    for number, row in enumerate(table.rows, start=2):
        match = MONTH_PATTERN.match(row["month"])
        if match is None:
            errors.append(
                ValidationError(
                    _("Row %(row)d: give the month as YYYY-MM."),
                    code="bad_month",
                    params={"row": number},
                )
            )
            continue
        key = (int(match.group(1)), int(match.group(2)))
        month = months.setdefault(key, {"hours": {}})
        machine = machines.get(row["machine"].strip().casefold())
        if machine is None:
            errors.append(
                ValidationError(
                    _("Row %(row)d: %(machine)s is not a machine of this centre."),
                    code="unknown_machine",
                    params={"row": number, "machine": row["machine"]},
                )
            )
        hours = _number(row["hours_used"], number, "hours_used", errors)
        if machine is not None and hours is not None:
            hours_by_machine = month["hours"]
            assert isinstance(hours_by_machine, dict)
            if machine in hours_by_machine:
                errors.append(
                    ValidationError(
                        _("Row %(row)d: this machine is listed twice for the month."),
                        code="duplicate_machine",
                        params={"row": number},
                    )
                )
            hours_by_machine[machine] = hours
        for column in ("users_served", "income", "expenses"):
            if row[column].strip():
                value = _number(row[column], number, column, errors)
                if value is not None and month.setdefault(column, value) != value:
                    errors.append(
                        ValidationError(
                            _("Row %(row)d: %(column)s differs from an earlier row of the month."),
                            code="inconsistent_totals",
                            params={"row": number, "column": column},
                        )
                    )
    figures: list[MonthFigures] = []
    for (year, month_number), month in sorted(months.items()):
        missing = [c for c in ("users_served", "income", "expenses") if c not in month]
        if missing:
            errors.append(
                ValidationError(
                    _("%(month)s: no row gives %(columns)s."),
                    code="missing_totals",
                    params={"month": f"{year}-{month_number:02d}", "columns": ", ".join(missing)},
                )
            )
            continue
        users = month["users_served"]
        assert isinstance(users, Decimal)
        if users != users.to_integral_value():
            errors.append(
                ValidationError(_("Users served must be a whole number."), code="not_whole")
            )
            continue
        hours_by_machine = month["hours"]
        assert isinstance(hours_by_machine, dict)
        income, expenses = month["income"], month["expenses"]
        assert isinstance(income, Decimal) and isinstance(expenses, Decimal)
        figures.append(
            MonthFigures(
                year=year,
                month=month_number,
                users_served=int(users),
                income=income,
                expenses=expenses,
                hours=hours_by_machine,
            )
        )
    if errors:
        raise ValidationError(errors)
    return figures


@transaction.atomic
def utilisation_upload(
    *, actor: User, centre: Centre, table: Table, today: dt.date | None = None
) -> list[UtilisationReport]:
    """File every month of a spreadsheet (columns `UPLOAD_COLUMNS`, one row per machine and
    month) all at once, or nothing: any bad row, any month already reported, and the whole
    file is refused with every problem listed."""
    permission_require(can_report_utilisation(actor, centre))
    reports: list[UtilisationReport] = []
    problems: list[ValidationError] = []
    for figures in _upload_months(centre=centre, table=table):
        try:
            with transaction.atomic():
                reports.append(
                    utilisation_report_file(
                        actor=actor, centre=centre, figures=figures, today=today
                    )
                )
        except ValidationError as error:
            month = f"{figures.year}-{figures.month:02d}"
            items = (
                [item for items in error.error_dict.values() for item in items]
                if hasattr(error, "error_dict")
                else error.error_list
            )
            problems += [
                ValidationError(
                    "%(month)s: %(message)s",
                    code=item.code,
                    params={"month": month, "message": next(iter(item))},
                )
                for item in items
            ]
    if problems:
        raise ValidationError(problems)
    return reports
