"""factory_boy factories of the Common Facility Centres. Call `.create()` / `.build()`."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.facilities.models import (
    Booking,
    Centre,
    CentreCategory,
    Equipment,
    EquipmentStatus,
    OpeningHours,
)
from odop.geography.tests.factories import DistrictFactory
from odop.producers.models import ProducerStatus
from odop.producers.tests.factories import ProducerFactory

WEEKDAY_HOURS = (dt.time(9), dt.time(18))


class CentreFactory(DjangoModelFactory):
    class Meta:
        model = Centre
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Centre {n}")
    district = factory.SubFactory(DistrictFactory)
    category = CentreCategory.B
    sanctioned_cost = Decimal("15000000.00")
    address = "Industrial Estate, Plot 4"

    @factory.post_generation
    def weekdays(self, create: bool, extracted: object, **kwargs: object) -> None:
        """Open Monday to Friday, 09:00-18:00, unless `weekdays=False`."""
        if create and extracted is not False:
            for weekday in range(5):
                OpeningHours.objects.create(
                    centre=self, weekday=weekday, opens=WEEKDAY_HOURS[0], closes=WEEKDAY_HOURS[1]
                )


class EquipmentFactory(DjangoModelFactory):
    class Meta:
        model = Equipment

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Machine {n}")
    capacity = 50
    unit = "kg per hour"
    hourly_rate = Decimal("250.00")
    status = EquipmentStatus.WORKING


class OperatorFactory(UserFactory):
    role = Role.CFC_OPERATOR


def verified_producer_user(**kwargs: object) -> object:
    """A producer account with its verified producer record; returns the account."""
    user = UserFactory.create(role=Role.PRODUCER)
    officer = UserFactory.create(role=Role.NATIONAL_ADMIN)
    ProducerFactory.create(user=user, status=ProducerStatus.VERIFIED, verified_by=officer, **kwargs)
    return user


class BookingFactory(DjangoModelFactory):
    class Meta:
        model = Booking

    equipment = factory.SubFactory(EquipmentFactory)
    producer = factory.SubFactory(
        ProducerFactory,
        status=ProducerStatus.VERIFIED,
        verified_by=factory.SubFactory(UserFactory, role=Role.NATIONAL_ADMIN),
    )
    booked_by = factory.SubFactory(UserFactory, role=Role.PRODUCER)
    hourly_rate = Decimal("250.00")
    charge = Decimal("500.00")
