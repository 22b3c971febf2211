"""Centres and machines are registered by national admins in the Django admin; bookings and
reports are read-only there (they change through their services)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from odop.core.admin import ReadOnlyAdmin
from odop.facilities.models import (
    Booking,
    Centre,
    Equipment,
    OpeningHours,
    UtilisationReport,
)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class EquipmentInline(admin.TabularInline):
    model = Equipment
    extra = 0


@admin.register(Centre)
class CentreAdmin(SimpleHistoryAdmin):
    list_display = ["name", "district", "category"]
    list_filter = ["category"]
    search_fields = ["name"]
    autocomplete_fields = ["district"]
    filter_horizontal = ["operators", "products"]
    inlines = [OpeningHoursInline, EquipmentInline]


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdmin):
    list_display = ["equipment", "producer", "start", "end", "status"]
    list_filter = ["status"]


@admin.register(UtilisationReport)
class UtilisationReportAdmin(ReadOnlyAdmin):
    list_display = ["centre", "year", "month", "capacity_used"]
