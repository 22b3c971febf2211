"""Pages of the markets app: the HS code confirmation queue for officers (the public export
profile that uses `markets.profile` is in `exports.views`, next to the plan it links to).

Views stay thin: figures through `markets.selectors`, writes through `markets.services`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from odop.accounts.models import User
from odop.markets.selectors import hs_coverage, product_types_to_decide, suggestions_of
from odop.markets.services import hs_code_confirm, hs_code_reject
from odop.registry.permissions import access_product_type

HS_PAGE_SIZE = 25


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def hs_codes_view(request: HttpRequest) -> HttpResponse:
    """Officers' queue of product types to give an HS 2022 code: the best suggestions with
    their scores, a button to confirm or reject each, and a field to enter another code.
    POST: `product_type`, `code`, `decision` (confirm or reject)."""
    user = request.user
    assert isinstance(user, User)
    if not user.is_officer:
        raise PermissionDenied
    error: str = ""
    if request.method == "POST":
        product_type = access_product_type(user, request.POST.get("product_type", ""))
        decide = hs_code_confirm if request.POST.get("decision") == "confirm" else hs_code_reject
        try:
            link = decide(
                actor=user, product_type=product_type, hs_code=request.POST.get("code", "").strip()
            )
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        else:
            messages.success(
                request,
                _("%(type)s: %(code)s %(status)s.")
                % {
                    "type": product_type.name,
                    "code": link.hs_code.code,
                    "status": link.get_status_display().lower(),
                },
            )
            return redirect(request.get_full_path())
    status = request.GET.get("status", "open")
    query = request.GET.get("q", "")[:100]
    page = Paginator(
        product_types_to_decide(user=user, status=status, query=query), HS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    suggestions = suggestions_of(product_type_ids=[t.pk for t in page.object_list])
    return render(
        request,
        "markets/hs_codes.html",
        {
            "page": page,
            "rows": [(t, suggestions.get(t.pk, [])) for t in page.object_list],
            "status": status,
            "query": query,
            "coverage": hs_coverage(),
            "error": error,
        },
    )
