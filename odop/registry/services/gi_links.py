"""Officers' decisions on GI links (issue 13): confirm, pick or reject, with history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.registry.models import DistrictProduct, GIDecisionAction, GIEntry, GILinkDecision
from odop.registry.permissions import can_decide_gi_link


@transaction.atomic
def gi_link_decide(
    *,
    actor: User,
    product: DistrictProduct,
    action: str,
    gi_entry: GIEntry | None,
    note: str,
) -> GILinkDecision:
    """Record an officer's decision on `product`'s GI link and apply it to the product.

    Confirm and pick link `gi_entry` (a GI registered for the product's State); reject leaves
    the product unlinked. The decision row and the product's history both say who and why, and
    the next import of the national list keeps the decision.
    """
    if not can_decide_gi_link(actor, product):
        raise PermissionDenied
    product = (
        DistrictProduct.objects.select_for_update().select_related("district").get(pk=product.pk)
    )
    note = note.strip()
    if not note:
        raise ValidationError(_("Say why in a note."), code="note_missing")
    if action not in GIDecisionAction.values:
        raise ValidationError(_("Unknown decision."), code="unknown_action")
    if not product.is_gi:
        raise ValidationError(
            _("The national list does not call this product a GI."), code="not_gi"
        )
    if action == GIDecisionAction.REJECT:
        gi_entry = None
    else:
        if gi_entry is None:
            raise ValidationError(_("Choose a GI."), code="gi_missing")
        if not gi_entry.states.filter(pk=product.district.state_id).exists():
            raise ValidationError(
                _("This GI is not registered for the product's State."), code="gi_other_state"
            )
    decision = GILinkDecision(
        district_product=product,
        action=action,
        gi_entry=gi_entry,
        note=note,
        decided_by=actor,
        previous_gi_entry=product.gi_entry,
    )
    decision.full_clean()
    decision.save()
    if product.gi_entry_id != (gi_entry.pk if gi_entry else None):
        product.gi_entry = gi_entry
        product._history_user = actor  # type: ignore[attr-defined]
        product._change_reason = f"GI link {action}: {note}"[:100]  # type: ignore[attr-defined]
        product.full_clean()
        product.save(update_fields=["gi_entry", "updated_at"])
    return decision
