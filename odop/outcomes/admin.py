"""Admin registration, read-only: returns change only through uploads (reported, with
history) and policies through their services (permission-checked, with history)."""

from django.contrib import admin

from odop.core.admin import ReadOnlyAdmin
from odop.outcomes.models import OutcomeReturn, OutcomeUpload, Policy, PolicyProduct

for model in (OutcomeUpload, OutcomeReturn, Policy, PolicyProduct):
    admin.site.register(model, ReadOnlyAdmin)
