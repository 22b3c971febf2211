"""Filters every app's lists share: whole-number codes checked as such (issue #10).

django-filter's `NumberFilter` reads a decimal, so `?state=0.5` was accepted (and matched
nothing) where the schema says integer, and any size of number reached the query. These read
whole numbers within the code's range; anything else is a 400 with the field named.
"""

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from odop.core import bounds


class WholeNumberFilter(django_filters.NumberFilter):
    """A whole-number filter between `min_value` and `max_value` (documented as an integer)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, min_value: int, max_value: int, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", min_value)
        kwargs.setdefault("max_value", max_value)
        super().__init__(*args, **kwargs)


def lgd_code_filter(**kwargs: Any) -> WholeNumberFilter:
    """A State's or district's LGD code (1 to 999,999)."""
    return WholeNumberFilter(min_value=1, max_value=bounds.LGD_CODE_MAX, **kwargs)


class _StrictNullBooleanField(forms.NullBooleanField):
    """true/false (or 1/0); empty means "either"; anything else is an error, where Django's
    field silently read it as "either" (`?foreign=-9.7e-273` answered every row)."""

    widget = forms.TextInput  # NullBooleanSelect reads any unknown value as "either"
    TRUE = frozenset({"true", "True", "1"})
    FALSE = frozenset({"false", "False", "0"})

    def to_python(self, value: Any) -> bool | None:
        if value in (None, ""):
            return None
        if value is True or value is False:
            return bool(value)
        if value in self.TRUE:
            return True
        if value in self.FALSE:
            return False
        raise ValidationError(_("Enter true or false."), code="invalid")

    def validate(self, value: Any) -> None:
        return None


class StrictBooleanFilter(django_filters.BooleanFilter):
    """A yes/no list filter that refuses values that are neither."""

    field_class = _StrictNullBooleanField
