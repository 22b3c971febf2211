"""Forms of the bazaar's pages. They parse input only: every rule (who may, stock, identifiers'
checksums, consent, photo checks) is in `bazaar.services`, the models and `bazaar.photos`,
whose `ValidationError`s the views put back onto these forms."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from odop.accounts.models import User
from odop.bazaar.models import Listing, ListingStatus, OrderStatus, Unit
from odop.core import bounds
from odop.core.forms import Form, IdField, ModelChecksFormMixin
from odop.geography.models import District
from odop.geography.selectors import districts_of_officer
from odop.producers.models import CertificationKind, Producer, ProducerKind
from odop.producers.services import identifiers_normalise
from odop.registry.models import DistrictProduct, GIEntry, Sector

TEXT_MAX = 2000
DATE_INPUT = forms.DateInput(attrs={"type": "date"})
PRICE = {
    "max_digits": 12,
    "decimal_places": 2,
    "min_value": bounds.PRICE_MIN,
    "max_value": bounds.PRICE_MAX,
}


class DistrictField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}, {obj.state.name}"


# ---------------------------------------------------------------- storefront


class StorefrontForm(Form):
    """The storefront's search box and facets, read from the query string."""

    q = forms.CharField(label=_("Search products"), max_length=100, required=False)
    state = forms.IntegerField(
        label=_("State"), required=False, min_value=0, max_value=bounds.LGD_CODE_MAX
    )
    district = forms.IntegerField(
        label=_("District"), required=False, min_value=0, max_value=bounds.LGD_CODE_MAX
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("Any sector")), *Sector.choices], required=False
    )
    gi_only = forms.BooleanField(label=_("GI products only"), required=False)
    export_ready = forms.BooleanField(label=_("Export ready"), required=False)
    product = IdField(label=_("Product"), required=False)
    price_min = forms.DecimalField(
        label=_("Lowest price (₹)"),
        required=False,
        min_value=0,
        max_value=bounds.PRICE_MAX,
        max_digits=12,
        decimal_places=2,
    )
    price_max = forms.DecimalField(
        label=_("Highest price (₹)"),
        required=False,
        min_value=0,
        max_value=bounds.PRICE_MAX,
        max_digits=12,
        decimal_places=2,
    )


# ---------------------------------------------------------------- buying


