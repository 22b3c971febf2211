from django.contrib import admin

from odop.notifications.models import Consent, NotificationLog


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "channel", "address", "source", "given_at", "withdrawn_at"]
    list_filter = ["channel"]
    readonly_fields = ["given_at", "withdrawn_at"]


@admin.register(NotificationLog)
class NotificationLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "event", "channel", "outcome", "attempts"]
    list_filter = ["channel", "outcome", "event"]
