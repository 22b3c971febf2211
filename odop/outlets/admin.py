"""Admin registration (national admins only). Stock and its ledger are read-only here: they
change only through the services, which move units between listings and outlets."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from odop.core.admin import ReadOnlyAdmin
from odop.outlets.models import GiftCollection, GiftItem, Outlet, OutletStock, Stall, StockMove


@admin.register(Outlet)
class OutletAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "city", "state", "country", "is_active"]
    list_filter = ["kind", "is_active"]


admin.site.register(GiftCollection, SimpleHistoryAdmin)
admin.site.register(GiftItem)
admin.site.register(Stall)
for model in (OutletStock, StockMove):
    admin.site.register(model, ReadOnlyAdmin)
