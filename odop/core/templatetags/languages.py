"""The header's language switch: links to the same page in each language.

Links rather than a form posting to `set_language`: a form needs a CSRF token, which would make
every anonymous page different and uncacheable (odop/core/page_cache.py). The URL says the
language (`i18n_patterns` in config/urls.py), so a link is all the switch needs.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()

# Each language's name in itself as the site has always written it (Django spells Hindi हिंदी).
NAMES_LOCAL = {"en": "English", "hi": "हिन्दी"}


@dataclass(frozen=True, slots=True)
class LanguageLink:
    """One language of the switch: its code, its own name for itself and this page's URL in it."""

    code: str
    name: str
    url: str
    is_current: bool


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[LanguageLink]:
    """This page in every language of LANGUAGES (the query string kept); a URL that is the same
    in every language (the API docs) links to itself."""
    request: HttpRequest | None = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    current = get_language() or settings.LANGUAGE_CODE
    return [
        LanguageLink(
            code=code,
            name=NAMES_LOCAL.get(code) or get_language_info(code)["name_local"],
            url=translate_url(path, code),
            is_current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]
