"""Notifications (issue 14): consent checked before every send, every send logged, retries,
templates in the person's language, the HTTP gateway through a fake transport."""

import json
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from odop.accounts.tests.factories import UserFactory
from odop.notifications import events, gateways, services
from odop.notifications.models import Channel, Consent, NotificationLog, Outcome
from odop.notifications.tests.factories import ConsentFactory

pytestmark = pytest.mark.django_db

EVENT = "tests.greeting"
events.notification_event_register(
    EVENT,
    subject_en="Hello {{ name }}",
    subject_hi="नमस्ते {{ name }}",
    body_en="Your number is {{ number }}.",
    body_hi="आपकी संख्या {{ number }} है।",
)


class FakeTransport:
    def __init__(self, statuses: list[int | Exception]) -> None:
        self.statuses = statuses
        self.calls: list[dict[str, Any]] = []

    def __call__(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
        self.calls.append({"url": url, "body": json.loads(body), "headers": headers})
        status = self.statuses.pop(0)
        if isinstance(status, Exception):
            raise status
        return status


@pytest.fixture
def send(django_capture_on_commit_callbacks: Any) -> Any:
    """`notify`, then the jobs it enqueued on commit (tests never commit)."""

    def run(**kwargs: Any) -> list[NotificationLog]:
        with django_capture_on_commit_callbacks(execute=True):
            return services.notify(**kwargs)

    return run


@pytest.fixture
def transport(monkeypatch: pytest.MonkeyPatch) -> Any:
    def install(statuses: list[int | Exception]) -> FakeTransport:
        fake = FakeTransport(statuses)
        monkeypatch.setitem(gateways.TRANSPORT, "http", fake)
        return fake

    return install


def test_without_consent_nothing_is_sent_and_the_skip_is_logged() -> None:
    user = UserFactory.create(email="a@example.in")
    logs = services.notify(user=user, event=EVENT, context={"name": "Asha", "number": 7})
    assert {log.channel for log in logs} == set(Channel.values)
    assert {log.outcome for log in logs} == {Outcome.SKIPPED_NO_CONSENT}
    assert mail.outbox == []


def test_email_with_consent_is_sent_in_the_preferred_language(send: Any) -> None:
    user = UserFactory.create(preferred_language="hi")
    ConsentFactory.create(user=user, address="asha@example.in")
    (log,) = send(user=user, event=EVENT, context={"name": "आशा", "number": 7}, channels=["email"])
    log.refresh_from_db()
    assert log.outcome == Outcome.SENT and log.attempts == 1 and log.sent_at
    (message,) = mail.outbox
    assert message.to == ["asha@example.in"]
    assert message.subject == "नमस्ते आशा" and message.body == "आपकी संख्या 7 है।"


@override_settings(
    ODOP_MESSAGE_GATEWAY="http",
    ODOP_MESSAGE_GATEWAY_URL="https://gateway.example/send",
    ODOP_MESSAGE_GATEWAY_TOKEN="secret-token",
)
def test_sms_goes_to_the_http_gateway_as_json(transport: Any, send: Any) -> None:
    fake = transport([202])
    user = UserFactory.create()
    services.consent_give(user=user, channel="sms", address="98765 43210", source="sign-up form")
    (log,) = send(user=user, event=EVENT, context={"name": "A", "number": 1}, channels=["sms"])
    log.refresh_from_db()
    assert log.outcome == Outcome.SENT
    (call,) = fake.calls
    assert call["url"] == "https://gateway.example/send"
    assert call["headers"]["Authorization"] == "Bearer secret-token"
    assert call["body"] == {
        "channel": "sms",
        "to": "+919876543210",
        "text": "Your number is 1.",
        "reference": f"odop-{log.pk}",
    }


@override_settings(
    ODOP_MESSAGE_GATEWAY="http",
    ODOP_MESSAGE_GATEWAY_URL="https://gateway.example/send",
    ODOP_TASK_RETRIES=3,
)
def test_a_failing_gateway_is_retried_then_the_send_succeeds(transport: Any, send: Any) -> None:
    fake = transport([OSError("down"), 500, 200])
    user = UserFactory.create()
    ConsentFactory.create(user=user, channel=Channel.WHATSAPP, address="+919876543210")
    (log,) = send(user=user, event=EVENT, context={"name": "A", "number": 1}, channels=["whatsapp"])
    log.refresh_from_db()
    assert len(fake.calls) == 3
    assert log.outcome == Outcome.SENT and log.attempts == 3 and log.error == ""


@override_settings(
    ODOP_MESSAGE_GATEWAY="http",
    ODOP_MESSAGE_GATEWAY_URL="https://gateway.example/send",
    ODOP_TASK_RETRIES=2,
)
def test_a_send_that_keeps_failing_is_logged_failed_with_its_error(
    transport: Any, send: Any
) -> None:
    transport([503, 503])
    user = UserFactory.create()
    ConsentFactory.create(user=user, channel=Channel.SMS, address="+919876543210")
    # The last attempt re-raises; the queue records the job as failed (not the caller).
    send(user=user, event=EVENT, context={"name": "A", "number": 1}, channels=["sms"])
    log = NotificationLog.objects.get(user=user)
    assert log.outcome == Outcome.FAILED and log.attempts == 2 and "503" in log.error


def test_consent_withdrawn_before_delivery_skips_the_send() -> None:
    user = UserFactory.create()
    consent = ConsentFactory.create(user=user)
    log = NotificationLog.objects.create(
        user=user, event=EVENT, channel="email", language="en", subject="s", body="b"
    )
    services.consent_withdraw(user=user, consent=consent)
    log = services.notification_deliver(log_id=log.pk)
    assert log.outcome == Outcome.SKIPPED_NO_CONSENT and mail.outbox == []


def test_delivery_is_idempotent(send: Any) -> None:
    user = UserFactory.create()
    ConsentFactory.create(user=user)
    (log,) = send(user=user, event=EVENT, context={"name": "A", "number": 1}, channels=["email"])
    services.notification_deliver(log_id=log.pk)
    assert len(mail.outbox) == 1


def test_consent_records_source_and_officer_and_a_new_one_replaces_the_old() -> None:
    user = UserFactory.create()
    officer = UserFactory.create(role="national_admin")
    first = services.consent_give(
        user=user,
        channel="sms",
        address="+919876543210",
        source="officer-assisted, paper consent ref 12/2026",
        recorded_by=officer,
    )
    second = services.consent_give(
        user=user, channel="sms", address="9123456789", source="sign-up form"
    )
    first.refresh_from_db()
    assert first.withdrawn_at is not None and first.recorded_by == officer
    assert second.address == "+919123456789" and second.is_active


@pytest.mark.parametrize(
    ("channel", "address"),
    [("sms", "12345"), ("whatsapp", "+1 555 0100"), ("email", "not-an-email"), ("fax", "1")],
)
def test_bad_consent_writes_nothing(channel: str, address: str) -> None:
    user = UserFactory.create()
    with pytest.raises(ValidationError):
        services.consent_give(user=user, channel=channel, address=address, source="form")
    assert not Consent.objects.exists()


def test_unknown_event_is_refused() -> None:
    with pytest.raises(events.EventKindError):
        services.notify(user=UserFactory.create(), event="no.such.event", context={})
    assert not NotificationLog.objects.exists()


def test_registering_a_code_twice_with_other_templates_is_refused() -> None:
    with pytest.raises(events.EventKindError):
        events.notification_event_register(
            EVENT, subject_en="x", subject_hi="x", body_en="x", body_hi="x"
        )


def test_consents_page_gives_lists_and_withdraws(client: Any) -> None:
    user = UserFactory.create()
    client.force_login(user)
    url = reverse("notifications:consents")
    response = client.post(url, {"action": "give", "channel": "email", "address": "A@Example.in"})
    assert response.status_code == 302
    consent = Consent.objects.get(user=user)
    assert consent.address == "a@example.in" and consent.source
    page = client.get(url)
    assert "a@example.in" in page.content.decode()
    client.post(url, {"action": "withdraw", "consent": consent.pk})
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None


def test_someone_elses_consent_is_a_404_and_unchanged(client: Any) -> None:
    consent = ConsentFactory.create()
    client.force_login(UserFactory.create())
    response = client.post(
        reverse("notifications:consents"), {"action": "withdraw", "consent": consent.pk}
    )
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_consents_page_needs_sign_in(client: Any) -> None:
    response = client.get(reverse("notifications:consents"))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_bad_address_on_the_page_shows_an_error_and_writes_nothing(client: Any) -> None:
    client.force_login(UserFactory.create())
    response = client.post(
        reverse("notifications:consents"), {"action": "give", "channel": "sms", "address": "12"}
    )
    assert response.status_code == 200 and not Consent.objects.exists()
