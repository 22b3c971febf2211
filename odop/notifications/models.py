"""Notifications people agreed to: consent per person and channel, and a log of every send.

A `Consent` row records that a person agreed to messages on one channel at one address, when,
and how (the source: a sign-up form, or an officer with the reference of a paper form).
Withdrawing sets `withdrawn_at`; agreeing again is a new row, so the rows are the history.
Every call to `odop.notifications.services.notify` writes one `NotificationLog` per channel,
including the channels skipped for want of consent.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from odop.core import bounds

ADDRESS_MAX = 254
SOURCE_MAX = 200
EVENT_MAX = 64
SUBJECT_MAX = 200
ATTEMPTS_MAX = 100


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED_NO_CONSENT = "skipped_no_consent", _("Not sent: no consent")
    SKIPPED_NO_TEMPLATE = "skipped_no_template", _("Not sent: no template")


class Consent(models.Model):
    """A person's agreement to receive messages on one channel at one address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_consents"
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel)
    address = models.CharField(
        _("address"),
        max_length=ADDRESS_MAX,
        help_text=_("The email address or mobile number the person agreed to be reached at."),
    )
    source = models.CharField(
        _("source"),
        max_length=SOURCE_MAX,
        help_text=_(
            "How the consent was given, e.g. the sign-up form or a paper form's reference."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The officer who recorded it on the person's behalf, if any."),
    )
    given_at = models.DateTimeField(_("given at"), db_index=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_source = models.CharField(_("withdrawn how"), max_length=SOURCE_MAX, blank=True)

    class Meta:
        ordering = ["user", "channel", "-given_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "channel"],
                condition=Q(withdrawn_at__isnull=True),
                name="notifications_one_active_consent_per_channel",
                violation_error_message=_("This person already agreed to this channel."),
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="notifications_consent_withdrawn_after_given",
            ),
            models.CheckConstraint(
                condition=~Q(address=""), name="notifications_consent_has_address"
            ),
            models.CheckConstraint(
                condition=~Q(source=""), name="notifications_consent_has_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.channel} {self.address}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class NotificationLog(models.Model):
    """One message on one channel for one person: what, to where, and what became of it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_logs"
    )
    event = models.CharField(_("event"), max_length=EVENT_MAX, db_index=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel)
    language = models.CharField(_("language"), max_length=8)
    address = models.CharField(_("address"), max_length=ADDRESS_MAX, blank=True)
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX, blank=True)
    body = models.TextField(
        _("body"), blank=True, validators=bounds.text_validators(bounds.MESSAGE_MAX)
    )
    outcome = models.CharField(
        _("outcome"), max_length=24, choices=Outcome, default=Outcome.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(
        _("attempts"), default=0, validators=bounds.range_validators(0, ATTEMPTS_MAX)
    )
    error = models.TextField(
        _("error"), blank=True, validators=bounds.text_validators(bounds.NOTE_MAX)
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            bounds.range_constraint(
                "attempts", 0, ATTEMPTS_MAX, name="notifications_log_attempts_range"
            ),
            bounds.text_constraint(
                "body", bounds.MESSAGE_MAX, name="notifications_log_body_length"
            ),
            bounds.text_constraint("error", bounds.NOTE_MAX, name="notifications_log_error_length"),
            models.CheckConstraint(
                condition=~Q(outcome="sent") | Q(sent_at__isnull=False),
                name="notifications_log_sent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.user_id} ({self.channel}: {self.outcome})"
