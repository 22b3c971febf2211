"""Reads of the officers' GI queue (issue 13): which GI-flagged products still need a decision,
which products the list calls non-GI though a registered GI fits them, with the matcher's
candidates, best first, and the State's GIs for picking another one."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from odop.accounts.models import User
from odop.core.text import text_key
from odop.registry.gi_match import GICandidate, gi_canonical_ids, gi_decide_listed
from odop.registry.models import (
    DataQualityFinding,
    DistrictProduct,
    GIEntry,
    GILinkDecision,
    Problem,
    ProductTypeName,
)
from odop.registry.permissions import gi_queue_products_visible_to
from odop.registry.services.master import GIMatcherInputs, gi_matcher_inputs, gi_registrations

# The findings an officer's GI decision answers (the data-quality page links them to it).
GI_PROBLEMS = frozenset({Problem.GI_UNLINKED, Problem.GI_NOT_FLAGGED})


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
        is_gi=True, gi_entry__isnull=True, gi_decisions__isnull=True
    )


def gi_queue_not_flagged(user: User | AnonymousUser) -> QuerySet[DistrictProduct]:
    """Products in the officer's scope that the national list calls non-GI though the import
    found a registered GI that clearly fits (a `gi_not_flagged` finding on their row), with no
    decision yet."""
    rows = DataQualityFinding.objects.filter(problem=Problem.GI_NOT_FLAGGED).values("row")
    return gi_queue_products_visible_to(user).filter(
        is_gi=False, source_row__in=rows, gi_decisions__isnull=True
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


def gi_queue(user: User | AnonymousUser, *, not_flagged: bool = False) -> list[GIQueueItem]:
    """The queue, sorted by what most needs a decision: products with several close
    candidates first, then by how close the best candidate comes to a link. `not_flagged`:
    the products the list calls non-GI that a registered GI fits, instead."""
    pending = gi_queue_not_flagged(user) if not_flagged else gi_queue_pending(user)
    products = list(pending.select_related("district__state", "product_type").order_by("pk"))
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


def gi_products_of_rows(user: User | AnonymousUser, rows: list[int]) -> dict[int, int]:
    """Row of the national list -> id of the product on it, for the rows of GI findings whose
    product the officer may decide (the data-quality page links those findings)."""
    if not rows:
        return {}
    return {
        row: pk
        for row, pk in gi_queue_products_visible_to(user)
        .filter(source_row__in=rows)
        .values_list("source_row", "pk")
        if row is not None
    }
