"""factory_boy factories of district statistics. Call `.create()` / `.build()` explicitly."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.evidence.models import DistrictStatistic, StatisticsUpload
from odop.geography.tests.factories import DistrictFactory
from odop.registry.tests.factories import ProductTypeFactory


class StatisticsUploadFactory(DjangoModelFactory):
    class Meta:
        model = StatisticsUpload

    file_name = factory.Sequence(lambda n: f"statistics-{n}.csv")
    checksum = factory.Sequence(lambda n: f"{n:064x}")
    uploaded_by = factory.SubFactory(UserFactory, role=Role.NATIONAL_ADMIN)
    reference_year = 2022


class DistrictStatisticFactory(DjangoModelFactory):
    """A product type's production (tonnes), workers and units in a district in 2022."""

    class Meta:
        model = DistrictStatistic

    district = factory.SubFactory(DistrictFactory)
    year = 2022
    product_type = factory.SubFactory(ProductTypeFactory)
    subject_key = factory.LazyAttribute(
        lambda statistic: statistic.product_type.key if statistic.product_type else "subject"
    )
    subject_name = factory.LazyAttribute(
        lambda statistic: statistic.product_type.name if statistic.product_type else "Subject"
    )
    subject_source = factory.LazyAttribute(lambda statistic: statistic.subject_name)
    production = Decimal(100)
    production_unit = "tonnes"
    workers = 10
    units = 2
    upload = factory.SubFactory(StatisticsUploadFactory)
