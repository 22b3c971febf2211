"""Filters every app's lists share: whole-number codes checked as such (issue #10).

django-filter's `NumberFilter` reads a decimal, so `?state=0.5` was accepted (and matched
nothing) where the schema says integer, and any size of number reached the query. These read
whole numbers within the code's range; anything else is a 400 with the field named.
"""

from typing import Any

import django_filters
from django import forms

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


def year_filter(**kwargs: Any) -> WholeNumberFilter:
    """A calendar year within the platform's dates."""
    return WholeNumberFilter(min_value=bounds.YEAR_MIN, max_value=bounds.YEAR_MAX, **kwargs)
