"""Admin registration (national admins only): producers and certificates with their history;
contact reveals and merge events are read-only records."""

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from odop.producers.models import Certification, ContactReveal, Producer


@admin.register(Producer)
class ProducerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "district", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["name"]
    raw_id_fields = ["district", "user", "verified_by", "onboarded_by"]


admin.site.register(Certification, SimpleHistoryAdmin)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


admin.site.register(ContactReveal, ReadOnlyAdmin)
