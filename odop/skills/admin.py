"""Admin registration, read-only: training changes only through the services (seats under a
row lock, eligibility, certificates by their rules), so the admin is for looking, never for a
write that would skip them."""

from django.contrib import admin

from odop.core.admin import ReadOnlyAdmin
from odop.skills.models import Application, Attendance, Batch, Certificate, Programme, ToolkitIssue

for model in (Programme, Batch, Application, Attendance, ToolkitIssue, Certificate):
    admin.site.register(model, ReadOnlyAdmin)
