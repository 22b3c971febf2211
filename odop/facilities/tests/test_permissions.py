"""The gates as a role matrix: who sees a booking and a utilisation report (issue 15)."""

import datetime as dt

import pytest

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.facilities import permissions
from odop.facilities.models import UtilisationReport
from odop.facilities.tests.conftest import Place
from odop.facilities.tests.factories import BookingFactory
from odop.geography.tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db


def _user(case: str, place: Place) -> User | None:
    district = place.centre.district
    other = DistrictFactory.create()
    return {
        "own_producer_case": place.producer,
        "operator_case": place.operator,
        "other_operator_case": UserFactory.create(role=Role.CFC_OPERATOR),
        "district_officer_case": UserFactory.create(role=Role.DISTRICT_OFFICER, district=district),
        "other_district_officer_case": UserFactory.create(
            role=Role.DISTRICT_OFFICER, district=other
        ),
        "state_officer_case": UserFactory.create(role=Role.STATE_OFFICER, state=district.state),
        "national_admin_case": UserFactory.create(role=Role.NATIONAL_ADMIN),
        "buyer_case": UserFactory.create(role=Role.BUYER),
        "trainer_case": UserFactory.create(role=Role.TRAINER, district=district),
    }[case]


@pytest.mark.parametrize(
    ("case", "sees_booking", "sees_report", "reports"),
    [
        ("own_producer_case", True, False, False),
        ("operator_case", True, True, True),
        ("other_operator_case", False, False, False),
        ("district_officer_case", True, True, False),
        ("other_district_officer_case", False, False, False),
        ("state_officer_case", True, True, False),
        ("national_admin_case", True, True, False),
        ("buyer_case", False, False, False),
        ("trainer_case", False, False, False),
    ],
)
def test_role_matrix(
    place: Place, case: str, sees_booking: bool, sees_report: bool, reports: bool
) -> None:
    # given a booking by the place's producer and a report of the centre
    producer = place.producer.producer  # type: ignore[attr-defined]
    start = dt.datetime(2030, 1, 7, 10, tzinfo=dt.UTC)
    booking = BookingFactory.create(
        equipment=place.machine, producer=producer, start=start, end=start + dt.timedelta(hours=1)
    )
    report = UtilisationReport.objects.create(
        centre=place.centre,
        year=2026,
        month=11,
        users_served=1,
        income=0,
        expenses=0,
        capacity_used=0,
        reported_by=place.operator,
    )
    user = _user(case, place)
    assert user is not None
    # then each role sees what its scope holds, and only that
    assert permissions.bookings_visible_to(user).filter(pk=booking.pk).exists() is sees_booking
    assert (
        permissions.utilisation_reports_visible_to(user).filter(pk=report.pk).exists()
        is sees_report
    )
    assert permissions.can_view_utilisation(user, place.centre) is sees_report
    assert permissions.can_report_utilisation(user, place.centre) is reports
    assert permissions.can_book(user) is (case == "own_producer_case")
