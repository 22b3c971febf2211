"""factory_boy factories of the producer registry. Call `.create()` / `.build()` explicitly."""

import factory
from factory.django import DjangoModelFactory

from odop.geography.tests.factories import DistrictFactory
from odop.producers.models import Producer, ProducerKind, ProducerStatus


class ProducerFactory(DjangoModelFactory):
    class Meta:
        model = Producer

    name = factory.Sequence(lambda n: f"Producer {n}")
    kind = ProducerKind.ARTISAN
    district = factory.SubFactory(DistrictFactory)
    pin_code = "800001"
    # Distinct phones: a shared one would make every registration a duplicate (issue 11).
    phone = factory.Sequence(lambda n: f"+91 9{n:09d}")
    email = factory.Sequence(lambda n: f"producer{n}@example.org")
    address = "Ward 4, Main Road"
    status = ProducerStatus.PENDING
