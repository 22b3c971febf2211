"""The training block of "My work" (issue 15): a trainer's batches with today's attendance
still to mark, an officer's applications waiting for selection."""

import datetime as dt

from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.skills.selectors import applications_to_decide, batches_to_mark
from odop.workspace.selectors.blocks import ROWS, WorkBlock, WorkLink, WorkRow, page_url


def training_block(*, user: User, today: dt.date) -> WorkBlock | None:
    """Attendance to mark today (trainers), applications to select (officers, only when
    some wait); None otherwise."""
    if user.role == Role.TRAINER:
        batches = batches_to_mark(user=user, today=today)
        rows = tuple(
            WorkRow(
                label=batch.programme.name,
                detail=batch.venue,
                url=page_url("skills:attendance", pk=batch.pk),
                when=today,
            )
            for batch in batches[:ROWS]
        )
        return WorkBlock(
            key="training",
            title=_("Training"),
            url=page_url("skills:training"),
            links=(
                WorkLink(
                    _("Attendance to mark today"), batches.count(), page_url("skills:training")
                ),
            ),
            rows=rows,
        )
    if not user.is_officer:
        return None
    waiting = applications_to_decide(user=user)
    count = waiting.count()
    if count == 0:
        return None  # an officer's page stays short when no training work waits
    rows = tuple(
        WorkRow(
            label=application.applicant_name,
            detail=application.batch.programme.name,
            url=page_url("skills:batch", pk=application.batch_id),
            when=application.batch.start_date,
        )
        for application in waiting[:ROWS]
    )
    return WorkBlock(
        key="training",
        title=_("Training"),
        url=page_url("skills:training"),
        links=(WorkLink(_("Applications to select"), count, page_url("skills:training")),),
        rows=rows,
    )
