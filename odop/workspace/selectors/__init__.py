"""What waits for one person, for the "My work" page (issue 12). Reads only.

Every block is composed from the domain apps' own gates (`*_visible_to`, `officer_scope`,
`producer_of`, `is_buyer`) and models, so the page never shows what the person could not open:
each count and row links to the page where the work is done, and that page applies the same
gate. An officer's blocks are narrowed to their scope (`officer_scope`), never to what is
merely public (a published candidate elsewhere is nobody's work here).

The number of queries does not grow with the data: each block counts with one grouped query
and lists at most `ROWS` rows with their relations joined.
"""

import datetime as dt

from django.utils import timezone

from odop.accounts.models import Role, User
from odop.bazaar.permissions import is_buyer
from odop.workspace.selectors.applications import applications_block
from odop.workspace.selectors.blocks import WorkBlock as WorkBlock
from odop.workspace.selectors.blocks import WorkLink as WorkLink
from odop.workspace.selectors.blocks import WorkRow as WorkRow
from odop.workspace.selectors.events import events_block
from odop.workspace.selectors.facilities import centres_block
from odop.workspace.selectors.gi_links import gi_links_block
from odop.workspace.selectors.grievances import grievances_block
from odop.workspace.selectors.officers import (
    assessments_block,
    exports_block,
    hs_codes_block,
    producers_block,
    selection_block,
)
from odop.workspace.selectors.outcomes import outcomes_block
from odop.workspace.selectors.skills import training_block
from odop.workspace.selectors.trade import buying_block, gifts_block, outlets_block, producer_block


def workspace_blocks(*, user: User, now: dt.datetime | None = None) -> list[WorkBlock]:
    """Everything that waits for `user`, block by block, in the order of their role's work."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    blocks: list[WorkBlock | None] = []
    if user.is_officer:
        blocks += [
            selection_block(user=user, now=now),
            producers_block(user=user),
            hs_codes_block(user=user),
            exports_block(user=user, today=today),
            outcomes_block(user=user, today=today),
            grievances_block(user=user, today=today),
            events_block(user=user),
            gi_links_block(user=user),
        ]
    blocks.append(assessments_block(user=user))
    if user.role == Role.PRODUCER:
        blocks.append(producer_block(user=user, today=today))
    if is_buyer(user):
        blocks.append(buying_block(user=user, today=today))
    blocks += [outlets_block(user=user), gifts_block(user=user)]
    blocks.append(training_block(user=user, today=today))
    blocks.append(centres_block(user=user, today=today))
    blocks.append(applications_block(user=user))
    return [block for block in blocks if block is not None]
