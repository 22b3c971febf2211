"""Forms of the producer registry's pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from odop.core import bounds
from odop.core.forms import IdField
from odop.geography.models import District
from odop.producers.models import Gender, MemberRole, SocialCategory
from odop.registry.models import DistrictProduct


class ProducerUploadForm(forms.Form):
    file = forms.FileField(
        label=_("List of producers (.csv or .xlsx)"),
        help_text=_(
            "Columns: name, kind, state, district, pin_code, consent_note; optional: address, "
            "phone, email, gstin, udyam_number, iec, fssai_number, pan."
        ),
    )


class MemberForm(forms.Form):
    """A member of a collective; Aadhaar may be typed whole (only its last four are kept)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    social_category = forms.ChoiceField(
        label=_("Social category"),
        choices=SocialCategory.choices,
        initial=SocialCategory.NOT_STATED,
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    aadhaar = forms.CharField(
        label=_("Aadhaar number or its last four digits"),
        max_length=14,
        required=False,
        help_text=_("Only the last four digits are kept."),
    )


class BankForm(forms.Form):
    """The account subsidies are paid into; the number is kept as its last four digits."""

    holder = forms.CharField(label=_("Account holder"), max_length=200)
    ifsc = forms.CharField(label=_("IFSC"), max_length=14)
    account_number = forms.CharField(
        label=_("Account number"),
        max_length=24,
        help_text=_("Only the last four digits are kept and shown."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


class ProductsForm(forms.Form):
    """Which of its district's products the producer makes."""

    products = forms.ModelMultipleChoiceField(
        label=_("Products made"),
        queryset=DistrictProduct.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["products"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = DistrictProduct.objects.filter(district=district).order_by("name", "pk")


class MergeForm(forms.Form):
    """A national admin merges a duplicate record (by its number) into this one."""

    duplicate = IdField(label=_("Number of the duplicate record"))
    note = forms.CharField(label=_("Why"), max_length=bounds.NOTE_MAX, required=False)
    confirm = forms.BooleanField(
        label=_(
            "I have compared both records: move everything to this one and delete the duplicate."
        )
    )
