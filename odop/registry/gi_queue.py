"""Reads of the officers' GI queue (issue 13): which GI-flagged products still need a decision,
with the matcher's candidates, best first, and the State's GIs for picking another one."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from odop.accounts.models import User
from odop.core.text import text_key
from odop.registry.gi_match import GICandidate, gi_canonical_ids, gi_decide_listed
from odop.registry.models import DistrictProduct, GIEntry, GILinkDecision, ProductTypeName
from odop.registry.permissions import gi_queue_products_visible_to
from odop.registry.services.master import GIMatcherInputs, gi_matcher_inputs, gi_registrations


@dataclass(frozen=True)
class GIQueueItem:
    """One product waiting for a decision and the GIs it may be."""

    product: DistrictProduct
    candidates: tuple[GICandidate, ...]
    ambiguous: bool  # the matcher found several close GIs (else: none clearly fits)

    @property
    def best_score(self) -> float:
        return self.candidates[0].score if self.candidates else 0.0


def gi_queue_pending(user: User | AnonymousUser) -> QuerySet[DistrictProduct]:
    """GI-flagged products in the officer's scope with no link and no decision yet."""
    return gi_queue_products_visible_to(user).filter(
        gi_entry__isnull=True, gi_decisions__isnull=True
    )


def _item(product: DistrictProduct, inputs: GIMatcherInputs, type_names: list[str]) -> GIQueueItem:
    decision = gi_decide_listed(
        inputs.facts(
            district=product.district,
            names=(product.name, product.product_type.name, *type_names),
            description=product.description,
            sector=product.sector,
        ),
        inputs.records_by_state.get(product.district.state_id, []),
        top=5,
        synonyms=inputs.synonyms,
    )
    return GIQueueItem(
        product=product, candidates=decision.candidates, ambiguous=bool(decision.queue)
    )


def gi_queue(user: User | AnonymousUser) -> list[GIQueueItem]:
    """The queue, sorted by what most needs a decision: products with several close
    candidates first, then by how close the best candidate comes to a link."""
    products = list(gi_queue_pending(user).order_by("pk"))
    if not products:
        return []
    inputs = gi_matcher_inputs()
    names = _type_names([product.product_type_id for product in products])
    items = [_item(product, inputs, names.get(product.product_type_id, [])) for product in products]
    return sorted(
        items,
        key=lambda item: (not item.ambiguous, -item.best_score, item.product.name, item.product.pk),
    )


def gi_queue_item(product: DistrictProduct) -> GIQueueItem:
    """The matcher's candidates for one product (the caller checked access)."""
    names = _type_names([product.product_type_id])
    return _item(product, gi_matcher_inputs(), names.get(product.product_type_id, []))


def _type_names(type_ids: list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for type_id, name in ProductTypeName.objects.filter(product_type_id__in=type_ids).values_list(
        "product_type_id", "name"
    ):
        names.setdefault(type_id, []).append(name)
    return names


def gi_state_choices(product: DistrictProduct, query: str = "") -> list[GIEntry]:
    """The GIs registered for the product's State, one per canonical GI (repeated
    registrations shown once), optionally those whose name contains `query`."""
    entries = list(
        GIEntry.objects.filter(states=product.district.state_id)
        .prefetch_related("states")
        .order_by("serial", "pk")
    )
    canonical = gi_canonical_ids(gi_registrations(entries))
    key = text_key(query)
    return sorted(
        (
            entry
            for entry in entries
            if canonical[entry.pk] == entry.pk and (not key or key in text_key(entry.name))
        ),
        key=lambda entry: entry.name,
    )


def gi_decisions_of(product: DistrictProduct) -> QuerySet[GILinkDecision]:
    """The product's GI decisions, latest first."""
    return product.gi_decisions.select_related(
        "gi_entry", "decided_by", "previous_gi_entry"
    ).prefetch_related("more_links__gi_entry")
