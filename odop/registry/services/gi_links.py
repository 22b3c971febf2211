"""GI links of district products (issue 13): officers' decisions (confirm, pick or reject, with
history) and the further GIs of a product whose listed name names several."""

from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.core.imports import ImportReport, rows_sync
from odop.registry.models import (
    DataQualityFinding,
    DistrictProduct,
    DistrictProductGILink,
    GIDecisionAction,
    GIEntry,
    GILinkDecision,
    GILinkDecisionMoreGI,
    Problem,
)
from odop.registry.permissions import can_decide_gi_link


@transaction.atomic
def district_product_gi_more_sync(
    *, links: Mapping[int, Sequence[int]], reason: str, user: User | None = None
) -> None:
    """Make each product named in `links` (product id -> GI ids, in the listed name's order)
    link to exactly those further GIs beside its `gi_entry`; products not named keep theirs.

    Refused whole (nothing written) when a product with further GIs is not GI-tagged or has
    no primary link, or a further GI repeats the primary one: the rule of the
    `registry_gi_link_only_when_gi` constraint, which a check constraint cannot express across
    the link table. Idempotent: links already as wanted are left alone (no history rows);
    each added or removed link writes one.
    """
    products = DistrictProduct.objects.in_bulk([pk for pk, more in links.items() if more])
    for pk, more in links.items():
        if not more:
            continue
        product = products[pk]
        if not product.is_gi or product.gi_entry_id is None:
            raise ValidationError(
                _("Only a GI-tagged product with a GI link can link to further GIs."),
                code="more_gi_without_gi",
            )
        if product.gi_entry_id in more or len(set(more)) != len(more):
            raise ValidationError(
                _("A further GI link repeats another GI link of the product."),
                code="more_gi_repeated",
            )
    existing = {
        (link.district_product_id, link.gi_entry_id): link
        for link in DistrictProductGILink.objects.filter(district_product_id__in=list(links))
    }
    wanted = {
        (pk, gi_id): {"district_product_id": pk, "gi_entry_id": gi_id, "position": position}
        for pk, more in links.items()
        for position, gi_id in enumerate(more, start=1)
    }
    for key, link in existing.items():
        if key not in wanted:
            link._change_reason = reason  # type: ignore[attr-defined]
            link._history_user = user  # type: ignore[attr-defined]
            link.delete()
    rows_sync(
        DistrictProductGILink,
        wanted=wanted,
        existing={key: link for key, link in existing.items() if key in wanted},
        report=ImportReport(source=reason),
        reason=reason,
        user=user,
    )


@transaction.atomic
def gi_link_decide(
    *,
    actor: User,
    product: DistrictProduct,
    action: str,
    gi_entry: GIEntry | None,
    note: str,
    more_gi_entries: Sequence[GIEntry] | None = None,
) -> GILinkDecision:
    """Record an officer's decision on `product`'s GI link and apply it to the product.

    Confirm and pick link `gi_entry` (a GI registered for the product's State); reject leaves
    the product unlinked. A product the national list calls non-GI may be decided too (the
    import reports a registered GI that fits it): a confirmation or a pick makes it a GI
    product, by the officer's word, which the next import keeps; a rejection leaves it as
    listed. The product's GI findings (unlinked, or registered but called non-GI) go: the
    decision answers them, and the next import would not report them again.

    `more_gi_entries` states the product's further GIs, in order, when its listed name names
    several (GIs of the State, none repeated, not the primary; a rejection states none). Left
    out (None), a confirmation of the product's current primary GI keeps its further GIs and
    any other decision removes them. The decision row, with the further GIs it stated, and
    the product's and its links' history say who and why; the next import keeps the decision.
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
    if action == GIDecisionAction.REJECT:
        gi_entry = None
        if more_gi_entries:
            raise ValidationError(
                _("A rejection links no GI, so no further GI either."), code="more_gi_on_reject"
            )
    elif gi_entry is None:
        raise ValidationError(_("Choose a GI."), code="gi_missing")
    more = list(more_gi_entries or ())
    state_gis = set(
        GIEntry.objects.filter(
            states=product.district.state_id,
            pk__in=[entry.pk for entry in ([gi_entry] if gi_entry else []) + more],
        ).values_list("pk", flat=True)
    )
    if gi_entry is not None and gi_entry.pk not in state_gis:
        raise ValidationError(
            _("This GI is not registered for the product's State."), code="gi_other_state"
        )
    if any(entry.pk not in state_gis for entry in more):
        raise ValidationError(
            _("A further GI is not registered for the product's State."),
            code="more_gi_other_state",
        )
    more_ids = [entry.pk for entry in more]
    if len(set(more_ids)) != len(more_ids) or (gi_entry is not None and gi_entry.pk in more_ids):
        raise ValidationError(
            _("A further GI repeats another GI link of the product."), code="more_gi_repeated"
        )
    decision = GILinkDecision(
        district_product=product,
        action=action,
        gi_entry=gi_entry,
        note=note,
        decided_by=actor,
        previous_gi_entry=product.gi_entry,
        more_stated=more_gi_entries is not None,
    )
    decision.full_clean()
    decision.save()
    GILinkDecisionMoreGI.objects.bulk_create(
        GILinkDecisionMoreGI(decision=decision, gi_entry=entry, position=position)
        for position, entry in enumerate(more, start=1)
    )
    reason = f"GI link {action}: {note}"[:100]
    is_gi = product.is_gi or gi_entry is not None
    if product.gi_entry_id != (gi_entry.pk if gi_entry else None) or product.is_gi != is_gi:
        product.gi_entry = gi_entry
        product.is_gi = is_gi
        product._history_user = actor  # type: ignore[attr-defined]
        product._change_reason = reason  # type: ignore[attr-defined]
        product.full_clean()
        product.save(update_fields=["gi_entry", "is_gi", "updated_at"])
    if product.source_row is not None:
        DataQualityFinding.objects.filter(
            row=product.source_row,
            problem__in=[Problem.GI_UNLINKED, Problem.GI_NOT_FLAGGED],
        ).delete()
    if decision.more_stated:
        district_product_gi_more_sync(links={product.pk: more_ids}, reason=reason, user=actor)
    elif action != GIDecisionAction.CONFIRM or decision.previous_gi_entry_id != product.gi_entry_id:
        district_product_gi_more_sync(links={product.pk: []}, reason=reason, user=actor)
    return decision
