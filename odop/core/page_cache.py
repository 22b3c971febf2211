"""Anonymous pages served from a cache, and the data versions that keep them fresh.

Most traffic is anonymous visitors reading the same public pages (issue 10: a page cost 10-20x
a bare request). `PageCacheMiddleware` answers a GET/HEAD from an anonymous visitor (no session
or messages cookie, no Authorization header, not an htmx request) from the cache when the URL
names a view in `PAGE_POLICIES`, and stores the 200 answers such views give anonymously.

A cache key holds the view's data versions: one counter per *scope* (a Django app label) in the
cache itself. Any write to a model of a scope replaces that scope's counter with a new unique
value after the transaction commits (`data_version_bump`), so every page that read the scope
is computed afresh on its next request, and the old entries are never reached again (they
expire). Model saves and deletes bump through signals (the house style allows signals for cache
invalidation only); bulk writes (`bulk_create`, `.update()` with `F()`) send no signals, so the
services that do them call `data_version_bump` themselves. Per-scope counters rather than one
global version: an order changing stock in the bazaar leaves the catalogue's cached pages alone.

Signed-in users never get a cached page and never fill the cache. Responses that set a cookie
(a CSRF token, a session, a message), vary on anything but the language and the cookie, or are
not a plain 200 are never stored.
"""

import functools
import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils.http import split_header_value
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

# The apps whose rows public pages show. A write to any other app (accounts, sessions, axes,
# tasks) changes no anonymous page.
DATA_SCOPES: Final = frozenset(
    {
        "geography",
        "registry",
        "evidence",
        "selection",
        "markets",
        "exports",
        "producers",
        "bazaar",
        "outlets",
        "outcomes",
        "skills",
        "events",  # issue 16: the district page shows its event results
        "schemes",  # issue 17: the public MIS reports and maps count scheme applications
    }
)
# Rows of a data scope that no anonymous page shows: writing them must not empty the cache
# (a buyer's inquiry or a contact reveal would otherwise flush the storefront). The stock an
# order takes is written by `.update()`, and `order_place` bumps "bazaar" for it explicitly.
PRIVATE_MODELS: Final = frozenset(
    {
        "producers.contactreveal",
        "producers.producerevent",
        "bazaar.inquiry",
        "bazaar.quote",
        "bazaar.order",
        "bazaar.orderevent",
        "bazaar.listingevent",
        # Officers' uploads: no anonymous page shows them. Their returns are summed in the
        # public MIS reports and maps (issue 17), so a return written makes a new version.
        "outcomes.outcomeupload",
        # Training's rows no anonymous page shows; certificates show on the producer's page.
        "skills.programme",
        "skills.batch",
        "skills.application",
        "skills.attendance",
        "skills.toolkitissue",
    }
)

# The State page shows the policies' coverage (outcomes.Policy, outcomes.PolicyProduct).
_CATALOGUE: Final = ("geography", "registry", "evidence", "selection", "outcomes")
# The bazaar's pages show producers (verified or not, their certificates): issue 11 moved them
# to their own app, whose writes must empty these pages too.
_BAZAAR: Final = ("geography", "registry", "producers", "bazaar")
_OUTLETS: Final = ("geography", "registry", "producers", "bazaar", "outlets")
# The district maps and MIS files (odop.reports reads this tuple, so one data version).
# Private rows that the public MIS reports and maps sum (issue 17: the bazaar's orders and their
# value): a write to one makes a new version of its own scope, which only REPORT_SCOPES read, so
# a buyer's order refreshes the reports without emptying the storefront.
REPORTED_PRIVATE: Final = {"bazaar.order": "trade"}
REPORT_SCOPES: Final = (
    "geography",
    "registry",
    "selection",
    "producers",
    "bazaar",
    "trade",
    "schemes",
    "outcomes",
)


@dataclass(frozen=True, slots=True)
class PagePolicy:
    """How one view is cached: the scopes it reads, and whether its answer depends on the
    request's Accept header (the API's content negotiation: JSON or the browsable HTML)."""

    scopes: tuple[str, ...]
    negotiated: bool = False


_API_CATALOGUE: Final = PagePolicy(_CATALOGUE, negotiated=True)
_API_BAZAAR: Final = PagePolicy(_BAZAAR, negotiated=True)
_API_OUTLETS: Final = PagePolicy(_OUTLETS, negotiated=True)

