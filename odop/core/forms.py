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
from django.http import HttpRequest

from odop.core import bounds

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
