"""Write-side use cases of the registry: the reference imports and officers' edits.

One module per import (`gi`, `hs`, `master`), the whole set in `reference`, officers' edits in
`edits`; everything public is re-exported here.
"""

from odop.registry.services.edits import district_product_update
from odop.registry.services.gi import gi_registry_import
from odop.registry.services.hs import hs_import
from odop.registry.services.master import odop_master_import, odop_rows_place
from odop.registry.services.reference import (
    REFERENCE_SOURCE,
    ReferenceFiles,
    findings_replace,
    reference_import,
    reference_import_is_current,
)
from odop.registry.services.types import (
    ProductTypeMergeReport,
    product_type_merge,
    product_type_merge_handler_register,
    product_types_canonicalise,
)

__all__ = [
    "REFERENCE_SOURCE",
    "ProductTypeMergeReport",
    "ReferenceFiles",
    "district_product_update",
    "findings_replace",
    "gi_registry_import",
    "hs_import",
    "odop_master_import",
    "odop_rows_place",
    "product_type_merge",
    "product_type_merge_handler_register",
    "product_types_canonicalise",
    "reference_import",
    "reference_import_is_current",
]
