"""Officers' tools of the place registry (the public place pages live in the catalogue)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from odop.core.tabular import table_from_csv_bytes, table_from_xlsx_bytes
from odop.geography.forms import ResolverUploadForm
from odop.geography.permissions import can_use_resolver
from odop.geography.selectors import district_table_resolve, resolved_table_csv


@login_required
def resolver_view(request: HttpRequest) -> HttpResponse:
    """Upload a CSV/XLSX with districts spelled any which way; download it with LGD codes."""
    if not can_use_resolver(request.user):
        raise Http404
    form = ResolverUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        raw = upload.read()
        try:
            if upload.name.lower().endswith(".xlsx"):
                table = table_from_xlsx_bytes(raw, name=upload.name)
            else:
                table = table_from_csv_bytes(raw, name=upload.name)
            resolved = district_table_resolve(
                table=table,
                state_column=form.cleaned_data["state_column"],
                district_column=form.cleaned_data["district_column"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            stem = upload.name.rsplit(".", 1)[0]
            response = HttpResponse(
                resolved_table_csv(resolved).encode("utf-8"), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{stem}-lgd.csv"'
            response["X-Rows-Resolved"] = str(
                sum(
                    count
                    for match, count in resolved.counts.items()
                    if match in {"code", "exact", "alias", "fuzzy"}
                )
            )
            return response
    return render(
        request,
        "geography/resolver.html",
        {
            "form": form,
            "title": _("District resolver"),
        },
    )
