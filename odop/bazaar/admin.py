"""Admin registration (national admins only): every model with its history where it has one.

Trade records (orders, their events, contact reveals) are read-only here: they change only
through the services, which keep stock and events in step."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from odop.bazaar.models import Inquiry, Listing, Order, OrderEvent, Quote
from odop.core.admin import ReadOnlyAdmin


@admin.register(Listing)
class ListingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "producer", "status", "stock", "price"]
    list_filter = ["status", "sector"]
    search_fields = ["title"]
    raw_id_fields = ["producer", "product"]


for model in (Inquiry, Quote, Order, OrderEvent):
    admin.site.register(model, ReadOnlyAdmin)
