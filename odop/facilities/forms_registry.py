"""Forms of the registry pages officers keep: a centre (particulars, products, scheme and
application, opening hours per weekday), a machine, and an operator to name. Ranges are the
models' own (model forms), so form, model and database constraint agree."""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from odop.facilities.models import Centre, Equipment
from odop.geography.models import District
from odop.registry.models import DistrictProduct
from odop.schemes.models import Application


class CentreForm(forms.ModelForm):  # type: ignore[type-arg]
    """A centre's particulars and its week. `districts`, `products` and `applications` are
    what the officer may choose from (their area; the applications they may see)."""

    class Meta:
        model = Centre
        fields = [
            "name",
            "district",
            "products",
            "cluster",
            "category",
            "implementing_agency",
            "sanctioned_cost",
            "scheme",
            "application",
            "address",
            "latitude",
            "longitude",
        ]
        widgets = {
            "products": forms.CheckboxSelectMultiple,
            "address": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(
        self,
        *args: Any,
        districts: QuerySet[District],
        products: QuerySet[DistrictProduct],
        applications: QuerySet[Application],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]
        self.fields["products"].queryset = products  # type: ignore[attr-defined]
        self.fields["application"].queryset = applications  # type: ignore[attr-defined]
        self.fields["products"].label = _("ODOP products served")
        if self.instance.pk:
            del self.fields["district"]  # a centre stays in its district
        for weekday, name in WEEKDAYS.items():
            rows = (
                {row.weekday: row for row in self.instance.opening_hours.all()}
                if self.instance.pk
                else {}
            )
            row = rows.get(weekday)
            self.fields[f"opens_{weekday}"] = forms.TimeField(
                label=_("%(day)s opens") % {"day": name},
                required=False,
                initial=row.opens if row else None,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )
            self.fields[f"closes_{weekday}"] = forms.TimeField(
                label=_("%(day)s closes") % {"day": name},
                required=False,
                initial=row.closes if row else None,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for weekday in WEEKDAYS:
            opens = cleaned.get(f"opens_{weekday}")
            closes = cleaned.get(f"closes_{weekday}")
            if (opens is None) != (closes is None):
                self.add_error(
                    f"closes_{weekday}",
                    ValidationError(
                        _("Give both the opening and the closing time, or neither."),
                        code="hours_incomplete",
                    ),
                )
            elif opens is not None and closes is not None and opens >= closes:
                self.add_error(
                    f"closes_{weekday}",
                    ValidationError(_("A centre must open before it closes."), code="hours_order"),
                )
        return cleaned

    def _post_clean(self) -> None:
        # The service checks and writes the centre; the form only validates its fields (the
        # model's full_clean would need the district, which an edit does not post).
        pass

    def week(self) -> dict[int, tuple[dt.time, dt.time]]:
        """The opening hours entered, weekday -> (opens, closes)."""
        week = {}
        for weekday in WEEKDAYS:
            opens = self.cleaned_data.get(f"opens_{weekday}")
            closes = self.cleaned_data.get(f"closes_{weekday}")
            if opens is not None and closes is not None:
                week[weekday] = (opens, closes)
        return week

    def particulars(self) -> dict[str, Any]:
        """The centre's own fields as the services take them."""
        names = (
            "name",
            "category",
            "sanctioned_cost",
            "address",
            "implementing_agency",
            "cluster",
            "latitude",
            "longitude",
            "scheme",
            "application",
        )
        return {name: self.cleaned_data[name] for name in names}


class EquipmentForm(forms.ModelForm):  # type: ignore[type-arg]
    """A machine: name, capacity and unit, hourly rate, status."""

    class Meta:
        model = Equipment
        fields = ["name", "capacity", "unit", "hourly_rate", "status"]

    def _post_clean(self) -> None:
        # The service runs the model's checks when it writes.
        pass


class OperatorForm(forms.Form):
    """An operator to name on the centre, by username or e-mail address."""

    operator = forms.CharField(label=_("Username or e-mail address"), max_length=254)


class OperatorRemoveForm(forms.Form):
    """An operator to take off the centre."""

    user = forms.IntegerField(min_value=1)
