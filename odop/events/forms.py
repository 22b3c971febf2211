"""Forms of the event pages (issue 16); every write goes through odop.events.services."""

import zoneinfo
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from odop.core import bounds
from odop.core.countries import country_choices, validate_country_code
from odop.core.forms import Form
from odop.events.matching.spec import MEETINGS_CAP_MAX, SLOTS_MAX, TABLES_MAX
from odop.events.models import (
    NAME_MAX,
    STALL_AREA_MAX,
    STALL_AREA_MIN,
    STALL_GRID_MAX,
    STALLS_PER_SELLER_MAX,
    Event,
    EventKind,
    MeetingResult,
    OutreachKind,
    Side,
)
from odop.registry.models import DistrictProduct


class EventCreateForm(Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    organiser_name = forms.CharField(label=_("Organiser"), max_length=NAME_MAX)
    venue = forms.CharField(label=_("Venue"), max_length=NAME_MAX)
    country = forms.RegexField(
        label=_("Country (ISO code)"),
        regex=r"^[A-Z]{2}$",
        initial="IN",
        max_length=2,
        validators=[validate_country_code],
    )
    city = forms.CharField(label=_("City"), max_length=120)
    starts_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    first_slot = forms.TimeField(
        label=_("First meeting starts at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    slot_minutes = forms.IntegerField(label=_("Minutes per meeting"), min_value=5, max_value=240)
    slot_count = forms.IntegerField(label=_("Number of slots"), min_value=1, max_value=SLOTS_MAX)
    tables = forms.IntegerField(label=_("Tables"), min_value=1, max_value=TABLES_MAX)


class RegistrationForm(Form):
    side = forms.ChoiceField(label=_("I come as"), choices=Side.choices)
    company = forms.CharField(label=_("Company"), max_length=NAME_MAX, required=False)
    country = forms.RegexField(
        label=_("Country (ISO code)"),
        regex=r"^[A-Z]{2}$",
        initial="IN",
        max_length=2,
        validators=[validate_country_code],
    )
    hs_codes = forms.CharField(
        label=_("HS codes you offer or seek (4 or 6 digits, separated by commas)"), max_length=400
    )
    available = forms.MultipleChoiceField(
        label=_("Slots you are free in"), widget=forms.CheckboxSelectMultiple, required=False
    )
    max_meetings = forms.IntegerField(
        label=_("Most meetings"), min_value=0, max_value=MEETINGS_CAP_MAX, initial=4
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any label is accepted here so that the service names a slot outside the event.
        zone = zoneinfo.ZoneInfo(event.time_zone)  # slots shown in the event's own time
        available = self.fields["available"]
        assert isinstance(available, forms.MultipleChoiceField)
        available.choices = [
            (slot.label, slot.starts_at.astimezone(zone).strftime("%d-%m %H:%M"))
            for slot in event.slots.all()
        ]
        available.valid_value = lambda value: True  # type: ignore[method-assign]

    def clean_hs_codes(self) -> list[str]:
        text = self.cleaned_data["hs_codes"]
        return [code.strip() for code in text.replace(";", ",").split(",") if code.strip()]


class OutcomeForm(Form):
    meeting = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=bounds.ID_MAX)
    held = forms.BooleanField(label=_("Held"), required=False)
    result = forms.ChoiceField(label=_("Result"), choices=MeetingResult.choices)
    value = forms.DecimalField(
        label=_("Value"),
        required=False,
        min_value=0,
        max_value=bounds.MONEY_MAX,
        decimal_places=2,
        max_digits=bounds.MONEY_DIGITS,
    )
    currency = forms.RegexField(
        label=_("Currency"), regex=r"^[A-Z]{3}$", required=False, initial="INR", max_length=3
    )
    follow_up_on = forms.DateField(
        label=_("Follow up by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )


class _CountryChoiceField(forms.ChoiceField):
    """A select of countries by name (in the page's language), the ISO code as value."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=country_choices, validators=[validate_country_code], **kwargs)


class OutreachForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutreachKind.choices)
    country = _CountryChoiceField(label=_("Country"))
    held_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Products shown"),
        queryset=DistrictProduct.objects.select_related("district").order_by("name"),
        required=False,
    )
    results = forms.CharField(
        label=_("Results"), widget=forms.Textarea, required=False, max_length=bounds.NOTE_MAX
    )


class ConsignmentForm(Form):
    product = forms.ModelChoiceField(label=_("District product"), queryset=DistrictProduct.objects)
    destination_city = forms.CharField(label=_("Destination city"), max_length=120)
    destination_country = _CountryChoiceField(label=_("Destination country"), initial="IN")
    quantity = forms.DecimalField(
        label=_("Quantity"),
        min_value=Decimal("0.001"),
        max_value=bounds.QUANTITY_MAX,
        decimal_places=3,
        max_digits=12,
    )
    unit = forms.CharField(label=_("Unit"), max_length=16)
    value = forms.DecimalField(
        label=_("Value"),
        min_value=0,
        max_value=bounds.MONEY_MAX,
        decimal_places=2,
        max_digits=bounds.MONEY_DIGITS,
    )
    currency = forms.RegexField(
        label=_("Currency"), regex=r"^[A-Z]{3}$", initial="INR", max_length=3
    )
    partners = forms.CharField(
        label=_("Partners"), widget=forms.Textarea, required=False, max_length=bounds.NOTE_MAX
    )
    documents = forms.CharField(
        label=_("Documents"), widget=forms.Textarea, required=False, max_length=bounds.NOTE_MAX
    )

    def __init__(self, *args: Any, products: QuerySet[DistrictProduct], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        product = self.fields["product"]
        assert isinstance(product, forms.ModelChoiceField)
        product.queryset = products


class StallLayoutForm(Form):
    """A block of rows x columns stalls numbered prefix-1, prefix-2, … row by row."""

    hall = forms.CharField(label=_("Hall"), max_length=60, required=False)
    code_prefix = forms.RegexField(
        label=_("Code prefix"), regex=r"^[A-Za-z0-9]{1,8}$", max_length=8, initial="A"
    )
    rows = forms.IntegerField(label=_("Rows"), min_value=1, max_value=STALL_GRID_MAX, initial=2)
    columns = forms.IntegerField(
        label=_("Columns"), min_value=1, max_value=STALL_GRID_MAX, initial=5
    )
    first_row = forms.IntegerField(
        label=_("Starting at row"), min_value=1, max_value=STALL_GRID_MAX, initial=1
    )
    first_column = forms.IntegerField(
        label=_("Starting at column"), min_value=1, max_value=STALL_GRID_MAX, initial=1
    )
    area_m2 = forms.DecimalField(
        label=_("Area of each stall (m²)"),
        min_value=STALL_AREA_MIN,
        max_value=STALL_AREA_MAX,
        decimal_places=2,
        max_digits=5,
        initial=9,
    )


class StallsPerSellerForm(Form):
    stalls_per_seller = forms.IntegerField(
        label=_("Stalls a seller may hold"), min_value=1, max_value=STALLS_PER_SELLER_MAX
    )


class StallAllocateForm(Form):
    """One stall's seller (blank frees it) and the claim that pays for it, as ids; the service
    checks that they belong to the event and to each other."""

    stall = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=bounds.ID_MAX)
    registration = forms.IntegerField(
        label=_("Seller"), required=False, min_value=1, max_value=bounds.ID_MAX
    )
    claim = forms.IntegerField(
        label=_("Marketing-assistance claim"),
        required=False,
        min_value=1,
        max_value=bounds.ID_MAX,
    )
