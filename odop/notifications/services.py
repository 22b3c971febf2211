"""Writes of notifications: consents given and withdrawn, and messages queued and delivered.

The public interface for every domain is `notify(user=..., event=..., context=...)`: it renders
the event's message in the person's preferred language, writes one `NotificationLog` per
channel, marks the channels the person has not agreed to as skipped, and enqueues a background
job (after commit, with retries) for each of the others. A domain declares its events with
`odop.notifications.events.notification_event_register`.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import EmailValidator, RegexValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.core.background import task_enqueue_on_commit
from odop.core.models import row_create
from odop.notifications import events, gateways
from odop.notifications.models import Channel, Consent, NotificationLog, Outcome
from odop.notifications.permissions import can_withdraw_consent

# An Indian mobile number in E.164 (+91 and ten digits starting 6-9), as gateways expect it.
MOBILE_VALIDATOR = RegexValidator(
    r"^\+91[6-9]\d{9}$",
    _("Enter a mobile number as +91 followed by ten digits."),
    code="invalid_mobile",
)


def consent_address_clean(*, channel: str, address: str) -> str:
    """The address normalised for its channel; ValidationError on `address` when it is not an
    email (email) or an Indian mobile number (SMS, WhatsApp)."""
    address = address.strip()
    if channel == Channel.EMAIL:
        EmailValidator()(address)
        return address.lower()
    digits = "".join(ch for ch in address if ch.isdigit() or ch == "+")
    if len(digits) == 10 and not digits.startswith("+"):
        digits = "+91" + digits
    try:
        MOBILE_VALIDATOR(digits)
    except ValidationError as error:
        raise ValidationError({"address": error.messages}, code="invalid_mobile") from error
    return digits


@transaction.atomic
def consent_give(
    *,
    user: User,
    channel: str,
    address: str,
    source: str,
    recorded_by: User | None = None,
) -> Consent:
    """Record that `user` agrees to messages on `channel` at `address`, and how (`source`: the
    form, or for an officer recording it, the paper consent's reference). A consent already in
    force on the channel is withdrawn first (the new address replaces it); both rows remain."""
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Unknown channel.")}, code="invalid_channel")
    clean = consent_address_clean(channel=channel, address=address)
    if not source.strip():
        raise ValidationError({"source": _("Say how the consent was given.")}, code="required")
    now = timezone.now()
    current = (
        Consent.objects.select_for_update()
        .filter(user=user, channel=channel, withdrawn_at__isnull=True)
        .first()
    )
    if current is not None:
        current.withdrawn_at = now
        current.withdrawn_source = _("Replaced by a new consent.")
        current.save(update_fields=["withdrawn_at", "withdrawn_source"])
    return row_create(
        Consent,
        user=user,
        channel=channel,
        address=clean,
        source=source.strip(),
        recorded_by=recorded_by,
        given_at=now,
    )


@transaction.atomic
def consent_withdraw(*, user: User, consent: Consent, source: str = "") -> Consent:
    """`user` withdraws their own consent; nothing is sent on that channel from now on (a
    message already queued is checked again before it goes)."""
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if not can_withdraw_consent(user, locked):
        raise ValidationError(_("This consent cannot be withdrawn."), code="not_withdrawable")
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_source = source or _("Withdrawn by the person on the consents page.")
    locked.save(update_fields=["withdrawn_at", "withdrawn_source"])
    return locked


def consent_active(*, user: User, channel: str) -> Consent | None:
    """The consent in force for `user` on `channel`, or None."""
    return Consent.objects.filter(user=user, channel=channel, withdrawn_at__isnull=True).first()


@transaction.atomic
def notify(
    *,
    user: User,
    event: str,
    context: Mapping[str, Any],
    channels: Iterable[str] | None = None,
) -> list[NotificationLog]:
    """Tell `user` about `event` on `channels` (every channel when None) they agreed to.

    Returns one log per channel: `pending` (a job will send it after commit, retrying on
    failure), or `skipped_no_consent`. Raises EventKindError for an event no domain declared
    (a programming error, not a user's). `context` must hold only what the message shows.
    """
    kind = events.event_kind(event)
    message = events.message_render(kind=kind, language=user.preferred_language, context=context)
    logs = []
    for channel in channels if channels is not None else Channel.values:
        consent = consent_active(user=user, channel=channel)
        log = row_create(
            NotificationLog,
            user=user,
            event=event,
            channel=channel,
            language=message.language,
            address=consent.address if consent else "",
            subject=message.subject[:200],
            body=message.body,
            outcome=Outcome.PENDING if consent else Outcome.SKIPPED_NO_CONSENT,
        )
        if consent is not None:
            from odop.notifications.tasks import notification_send_run

            task_enqueue_on_commit(notification_send_run, log_id=log.pk)
        logs.append(log)
    return logs


def _deliver(log: NotificationLog) -> None:
    if log.channel == Channel.EMAIL:
        send_mail(
            subject=log.subject,
            message=log.body,
            from_email=None,
            recipient_list=[log.address],
            fail_silently=False,
        )
        return
    gateways.gateway_from_settings().send(
        channel=log.channel, to=log.address, text=log.body, reference=f"odop-{log.pk}"
    )


def notification_deliver(*, log_id: int) -> NotificationLog:
    """Send one queued message (the background job's body). Idempotent: a message no longer
    pending is left alone. Consent is checked again: withdrawn since, it is skipped. A failed
    attempt is counted and its error kept, and the error re-raised so the job retries; after
    ODOP_TASK_RETRIES attempts the message is marked failed."""
    with transaction.atomic():
        log = NotificationLog.objects.select_for_update().get(pk=log_id)
        if log.outcome != Outcome.PENDING:
            return log
        consent = consent_active(user=log.user, channel=log.channel)
        if consent is None:
            log.outcome = Outcome.SKIPPED_NO_CONSENT
            log.save(update_fields=["outcome"])
            return log
        log.address = consent.address
        log.attempts += 1
        log.save(update_fields=["address", "attempts"])
    try:
        _deliver(log)
    except Exception as error:
        log.error = repr(error)[:2000]
        if log.attempts >= settings.ODOP_TASK_RETRIES:
            log.outcome = Outcome.FAILED
        log.save(update_fields=["error", "outcome"])
        raise
    log.outcome = Outcome.SENT
    log.sent_at = timezone.now()
    log.error = ""
    log.save(update_fields=["outcome", "sent_at", "error"])
    return log