class InquiryForm(Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=bounds.QUANTITY_MAX)
    message = forms.CharField(
        label=_("Message to the producer"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OrderForm(Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=bounds.QUANTITY_MAX)


class QuoteAcceptForm(Form):
    quote = IdField()


class OrderMoveForm(Form):
    order = IdField()
    to_status = forms.ChoiceField(choices=OrderStatus.choices)


class PaymentForm(Form):
    order = IdField()
    note = forms.CharField(label=_("Payment note"), max_length=300, required=False)


# ---------------------------------------------------------------- selling


class ProducerForm(ModelChecksFormMixin, Form):
    """A producer's own registration; `AssistedProducerForm` adds what officers record. The
    producer model's checks run with the form's, so every error shows at once (issue 12)."""

    checked_model = Producer

    name = forms.CharField(label=_("Name of the producer or group"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProducerKind.choices)
    district = DistrictField(label=_("District"), queryset=District.objects.none())
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=bounds.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    pin_code = forms.CharField(label=_("PIN code"), max_length=6)
    phone = forms.CharField(label=_("Phone"), max_length=16, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    gstin = forms.CharField(label=_("GSTIN"), max_length=20, required=False)
    udyam_number = forms.CharField(
        label=_("Udyam registration number"), max_length=24, required=False
    )
    iec = forms.CharField(label=_("IEC"), max_length=12, required=False)
    fssai_number = forms.CharField(label=_("FSSAI licence number"), max_length=16, required=False)
    pan = forms.CharField(label=_("PAN"), max_length=12, required=False)
    aadhaar_last_four = forms.CharField(
        label=_("Aadhaar (last four digits only)"), max_length=4, required=False
    )

    def __init__(self, *args: Any, districts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["district"]
        assert isinstance(field, DistrictField)
        field.queryset = (
            districts
            if districts is not None
            else District.objects.select_related("state").order_by("state__name", "name")
        )

    def model_values_prepare(self, values: dict[str, Any]) -> dict[str, Any]:
        return identifiers_normalise(values)

    def producer_fields(self) -> dict[str, Any]:
        """The cleaned values `services.producer_register` takes as keyword arguments."""
        data = self.cleaned_data
        names = ["address", "phone", "email", "gstin", "udyam_number", "iec"]
        names += ["fssai_number", "pan", "aadhaar_last_four"]
        return {name: data[name] for name in names}


class AssistedProducerForm(ProducerForm):
    """An officer registers a producer on their behalf: districts of their scope only, and a
    note of how the producer consented (the service refuses an empty one)."""

    consent_note = forms.CharField(
        label=_("How the producer gave consent"),
        help_text=_("For example: signed form kept at the District Industries Centre."),
        max_length=300,
        required=False,  # the service decides, so its error is the one shown
        widget=forms.TextInput(attrs={"required": True}),
    )
    account = forms.CharField(
        label=_("Producer's account (username), if they have one"),
        max_length=150,
        required=False,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, districts=districts_of_officer(user), **kwargs)

    def clean(self) -> dict[str, Any]:
        """The consent note with the other errors (the service refuses an empty one too)."""
        data = super().clean()
        if not (data.get("consent_note") or "").strip() and "consent_note" not in self.errors:
            self.add_error(
                "consent_note",
                ValidationError(
                    _("Record how the producer agreed to be registered."), code="consent_missing"
                ),
            )
        return data


class ProducerVerifyForm(Form):
    producer = IdField()
    verified = forms.TypedChoiceField(
        choices=[("1", _("Verify")), ("0", _("Suspend"))], coerce=lambda value: value == "1"
    )


class ListingForm(ModelChecksFormMixin, Form):
    """A listing's trade facts. The product is chosen only when creating the listing. The
    listing model's checks (HS code, GTIN) run with the form's (issue 12)."""

    checked_model = Listing

    def model_values_prepare(self, values: dict[str, Any]) -> dict[str, Any]:
        prepared = dict(values)
        if isinstance(prepared.get("hs_code"), str):
            prepared["hs_code"] = "".join(prepared["hs_code"].split())
        if isinstance(prepared.get("country_of_origin"), str):
            prepared["country_of_origin"] = prepared["country_of_origin"].upper()
        return prepared

    product = forms.ModelChoiceField(label=_("Product"), queryset=DistrictProduct.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    story = forms.CharField(
        label=_("The product's story"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    price = forms.DecimalField(label=_("Price per unit (₹)"), **PRICE)  # type: ignore[arg-type]
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    minimum_order = forms.IntegerField(
        label=_("Minimum order"), min_value=1, max_value=bounds.QUANTITY_MAX, initial=1
    )
    monthly_capacity = forms.IntegerField(
        label=_("Monthly capacity"), min_value=0, max_value=bounds.STOCK_MAX, required=False
    )
    lead_time_days = forms.IntegerField(
        label=_("Lead time (days)"), min_value=0, max_value=bounds.LEAD_TIME_DAYS_MAX, initial=7
    )
    stock = forms.IntegerField(label=_("Stock"), min_value=0, max_value=bounds.STOCK_MAX, initial=0)
    hs_code = forms.CharField(label=_("HS code"), max_length=8, required=False)
    gtin = forms.CharField(label=_("GTIN (barcode)"), max_length=14, required=False)
    country_of_origin = forms.CharField(label=_("Country of origin"), max_length=2, initial="IN")
    export_ready = forms.BooleanField(label=_("Export ready"), required=False)

    def __init__(self, *args: Any, producer: Producer, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            field = self.fields["product"]
            assert isinstance(field, forms.ModelChoiceField)
            # Only the products the national list names for the producer's district.
            field.queryset = DistrictProduct.objects.filter(
                district_id=producer.district_id
            ).order_by("name")
        else:
            del self.fields["product"]
            del self.fields["stock"]  # stock has its own form (and its own row lock)

    def listing_fields(self) -> dict[str, Any]:
        """The cleaned values `listing_create` / `listing_update` take as keyword arguments."""
        data = dict(self.cleaned_data)
        data.pop("product", None)
        data.pop("stock", None)
        data["hs_code"] = "".join(data["hs_code"].split())
        data["country_of_origin"] = data["country_of_origin"].upper()
        return data


class PhotoForm(Form):
    # A FileField, not an ImageField: `bazaar.photos` judges the content and names the error.
    photo = forms.FileField(label=_("Photo (JPEG, PNG or WebP)"))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class PhotoDeleteForm(Form):
    photo = IdField()


class StockForm(Form):
    listing = IdField()
    stock = forms.IntegerField(label=_("Stock"), min_value=0, max_value=bounds.STOCK_MAX)


class ListingMoveForm(Form):
    listing = IdField()
    to_status = forms.ChoiceField(choices=ListingStatus.choices)


class QuoteForm(Form):
    inquiry = IdField()
    unit_price = forms.DecimalField(label=_("Price per unit (₹)"), **PRICE)  # type: ignore[arg-type]
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=bounds.QUANTITY_MAX)
    valid_until = forms.DateField(
        label=_("Valid until"), widget=DATE_INPUT, initial=lambda: date.today() + timedelta(14)
    )
    note = forms.CharField(label=_("Note"), max_length=TEXT_MAX, required=False)
    made_to_order = forms.BooleanField(
        label=_("Made to order (more than I hold in stock)"), required=False
    )
    lead_time_days = forms.IntegerField(
        label=_("Ready in (days), if made to order"),
        min_value=1,
        max_value=bounds.LEAD_TIME_DAYS_MAX,
        required=False,
    )


class CertificationForm(Form):
    kind = forms.ChoiceField(label=_("Certificate"), choices=CertificationKind.choices)
    number = forms.CharField(label=_("Certificate number"), max_length=60)
    gi_entry = forms.ModelChoiceField(
        label=_("GI (for a GI authorised-user certificate)"),
        queryset=GIEntry.objects.none(),
        required=False,
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE_INPUT, required=False)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE_INPUT)

    def __init__(self, *args: Any, producer: Producer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["gi_entry"]
        assert isinstance(field, forms.ModelChoiceField)
        # The GIs registered for the producer's State: a short list on a phone.
        field.queryset = GIEntry.objects.filter(states=producer.district.state_id).order_by("name")
