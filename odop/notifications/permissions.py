"""Who sees consents and notification logs. Every view goes through these.

A person sees and withdraws their own consents and sees the messages sent to them; national
admins see every log (to answer "did the message go out?"). Nobody else does.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from odop.accounts.models import User, signed_in_user
from odop.notifications.models import Consent, NotificationLog


def consents_visible_to(user: User | AnonymousUser) -> QuerySet[Consent]:
    """The person's own consents, withdrawn ones included (the history)."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return Consent.objects.none()
    return Consent.objects.filter(user=signed_in)


def access_consent(user: User | AnonymousUser, consent_id: int) -> Consent:
    """The consent if it is `user`'s own, else 404 (the same as for no such consent)."""
    try:
        return consents_visible_to(user).get(pk=consent_id)
    except Consent.DoesNotExist as error:
        raise Http404 from error


def can_withdraw_consent(user: User | AnonymousUser, consent: Consent) -> bool:
    """Only the person themself withdraws, and only a consent still in force."""
    signed_in = signed_in_user(user)
    return bool(signed_in and consent.user_id == signed_in.pk and consent.is_active)


def notification_logs_visible_to(user: User | AnonymousUser) -> QuerySet[NotificationLog]:
    """One's own messages; every message for national admins."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return NotificationLog.objects.none()
    if signed_in.is_national_admin:
        return NotificationLog.objects.all()
    return NotificationLog.objects.filter(user=signed_in)
