"""Django admin for national admins: the place registry, with history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from odop.geography.models import District, DistrictAlias, State


@admin.register(State)
class StateAdmin(SimpleHistoryAdmin):
    list_display = ("name", "lgd_code", "kind", "census_2011_code")
    search_fields = ("name", "name_lgd", "lgd_code")


class DistrictAliasInline(admin.TabularInline):
    model = DistrictAlias
    extra = 0
    fields = ("name", "source")
    readonly_fields = ("source",)


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ("name", "lgd_code", "state", "is_provisional", "census_2011_code")
    list_filter = ("is_provisional", "state")
    search_fields = ("name", "name_lgd", "lgd_code", "aliases__name")
    inlines = [DistrictAliasInline]


@admin.register(DistrictAlias)
class DistrictAliasAdmin(SimpleHistoryAdmin):
    list_display = ("name", "district", "source")
    list_filter = ("source",)
    search_fields = ("name", "district__name")
    autocomplete_fields = ("district",)
