"""Pages of the markets app: a district's public export profile, and the HS code confirmation
queue for officers.

Views stay thin: districts come through the geography gate (404 for unknown codes), figures
through `markets.profile` and `markets.selectors`, writes through `markets.services`.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from odop.exports.selectors import public_plan_of_district
from odop.geography.permissions import access_district
from odop.markets.profile import district_export_profile


@require_safe
def district_exports_view(request: HttpRequest, lgd_code: int) -> HttpResponse:
    """A district's export profile: its products and HS codes, India's markets for them and
    their growth, markets with untapped potential (with the reasons) and new products."""
    district = access_district(request.user, lgd_code)
    return render(
        request,
        "markets/district_exports.html",
        {
            "profile": district_export_profile(district=district),
            "district": district,
            "plan": public_plan_of_district(user=request.user, district=district),
        },
    )
