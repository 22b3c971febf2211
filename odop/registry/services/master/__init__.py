"""Import of the national ODOP list: placing every row (`placement`), the GI matcher's inputs
(`gi_inputs`) and the import itself (`importer`)."""

from odop.registry.services.master.gi_inputs import (
    GIMatcherInputs,
    gi_glossary_synonyms,
    gi_matcher_inputs,
    gi_registrations,
)
from odop.registry.services.master.importer import odop_master_import
from odop.registry.services.master.placement import MASTER_COLUMNS, odop_rows_place

__all__ = [
    "MASTER_COLUMNS",
    "GIMatcherInputs",
    "gi_glossary_synonyms",
    "gi_matcher_inputs",
    "gi_registrations",
    "odop_master_import",
    "odop_rows_place",
]
