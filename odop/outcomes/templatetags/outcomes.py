"""Template tags of outcomes: the policy coverage line of a State's public page."""

from typing import Any

from django import template

from odop.geography.models import State
from odop.outcomes.selectors import policy_coverage

register = template.Library()


@register.inclusion_tag("outcomes/_policy_coverage.html")
def state_policy_coverage(state: State) -> dict[str, Any]:
    """Each policy in force in `state` with "N of M products covered by …" (nothing when the
    State has no policy recorded)."""
    return {"state": state, "rows": policy_coverage(state=state)}
