"""The officers' grievance block of "My work": grievances waiting for their reply, overdue
and due within a week, the earliest due first (issue 14)."""

import datetime as dt
from typing import Final

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.grievances.selectors import grievance_queue
from odop.workspace.selectors.blocks import ROWS, WorkBlock, WorkLink, WorkRow, page_url

# "Due soon": a week ahead, time to reply or to send an interim reply with a new date.
DUE_SOON_DAYS: Final = 7


def grievances_block(*, user: User, today: dt.date) -> WorkBlock | None:
    """Grievances at the officer's level and scope waiting for their reply; None when nothing
    waits (an officer without grievances is not shown an empty block)."""
    queue = grievance_queue(user=user)
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    counts = queue.order_by().aggregate(
        waiting=Count("pk"),
        overdue=Count("pk", filter=Q(reply_due__lt=today)),
        due_soon=Count("pk", filter=Q(reply_due__gte=today, reply_due__lte=soon)),
    )
    if not counts["waiting"]:
        return None
    rows = tuple(
        WorkRow(
            label=f"{grievance.number}: {grievance.subject}",
            detail=grievance.district.name,
            url=page_url("grievances:grievance", grievance_id=grievance.pk),
            when=grievance.reply_due_by,
            urgent=grievance.reply_due_by < today,
        )
        for grievance in queue[:ROWS]
    )
    queue_url = page_url("grievances:queue")
    return WorkBlock(
        key="grievances",
        title=_("Grievances"),
        url=queue_url,
        links=(
            WorkLink(_("Overdue grievances"), counts["overdue"], queue_url, urgent=True),
            WorkLink(_("Grievances due within a week"), counts["due_soon"], queue_url),
        ),
        rows=rows,
    )
