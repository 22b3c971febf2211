"""Order events go through the notifications module (issue 14): the other party is told,
on the channels they agreed to; without consent the message is logged as skipped."""

from types import SimpleNamespace
from typing import Any

from django.core import mail

from odop.bazaar import services
from odop.bazaar.models import OrderStatus
from odop.notifications.models import NotificationLog, Outcome
from odop.notifications.services import consent_give


def test_the_producer_is_told_of_an_order_and_the_buyer_of_its_moves(
    world: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    consent_give(user=world.seller, channel="email", address="seller@example.in", source="form")
    with django_capture_on_commit_callbacks(execute=True):
        order = services.order_place(buyer=world.buyer, listing=world.listing, quantity=2)
        services.order_transition(actor=world.seller, order=order, to_status=OrderStatus.CONFIRMED)
    sent = NotificationLog.objects.get(user=world.seller, channel="email")
    assert sent.outcome == Outcome.SENT and "Sikki grass basket" in sent.body
    assert [message.to for message in mail.outbox] == [["seller@example.in"]]
    # The buyer gave no consent: logged, not sent.
    buyer_logs = NotificationLog.objects.filter(user=world.buyer)
    assert buyer_logs.exists()
    assert set(buyer_logs.values_list("outcome", flat=True)) == {Outcome.SKIPPED_NO_CONSENT}
