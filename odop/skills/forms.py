"""The forms of the training pages. Each number has the same range as its model field and
the database check (`models` constants, `core.bounds`)."""

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from odop.accounts.models import User
from odop.core import bounds
from odop.core.forms import Form, IdField
from odop.geography.models import District
from odop.skills.models import (
    AGE_MAX,
    AGE_MIN,
    DURATION_DAYS_MAX,
    NAME_MAX,
    PERCENT_MAX,
    SCORE_MAX,
    SEATS_MAX,
    TOOLKIT_ITEMS_MAX,
    VENUE_MAX,
    Programme,
    ProgrammeKind,
)
from odop.skills.selectors import SheetRow
from odop.skills.workflow import DECISIONS


def in_language(*, en: str, hi: str) -> str:
    """The Hindi words on Hindi pages (when there are any), the English ones otherwise."""
    return hi if (get_language() or "en").startswith("hi") and hi else en


class ApplyForm(Form):
    """Apply for a seat: for the producer's own person, or (officers) for a producer by id."""

    producer = IdField(label=_("Producer number"), widget=forms.NumberInput)
    member = IdField(
        label=_("Member number (a collective's member)"),
        required=False,
        widget=forms.NumberInput,
    )
    applicant_name = forms.CharField(label=_("Trainee's name"), max_length=NAME_MAX)
    age = forms.IntegerField(label=_("Trainee's age"), min_value=AGE_MIN, max_value=AGE_MAX)

    def __init__(self, *args: Any, producer_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if producer_id is not None:  # a producer applies for themselves: no number to type
            self.fields["producer"].widget = forms.HiddenInput()
            self.fields["producer"].initial = producer_id


class DecideForm(Form):
    application = IdField()
    status = forms.ChoiceField(choices=[(status, status) for status in sorted(DECISIONS)])


class AssessForm(Form):
    application = IdField()
    score = forms.IntegerField(label=_("Score (out of 100)"), min_value=0, max_value=SCORE_MAX)


class ToolkitForm(Form):
    application = IdField()
    issued_on = forms.DateField(
        label=_("Issued on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    items = forms.CharField(label=_("Items"), max_length=TOOLKIT_ITEMS_MAX)


class IssueForm(Form):
    """Issue the certificates earned so far (no field: the rules decide who)."""


class RevokeForm(Form):
    reason = forms.CharField(
        label=_("Reason for revoking"), max_length=bounds.NOTE_MAX, widget=forms.Textarea
    )


class DayForm(Form):
    """Which day's sheet to open."""

    day = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )


class AttendanceForm(Form):
    """One day's sheet: a large tick box per selected trainee, ticked when present."""

    day = forms.DateField(
        widget=forms.HiddenInput,
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    present = forms.TypedMultipleChoiceField(
        label=_("Present"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, sheet: list[SheetRow], day: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        present = self.fields["present"]
        assert isinstance(present, forms.TypedMultipleChoiceField)
        present.choices = [(row.application.pk, row.application.applicant_name) for row in sheet]
        self.fields["day"].initial = day
        # Unmarked days start with everyone present: the trainer unticks the absent.
        self.fields["present"].initial = [
            row.application.pk for row in sheet if row.present is not False
        ]


class ProgrammeForm(Form):
    """A new programme: national (no State) for national admins, else the officer's State."""

    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    name_hi = forms.CharField(label=_("Name in Hindi"), max_length=NAME_MAX, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeKind.choices)
    duration_days = forms.IntegerField(
        label=_("Duration (days)"), min_value=1, max_value=DURATION_DAYS_MAX
    )
    residential = forms.BooleanField(label=_("Residential"), required=False)
    toolkit = forms.BooleanField(label=_("A toolkit is given"), required=False)
    pass_mark = forms.IntegerField(
        label=_("Pass mark (out of 100)"), min_value=0, max_value=SCORE_MAX, initial=50
    )
    attendance_required_percent = forms.IntegerField(
        label=_("Attendance required for a certificate (%)"),
        min_value=0,
        max_value=PERCENT_MAX,
        initial=80,
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=bounds.STORY_MAX, widget=forms.Textarea
    )


class BatchForm(Form):
    """A new batch in the officer's area, trained by a trainer."""

    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.none())
    trainer = forms.ModelChoiceField(label=_("Trainer"), queryset=User.objects.none())
    start_date = forms.DateField(
        label=_("First day"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    end_date = forms.DateField(
        label=_("Last day"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )
    venue = forms.CharField(label=_("Venue"), max_length=VENUE_MAX)
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=SEATS_MAX)
    age_min = forms.IntegerField(
        label=_("Youngest age"), min_value=AGE_MIN, max_value=AGE_MAX, initial=18
    )
    age_max = forms.IntegerField(
        label=_("Oldest age"), min_value=AGE_MIN, max_value=AGE_MAX, initial=60
    )

    def __init__(
        self,
        *args: Any,
        programmes: QuerySet[Programme],
        districts: QuerySet[District],
        trainers: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("programme", programmes),
            ("district", districts),
            ("trainer", trainers),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
