"""Read side of the registry: `coverage` (figures for the catalogue, lists for officers,
data-quality findings) and `search` (the ranked search over every district product)."""

from odop.registry.selectors.coverage import (
    FINDING_FIELDS,
    Coverage,
    coverage_by_state,
    coverage_national,
    coverage_state,
    district_products_of_product_type,
    districts_of_state,
    finding_as_dict,
    findings_all,
    findings_list,
    findings_summary,
    products_by_sector,
    products_of_district,
    vocabulary_normalisations,
)
from odop.registry.selectors.search import (
    SEARCH_QUERY_MAX_LENGTH,
    district_product_ids_ranked,
    district_product_search,
    district_products_ranked,
    search_index_current,
)

__all__ = [
    "FINDING_FIELDS",
    "SEARCH_QUERY_MAX_LENGTH",
    "Coverage",
    "coverage_by_state",
    "coverage_national",
    "coverage_state",
    "district_product_ids_ranked",
    "district_product_search",
    "district_products_of_product_type",
    "district_products_ranked",
    "districts_of_state",
    "finding_as_dict",
    "findings_all",
    "findings_list",
    "findings_summary",
    "products_by_sector",
    "products_of_district",
    "search_index_current",
    "vocabulary_normalisations",
]
