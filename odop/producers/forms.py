"""Forms of the producer registry's pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from odop.accounts.forms import AccountFieldsForm
from odop.geography.models import District
from odop.producers.models import ProducerKind


class DistrictChoiceField(forms.ModelChoiceField):
    """A district, named with its State (several States have a district of the same name)."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}, {obj.state.name}"


class ProducerUploadForm(forms.Form):
    file = forms.FileField(
        label=_("List of producers (.csv or .xlsx)"),
        help_text=_(
            "Columns: name, kind, state, district, pin_code, consent_note; optional: address, "
            "phone, email, gstin, udyam_number, iec, fssai_number, pan."
        ),
    )


class ProducerSignupForm(AccountFieldsForm):
    """A producer's own sign-up (issue 12): their account, and the enterprise their district
    officer will verify."""

    enterprise = forms.CharField(label=_("Name of your enterprise or group"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProducerKind.choices)
    district = DistrictChoiceField(
        label=_("District"),
        queryset=District.objects.select_related("state").order_by("state__name", "name"),
        help_text=_("The district where you make your products; its officer verifies you."),
    )
    pin_code = forms.CharField(label=_("PIN code"), max_length=6, min_length=6)
    phone = forms.CharField(label=_("Phone"), max_length=16, required=False)

    field_order = [
        "name",
        "enterprise",
        "kind",
        "district",
        "pin_code",
        "phone",
        "email",
        "password",
        "password_again",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pin_code"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "postal-code"}
        )
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
