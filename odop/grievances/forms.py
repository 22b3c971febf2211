"""Forms of the grievance pages: filing, the officers' replies and the filer's rating."""

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from odop.core import bounds
from odop.geography.models import District
from odop.grievances.models import SUBJECT_MAX, GrievanceCategory, Rating
from odop.grievances.numbers import NUMBER_MAX_LENGTH
from odop.producers.forms import DistrictChoiceField


def in_language(*, en: str, hi: str) -> str:
    """The Hindi words on Hindi pages, the English ones otherwise."""
    return hi if (get_language() or "en").startswith("hi") and hi else en


class CategoryChoiceField(forms.ModelChoiceField):
    """A category, named in the page's language."""

    def label_from_instance(self, obj: Any) -> str:
        return in_language(en=obj.name, hi=obj.name_hi)


class GrievanceFileForm(forms.Form):
    category = CategoryChoiceField(
        label=_("What is it about?"), queryset=GrievanceCategory.objects.none()
    )
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    description = forms.CharField(
        label=_("Describe the problem"),
        max_length=bounds.MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Dates, order or application numbers, amounts: what happened and what you ask."
        ),
    )
    district = DistrictChoiceField(
        label=_("District"),
        queryset=District.objects.select_related("state").order_by("state__name", "name"),
        required=False,
        help_text=_("Leave empty for your own district."),
    )

    def __init__(self, *args: Any, categories: Any, on_behalf: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]
        if on_behalf:
            self.fields["producer"] = forms.IntegerField(
                label=_("Producer number (when filing for a producer)"),
                min_value=1,
                max_value=bounds.ID_MAX,
                required=False,
            )
            self.fields["consent_note"] = forms.CharField(
                label=_("How the producer agreed"),
                max_length=bounds.NOTE_MAX,
                required=False,
            )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Reply"), max_length=bounds.MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )


class InterimForm(forms.Form):
    note = forms.CharField(
        label=_("Why it takes longer"),
        max_length=bounds.MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    expected_by = forms.DateField(
        label=_("Answer expected by"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
    )


class EscalateForm(forms.Form):
    note = forms.CharField(
        label=_("Why it goes up a level"),
        max_length=bounds.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("How was the reply?"), choices=Rating.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything to add"),
        max_length=bounds.NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Grievance number"), max_length=NUMBER_MAX_LENGTH * 2)
