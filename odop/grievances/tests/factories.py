"""Factories for grievance tests: a district with its officers at every level, and the
shipped categories and due period."""

from dataclasses import dataclass

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.geography.models import District
from odop.geography.tests.factories import DistrictFactory
from odop.grievances.services import grievance_reference_load


@dataclass(frozen=True)
class Place:
    """A district with one officer per level, a producer account and a buyer."""

    district: District
    district_officer: User
    state_officer: User
    national_admin: User
    producer: User
    buyer: User


def place_with_officers(*, with_district_officer: bool = True) -> Place:
    """The shipped grievance data and a district with its officers (a district officer only
    when asked)."""
    grievance_reference_load()
    district = DistrictFactory.create()
    district_officer = (
        UserFactory.create(role=Role.DISTRICT_OFFICER, district=district)
        if with_district_officer
        else UserFactory.create(role=Role.DISTRICT_OFFICER, district=DistrictFactory.create())
    )
    return Place(
        district=district,
        district_officer=district_officer,
        state_officer=UserFactory.create(role=Role.STATE_OFFICER, state=district.state),
        national_admin=UserFactory.create(role=Role.NATIONAL_ADMIN),
        producer=UserFactory.create(role=Role.PRODUCER),
        buyer=UserFactory.create(role=Role.BUYER),
    )
