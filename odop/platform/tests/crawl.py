"""Follow a site's same-origin links from a start page (issue 12): the pages a visitor or a
role reaches, discovered by links, so pages other apps add are crawled without a list here."""

from collections import deque
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

# Never followed: signing out, machine endpoints, files, the admin.
SKIPPED_PREFIXES = ("/api/", "/admin/", "/media/", "/static/", "/i18n/")
SKIPPED_WORDS = ("logout", "sign-out", "download", "export.csv", ".csv", ".xlsx", ".json")
# Query variants of one path that are crawled (pages, filters): the rest repeat its template.
VARIANTS_PER_PATH = 3


class LinkParser(HTMLParser):
    """The href of every <a> of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def page_links(html: str, *, base: str) -> Iterator[str]:
    """The crawlable same-origin links of a page (path + query, no fragment)."""
    parser = LinkParser()
    parser.feed(html)
    origin = urlsplit(base)
    for href in parser.links:
        if href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        url, _fragment = urldefrag(urljoin(base, href))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc != origin.netloc:
            continue
        if parts.path.startswith(SKIPPED_PREFIXES) or parts.path.startswith(
            tuple(f"/hi{prefix}" for prefix in SKIPPED_PREFIXES)
        ):
            continue
        lowered = url.lower()
        if any(word in lowered for word in SKIPPED_WORDS):
            continue
        if any(key in ("format", "download") for key, _value in parse_qsl(parts.query)):
            continue
        yield parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(
    fetch: Callable[[str], str | None], *, starts: list[str], base: str, limit: int
) -> list[str]:
    """Visit pages breadth-first from `starts` (paths): `fetch(path)` returns the page's
    HTML, or None when the page is not HTML or not 200. Returns the paths visited."""
    queue = deque(starts)
    seen = set(starts)
    variants: dict[str, int] = {}
    visited: list[str] = []
    while queue and len(visited) < limit:
        path = queue.popleft()
        html = fetch(path)
        visited.append(path)
        if html is None:
            continue
        for link in page_links(html, base=base + path):
            if link in seen:
                continue
            seen.add(link)
            bare = link.split("?", 1)[0]
            if "?" in link:
                variants[bare] = variants.get(bare, 0) + 1
                if variants[bare] > VARIANTS_PER_PATH:
                    continue
            queue.append(link)
    return visited
