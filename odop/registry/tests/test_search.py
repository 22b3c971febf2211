"""Product search also finds a district's products by any spelling of the district."""

import pytest
from django.contrib.auth.models import AnonymousUser

from odop.geography.tests.factories import DistrictAliasFactory, DistrictFactory
from odop.registry.selectors import district_product_search
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory

pytestmark = pytest.mark.django_db


def test_old_district_spelling_finds_its_products() -> None:
    baleshwar = DistrictFactory(name="Baleshwar")
    DistrictAliasFactory(district=baleshwar, name="Balasore")
    pattachitra = DistrictProductFactory(
        district=baleshwar, product_type=ProductTypeFactory(name="Pattachitra")
    )
    DistrictProductFactory(product_type=ProductTypeFactory(name="Litchi"))
    named = DistrictProductFactory(product_type=ProductTypeFactory(name="Balasore Rasagola"))
    found = list(district_product_search(user=AnonymousUser(), query="balasore"))
    assert found == [named, pattachitra]  # a name match ranks before a district match
