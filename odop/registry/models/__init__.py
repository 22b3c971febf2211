"""The national ODOP registry: product types, their district entries, GI registry, HS codes,
and what each import could not place (data-quality findings)."""

from odop.registry.models.imports import DataQualityFinding, ImportRun, Problem, Resolution
from odop.registry.models.products import (
    DistrictProduct,
    DistrictProductGILink,
    GIDecisionAction,
    GILinkDecision,
    GILinkDecisionMoreGI,
)
from odop.registry.models.reference import (
    Category,
    GIEntry,
    GoodsClass,
    HSCode,
    Ministry,
    ProductType,
    ProductTypeName,
    Sector,
)

__all__ = [
    "Category",
    "DataQualityFinding",
    "DistrictProduct",
    "DistrictProductGILink",
    "GIDecisionAction",
    "GIEntry",
    "GILinkDecision",
    "GILinkDecisionMoreGI",
    "GoodsClass",
    "HSCode",
    "ImportRun",
    "Ministry",
    "Problem",
    "ProductType",
    "ProductTypeName",
    "Resolution",
    "Sector",
]
