"""The catalogue's tests use the apps' own factories (one definition per model)."""

from odop.geography.tests.factories import DistrictAliasFactory, DistrictFactory, StateFactory
from odop.registry.tests.factories import (
    DistrictProductFactory,
    GIEntryFactory,
    MinistryFactory,
    ProductTypeFactory,
)

__all__ = [
    "DistrictAliasFactory",
    "DistrictFactory",
    "DistrictProductFactory",
    "GIEntryFactory",
    "MinistryFactory",
    "ProductTypeFactory",
    "StateFactory",
]
