"""Errors that services raise, in the one shape the pages and the API both read."""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError

if TYPE_CHECKING:  # the lazy-string type exists only in django-stubs
    from django.utils.functional import _StrPromise


def field_error(field: str, message: "str | _StrPromise", code: str) -> ValidationError:
    """A ValidationError on one field that keeps its code.

    `ValidationError({field: message}, code=...)` drops the code (Django reads codes only from
    the inner errors), and clients test codes such as `insufficient_stock`, never wording.
    """
    return ValidationError({field: ValidationError(message, code=code)})


def error_code(error: ValidationError) -> str:
    """The first code a ValidationError carries (on a field or not), `invalid` if none."""
    inner = (
        [each for errors in error.error_dict.values() for each in errors]
        if hasattr(error, "error_dict")
        else error.error_list
    )
    return next((str(each.code) for each in inner if each.code), "invalid")


def permission_require(allowed: bool) -> None:
    """A service's own permission check: refuse (403) unless `allowed`. Services check again
    what views checked, so a call from a command or another service cannot skip the rule."""
    if not allowed:
        raise PermissionDenied
