"""The sections of the MIS (see `base` for the types): `SECTION_PROVIDERS` is the order of the
dashboards, sheets and PDF parts; `mis_sections` walks it."""

from odop.reports.sections.applications import applications_section
from odop.reports.sections.base import (
    PRODUCTS,
    Figure,
    MisScope,
    Section,
    SectionProvider,
    Unit,
    categories_section,
    coverage_section,
    gi_section,
    producers_section,
    sectors_section,
    selection_section,
    trade_section,
)
from odop.reports.sections.outcomes import outcomes_section

SECTION_PROVIDERS: tuple[SectionProvider, ...] = (
    coverage_section,
    sectors_section,
    categories_section,
    gi_section,
    selection_section,
    producers_section,
    trade_section,
    applications_section,
    outcomes_section,
)


def mis_sections(
    scope: MisScope, *, providers: tuple[SectionProvider, ...] | None = None
) -> list[Section]:
    """Every section that applies to `scope`, in `SECTION_PROVIDERS` order."""
    sections = (provider(scope) for provider in (providers or SECTION_PROVIDERS))
    return [section for section in sections if section is not None]


__all__ = [
    "PRODUCTS",
    "SECTION_PROVIDERS",
    "Figure",
    "MisScope",
    "Section",
    "SectionProvider",
    "Unit",
    "mis_sections",
]
