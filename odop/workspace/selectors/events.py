"""The "My work" block of events (issue 16): sellers waiting for their district officer."""

from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.events.models import Registration, RegistrationStatus, Side
from odop.geography.permissions import officer_scope
from odop.workspace.selectors.blocks import ROWS, WorkBlock, WorkLink, WorkRow, page_url


def events_block(*, user: User) -> WorkBlock | None:
    """Seller registrations of the officer's scope awaiting approval; None when there are none
    (most officers have no event at a given time)."""
    pending = (
        Registration.objects.filter(side=Side.SELLER, status=RegistrationStatus.PENDING)
        .filter(officer_scope(user, district_field="producer__district"))
        .exclude(user=user)
        .select_related("event")
        .order_by("event__starts_on", "pk")
    )
    count = pending.count()
    if not count:
        return None
    return WorkBlock(
        key="events",
        title=_("Events"),
        url=page_url("events:events"),
        links=(WorkLink(_("Sellers awaiting your approval"), count, page_url("events:events")),),
        rows=tuple(
            WorkRow(
                label=registration.company,
                url=page_url("events:event", event_id=registration.event_id),
                detail=registration.event.name,
                when=registration.event.starts_on,
            )
            for registration in pending[:ROWS]
        ),
    )
