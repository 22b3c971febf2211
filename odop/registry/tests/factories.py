"""factory_boy factories of the registry. Call `.create()` / `.build()` explicitly."""

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from odop.geography.tests.factories import DistrictFactory
from odop.registry.models import (
    Category,
    DistrictProduct,
    GIEntry,
    GoodsClass,
    Ministry,
    ProductType,
    Sector,
)
from odop.registry.vocabularies import product_type_key


class MinistryFactory(DjangoModelFactory):
    class Meta:
        model = Ministry
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Ministry {n}")
    slug = factory.LazyAttribute(lambda ministry: slugify(ministry.name))


class ProductTypeFactory(DjangoModelFactory):
    class Meta:
        model = ProductType

    name = factory.Sequence(lambda n: f"Product type {n}")
    # The import's key: synonyms of the reviewed table share their type's key (issue 13).
    key = factory.LazyAttribute(lambda product_type: product_type_key(product_type.name))
    slug = factory.LazyAttribute(lambda product_type: slugify(product_type.name))


class GIEntryFactory(DjangoModelFactory):
    class Meta:
        model = GIEntry

    serial = factory.Sequence(lambda n: 1 + n)
    name = factory.Sequence(lambda n: f"GI {n}")
    goods_class = GoodsClass.HANDICRAFT
    goods_source = "Handicraft"


class DistrictProductFactory(DjangoModelFactory):
    class Meta:
        model = DistrictProduct

    district = factory.SubFactory(DistrictFactory)
    product_type = factory.SubFactory(ProductTypeFactory)
    name = factory.LazyAttribute(lambda product: product.product_type.name)
    description = ""
    category = Category.PRIMARY
    category_source = "Primary"
    sector = Sector.AGRICULTURE
    sector_source = "Agriculture"
    is_gi = False
    gi_status_source = factory.LazyAttribute(lambda product: "Yes" if product.is_gi else "No")
    district_source = factory.LazyAttribute(lambda product: product.district.name)
    state_source = factory.LazyAttribute(lambda product: product.district.state.name)
    lgd_code_source = factory.LazyAttribute(lambda product: str(product.district.lgd_code))
