"""Admin registration (national admins only): producers and certificates with their history;
contact reveals and merge events are read-only records."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from odop.core.admin import ReadOnlyAdmin
from odop.producers.models import Certification, ContactReveal, Producer


@admin.register(Producer)
class ProducerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "district", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["name"]
    raw_id_fields = ["district", "user", "verified_by", "onboarded_by"]


admin.site.register(Certification, SimpleHistoryAdmin)


admin.site.register(ContactReveal, ReadOnlyAdmin)
