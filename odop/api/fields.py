"""Serializer fields the API shares: ids checked as ids before any lookup (issue #10)."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from odop.core import bounds
from odop.core.countries import validate_country_code


class IdField(serializers.IntegerField):
    """A row id in a request: a whole number from 1 to 2⁶³ − 1, refused with a 400 before any
    query (a larger number made SQLite raise `OverflowError`, a 500)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", bounds.ID_MAX)
        super().__init__(**kwargs)


class LgdCodeField(serializers.IntegerField):
    """An LGD code of a State or district in a request (1 to 999,999)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", bounds.LGD_CODE_MAX)
        super().__init__(**kwargs)


class CountryCodeField(serializers.CharField):
    """An ISO 3166-1 alpha-2 country code in a request, checked against the platform's list
    (`odop.core.countries`), not only by shape: "XX" is refused with code `country` and the
    list's own (translated) message."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_length", 2)
        kwargs.setdefault("max_length", 2)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        code = super().to_internal_value(data)
        try:
            validate_country_code(code)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages, code="country") from error
        return code
