"""factory_boy factories of the bazaar. Call `.create()` / `.build()` explicitly."""

from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.models import Listing, ListingStatus, Producer, ProducerKind, ProducerStatus
from odop.bazaar.services import listing_search_document
from odop.geography.tests.factories import DistrictFactory
from odop.registry.tests.factories import DistrictProductFactory


class ProducerFactory(DjangoModelFactory):
    class Meta:
        model = Producer

    name = factory.Sequence(lambda n: f"Producer {n}")
    kind = ProducerKind.ARTISAN
    district = factory.SubFactory(DistrictFactory)
    pin_code = "800001"
    phone = "+91 98765 43210"
    email = factory.Sequence(lambda n: f"producer{n}@example.org")
    address = "Ward 4, Main Road"
    status = ProducerStatus.PENDING


class ListingFactory(DjangoModelFactory):
    """A published listing of a verified producer, its facets copied from the product as
    `listing_create` would."""

    class Meta:
        model = Listing

    producer = factory.SubFactory(
        ProducerFactory,
        status=ProducerStatus.VERIFIED,
        verified_by=factory.SubFactory(UserFactory, role=Role.NATIONAL_ADMIN),
    )
    product = factory.SubFactory(
        DistrictProductFactory, district=factory.SelfAttribute("..producer.district")
    )
    title = factory.Sequence(lambda n: f"Listing {n}")
    story = ""
    price = Decimal("250.00")
    stock = 100
    status = ListingStatus.PUBLISHED
    district = factory.SelfAttribute("product.district")
    state = factory.SelfAttribute("product.district.state")
    sector = factory.SelfAttribute("product.sector")
    is_gi = factory.SelfAttribute("product.is_gi")
    search_document = factory.LazyAttribute(lambda listing: listing_search_document(listing))
    published_at = factory.LazyFunction(timezone.now)
