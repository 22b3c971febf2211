"""Monthly utilisation: filing, the checks that refuse bad figures or files with nothing
written, corrections that keep history, overdue reports (issue 15)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import Workbook

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.core.tabular import table_from_csv_bytes, table_from_xlsx_bytes
from odop.facilities import selectors, services
from odop.facilities.models import (
    BookingStatus,
    UtilisationEvent,
    UtilisationLine,
    UtilisationReport,
)
from odop.facilities.services.utilisation import MonthFigures
from odop.facilities.tests.conftest import Place
from odop.facilities.tests.factories import BookingFactory, CentreFactory, EquipmentFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 15)


def _figures(place: Place, hours: str | dict = "100", **kwargs: object) -> MonthFigures:
    values: dict[str, object] = {
        "year": 2026,
        "month": 11,
        "users_served": 12,
        "income": Decimal("25000.00"),
        "expenses": Decimal("18000.50"),
        "hours": hours if isinstance(hours, dict) else {place.machine.pk: Decimal(hours)},
    }
    values.update(kwargs)
    return MonthFigures(**values)  # type: ignore[arg-type]


def _codes(error: ValidationError) -> list[str]:
    return sorted(str(item.code) for item in error.error_list)


def test_an_operator_files_a_month_with_capacity_worked_out(place: Place) -> None:
    report = services.utilisation_report_file(
        actor=place.operator, centre=place.centre, figures=_figures(place), today=TODAY
    )
    # November 2026: 21 weekdays x 9 hours = 189 open hours for one machine
    assert report.capacity_used == Decimal("52.9")
    assert UtilisationLine.objects.get(report=report).hours_used == Decimal("100.0")
    assert UtilisationEvent.objects.get(report=report).kind == "reported"


@pytest.mark.parametrize(
    ("hours", "code"),
    [("-1", "negative_hours"), ("721", "too_many_hours")],  # November has 720 hours
)
def test_bad_hours_are_refused_and_nothing_written(place: Place, hours: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.utilisation_report_file(
            actor=place.operator, centre=place.centre, figures=_figures(place, hours), today=TODAY
        )
    assert _codes(caught.value) == [code]
    assert UtilisationReport.objects.exists() is False
    assert UtilisationLine.objects.exists() is False


def test_a_month_already_reported_and_an_unknown_machine_are_refused(place: Place) -> None:
    services.utilisation_report_file(
        actor=place.operator, centre=place.centre, figures=_figures(place), today=TODAY
    )
    with pytest.raises(ValidationError) as caught:
        services.utilisation_report_file(
            actor=place.operator, centre=place.centre, figures=_figures(place), today=TODAY
        )
    assert caught.value.error_dict["month"][0].code == "already_reported"
    elsewhere = EquipmentFactory.create(centre=CentreFactory.create())
    with pytest.raises(ValidationError) as caught:
        services.utilisation_report_file(
            actor=place.operator,
            centre=place.centre,
            figures=_figures(place, month=10, hours={elsewhere.pk: Decimal(1)}),
            today=TODAY,
        )
    assert _codes(caught.value) == ["unknown_machine"]
    assert UtilisationReport.objects.count() == 1


def test_the_current_month_cannot_be_reported(place: Place) -> None:
    with pytest.raises(ValidationError) as caught:
        services.utilisation_report_file(
            actor=place.operator,
            centre=place.centre,
            figures=_figures(place, month=12),
            today=TODAY,
        )
    assert _codes(caught.value) == ["month_not_over"]


def test_hours_cannot_be_below_the_bookings_marked_used(place: Place) -> None:
    zone = timezone.get_current_timezone()
    start = dt.datetime(2026, 11, 2, 10, tzinfo=zone)
    BookingFactory.create(
        equipment=place.machine,
        start=start,
        end=start + dt.timedelta(hours=3),
        status=BookingStatus.USED,
    )
    assert selectors.booking_hours_used(centre=place.centre, year=2026, month=11) == {
        place.machine.pk: Decimal("3.0")
    }
    with pytest.raises(ValidationError) as caught:
        services.utilisation_report_file(
            actor=place.operator, centre=place.centre, figures=_figures(place, "2"), today=TODAY
        )
    assert _codes(caught.value) == ["below_bookings"]


@pytest.mark.parametrize("role", [Role.DISTRICT_OFFICER, Role.CFC_OPERATOR, Role.PRODUCER])
def test_only_the_centres_operators_file(place: Place, role: str) -> None:
    user = UserFactory.create(role=role, district=place.centre.district)
    with pytest.raises(PermissionDenied):
        services.utilisation_report_file(
            actor=user, centre=place.centre, figures=_figures(place), today=TODAY
        )
    assert UtilisationReport.objects.exists() is False


def test_a_correction_keeps_history_and_says_why(place: Place) -> None:
    report = services.utilisation_report_file(
        actor=place.operator, centre=place.centre, figures=_figures(place), today=TODAY
    )
    services.utilisation_report_correct(
        actor=place.operator,
        report=report,
        figures=_figures(place, "120", income=Decimal("30000")),
        note="Two days of walk-in users were missed",
        today=TODAY,
    )
    report.refresh_from_db()
    assert report.income == Decimal("30000.00")
    assert list(report.history.order_by("history_date").values_list("income", flat=True)) == [
        Decimal("25000.00"),
        Decimal("30000.00"),
    ]
    assert UtilisationLine.objects.get(report=report).history.count() == 2
    event = UtilisationEvent.objects.get(report=report, kind="corrected")
    assert event.note == "Two days of walk-in users were missed"


def _csv(*rows: str) -> bytes:
    return ("month,machine,hours_used,users_served,income,expenses\n" + "\n".join(rows)).encode()


def test_an_upload_files_every_month(place: Place) -> None:
    name = place.machine.name
    raw = _csv(f"2026-10,{name},50,8,12000,9000", f"2026-11,{name},60,9,13000,9500")
    reports = services.utilisation_upload(
        actor=place.operator,
        centre=place.centre,
        table=table_from_csv_bytes(raw, name="u.csv"),
        today=TODAY,
    )
    assert [(r.month, r.users_served) for r in reports] == [(10, 8), (11, 9)]


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ("2026-11,{name},-5,8,12000,9000", "negative_hours"),
        ("2026-11,{name},721,8,12000,9000", "too_many_hours"),
        ("2026-11,Unknown press,5,8,12000,9000", "unknown_machine"),
        ("2026-11,{name},five,8,12000,9000", "not_a_number"),
        ("November,{name},5,8,12000,9000", "bad_month"),
        ("2026-09,{name},5,8,12000,9000", "already_reported"),
    ],
)
def test_a_bad_file_is_refused_whole(place: Place, row: str, code: str) -> None:
    # given a reported September, and a file whose first month is good
    services.utilisation_report_file(
        actor=place.operator, centre=place.centre, figures=_figures(place, month=9), today=TODAY
    )
    name = place.machine.name
    raw = _csv(f"2026-10,{name},50,8,12000,9000", row.format(name=name))
    # when it is uploaded
    with pytest.raises(ValidationError) as caught:
        services.utilisation_upload(
            actor=place.operator,
            centre=place.centre,
            table=table_from_csv_bytes(raw, name="u.csv"),
            today=TODAY,
        )
    # then it is refused with the code and nothing of it is written (October neither)
    assert code in _codes(caught.value)
    assert list(UtilisationReport.objects.values_list("month", flat=True)) == [9]


def test_overdue_reports_after_the_due_day(place: Place) -> None:
    place.centre.created_at = timezone.now() - dt.timedelta(days=400)
    place.centre.save()
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=place.centre.district)
    other = UserFactory.create(role=Role.DISTRICT_OFFICER, district=CentreFactory.create().district)
    assert list(selectors.centres_overdue(user=place.operator, today=TODAY)) == [place.centre]
    assert list(selectors.centres_overdue(user=officer, today=TODAY)) == [place.centre]
    assert list(selectors.centres_overdue(user=other, today=TODAY)) == []
    assert list(selectors.centres_overdue(user=officer, today=TODAY.replace(day=10))) == []
    services.utilisation_report_file(
        actor=place.operator, centre=place.centre, figures=_figures(place), today=TODAY
    )
    assert list(selectors.centres_overdue(user=officer, today=TODAY)) == []


def test_an_xlsx_upload_is_read_like_a_csv(place: Place) -> None:
    # given a workbook with one month and an hours cell typed as a number
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["month", "machine", "hours_used", "users_served", "income", "expenses"])
    sheet.append(["2026-11", place.machine.name, 42.5, 6, 9000, 7000])
    buffer = io.BytesIO()
    book.save(buffer)
    # when it is uploaded
    [report] = services.utilisation_upload(
        actor=place.operator,
        centre=place.centre,
        table=table_from_xlsx_bytes(buffer.getvalue(), name="u.xlsx"),
        today=TODAY,
    )
    # then the month is filed with its figures
    assert (report.users_served, report.income) == (6, Decimal("9000"))
    assert UtilisationLine.objects.get(report=report).hours_used == Decimal("42.5")
