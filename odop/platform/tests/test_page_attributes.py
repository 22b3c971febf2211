"""No number in an HTML attribute is localised (issue 12, item 1).

With Indian grouping on (USE_THOUSAND_SEPARATOR), `{{ photo.width }}` in `<img width=…>`
printed "1,600" and the browser drew the photo 1 px wide. This crawl signs in as every role,
follows the links from the home page (English and Hindi) and parses every page: no attribute
that a machine reads (width, value, href, data-*, viewBox, style, …) may hold a digit group
separator. Attributes people read (alt, title, aria-label, placeholder) may.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

from odop.platform.tests.crawl import crawl
from odop.platform.tests.site_world import SiteWorld, site_world_create

HUMAN_TEXT = frozenset({"alt", "title", "aria-label", "aria-valuetext", "placeholder", "content"})
GROUPED = re.compile(r"\d,\d")


class AttributeParser(HTMLParser):
    """Every machine-read attribute whose value holds a digit group separator."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.grouped: list[str] = []
        self.ids: set[str] = set()
        self.scrolling: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name not in HUMAN_TEXT and GROUPED.search(value):
                self.grouped.append(f"<{tag} {name}={value!r}>")
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if "table-scroll" in (attributes.get("class") or "").split():
            self.scrolling.append(attributes)

    handle_startendtag = handle_starttag


def grouped_attributes(html: str) -> list[str]:
    parser = AttributeParser()
    parser.feed(html)
    return parser.grouped


def unnamed_scrolling_tables(html: str) -> list[str]:
    """Scrolling table wrappers that are not a focusable, named group (issue 12, axe-core
    `scrollable-region-focusable`: a keyboard cannot scroll them). A group, not a region
    landmark: a region named after its section's heading would be a second landmark of the
    same name inside that section."""
    parser = AttributeParser()
    parser.feed(html)
    problems = []
    for attributes in parser.scrolling:
        names = (attributes.get("aria-labelledby") or "").split()
        if (
            attributes.get("role") != "group"
            or attributes.get("tabindex") != "0"
            or not names
            or not set(names) <= parser.ids
        ):
            problems.append(str(attributes))
    return problems


def test_the_checker_finds_a_grouped_width() -> None:
    """The checker itself: the photo of issue 12 is caught, a label is not."""
    assert grouped_attributes('<img width="1,600" alt="1,600 px">') == ["<img width='1,600'>"]
    assert grouped_attributes('<a href="/x/?page=1,000">x</a><p title="1,000">') == [
        "<a href='/x/?page=1,000'>"
    ]
    assert unnamed_scrolling_tables('<div class="table-scroll"><table></table></div>')
    named = (
        '<h2 id="h">Products</h2><div class="table-scroll" role="group" tabindex="0" '
        'aria-labelledby="h n"></div><span id="n" hidden>table</span>'
    )
    assert unnamed_scrolling_tables(named) == []


@pytest.fixture
def site(db: None, settings, tmp_path: Path) -> SiteWorld:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    settings.USE_THOUSAND_SEPARATOR = True
    return site_world_create()


def test_no_page_localises_a_number_in_an_attribute(site: SiteWorld) -> None:
    """Issue 12: every page each role reaches, in English and Hindi; and every scrolling
    table there is a focusable group with a name."""
    found: dict[str, list[str]] = {}
    visited: set[str] = set()
    for user in [None, *site.users.values()]:
        client = Client()
        if user is not None:
            client.force_login(user)

        def fetch(path: str, client: Client = client) -> str | None:
            response = client.get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                return None
            html = response.content.decode()
            grouped = grouped_attributes(html) + unnamed_scrolling_tables(html)
            if grouped:
                found[path] = grouped
            return html

        starts = ["/", "/hi/", f"/bazaar/listings/{site.listing.pk}/"]
        visited.update(crawl(fetch, starts=starts, base="http://testserver", limit=80))
    # the pages of the issue were reached
    assert f"/bazaar/listings/{site.listing.pk}/" in visited
    assert f"/districts/{site.district.lgd_code}/" in visited
    assert "/outlets/" in visited
    assert found == {}
