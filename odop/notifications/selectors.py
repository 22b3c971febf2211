"""Reads of notifications: a person's consents (history included) and messages."""

from django.db.models import QuerySet

from odop.accounts.models import User
from odop.notifications.models import Consent, NotificationLog
from odop.notifications.permissions import consents_visible_to, notification_logs_visible_to


def consent_list(*, user: User) -> QuerySet[Consent]:
    """`user`'s consents, in force first, then the withdrawn ones, newest first."""
    return consents_visible_to(user).order_by("withdrawn_at", "-given_at", "-pk")


def notification_log_list(*, user: User, limit: int = 50) -> QuerySet[NotificationLog]:
    """The latest messages `user` may see (their own; all for national admins)."""
    return notification_logs_visible_to(user).order_by("-created_at", "-pk")[:limit]
