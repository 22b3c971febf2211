"""What the suggester reads and returns: lines of the nomenclature, a product's text, a
suggested subheading."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class HSEntry:
    """One line of the nomenclature: a chapter (2 digits), heading (4) or subheading (6)."""

    code: str
    description: str


@dataclass(frozen=True)
class ProductText:
    """What the registry says about one product type: its name, descriptions and sectors."""

    name: str
    descriptions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class HSCandidate:
    """One suggested subheading: its code, score in [0, 1], the product words it matched and
    the confidence in [0, 1] that its heading is the product's (`CONFIDENCE_FULL_MARGIN`)."""

    code: str
    score: float
    matched_terms: tuple[str, ...] = field(default=())
    confidence: float = 0.0
