"""The officers' GI block of "My work": GI-flagged products in their scope with no registry link
and no decision yet (issue 13)."""

from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.registry.gi_queue import gi_queue_pending
from odop.workspace.selectors.blocks import ROWS, WorkBlock, WorkLink, WorkRow, page_url


def gi_links_block(*, user: User) -> WorkBlock | None:
    """None when nothing waits (no empty block)."""
    pending = gi_queue_pending(user).select_related("district").order_by("name", "pk")
    waiting = pending.count()
    if not waiting:
        return None
    queue_url = page_url("registry:gi-queue")
    return WorkBlock(
        key="gi-links",
        title=_("GI links"),
        url=queue_url,
        links=(WorkLink(_("GI products waiting for a link decision"), waiting, queue_url),),
        rows=tuple(
            WorkRow(
                label=product.name,
                detail=product.district.name,
                url=page_url("registry:gi-queue-product", product_id=product.pk),
            )
            for product in pending[:ROWS]
        ),
    )
