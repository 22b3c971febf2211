"""Forms of the export plan and first-time exporter pages. They parse input only: every rule
(who may, which moves, identifiers' checksums) is in `exports.services` and the models."""

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from odop.accounts.models import User
from odop.core.forms import Form, IdField
from odop.exports.models import (
    CHECKLIST_FIELDS,
    BottleneckStatus,
    BottleneckType,
    CommitteeRole,
    ExporterCandidate,
    ExporterStage,
    TargetKind,
)
from odop.geography.models import District
from odop.geography.selectors import districts_of_officer

TEXT_MAX = 2000
DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class DistrictField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}, {obj.state.name}"


class _OfficerDistrictForm(Form):
    """A form whose first field is a district of the officer's scope."""

    district = DistrictField(label=_("District"), queryset=District.objects.none())

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["district"]
        assert isinstance(field, DistrictField)
        field.queryset = districts_of_officer(user)


class PlanCreateForm(_OfficerDistrictForm):
    start_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)


class TargetForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TargetKind.choices)
    target_value = forms.DecimalField(label=_("Target"), max_digits=18, decimal_places=2)
    baseline = forms.DecimalField(
        label=_("Baseline"), max_digits=18, decimal_places=2, initial=Decimal(0), required=False
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    hs_code = forms.CharField(label=_("HS code"), max_length=6, required=False)
    market_iso3 = forms.CharField(label=_("Market (ISO3)"), max_length=3, required=False)


class ProgressForm(Form):
    target = IdField()
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT, initial=date.today)
    value = forms.DecimalField(label=_("Value"), max_digits=18, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=TEXT_MAX, required=False)


class BottleneckForm(Form):
    type = forms.ChoiceField(label=_("Type"), choices=BottleneckType.choices)
    description = forms.CharField(
        label=_("Description"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner_name = forms.CharField(label=_("Owner"), max_length=200)
    due_date = forms.DateField(label=_("Due date"), widget=DATE_INPUT, required=False)


class BottleneckMoveForm(Form):
    bottleneck = IdField()
    to_status = forms.ChoiceField(choices=BottleneckStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=TEXT_MAX, required=False)


class MemberForm(Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=CommitteeRole.choices)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)


class MeetingForm(Form):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    minutes = forms.CharField(
        label=_("Minutes"), max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExporterCreateForm(_OfficerDistrictForm):
    producer_name = forms.CharField(label=_("Producer"), max_length=200)
    product = forms.CharField(label=_("Product"), max_length=200)
    iec_number = forms.CharField(label=_("IEC"), max_length=10, required=False)
    gstin = forms.CharField(label=_("GSTIN"), max_length=15, required=False)


def checklist_label(name: str) -> str:
    """The readiness item's label (the model field's verbose name)."""
    return str(getattr(ExporterCandidate._meta.get_field(name), "verbose_name", name))


class ChecklistForm(Form):
    """The readiness checklist with the identifiers; labels come from the model fields."""

    iec_number = forms.CharField(label=_("IEC"), max_length=10, required=False)
    gstin = forms.CharField(label=_("GSTIN"), max_length=15, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in CHECKLIST_FIELDS:
            self.fields[name] = forms.BooleanField(label=checklist_label(name), required=False)

    def checklist(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data[name]) for name in CHECKLIST_FIELDS}


class ExporterMoveForm(Form):
    to_stage = forms.ChoiceField(choices=ExporterStage.choices)
    note = forms.CharField(label=_("Note"), max_length=TEXT_MAX, required=False)
