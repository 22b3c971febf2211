"""The MIS section of scheme applications: received, approved, pending and overdue, in all and
by scheme, over the place's applications (the schemes app's own counting selector)."""

import datetime as dt

from django.utils.translation import gettext as _

from odop.reports.sections.base import Figure, MisScope, Section, _link
from odop.schemes.models import Application, Scheme
from odop.schemes.selectors import ApplicationCount, application_counts_of

APPLICATIONS: str = "schemes:application-counts"


def _summed(rows: list[ApplicationCount]) -> tuple[int, int, int, int]:
    return (
        sum(row.received for row in rows),
        sum(row.approved for row in rows),
        sum(row.pending for row in rows),
        sum(row.overdue for row in rows),
    )


def applications_section(scope: MisScope, *, now: dt.datetime | None = None) -> Section:
    """Applications of the place in all, then each scheme's received, approved, pending and
    overdue (every scheme listed, zeros included). The figures link to the officers' counts
    page, which shows them by district and scheme within the reader's own scope."""
    rows = application_counts_of(
        applications=Application.objects.filter(scope.where("district")), now=now
    )
    link = _link(APPLICATIONS)
    received, approved, pending, overdue = _summed(rows)
    figures = [
        Figure(_("Applications received"), received, link=link),
        Figure(_("Applications approved"), approved, link=link),
        Figure(_("Applications pending"), pending, link=link),
        Figure(_("Applications overdue"), overdue, link=link),
    ]
    for code, name in Scheme.objects.order_by("code").values_list("code", "name"):
        received, approved, pending, overdue = _summed([r for r in rows if r.scheme == code])
        for label, value in (
            (_("%(scheme)s: received"), received),
            (_("%(scheme)s: approved"), approved),
            (_("%(scheme)s: pending"), pending),
            (_("%(scheme)s: overdue"), overdue),
        ):
            figures.append(Figure(label % {"scheme": name}, value, link=link))
    return Section(
        key="applications",
        title=_("Scheme applications"),
        figures=tuple(figures),
        note=_("Pending: in progress. Overdue: in progress past its stage's service days."),
    )
