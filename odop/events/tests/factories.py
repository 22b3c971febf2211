"""factory_boy factories and small builders of events. Call `.create()` explicitly."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.events.models import Event, EventKind, EventSlot
from odop.geography.models import District
from odop.producers.models import Producer, ProducerStatus
from odop.producers.tests.factories import ProducerFactory


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Buyer-seller meet {n}")
    kind = EventKind.BUYER_SELLER_MEET
    organiser_name = "DPIIT"
    created_by = factory.SubFactory(UserFactory, role=Role.NATIONAL_ADMIN)
    venue = "Convention centre"
    country = "IN"
    city = "Guwahati"
    starts_on = datetime.date(2027, 1, 15)
    ends_on = datetime.date(2027, 1, 16)
    tables = 2


def event_with_slots(count: int = 3, **fields: object) -> Event:
    """An event with slots s01..sNN, half an hour apart."""
    event = EventFactory.create(**fields)
    start = timezone.make_aware(datetime.datetime(2027, 1, 15, 10, 0))
    for position in range(1, count + 1):
        EventSlot.objects.create(
            event=event,
            label=f"s{position:02d}",
            starts_at=start + datetime.timedelta(minutes=30 * (position - 1)),
            position=position,
        )
    return event


def verified_producer(district: District | None = None) -> tuple[User, Producer]:
    """A producer account with its verified producer record (verified by the district officer)."""
    producer = ProducerFactory.create(**({"district": district} if district else {}))
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=producer.district)
    user = UserFactory.create(role=Role.PRODUCER)
    producer.user = user
    producer.status = ProducerStatus.VERIFIED
    producer.verified_by = officer
    producer.save()
    return user, producer
