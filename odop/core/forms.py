"""How pages run a service from a form: one way for every app.

A page with several small forms (stock, quote, confirm, ...) posts an `action` naming one of
them; `post_action` binds that form, and when it is valid runs its service call. A service's
`ValidationError` goes onto the form (on the field it names, else at the top) and nothing is
written, since services are atomic. An action the user may not take answers 403.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest

from odop.core import bounds
from odop.core.text import digits_ascii

type FormWrite = Callable[[forms.Form], object]
# A form factory takes the POST data and, for forms with files, the uploaded files.
type FormFactory = Callable[..., forms.Form]
type FormActions = Mapping[str, tuple[FormFactory, FormWrite]]


def form_errors_add(form: forms.Form, error: ValidationError) -> None:
    """A service's error onto the form: on the field it names when the form has that field,
    else at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def form_apply(form: forms.Form, write: Callable[[], Any]) -> object | None:
    """Run one service call; its `ValidationError` goes onto the form. The call's result
    (True when it returns nothing), or None when it failed."""
    try:
        result = write()
    except ValidationError as error:
        form_errors_add(form, error)
        return None
    return result if result is not None else True


def post_action(
    request: HttpRequest, actions: FormActions
) -> tuple[str, forms.Form, object | None]:
    """Bind the form that the POST's `action` names and run its write when the form is valid.

    Returns the action's name, the bound form (to show again with its errors) and the write's
    result (None when the form or the service refused). Factories get `request.FILES` too.
    """
    name = request.POST.get("action", "")
    if name not in actions:
        raise PermissionDenied
    make_form, write = actions[name]
    form = make_form(request.POST, request.FILES)
    result = form_apply(form, lambda: write(form)) if form.is_valid() else None
    return name, form, result


class IdField(forms.IntegerField):
    """A row id typed or posted by a user: a whole number from 1 to 2⁶³ − 1.

    Checked before any lookup, so an id too large for the database is a form error, never an
    `OverflowError` (issue #10)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", bounds.ID_MAX)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)


# ---------------------------------------------------------------- digits of every script

NUMBER_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField)
DIGIT_FIELDS_BY_NAME = frozenset(
    {"pin_code", "phone", "aadhaar_last_four", "hs_code", "gtin", "quantity", "stock", "year"}
)


def _digits_ascii_any(value: Any) -> Any:
    if isinstance(value, str):
        return digits_ascii(value)
    if isinstance(value, list | tuple):
        return type(value)(_digits_ascii_any(item) for item in value)
    return value


class DigitsFormMixin:
    """Digits typed in any script (the Devanagari ०-९ of a Hindi keyboard) are read as ASCII
    digits in number fields, dates and the fields named in `digit_fields` (PIN, phone, ...),
    and number fields are text inputs with a numeric keyboard (issue 12).

    Why text inputs: a browser's `<input type="number">` refuses "१२" and posts nothing, so the
    user was told "This field is required". `inputmode` still brings up the digit keyboard on
    phones (as the GOV.UK Design System advises for numbers). Free text (names, stories) keeps
    its digits as typed.
    """

    digit_fields: frozenset[str] = DIGIT_FIELDS_BY_NAME
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            numeric = isinstance(field, NUMBER_FIELDS)
            dated = isinstance(field, forms.DateField | forms.DateTimeField)
            if not (numeric or dated or name in self.digit_fields):
                continue
            field.to_python = self._ascii_first(field.to_python)  # type: ignore[method-assign,assignment]
            if numeric and isinstance(field.widget, forms.NumberInput):
                decimal = not isinstance(field, forms.IntegerField)
                attrs = {
                    key: value
                    for key, value in field.widget.attrs.items()
                    if key not in ("min", "max", "step")
                }
                attrs["inputmode"] = "decimal" if decimal else "numeric"
                field.widget = forms.TextInput(attrs=attrs)

    @staticmethod
    def _ascii_first(to_python: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def read(value: Any) -> Any:
            return to_python(_digits_ascii_any(value))

        return read


class Form(DigitsFormMixin, forms.Form):
    """The project's form: Django's, reading digits of every script (`DigitsFormMixin`), and
    rendered (`{{ form }}`, `as_div`) with every error summarised at its top, each linked to
    its field (core/_error_summary.html, issue 12). Fields with errors get `aria-invalid`
    and the error's id in `aria-describedby` from Django itself."""

    template_name = "core/forms/div.html"
    template_name_div = "core/forms/div.html"


class ModelChecksFormMixin:
    """Run the model's own field checks (validators such as identifier checksums and PIN
    codes) in the form, so one submission reports every error, not the form's first and the
    service's later (issue 12: the onboarding form took three submissions). Fields named alike
    in the form and in `checked_model` are checked; relations are left to the service, which
    checks everything again before it writes. `model_values_prepare` normalises values the way
    the service will (capitals, no spaces)."""

    checked_model: type[models.Model]
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    errors: Any

    def model_values_prepare(self, values: dict[str, Any]) -> dict[str, Any]:
        return values

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}  # type: ignore[misc]
        concrete = {
            field.name
            for field in self.checked_model._meta.concrete_fields
            if not field.is_relation
        }
        values = {name: data[name] for name in self.fields if name in data and name in concrete}
        instance = self.checked_model(**self.model_values_prepare(values))
        exclude = [
            field.name
            for field in self.checked_model._meta.concrete_fields
            if field.name not in values or field.name in self.errors
        ]
        try:
            instance.clean_fields(exclude=exclude)
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, errors)  # type: ignore[attr-defined]
        return data
