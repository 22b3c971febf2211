"""Loaders for the standard trade data formats (issue 4): pure functions from a file path or
its bytes to frozen dataclasses and numpy arrays, with no ORM. A malformed file raises a
`ValidationError` with a `code` (missing_file, empty_file, bad_format, missing_columns,
not_a_number, duplicate_rows, unknown_code) and returns nothing.
"""

from odop.markets.loaders.baci import (
    BaciTable,
    baci_country_codes_load,
    baci_load,
    baci_product_codes_load,
)
from odop.markets.loaders.concordance import HsConcordance, concordance_load
from odop.markets.loaders.elasticities import (
    BgwSigmas,
    BwSigmas,
    bgw_sigmas_load,
    bw_sigmas_load,
)
from odop.markets.loaders.gravity import CepiiDistances, CountryPairDistance, cepii_distances_load
from odop.markets.loaders.india import (
    IndiaTrade,
    IndiaTradeRow,
    india_partner_codes_load,
    india_trade_load,
)
from odop.markets.loaders.macro import IndicatorSeries, wdi_load
from odop.markets.loaders.product_space import (
    BackboneEdge,
    BackboneNode,
    ProductSpaceBackbone,
    backbone_load,
)

__all__ = [
    "BaciTable",
    "BackboneEdge",
    "BackboneNode",
    "BgwSigmas",
    "BwSigmas",
    "CepiiDistances",
    "CountryPairDistance",
    "HsConcordance",
    "IndiaTrade",
    "IndiaTradeRow",
    "IndicatorSeries",
    "ProductSpaceBackbone",
    "baci_country_codes_load",
    "baci_load",
    "baci_product_codes_load",
    "backbone_load",
    "bgw_sigmas_load",
    "bw_sigmas_load",
    "cepii_distances_load",
    "concordance_load",
    "india_partner_codes_load",
    "india_trade_load",
    "wdi_load",
]
