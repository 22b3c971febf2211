"""The officers' GI block of "My work": GI-flagged products in their scope with no registry link
and no decision yet, and products the list calls non-GI that a registered GI fits (issue 13)."""

from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.registry.gi_queue import gi_queue_not_flagged, gi_queue_pending
from odop.workspace.selectors.blocks import ROWS, WorkBlock, WorkLink, WorkRow, page_url


def gi_links_block(*, user: User) -> WorkBlock | None:
    """None when nothing waits (no empty block)."""
    pending = gi_queue_pending(user).select_related("district").order_by("name", "pk")
    waiting = pending.count()
    not_flagged = gi_queue_not_flagged(user).count()
    if not waiting and not not_flagged:
        return None
    queue_url = page_url("registry:gi-queue")
    links = [WorkLink(_("GI products waiting for a link decision"), waiting, queue_url)]
    if not_flagged:
        links.append(
            WorkLink(
                _("Registered GIs the national list calls non-GI"),
                not_flagged,
                f"{queue_url}#not-flagged",
            )
        )
    return WorkBlock(
        key="gi-links",
        title=_("GI links"),
        url=queue_url,
        links=tuple(links),
        rows=tuple(
            WorkRow(
                label=product.name,
                detail=product.district.name,
                url=page_url("registry:gi-queue-product", product_id=product.pk),
            )
            for product in pending[:ROWS]
        ),
    )
