"""The scheme applications block of "My work" (issue 14): the applications waiting for this
officer (their stage's owner, or escalated to them), overdue ones first, and a producer's own
applications still in progress."""

from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import Role, User
from odop.schemes.models import ApplicationStatus
from odop.schemes.selectors import application_list, application_queue
from odop.workspace.selectors.blocks import ROWS, WorkBlock, WorkLink, WorkRow, page_url


def applications_block(*, user: User) -> WorkBlock | None:
    """Applications waiting for `user`, or None when nothing can wait for their role."""
    now = timezone.now()
    if user.role == Role.PRODUCER:
        mine = application_list(user=user).filter(status=ApplicationStatus.IN_PROGRESS)
        count = mine.count()
        if not count:
            return None
        return WorkBlock(
            key="applications",
            title=_("My scheme applications"),
            url=page_url("schemes:applications"),
            links=(WorkLink(_("In progress"), count, page_url("schemes:applications")),),
        )
    if not (user.is_officer or user.role == Role.BANK_OFFICER):
        return None
    queue = application_queue(user=user)
    waiting = queue.count()
    if not waiting and user.role != Role.BANK_OFFICER:
        return None  # officers see the block when something waits (a bank officer always)
    overdue = queue.filter(stage_due_by__lt=now).count()
    rows = tuple(
        WorkRow(
            label=application.number or "",
            url=page_url("schemes:application", application_id=application.pk),
            detail=f"{application.scheme.code} · {application.district.name}",
            when=application.stage_due_by,
            urgent=bool(application.stage_due_by and application.stage_due_by < now),
        )
        for application in queue[:ROWS]
    )
    return WorkBlock(
        key="applications",
        title=_("Scheme applications"),
        url=page_url("schemes:applications"),
        links=(
            WorkLink(_("Waiting for you"), waiting, page_url("schemes:applications")),
            WorkLink(_("Overdue"), overdue, page_url("schemes:applications"), urgent=True),
        ),
        rows=rows,
    )
