"""Django admin for national admins: the registry, with history on every model."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from odop.registry.models import (
    DataQualityFinding,
    DistrictProduct,
    GIEntry,
    HSCode,
    ImportRun,
    Ministry,
    ProductType,
)


@admin.register(DistrictProduct)
class DistrictProductAdmin(SimpleHistoryAdmin):
    list_display = ("name", "district", "sector", "category", "is_gi", "gi_entry")
    list_filter = ("sector", "category", "is_gi", "district__state")
    search_fields = ("name", "district__name", "product_type__name")
    autocomplete_fields = ("district", "product_type", "gi_entry", "ministry")


@admin.register(ProductType)
class ProductTypeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)


@admin.register(Ministry)
class MinistryAdmin(SimpleHistoryAdmin):
    search_fields = ("name",)


@admin.register(GIEntry)
class GIEntryAdmin(SimpleHistoryAdmin):
    list_display = ("serial", "name", "goods_class", "is_foreign")
    list_filter = ("goods_class", "is_foreign")
    search_fields = ("name",)


@admin.register(HSCode)
class HSCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "description", "level")
    search_fields = ("code", "description")


@admin.register(DataQualityFinding)
class DataQualityFindingAdmin(admin.ModelAdmin):
    list_display = ("source", "row", "problem", "resolution", "state", "district", "code")
    list_filter = ("source", "problem", "resolution")
    search_fields = ("state", "district", "code", "detail")


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ("source", "created_at", "rows_read", "created", "updated", "findings")
