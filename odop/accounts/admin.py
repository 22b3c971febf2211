from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from odop.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users with their role and scope."""

    list_display = ("username", "role", "state", "district", "is_active", "is_staff")
    list_filter = ("role", "is_active", "is_staff")
    autocomplete_fields = ("state", "district")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Role and scope"), {"fields": ("role", "state", "district", "preferred_language")}),
        # Self-registered buyers (issue 12): whom they buy for, and when they proved their email.
        (_("Sign-up"), {"fields": ("organisation", "country", "email_verified_at")}),
    )
    readonly_fields = ("email_verified_at",)
