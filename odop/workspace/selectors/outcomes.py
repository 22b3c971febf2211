"""The outcomes block of "My work": districts of the officer's scope with ODOP products and no
return for the last completed quarter."""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.geography.selectors import districts_of_officer
from odop.outcomes import permissions
from odop.outcomes.models import OutcomeReturn
from odop.outcomes.periods import Period, PeriodKind
from odop.registry.models import DistrictProduct
from odop.workspace.selectors.blocks import WorkBlock, WorkLink, page_url


def last_quarter(today: dt.date) -> Period:
    """The calendar quarter before the one `today` falls in."""
    quarter = (today.month - 1) // 3 + 1
    if quarter == 1:
        return Period(PeriodKind.QUARTER, today.year - 1, 4)
    return Period(PeriodKind.QUARTER, today.year, quarter - 1)


def outcomes_block(*, user: User, today: dt.date) -> WorkBlock | None:
    """Officers who upload returns: the districts of their scope still owing last quarter's."""
    if not permissions.can_upload_returns(user):
        return None
    period = last_quarter(today)
    districts = districts_of_officer(user).filter(
        Exists(DistrictProduct.objects.filter(district=OuterRef("pk")))
    )
    owing = districts.exclude(
        Exists(OutcomeReturn.objects.filter(district=OuterRef("pk"), period=period.text))
    ).count()
    return WorkBlock(
        key="outcomes",
        title=_("Outcome returns"),
        url=page_url("outcomes:upload"),
        links=(
            WorkLink(
                _("Districts without a return for %(period)s") % {"period": period.text},
                owing,
                page_url("outcomes:upload"),
            ),
        ),
    )
