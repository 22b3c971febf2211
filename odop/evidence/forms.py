"""Forms of the officers' statistics pages."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from odop.core.forms import Form
from odop.evidence.models import YEAR_MAX, YEAR_MIN
from odop.evidence.uploads import upload_validate


class StatisticsUploadForm(Form):
    """A CSV or XLSX statistics file (≤ 5 MB) and the year of rows that give none."""

    file = forms.FileField(
        label=_("CSV or Excel (.xlsx) file, at most 5 MB"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    reference_year = forms.IntegerField(
        label=_("Reference year"),
        required=False,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        help_text=_("The year of rows whose file has no Year column or an empty Year cell."),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        upload_validate(upload)
        return upload
