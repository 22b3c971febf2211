"""Admin registration, read-only: scheme rules change only through the services (versions
checked when saved and published on passing golden cases; parameter values by maker-checker),
so the admin is for looking, never for a write that would skip them."""

from django.contrib import admin

from odop.core.admin import ReadOnlyAdmin
from odop.schemes.models import (
    Parameter,
    ParameterValue,
    ParameterValueEvent,
    Scheme,
    SchemeVersion,
    SchemeVersionEvent,
)

for model in (
    Scheme,
    SchemeVersion,
    SchemeVersionEvent,
    Parameter,
    ParameterValue,
    ParameterValueEvent,
):
    admin.site.register(model, ReadOnlyAdmin)
