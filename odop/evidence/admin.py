"""Django admin for national admins: uploads and statistics, with their history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from odop.evidence.models import DistrictStatistic, StatisticsUpload


@admin.register(StatisticsUpload)
class StatisticsUploadAdmin(SimpleHistoryAdmin):
    list_display = (
        "file_name",
        "uploaded_by",
        "scope_state",
        "created_at",
        "rows_read",
        "rows_created",
        "rows_updated",
        "findings",
    )
    list_filter = ("scope_state",)
    search_fields = ("file_name", "uploaded_by__username")
    raw_id_fields = ("uploaded_by",)


@admin.register(DistrictStatistic)
class DistrictStatisticAdmin(SimpleHistoryAdmin):
    list_display = (
        "subject_name",
        "district",
        "year",
        "production",
        "production_unit",
        "workers",
        "units",
    )
    list_filter = ("year", "sector", "district__state")
    search_fields = ("subject_name", "subject_source", "district__name")
    raw_id_fields = ("district", "product_type", "upload")
