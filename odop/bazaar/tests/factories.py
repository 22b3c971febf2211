"""factory_boy factories of the bazaar. Call `.create()` / `.build()` explicitly."""

from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.models import Listing, ListingStatus
from odop.bazaar.services import listing_search_document
from odop.producers.models import ProducerStatus
from odop.producers.tests.factories import ProducerFactory as ProducerFactory
from odop.registry.tests.factories import DistrictProductFactory


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
