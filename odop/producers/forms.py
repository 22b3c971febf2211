"""Forms of the producer registry's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ProducerUploadForm(forms.Form):
    file = forms.FileField(
        label=_("List of producers (.csv or .xlsx)"),
        help_text=_(
            "Columns: name, kind, state, district, pin_code, consent_note; optional: address, "
            "phone, email, gstin, udyam_number, iec, fssai_number, pan."
        ),
    )