# URL names (with namespace) of the views whose anonymous answer is the same for everyone.
PAGE_POLICIES: Final[dict[str, PagePolicy]] = {
    "catalogue:home": PagePolicy(_CATALOGUE),
    "catalogue:state": PagePolicy(_CATALOGUE),
    "catalogue:district": PagePolicy((*_CATALOGUE, "events")),  # + its event results (issue 16)
    "catalogue:product": PagePolicy(_CATALOGUE),
    "catalogue:product-type": PagePolicy(_CATALOGUE),
    "catalogue:search": PagePolicy(_CATALOGUE),
    "bazaar:storefront": PagePolicy(_BAZAAR),
    "bazaar:listing": PagePolicy(_BAZAAR),
    "bazaar:producer": PagePolicy((*_BAZAAR, "skills")),  # its training certificate badges
    "bazaar:district": PagePolicy(_BAZAAR),
    "outlets:outlets": PagePolicy(_OUTLETS),
    "outlets:outlet": PagePolicy(_OUTLETS),
    "outlets:collections": PagePolicy(_OUTLETS),
    "outlets:collection": PagePolicy(_OUTLETS),
    "reports:district-map": PagePolicy(REPORT_SCOPES),
    "reports:district-map-svg": PagePolicy(REPORT_SCOPES),
    "api-root": _API_CATALOGUE,
    "state-list": _API_CATALOGUE,
    "state-detail": _API_CATALOGUE,
    "district-list": _API_CATALOGUE,
    "district-detail": _API_CATALOGUE,
    "district-geojson": _API_CATALOGUE,
    "product-list": _API_CATALOGUE,
    "product-detail": _API_CATALOGUE,
    "product-csv": _API_CATALOGUE,
    "gi-list": _API_CATALOGUE,
    "gi-detail": _API_CATALOGUE,
    "bazaar-api:listing-list": _API_BAZAAR,
    "bazaar-api:listing-detail": _API_BAZAAR,
    "bazaar-api:producer-list": _API_BAZAAR,
    "bazaar-api:producer-detail": _API_BAZAAR,
    "outlets-api:outlet-list": _API_OUTLETS,
    "outlets-api:outlet-stock": _API_OUTLETS,
    "outlets-api:collection-list": _API_OUTLETS,
}

VERSION_KEY_PREFIX: Final = "odop:data-version:"
PAGE_KEY_PREFIX: Final = "odop:page:"
CACHE_HEADER: Final = "X-Cache"
# A longer query string is answered live and not stored: random queries must not push the
# real pages out of the cache.
QUERY_STRING_MAX_LENGTH: Final = 512
# Vary headers a stored answer may carry: the cookie (only cookie-less requests are served),
# the language (in the key), Accept (in the key of negotiated views) and htmx's request header
# (htmx requests are never served).
_VARY_ALLOWED: Final = frozenset({"cookie", "accept-language", "accept", "hx-request"})
_HEADERS_NOT_STORED: Final = frozenset({"set-cookie", CACHE_HEADER.lower()})


def _version_fresh() -> str:
    """A value no counter ever had: an evicted counter re-created later can never bring back
    entries stored under an earlier value, and two bumps racing both leave a new value."""
    return uuid.uuid4().hex


def _version_key(scopes: tuple[str, ...]) -> str:
    return VERSION_KEY_PREFIX + "+".join(scopes)


def data_version(scopes: tuple[str, ...]) -> str:
    """The current version of the data that pages reading `scopes` show (created if missing).

    One counter per *set* of scopes that a policy reads, not per scope: a cached page costs
    one read for its version and one for its entry (issue 10 asks for a bare view's speed).
    A bump replaces the counter of every set that holds the scope it names.
    """
    key = _version_key(scopes)
    version = cache.get(key)
    if version is None:
        version = _version_fresh()
        if not cache.add(key, version, timeout=None):
            version = cache.get(key, version)
    return str(version)


def _versions_replace(scopes: tuple[str, ...]) -> None:
    touched = set(scopes)
    groups = {policy.scopes for policy in PAGE_POLICIES.values() if touched & set(policy.scopes)}
    cache.set_many({_version_key(group): _version_fresh() for group in groups}, None)


def data_version_bump(*scopes: str, using: str | None = None) -> None:
    """Make every cached page that read one of `scopes` stale, once the current transaction
    commits (at once outside a transaction).

    After the commit, not before: a page computed between a bump and the commit would read the
    old rows and be stored under the new version. Call it from services that write in bulk
    (`bulk_create`, `.update()`), which send no signals. A cache that cannot be reached is
    logged, not raised: the write has happened, and the entries expire within
    ODOP_PAGE_CACHE_SECONDS.
    """
    if scopes:
        transaction.on_commit(lambda: _versions_replace(scopes), using=using, robust=True)


def _scope_of(model: type[models.Model]) -> str | None:
    meta = model._meta
    if meta.app_label not in DATA_SCOPES:
        return None
    if meta.label_lower in PRIVATE_MODELS:
        return REPORTED_PRIVATE.get(meta.label_lower)
    if (meta.model_name or "").startswith("historical"):
        return None  # django-simple-history's copies: the row they copy sends its own signal
    return meta.app_label


def data_version_bump_for(model: type[models.Model], *, using: str | None = None) -> None:
    """`data_version_bump` for the scope of `model` (nothing for models no page shows): for
    bulk writes that know their model but not its scope (core.imports.rows_sync)."""
    scope = _scope_of(model)
    if scope is not None:
        data_version_bump(scope, using=using)


def _saved_or_deleted(sender: type[models.Model], **kwargs: Any) -> None:
    scope = _scope_of(sender)
    if scope is not None:
        data_version_bump(scope, using=kwargs.get("using"))


