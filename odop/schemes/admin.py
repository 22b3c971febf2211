"""Admin registration, read-only: scheme rules change only through the services (versions
checked when saved and published on passing golden cases; parameter values by maker-checker),
so the admin is for looking, never for a write that would skip them."""

from django.contrib import admin
from django.http import HttpRequest

from odop.schemes.models import (
    Parameter,
    ParameterValue,
    ParameterValueEvent,
    Scheme,
    SchemeVersion,
    SchemeVersionEvent,
)


class SchemeReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


for model in (
    Scheme,
    SchemeVersion,
    SchemeVersionEvent,
    Parameter,
    ParameterValue,
    ParameterValueEvent,
):
    admin.site.register(model, SchemeReadOnlyAdmin)
