"""The public calculator (a form built from a scheme version's declared facts), and the
officers' forms to propose a parameter value and to decide on a proposal.

Each fact becomes a field of its type with the same bounds the engine checks (amounts in
rupees with paise, whole numbers, yes/no, a choice), labelled in the page's language.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from odop.core import bounds
from odop.core.forms import IdField
from odop.schemes.models import (
    PARAMETER_VALUE_DIGITS,
    PARAMETER_VALUE_MAX,
    PARAMETER_VALUE_PLACES,
    REFERENCE_MAX,
)
from odop.schemes.spec import Fact, FactType, VersionSpec


def in_language(*, en: str, hi: str) -> str:
    """The Hindi words on Hindi pages, the English ones otherwise."""
    return hi if (get_language() or "en").startswith("hi") and hi else en


def _field(fact: Fact) -> forms.Field:
    label = in_language(en=fact.en, hi=fact.hi)
    if fact.type == FactType.DECIMAL:
        return forms.DecimalField(
            label=label,
            min_value=fact.minimum,
            max_value=fact.maximum,
            decimal_places=2,
            max_digits=bounds.MONEY_DIGITS,
        )
    if fact.type == FactType.INTEGER:
        return forms.IntegerField(
            label=label,
            min_value=int(fact.minimum) if fact.minimum is not None else None,
            max_value=int(fact.maximum) if fact.maximum is not None else None,
        )
    if fact.type == FactType.BOOLEAN:
        return forms.ChoiceField(
            label=label,
            choices=[("true", _("Yes")), ("false", _("No"))],
            widget=forms.RadioSelect,
        )
    return forms.ChoiceField(
        label=label,
        choices=[("", "—")]
        + [
            (choice.value, in_language(en=choice.en, hi=choice.hi)) for choice in fact.choice_labels
        ],
    )


class CalculatorForm(forms.Form):
    """The facts of one version, and the date whose approved rules apply."""

    as_of = forms.DateField(
        label=_("Rules in force on"),
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, version: VersionSpec, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["as_of"].initial = timezone.localdate()
        for fact in version.facts:
            self.fields[fact.name] = _field(fact)

    def facts(self) -> dict[str, Any]:
        """The cleaned facts as the engine takes them (amounts as strings, never floats)."""
        values: dict[str, Any] = {}
        for fact in self.version.facts:
            value = self.cleaned_data[fact.name]
            values[fact.name] = str(value) if fact.type == FactType.DECIMAL else value
        return values

    def as_of_date(self) -> date:
        value: date = self.cleaned_data["as_of"]
        return value


class ParameterValueProposeForm(forms.Form):
    """A new dated value of one of the scheme's parameters, with the order that sets it."""

    parameter = forms.ChoiceField(label=_("Parameter"))
    value = forms.DecimalField(
        label=_("New value"),
        min_value=Decimal(0),
        max_value=PARAMETER_VALUE_MAX,
        max_digits=PARAMETER_VALUE_DIGITS,
        decimal_places=PARAMETER_VALUE_PLACES,
    )
    effective_from = forms.DateField(
        label=_("Effective from"),
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    effective_to = forms.DateField(
        label=_("Effective to (optional)"),
        required=False,
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reference = forms.CharField(label=_("Order or guideline"), max_length=REFERENCE_MAX)

    def __init__(self, *args: Any, parameters: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parameter"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = parameters


class ParameterValueDecideForm(forms.Form):
    """Approve or reject one proposal (the button pressed says which)."""

    value = IdField()
    note = forms.CharField(
        label=_("Note"), required=False, max_length=bounds.NOTE_MAX, widget=forms.TextInput
    )


class OnBehalfForm(forms.Form):
    """An officer applying for a producer: which producer, and the consent they gave."""

    producer = IdField(label=_("Producer number"))
    consent_reference = forms.CharField(
        label=_("Producer's consent (e.g. the paper form's reference)"), max_length=200
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"))
    file = forms.FileField(label=_("File (PDF, JPEG or PNG, at most 5 MB)"))

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = kinds


class MoveForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=bounds.NOTE_MAX, widget=forms.TextInput
    )
