"""The Common Facility Centres block of "My work" (issue 15): a CFC operator's bookings to
confirm and overdue monthly reports; a district or State officer's overdue reports."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.facilities.models import BookingStatus, Centre
from odop.facilities.permissions import bookings_visible_to
from odop.facilities.selectors import centres_overdue
from odop.geography.permissions import officer_scope
from odop.workspace.selectors.blocks import ROWS, WorkBlock, WorkLink, WorkRow, page_url


def centres_block(*, user: User, today: dt.date) -> WorkBlock | None:
    """Overdue utilisation reports (previous month, past the due day) of the centres the
    user operates or oversees, and, for operators, bookings waiting to be confirmed. None
    for other roles and for those with no centre (nothing of theirs to wait)."""
    if user.role == Role.CFC_OPERATOR:
        mine = Centre.objects.filter(operators=user)
    elif user.role in (Role.DISTRICT_OFFICER, Role.STATE_OFFICER):
        mine = Centre.objects.filter(officer_scope(user))
    else:
        return None
    if not mine.exists():
        return None
    overdue = centres_overdue(user=user, today=today)
    overdue_rows = tuple(
        WorkRow(
            label=centre.name,
            detail=_("Last month's utilisation report is overdue."),
            url=page_url("facilities:utilisation", centre_id=centre.pk),
            urgent=True,
        )
        for centre in overdue[:ROWS]
    )
    links = [
        WorkLink(
            _("Overdue monthly reports"),
            overdue.count(),
            page_url("facilities:centres"),
            urgent=True,
        )
    ]
    if user.role == Role.CFC_OPERATOR:
        waiting = bookings_visible_to(user).filter(
            status=BookingStatus.REQUESTED, end__gt=timezone.now()
        )
        first = waiting.select_related("equipment").order_by("start").first()
        links.append(
            WorkLink(
                _("Bookings to confirm"),
                waiting.count(),
                page_url("facilities:centre", centre_id=first.equipment.centre_id)
                if first
                else page_url("facilities:centres"),
            )
        )
    return WorkBlock(
        key="centres",
        title=_("Common Facility Centres"),
        url=page_url("facilities:centres"),
        links=tuple(links),
        rows=overdue_rows,
    )
