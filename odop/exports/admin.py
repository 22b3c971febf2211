"""Admin registration: every model with its history (SimpleHistoryAdmin)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from odop.exports.models import (
    Bottleneck,
    CommitteeMeeting,
    CommitteeMember,
    ExporterCandidate,
    ExportPlan,
    ExportTarget,
    TargetProgress,
)


@admin.register(ExportPlan)
class ExportPlanAdmin(SimpleHistoryAdmin):
    list_display = ["district", "start_year", "end_year", "status"]
    list_filter = ["status"]
    raw_id_fields = ["district", "created_by"]


@admin.register(ExporterCandidate)
class ExporterCandidateAdmin(SimpleHistoryAdmin):
    list_display = ["producer_name", "district", "product", "stage"]
    list_filter = ["stage"]
    raw_id_fields = ["district", "user", "created_by"]


for model in (ExportTarget, TargetProgress, Bottleneck, CommitteeMember, CommitteeMeeting):
    admin.site.register(model, SimpleHistoryAdmin)
