"""Fixtures of the facilities tests: a centre with a machine and its operator, a verified
producer, and the next Monday at 10:00 in the site's time zone (always in the future)."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from odop.accounts.models import User
from odop.facilities.models import Centre, Equipment
from odop.facilities.tests.factories import (
    CentreFactory,
    EquipmentFactory,
    OperatorFactory,
    verified_producer_user,
)


@dataclass
class Place:
    centre: Centre
    machine: Equipment
    operator: User
    producer: User


@pytest.fixture
def place() -> Place:
    centre = CentreFactory.create()
    operator = OperatorFactory.create()
    centre.operators.add(operator)
    machine = EquipmentFactory.create(centre=centre)
    producer = verified_producer_user(district=centre.district)
    assert isinstance(producer, User)
    return Place(centre=centre, machine=machine, operator=operator, producer=producer)


def next_monday(hour: int = 10, minute: int = 0) -> dt.datetime:
    """The Monday after next at `hour`:`minute`, site time (at least a week ahead)."""
    today = timezone.localdate()
    monday = today + dt.timedelta(days=7 - today.weekday() + 7)
    return dt.datetime.combine(
        monday, dt.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


@pytest.fixture
def monday() -> dt.datetime:
    return next_monday()
