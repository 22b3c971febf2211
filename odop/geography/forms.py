"""Forms of the place registry's officer tools."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ALLOWED_SUFFIXES = (".csv", ".xlsx")


class ResolverUploadForm(forms.Form):
    """A CSV or XLSX file and the names of its State and district columns."""

    file = forms.FileField(label=_("CSV or Excel (.xlsx) file"))
    state_column = forms.CharField(label=_("State column"), initial="State", max_length=100)
    district_column = forms.CharField(
        label=_("District column"), initial="District", max_length=100
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(ALLOWED_SUFFIXES):
            raise ValidationError(_("Upload a .csv or .xlsx file."), code="file_type")
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."), code="file_size")
        return upload
