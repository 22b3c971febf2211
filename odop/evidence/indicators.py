"""Pure specialisation arithmetic for product selection. No ORM, no I/O: the selectors load
the figures, these functions compute.

The location quotient (LQ) is the standard regional-science measure of how specialised a
region is in an activity compared with the whole country (W. Isard, *Methods of Regional
Analysis: an Introduction to Regional Science*, MIT Press, 1960, among the measures of
industrial location and specialisation):

    LQ = (e_ij / e_j) / (E_i / E)

where e_ij is the region's figure for activity i, e_j the region's total over all activities,
E_i the nation's figure for activity i and E the nation's total. LQ > 1: the district holds a
larger share of its output (or workforce) in the activity than the country does. The same
formula gives the output-based LQ (production in one unit) and the classic employment LQ
(workers).
"""

from decimal import Decimal, localcontext

_PRECISION = 28  # significant digits of the division (Python's default Decimal precision)


def location_quotient(
    local_subject: Decimal,
    local_total: Decimal,
    national_subject: Decimal,
    national_total: Decimal,
) -> Decimal | None:
    """(local_subject / local_total) / (national_subject / national_total), or None when any
    denominator (local_total, national_subject, national_total) is 0: no figure rather than a
    division by zero.

    Precondition: every figure is ≥ 0 (a negative one raises ValueError). Computed as one
    division, local_subject × national_total / (local_total × national_subject), so that
    quotients with a finite decimal expansion come out exact.
    """
    figures = (local_subject, local_total, national_subject, national_total)
    if any(figure < 0 for figure in figures):
        raise ValueError("location_quotient needs figures that are not negative")
    if local_total == 0 or national_subject == 0 or national_total == 0:
        return None
    with localcontext() as context:
        context.prec = _PRECISION
        quotient = (Decimal(local_subject) * Decimal(national_total)) / (
            Decimal(local_total) * Decimal(national_subject)
        )
    return quotient


def employment_location_quotient(
    *,
    local_workers: int,
    local_workers_total: int,
    national_workers: int,
    national_workers_total: int,
) -> Decimal | None:
    """The employment LQ: `location_quotient` over workers (in the activity / in all the
    activities the statistics cover), locally and nationally."""
    return location_quotient(
        Decimal(local_workers),
        Decimal(local_workers_total),
        Decimal(national_workers),
        Decimal(national_workers_total),
    )
