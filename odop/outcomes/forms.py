"""Forms of the outcomes pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from odop.core import bounds
from odop.geography.models import State
from odop.outcomes.models import CATEGORY_MAX, POLICY_NAME_MAX, URL_MAX


class ReturnUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Outcome return (.csv or .xlsx)"),
        help_text=_(
            "Columns: state, district, product, period, jobs, sales_inr, exports_inr; optional: "
            "jobs_women_share, jobs_scst_share, producers, production, production_unit, "
            "exports_usd, source. Periods: 2026-04, 2026-Q2 or FY2026-27."
        ),
    )


class PolicyForm(forms.Form):
    """A policy's record. `state` is offered to national admins only (empty: central)."""

    state = forms.ModelChoiceField(
        queryset=State.objects.order_by("name"),
        required=False,
        label=_("State"),
        empty_label=_("Central (all States)"),
    )
    name = forms.CharField(label=_("Name"), max_length=POLICY_NAME_MAX)
    state_category = forms.CharField(
        label=_("The State's category under it"),
        max_length=CATEGORY_MAX,
        required=False,
        help_text=_('For example "Category A".'),
    )
    effective_from = forms.DateField(
        label=_("In force from"),
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    effective_to = forms.DateField(
        label=_("In force until"),
        required=False,
        validators=bounds.range_validators(bounds.DATE_MIN, bounds.DATE_MAX),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    incentives = forms.CharField(
        label=_("Incentives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=bounds.text_validators(bounds.MESSAGE_MAX),
    )
    notification_url = forms.URLField(
        label=_("Notification link"), required=False, max_length=URL_MAX
    )

    def __init__(self, *args: Any, fixed_state: State | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if fixed_state is not None:
            del self.fields["state"]
        self.fixed_state = fixed_state

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("effective_from"), data.get("effective_to")
        if start and end and end < start:
            self.add_error("effective_to", _("The end comes before the start."))
        return data


class PolicyProductsForm(forms.Form):
    """Link products: the ticked ones of the list, and any pasted by id or name."""

    products = forms.TypedMultipleChoiceField(
        label=_("District products"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    paste = forms.CharField(
        label=_("Or paste products"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One a line: an id, or a name with its district in brackets when several "
            "districts share it."
        ),
        validators=bounds.text_validators(bounds.MESSAGE_MAX),
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        products = self.fields["products"]
        assert isinstance(products, forms.ChoiceField)
        products.choices = choices
