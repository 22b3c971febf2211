"""Forms of the producer registry's pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from odop.accounts.forms import AccountFieldsForm
from odop.core import bounds
from odop.core.forms import IdField
from odop.geography.models import District
from odop.producers.models import Gender, MemberRole, ProducerKind, SocialCategory
from odop.registry.models import DistrictProduct


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
