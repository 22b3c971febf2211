"""Evidence for computed criteria: the evidence app's figures under the names scorecards use,
and the scale values they give. Reads only; used by the assessment service and the pages."""

from decimal import Decimal

from odop.evidence.selectors import Evidence, Figure, evidence_for
from odop.selection import scoring
from odop.selection.models import Candidate


def candidate_evidence(candidate: Candidate) -> Evidence | None:
    """The candidate's evidence, or None without a product type (nothing to compute it for)."""
    if candidate.product_type is None:
        return None
    return evidence_for(district=candidate.district, product_type=candidate.product_type)


def indicator_figures(evidence: Evidence | None) -> dict[str, Figure]:
    """The evidence under the indicator names the scorecards use."""
    if evidence is None:
        return {}
    return {
        "location_quotient": evidence.location_quotient_production,
        "location_quotient_workers": evidence.location_quotient_workers,
        "districts_with_product_in_state": evidence.other_districts_in_state,
        "districts_with_product_in_country": evidence.other_districts_in_country,
        "gi_registered": evidence.gi_registered,
    }


def computed_values(
    criteria: tuple[scoring.Criterion, ...], figures: dict[str, Figure]
) -> dict[str, Decimal]:
    """Scale values of the computed criteria whose indicator the evidence gives. A computed
    criterion without data is left to the assessor (it must still be scored to submit)."""
    values = {}
    for criterion in criteria:
        figure = figures.get(criterion.indicator)
        if criterion.method != "computed" or figure is None or figure.value is None:
            continue
        # A yes/no indicator (GI registration) counts as 1 or 0.
        indicator = Decimal(int(figure.value) if isinstance(figure.value, bool) else figure.value)
        value = scoring.computed_scale_value(criterion, indicator)
        if value is not None:
            values[criterion.code] = value
    return values
