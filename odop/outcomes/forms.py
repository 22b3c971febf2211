"""Forms of the outcomes pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReturnUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Outcome return (.csv or .xlsx)"),
        help_text=_(
            "Columns: state, district, product, period, jobs, sales_inr, exports_inr; optional: "
            "jobs_women_share, jobs_scst_share, producers, production, production_unit, "
            "exports_usd, source. Periods: 2026-04, 2026-Q2 or FY2026-27."
        ),
    )
