import factory

from odop.geography.tests.factories import DistrictFactory
from odop.registry.models import Category, DistrictProduct, ProductType, Sector


class ProductTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductType
        django_get_or_create = ("key",)

    name = factory.Sequence(lambda n: f"Product {n}")
    key = factory.LazyAttribute(lambda product_type: product_type.name.lower())
    slug = factory.LazyAttribute(lambda product_type: product_type.name.lower().replace(" ", "-"))


class DistrictProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DistrictProduct

    district = factory.SubFactory(DistrictFactory)
    product_type = factory.SubFactory(ProductTypeFactory)
    name = factory.LazyAttribute(lambda product: product.product_type.name)
    description = "A product of the district."
    category = Category.PRIMARY
    sector = Sector.AGRICULTURE
