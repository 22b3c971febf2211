"""Forms of the outlets' and gift collections' pages. They parse input only: who may, stock
held, dates and publication rules are in `outlets.services` and the models, whose
`ValidationError`s the views put back onto these forms."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from odop.accounts.models import User
from odop.core import bounds
from odop.core.countries import validate_country_code
from odop.core.forms import Form
from odop.geography.models import State
from odop.outlets.models import OutletKind

NOTE_MAX = 300
DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class OutletCreateForm(Form):
    """Open an outlet. Managers are named by username (a Mission officer for a store abroad)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=OutletKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    state = forms.ModelChoiceField(
        label=_("State/UT (outlets in India)"),
        queryset=State.objects.none(),
        required=False,
        to_field_name="lgd_code",
    )
    country = forms.CharField(
        label=_("Country (two-letter ISO code)"), max_length=2, min_length=2, initial="IN"
    )
    mission = forms.CharField(
        label=_("Indian Mission (stores abroad)"), max_length=200, required=False
    )
    managers = forms.CharField(
        label=_("Managers (usernames, separated by spaces or commas)"),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args: Any, states: QuerySet[State], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["state"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = states.order_by("name")

    def clean_country(self) -> str:
        """A known ISO 3166 code (typed in either case), so a store abroad shows its name."""
        code = str(self.cleaned_data["country"]).upper()
        validate_country_code(code)
        return code

    def clean_managers(self) -> list[User]:
        usernames = sorted(set(self.cleaned_data["managers"].replace(",", " ").split()))
        users = list(User.objects.filter(username__in=usernames).order_by("username"))
        unknown = sorted(set(usernames) - {user.username for user in users})
        if unknown:
            raise forms.ValidationError(
                _("No account has the username %(names)s."),
                code="does_not_exist",
                params={"names": ", ".join(unknown)},
            )
        return users


class _ListingChoiceForm(Form):
    """A form whose `listing` is chosen among the listings the view offers (id, label)."""

    listing = forms.TypedChoiceField(label=_("Product"), coerce=int, choices=[])

    def __init__(self, *args: Any, listings: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["listing"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = listings


class ConsignmentForm(_ListingChoiceForm):
    """A producer places units of one of their listings with the outlet."""

    quantity = forms.IntegerField(
        label=_("Units to place"), min_value=1, max_value=bounds.QUANTITY_MAX
    )
    note = forms.CharField(label=_("Note"), max_length=NOTE_MAX, required=False)


class OutletPlaceForm(forms.Form):
    """The people who run an outlet record units received from a listing on sale (found with
    the search on the outlet's page, or typed by its number)."""

    listing = forms.IntegerField(label=_("Listing number"), min_value=1, max_value=bounds.ID_MAX)
    quantity = forms.IntegerField(
        label=_("Units to place"), min_value=1, max_value=bounds.QUANTITY_MAX
    )
    note = forms.CharField(label=_("Note"), max_length=NOTE_MAX, required=False)


class SaleReportForm(_ListingChoiceForm):
    """The outlet's managers report units sold and the amount taken."""

    quantity = forms.IntegerField(label=_("Units sold"), min_value=1, max_value=bounds.QUANTITY_MAX)
    amount = forms.DecimalField(
        label=_("Amount taken (₹)"),
        min_value=Decimal(0),
        max_value=bounds.MONEY_MAX,
        max_digits=bounds.MONEY_DIGITS,
        decimal_places=2,
    )
    on = forms.DateField(label=_("Date of sale"), widget=DATE_INPUT, required=False)
    note = forms.CharField(label=_("Note"), max_length=NOTE_MAX, required=False)


class ReturnForm(_ListingChoiceForm):
    """Unsold units go back to the seller's online stock."""

    quantity = forms.IntegerField(
        label=_("Units to return"), min_value=1, max_value=bounds.QUANTITY_MAX
    )
    note = forms.CharField(label=_("Note"), max_length=NOTE_MAX, required=False)


# ---------------------------------------------------------------- gift collections


class CollectionForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    occasion = forms.CharField(label=_("Occasion"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GiftItemForm(Form):
    """Add a listing by its number (the search below the form fills it in)."""

    listing = forms.IntegerField(label=_("Listing number"), min_value=1, max_value=bounds.ID_MAX)
    quantity = forms.IntegerField(
        label=_("Quantity per set"), min_value=1, max_value=bounds.QUANTITY_MAX, initial=1
    )
    note = forms.CharField(label=_("Note"), max_length=NOTE_MAX, required=False)


class ListingSearchForm(Form):
    """The owner's search box for published listings to add (read from the query string)."""

    q = forms.CharField(label=_("Find published products"), max_length=100, required=False)


class PublishForm(Form):
    published = forms.TypedChoiceField(
        choices=[("1", _("Publish")), ("0", _("Unpublish"))], coerce=lambda value: value == "1"
    )


class CollectionOrderForm(Form):
    sets = forms.IntegerField(
        label=_("Number of sets"), min_value=1, max_value=bounds.QUANTITY_MAX, initial=1
    )
