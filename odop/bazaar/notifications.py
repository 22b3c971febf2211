"""The bazaar's messages (issue 14): every order event tells the other party (the producer
when the buyer acts, the buyer when the producer or an officer acts) through
`odop.notifications`, on the channels that person agreed to."""

from odop.accounts.models import User
from odop.bazaar.models import Order
from odop.notifications.events import notification_event_register
from odop.notifications.services import notify

EVENT_ORDER = "bazaar.order_event"

notification_event_register(
    EVENT_ORDER,
    subject_en="Order {{ order }}: {{ kind }}",
    subject_hi="ऑर्डर {{ order }}: {{ kind }}",
    body_en="Order {{ order }} for {{ quantity }} × {{ listing }}: {{ kind }}.",
    body_hi="{{ listing }} के {{ quantity }} नग का ऑर्डर {{ order }}: {{ kind }}।",
)


def order_notify(*, order: Order, kind: str, kind_label: str, actor: User) -> None:
    """Tell the party of `order` who did not act about its event `kind`."""
    producer_user = order.listing.producer.user
    recipient = producer_user if actor.pk == order.buyer_id else order.buyer
    if recipient is None or recipient.pk == actor.pk:
        return
    notify(
        user=recipient,
        event=EVENT_ORDER,
        context={
            "order": order.pk,
            "kind": kind_label,
            "quantity": order.quantity,
            "listing": order.listing.title,
        },
    )
