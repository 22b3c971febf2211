"""The report files in the cache, one per kind, State and data version.

`mis_file` answers the current file, building it on the spot when the cache has none for the
current data version; `mis_files_refresh` (the daily background job) builds the missing ones
so visitors rarely wait. Only the cache is written: the reports app never writes domain rows.
"""

import logging
from collections.abc import Callable
from typing import Final, Literal

from django.core.cache import cache

from odop.core.page_cache import data_version
from odop.geography.models import State
from odop.reports.documents import MisReport, mis_pdf_build, mis_report_collect, mis_xlsx_build
from odop.reports.maps import REPORT_SCOPES

logger = logging.getLogger(__name__)

Kind = Literal["xlsx", "pdf"]
FILE_CACHE_SECONDS: Final = 7 * 24 * 3600
BUILDERS: Final[dict[str, Callable[[MisReport], bytes]]] = {
    "xlsx": mis_xlsx_build,
    "pdf": mis_pdf_build,
}


def mis_file_key(*, kind: Kind, state: State | None, version: str) -> str:
    """The cache key of one report file at one data version."""
    return f"odop:reports:mis:{kind}:{state.lgd_code if state else 0}:{version}"


def mis_file(*, kind: Kind, state: State | None) -> tuple[bytes, bool]:
    """The report file for the current data, and whether it came from the cache.
    Raises documents.FontsMissing for a PDF when the fonts are not installed."""
    key = mis_file_key(kind=kind, state=state, version=data_version(REPORT_SCOPES))
    content = cache.get(key)
    if isinstance(content, bytes):
        return content, True
    content = BUILDERS[kind](mis_report_collect(state=state))
    cache.set(key, content, FILE_CACHE_SECONDS)
    return content, False


def mis_files_refresh(*, kinds: tuple[Kind, ...] = ("xlsx", "pdf")) -> int:
    """Build every report (the nation and each State) the cache lacks at the current data
    version; returns how many were built. Idempotent: a second run builds nothing."""
    built = 0
    for state in [None, *State.objects.order_by("name")]:
        for kind in kinds:
            if (
                cache.get(mis_file_key(kind=kind, state=state, version=data_version(REPORT_SCOPES)))
                is None
            ):
                mis_file(kind=kind, state=state)
                built += 1
    return built
