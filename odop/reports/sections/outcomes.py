"""The MIS section of outcomes: the latest period's returns summed over the place, the coverage
beside them (how many districts and district products reported, a year earlier too) and the
change on the same period a year earlier, all from the outcomes app's selectors."""

from decimal import Decimal

from django.utils.translation import gettext as _

from odop.outcomes.selectors import outcome_change, outcome_periods
from odop.reports.sections.base import Figure, MisScope, Section, Unit, _link

UPLOADS: str = "outcomes:upload"


def _labels() -> dict[str, tuple[str, Unit]]:
    # exports_usd is left out: the MIS units are counts and rupees.
    return {
        "jobs": (_("Jobs"), "count"),
        "producers": (_("Producers (returns)"), "count"),
        "sales_inr": (_("Sales"), "inr"),
        "exports_inr": (_("Exports"), "inr"),
    }


def _whole(value: Decimal, unit: Unit) -> int | Decimal:
    return int(value) if unit == "count" else value


def outcomes_section(scope: MisScope) -> Section | None:
    """None when no district of the place has sent a return yet."""
    periods = outcome_periods(state=scope.state, district=scope.district)
    if not periods:
        return None
    change = outcome_change(period=periods[-1], state=scope.state, district=scope.district)
    current, baseline = change.current.coverage, change.baseline.coverage
    link = _link(UPLOADS)
    figures: list[Figure] = []
    for key, (label, unit) in _labels().items():
        figures.append(Figure(label, _whole(change.figures[key].current, unit), unit, link))
    figures += [
        Figure(_("Districts reported"), current.districts_reported, link=link),
        Figure(_("Districts of the place"), current.districts),
        Figure(_("District products reported"), current.products_reported, link=link),
        Figure(_("District products of the place"), current.products),
    ]
    for key, (label, unit) in _labels().items():
        figures.append(
            Figure(
                _("%(figure)s, change on a year earlier") % {"figure": label},
                _whole(change.figures[key].change, unit),
                unit,
            )
        )
    figures.append(Figure(_("Districts reported a year earlier"), baseline.districts_reported))
    return Section(
        key="outcomes",
        title=_("Outcomes"),
        figures=tuple(figures),
        note=_(
            "Returns of %(period)s, compared with %(baseline)s: %(reported)s of %(districts)s "
            "districts reported (%(baseline_reported)s a year earlier)."
        )
        % {
            "period": change.period,
            "baseline": change.baseline_period,
            "reported": current.districts_reported,
            "districts": current.districts,
            "baseline_reported": baseline.districts_reported,
        },
        chart=False,
    )
