"""`{{ code|country }}`: a country's name from its ISO alpha-2 code, in the page's language."""

from django import template

from odop.core.countries import country_name

register = template.Library()


@register.filter
def country(code: str | None) -> str:
    """The name of the country `code` (Hindi on Hindi pages where known); blank for none."""
    return country_name(code) if code else ""
