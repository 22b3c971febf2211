"""Admin registration (national admins only): every model with its history where it has one.

Trade records (orders, their events, contact reveals) are read-only here: they change only
through the services, which keep stock and events in step."""

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from odop.bazaar.models import Inquiry, Listing, Order, OrderEvent, Quote


@admin.register(Listing)
class ListingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "producer", "status", "stock", "price"]
    list_filter = ["status", "sector"]
    search_fields = ["title"]
    raw_id_fields = ["producer", "product"]


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


for model in (Inquiry, Quote, Order, OrderEvent):
    admin.site.register(model, ReadOnlyAdmin)
