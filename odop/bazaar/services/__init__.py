"""Write-side use cases of the bazaar. Each is atomic, checks permission first, validates with
the model's `full_clean()` (identifiers, checksums, constraints) and records who did what:
`simple_history` rows for producers, listings, photos and certifications, `ListingEvent`,
`QuoteEvent` and `OrderEvent` rows for status moves, `ContactReveal` rows for every contact
shown to a buyer.

Stock is the one contended value: `order_place` locks the listing row (`select_for_update`)
before it reads the stock, so two buyers racing for the last units are served one after the
other and the loser gets `insufficient_stock`; the database's `stock >= 0` constraint is the
last guard.
"""

# The package's parts (issue 12 split it past 400 lines); callers import from here.
from odop.bazaar.services.listings import LISTING_FIELDS as LISTING_FIELDS
from odop.bazaar.services.listings import listing_create as listing_create
from odop.bazaar.services.listings import listing_photo_add as listing_photo_add
from odop.bazaar.services.listings import listing_photo_delete as listing_photo_delete
from odop.bazaar.services.listings import listing_search_document as listing_search_document
from odop.bazaar.services.listings import listing_stock_set as listing_stock_set
from odop.bazaar.services.listings import listing_transition as listing_transition
from odop.bazaar.services.listings import listing_update as listing_update
from odop.bazaar.services.trade import inquiry_create as inquiry_create
from odop.bazaar.services.trade import order_payment_record as order_payment_record
from odop.bazaar.services.trade import order_place as order_place
from odop.bazaar.services.trade import order_transition as order_transition
from odop.bazaar.services.trade import quote_accept as quote_accept
from odop.bazaar.services.trade import quote_create as quote_create
from odop.bazaar.services.trade import quote_lapse as quote_lapse
from odop.bazaar.services.trade import stock_available as stock_available

# Producers' write-side lives in the producer registry; the bazaar's views, API and demo reach
# it through this module, so it is named here (explicit re-exports).
from odop.producers.services import PRODUCER_FIELDS as PRODUCER_FIELDS
from odop.producers.services import REMINDER_DAYS as REMINDER_DAYS
from odop.producers.services import Contact as Contact
from odop.producers.services import certification_add as certification_add
from odop.producers.services import certification_reminders_send as certification_reminders_send
from odop.producers.services import contact_reveal as contact_reveal
from odop.producers.services import producer_account_link as producer_account_link
from odop.producers.services import producer_register as producer_register
from odop.producers.services import producer_update as producer_update
from odop.producers.services import producer_verify as producer_verify
