"""Forms of the centre pages: booking a machine, and a month's utilisation (typed or
uploaded). Ranges are the models' (odop.core.bounds and facilities.models)."""

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odop.core import bounds
from odop.core.forms import Form, IdField
from odop.facilities.models import HOURS_IN_MONTH_MAX, Equipment

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
UPLOAD_MAX_BYTES = 1_048_576


class BookingForm(Form):
    """A machine, a day and a time range (in the site's time zone)."""

    equipment = forms.TypedChoiceField(label=_("Machine"), coerce=int)
    day = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args: Any, machines: list[Equipment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["equipment"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(machine.pk, machine.name) for machine in machines]

    def times(self) -> tuple[dt.datetime, dt.datetime]:
        """The chosen range as aware datetimes."""
        zone = timezone.get_current_timezone()
        day = self.cleaned_data["day"]
        return (
            dt.datetime.combine(day, self.cleaned_data["start"], tzinfo=zone),
            dt.datetime.combine(day, self.cleaned_data["end"], tzinfo=zone),
        )


class BookingActionForm(Form):
    """The booking a button acts on."""

    booking = IdField()


def month_parse(value: str) -> tuple[int, int]:
    """(year, month) from "YYYY-MM", or a ValidationError coded `bad_month`."""
    match = MONTH_PATTERN.match(value.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(_("Give the month as YYYY-MM."), code="bad_month")
    year = int(match.group(1))
    if not bounds.YEAR_MIN <= year <= bounds.YEAR_MAX:
        raise ValidationError(_("Give the month as YYYY-MM."), code="bad_month")
    return year, int(match.group(2))


class UtilisationForm(Form):
    """A month's figures: people served, money in and out, and hours per machine. Hours may
    be negative or too many here: the service refuses them with its own coded message."""

    month = forms.CharField(
        label=_("Month"), max_length=7, widget=forms.TextInput(attrs={"type": "month"})
    )
    users_served = forms.IntegerField(
        label=_("Users served"), min_value=0, max_value=bounds.COUNT_MAX
    )
    income = forms.DecimalField(
        label=_("Income (₹)"),
        min_value=Decimal(0),
        max_value=bounds.MONEY_MAX,
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
    )
    expenses = forms.DecimalField(
        label=_("Expenses (₹)"),
        min_value=Decimal(0),
        max_value=bounds.MONEY_MAX,
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
    )
    note = forms.CharField(
        label=_("Why the correction (only when correcting)"),
        required=False,
        max_length=bounds.NOTE_MAX,
    )

    def __init__(self, *args: Any, machines: list[Equipment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.machines = machines
        for machine in machines:
            self.fields[f"hours_{machine.pk}"] = forms.DecimalField(
                label=_("Hours used: %(machine)s") % {"machine": machine.name},
                max_digits=6,
                decimal_places=1,
                min_value=-HOURS_IN_MONTH_MAX * 10,
                max_value=HOURS_IN_MONTH_MAX * 10,
                initial=Decimal(0),
            )

    def clean_month(self) -> tuple[int, int]:
        return month_parse(self.cleaned_data["month"])

    def hours(self) -> dict[int, Decimal]:
        return {machine.pk: self.cleaned_data[f"hours_{machine.pk}"] for machine in self.machines}


class UtilisationUploadForm(Form):
    """A CSV or XLSX file with the columns month, machine, hours_used, users_served, income,
    expenses (one row per machine and month)."""

    file = forms.FileField(label=_("Spreadsheet (.csv or .xlsx)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_MAX_BYTES:
            raise ValidationError(_("The file is larger than 1 MB."), code="too_large")
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Upload a .csv or .xlsx file."), code="bad_file_type")
        return upload
