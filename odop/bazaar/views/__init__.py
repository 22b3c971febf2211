"""Pages of the ODOP Bazaar (issue #5), mounted at /bazaar/.

Public: the storefront (full-text search with facets), a listing's story page, a producer's
profile and "Made in <district>". Signed in: the seller's dashboard and listing editor, the
buyer's dashboard, one order's page, and the officers' page (verification, assisted
onboarding, the payment ageing list). Objects come only through the gates in
`bazaar.permissions` (404 when invisible); every write is one service call, whose
`ValidationError` is shown on the form (nothing written) and whose `PermissionDenied` answers
403. POSTs carry `action`, naming the form they submit.
"""

from odop.bazaar.views.buy import buy_view, order_view
from odop.bazaar.views.officer import officer_view
from odop.bazaar.views.sell import listing_edit_view, listing_new_view, sell_view
from odop.bazaar.views.shop import district_view, listing_view, producer_view, storefront_view

__all__ = [
    "buy_view",
    "district_view",
    "listing_edit_view",
    "listing_new_view",
    "listing_view",
    "officer_view",
    "order_view",
    "producer_view",
    "sell_view",
    "storefront_view",
]