def _relations_changed(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs["action"] not in {"post_add", "post_remove", "post_clear"}:
        return
    scopes = {_scope_of(type(instance)), _scope_of(kwargs["model"])} - {None}
    data_version_bump(*sorted(scope for scope in scopes if scope), using=kwargs.get("using"))


def data_version_signals_connect() -> None:
    """Bump a scope whenever one of its models is saved or deleted (called by CoreConfig).

    Connected per model, not for every sender: a `post_delete` receiver turns Django's fast
    bulk delete into a row-by-row one, which only the tracked models should pay for.
    """
    for model in apps.get_models():
        if _scope_of(model) is None:
            continue
        uid = f"odop-page-cache-{model._meta.label_lower}"
        post_save.connect(_saved_or_deleted, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(_saved_or_deleted, sender=model, weak=False, dispatch_uid=uid)
    m2m_changed.connect(_relations_changed, weak=False, dispatch_uid="odop-page-cache-m2m")


def _is_anonymous(request: HttpRequest) -> bool:
    """True when nothing in the request can make its page differ from another visitor's."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and "HTTP_HX_REQUEST" not in request.META
    )


def _policy_of(request: HttpRequest) -> PagePolicy | None:
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    view_name = _view_name_of(request.path_info, urlconf)
    return PAGE_POLICIES.get(view_name) if view_name else None


@functools.lru_cache(maxsize=4096)
def _view_name_of(path: str, urlconf: str) -> str | None:
    """The view a path resolves to, remembered per URLconf: a cached page then skips resolving
    its path (Django's handler, which resolves it too, never runs for a hit)."""
    try:
        return resolve(path, urlconf).view_name
    except Resolver404:
        return None


def page_key(request: HttpRequest, policy: PagePolicy) -> str:
    """The key of a request's page: host, path, sorted query, language, Accept when the view
    negotiates, and the versions of the scopes the view reads."""
    query = sorted(request.GET.lists())
    parts: list[str] = [
        request.scheme or "http",
        request.get_host(),
        request.path,
        repr(query),
        get_language() or settings.LANGUAGE_CODE,
        str(request.META.get("HTTP_ACCEPT", "")) if policy.negotiated else "",
        data_version(policy.scopes),
    ]
    digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=20).hexdigest()
    return PAGE_KEY_PREFIX + digest


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if request.method != "GET" or response.status_code != 200:
        return False
    if not isinstance(response, HttpResponse) or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control:
        return False
    vary = {header.lower() for header in split_header_value(response.get("Vary", ""))}
    if not vary <= _VARY_ALLOWED:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False  # the session middleware (outside this one) would set a cookie
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _response_from(entry: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[CACHE_HEADER] = "hit"
    return response


class _RecentPages:
    """The pages this process served most recently, by key, up to their lifetime.

    A key holds the data version, so an entry never goes stale by a write: a bump changes the
    key. Keeping recent entries in the process saves a hit its second read of the shared cache
    (the page; the version is still read there, so bumps by other processes are seen at once).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            expires, entry = found
            if expires < time.monotonic():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Any, lifetime: float) -> None:
        with self.lock:
            self.entries[key] = (time.monotonic() + lifetime, entry)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


RECENT_PAGES = _RecentPages(size=256)


class PageCacheMiddleware:
    """Serves and stores anonymous pages of the views in PAGE_POLICIES (see the module doc).

    Sits right after LocaleMiddleware (the language is known) and before everything that
    depends on the visitor (CSRF, authentication, messages): a hit skips them all.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        policy = self._policy(request)
        if policy is None:
            return self.get_response(request)
        try:
            key = page_key(request, policy)
            entry = RECENT_PAGES.get(key)
            if entry is None:
                entry = cache.get(key)
                if entry is not None:
                    RECENT_PAGES.put(key, entry, settings.ODOP_PAGE_CACHE_SECONDS)
        except Exception:  # a cache server that is down must not take the pages with it
            logger.exception("page cache unavailable; serving live")
            return self.get_response(request)
        if entry is not None:
            return _response_from(entry)
        response = self.get_response(request)
        if _storable(request, response):
            self._store(key, response)
        return response

    @staticmethod
    def _policy(request: HttpRequest) -> PagePolicy | None:
        if not settings.ODOP_PAGE_CACHE or request.method not in {"GET", "HEAD"}:
            return None
        if len(request.META.get("QUERY_STRING", "")) > QUERY_STRING_MAX_LENGTH:
            return None
        if not _is_anonymous(request):
            return None
        return _policy_of(request)

    @staticmethod
    def _store(key: str, response: HttpResponseBase) -> None:
        assert isinstance(response, HttpResponse)  # _storable checked it
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _HEADERS_NOT_STORED
        ]
        try:
            cache.set(
                key,
                (response.status_code, headers, response.content),
                settings.ODOP_PAGE_CACHE_SECONDS,
            )
        except Exception:
            logger.exception("page cache unavailable; page not stored")
            return
        RECENT_PAGES.put(
            key, (response.status_code, headers, response.content), settings.ODOP_PAGE_CACHE_SECONDS
        )
        response[CACHE_HEADER] = "miss"
