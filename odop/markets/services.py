"""Write side of markets: storing HS code suggestions and officers' decisions on them, and
loading a BACI year (files on disk, not rows: see `markets.baci_store`)."""

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.markets.baci_store import BaciManifest
from odop.markets.hs_suggest import SUGGESTER_VERSION, HSIndex
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.markets.permissions import can_decide_hs_code
from odop.markets.selectors import hs_entries_list, hs_glossary, product_texts_list
from odop.markets.storage import baci_dir
from odop.registry.models import HSCode, ProductType
from odop.registry.services.types import ProductTypeMergeReport

DECIDED = (HSLinkStatus.CONFIRMED, HSLinkStatus.REJECTED)


def _progress_none(_step: int) -> None:
    """Show no progress (services called from code or tests)."""


@transaction.atomic
def hs_suggestions_refresh(
    *,
    product_types: QuerySet[ProductType] | None = None,
    top_k: int = 5,
    progress: Callable[[int], None] = _progress_none,
) -> int:
    """Recompute the suggested HS codes of `product_types` (all by default); return how many
    suggestion rows changed (created, updated or deleted).

    Idempotent: only rows still `suggested` are replaced, and only where they differ, so a second
    run writes nothing. Confirmed and rejected codes are officers' decisions: they stay, and a code
    an officer rejected is never suggested again for that type. Suggestions are machine output
    and are written in bulk without history; decisions carry history.
    """
    hs_codes = dict(HSCode.objects.filter(level=6).values_list("code", "pk"))
    index = HSIndex(hs_entries_list(), glossary=hs_glossary())
    texts = product_texts_list(product_types=product_types)
    existing: dict[int, dict[int, ProductHSCode]] = {}
    for link in ProductHSCode.objects.filter(product_type_id__in=[pk for pk, _text in texts]):
        existing.setdefault(link.product_type_id, {})[link.hs_code_id] = link
    new: list[ProductHSCode] = []
    changed: list[ProductHSCode] = []
    stale: list[int] = []
    for type_id, text in texts:
        links = existing.get(type_id, {})
        decided = {code_id for code_id, link in links.items() if link.status in DECIDED}
        # Ask for more than top_k so that rejected codes do not leave the list short.
        candidates = [
            candidate
            for candidate in index.suggest(text, top_k=top_k + len(decided), distinct_headings=True)
            if candidate.code in hs_codes
        ]
        wanted = {}
        for candidate in candidates:
            code_id = hs_codes[candidate.code]
            if code_id not in decided:
                wanted[code_id] = candidate
            if len(wanted) == top_k:
                break
        for rank, (code_id, candidate) in enumerate(wanted.items(), start=1):
            values = {
                "score": candidate.score,
                "confidence": candidate.confidence,
                "rank": rank,
                "matched_terms": " ".join(candidate.matched_terms)[:300],
                "suggester_version": SUGGESTER_VERSION,
            }
            current = links.get(code_id)
            if current is None:
                new.append(
                    ProductHSCode(
                        product_type_id=type_id,
                        hs_code_id=code_id,
                        status=HSLinkStatus.SUGGESTED,
                        **values,
                    )
                )
            elif current.status == HSLinkStatus.SUGGESTED and any(
                getattr(current, name) != value for name, value in values.items()
            ):
                for name, value in values.items():
                    setattr(current, name, value)
                changed.append(current)
        stale += [
            link.pk
            for code_id, link in links.items()
            if link.status == HSLinkStatus.SUGGESTED and code_id not in wanted
        ]
        progress(1)
    ProductHSCode.objects.filter(pk__in=stale).delete()
    ProductHSCode.objects.bulk_update(
        changed,
        ["score", "confidence", "rank", "matched_terms", "suggester_version", "updated_at"],
        batch_size=500,
    )
    ProductHSCode.objects.bulk_create(new, batch_size=500)
    return len(new) + len(changed) + len(stale)


def _subheading(hs_code: HSCode | str) -> HSCode:
    """The stored six-digit subheading, or a `not_a_subheading` error."""
    if isinstance(hs_code, HSCode):
        found: HSCode | None = hs_code
    else:
        found = HSCode.objects.filter(code=str(hs_code).strip()).first()
    # 999999 is the nomenclature's "not specified" row, not a product's code.
    if found is None or found.level != 6 or found.code == "999999":
        raise ValidationError(
            {
                "code": ValidationError(
                    _("“%(code)s” is not an HS 2022 subheading (six digits)."),
                    code="not_a_subheading",
                    params={"code": hs_code.code if isinstance(hs_code, HSCode) else hs_code},
                )
            }
        )
    return found


def _decide(
    *, actor: User, product_type: ProductType, hs_code: HSCode | str, status: HSLinkStatus
) -> ProductHSCode:
    if not can_decide_hs_code(actor, product_type):
        raise PermissionDenied
    subheading = _subheading(hs_code)
    # Lock the type so two officers deciding at once are serialised.
    ProductType.objects.select_for_update().get(pk=product_type.pk)
    now = timezone.now()
    if status == HSLinkStatus.CONFIRMED:
        # A new confirmation corrects the previous one, which becomes rejected.
        for previous in ProductHSCode.objects.filter(
            product_type=product_type, status=HSLinkStatus.CONFIRMED
        ).exclude(hs_code=subheading):
            previous.status = HSLinkStatus.REJECTED
            previous.confirmed_by, previous.confirmed_at = actor, now
            previous._change_reason = "corrected"  # type: ignore[attr-defined]
            previous.full_clean()
            previous.save(update_fields=["status", "confirmed_by", "confirmed_at", "updated_at"])
    link = ProductHSCode.objects.filter(product_type=product_type, hs_code=subheading).first()
    if link is None:
        link = ProductHSCode(product_type=product_type, hs_code=subheading)
    link.status = status
    link.confirmed_by, link.confirmed_at = actor, now
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def hs_code_confirm(
    *, actor: User, product_type: ProductType, hs_code: HSCode | str
) -> ProductHSCode:
    """Record `hs_code` (a subheading, or its six-digit code) as the type's HS 2022 code.

    It may be one of the suggestions or any other subheading (a correction). A code confirmed
    before is set to rejected, so the type keeps exactly one confirmed code. Only officers
    allowed by `can_decide_hs_code`; history records who decided.
    """
    return _decide(
        actor=actor, product_type=product_type, hs_code=hs_code, status=HSLinkStatus.CONFIRMED
    )


@transaction.atomic
def hs_code_reject(
    *, actor: User, product_type: ProductType, hs_code: HSCode | str
) -> ProductHSCode:
    """Record that `hs_code` is not the type's code; refreshes will not suggest it again.

    Rejecting the confirmed code leaves the type without one. Same permission as confirming.
    """
    return _decide(
        actor=actor, product_type=product_type, hs_code=hs_code, status=HSLinkStatus.REJECTED
    )


_STATUS_STRENGTH = {HSLinkStatus.SUGGESTED: 0, HSLinkStatus.REJECTED: 1, HSLinkStatus.CONFIRMED: 2}


def hs_links_merge(
    source: ProductType, target: ProductType, reason: str, report: ProductTypeMergeReport
) -> None:
    """Move the HS links of a product type merged into another (issue 13), keeping decisions.

    A code both types link to keeps the stronger decision (confirmed > rejected > suggested,
    with who decided and when). When both types had a different confirmed code, the type that
    stays keeps its own and the merged type's becomes a suggestion again, noted in the report so
    an officer decides; a type never has two confirmed codes. Every change writes history.
    Registered with the registry's merge from `MarketsConfig.ready()`.
    """
    on_target = {
        link.hs_code_id: link for link in ProductHSCode.objects.filter(product_type=target)
    }
    target_confirmed = any(link.status == HSLinkStatus.CONFIRMED for link in on_target.values())
    for link in ProductHSCode.objects.filter(product_type=source).select_related("hs_code"):
        link._change_reason = reason  # type: ignore[attr-defined]
        kept = on_target.get(link.hs_code_id)
        if kept is not None:
            if _STATUS_STRENGTH[HSLinkStatus(link.status)] > _STATUS_STRENGTH[
                HSLinkStatus(kept.status)
            ] and not (link.status == HSLinkStatus.CONFIRMED and target_confirmed):
                kept.status = link.status
                kept.confirmed_by, kept.confirmed_at = link.confirmed_by, link.confirmed_at
                kept._change_reason = reason  # type: ignore[attr-defined]
                kept.save(update_fields=["status", "confirmed_by", "confirmed_at", "updated_at"])
            elif link.status == HSLinkStatus.CONFIRMED and kept.status != HSLinkStatus.CONFIRMED:
                report.notes.append(
                    f"{source.name} had HS {link.hs_code.code} confirmed and {target.name} "
                    f"another code: {target.name} keeps its own, {link.hs_code.code} waits for "
                    f"an officer"
                )
            link.delete()
            report.count("markets.ProductHSCode")
            continue
        if link.status == HSLinkStatus.CONFIRMED and target_confirmed:
            link.status = HSLinkStatus.SUGGESTED
            report.notes.append(
                f"{source.name} had HS {link.hs_code.code} confirmed and {target.name} another "
                f"code: {target.name} keeps its own, {link.hs_code.code} waits for an officer"
            )
        link.product_type = target
        link.save(update_fields=["product_type", "status", "updated_at"])
        report.count("markets.ProductHSCode")


BACI_COUNTRY_CODES = Path("trade") / "hs" / "baci_country_codes_V202301.csv"
# The product code files in the shared data; for another revision the operator passes the
# one that came with the BACI download (--product-codes).
BACI_PRODUCT_CODES = {
    "HS92": Path("trade") / "hs" / "baci_product_codes_HS92_V202301.csv",
    "HS17": Path("trade") / "hs" / "baci_product_codes_HS17_with_bec_ONEcampaign.csv",
}


@dataclass(frozen=True)
class BaciLoadReport:
    """What `baci_year_load` did: the year now current, and what it read and left out."""

    manifest: BaciManifest
    already_loaded: bool
    unknown_country_codes: dict[str, int] = field(default_factory=dict)
    unconverted_products: tuple[str, ...] = ()
    products: int = 0
    countries: int = 0
    positions: int = 0
    comparative_advantage: int = 0  # products the exporter has RCA ≥ 1 in (HS 1992)
    population_missing: bool = False

    @property
    def rows_read(self) -> int:
        return self.manifest.rows + self.manifest.rows_skipped


@contextmanager
def _baci_folder_locked(folder: Path) -> Iterator[None]:
    """One load at a time per folder: two concurrent loads could otherwise each remove the
    other's data file when cleaning up."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _baci_code_files(
    revision: str, country_codes: Path | None, product_codes: Path | None
) -> tuple[Path, Path]:
    root = Path(settings.ODOP_DATA_DIR)
    product_default = BACI_PRODUCT_CODES.get(revision)
    if product_codes is None and product_default is None:
        raise ValidationError(
            _(
                "No product code file for %(revision)s in the shared data: pass the one that "
                "came with the BACI download (--product-codes)."
            ),
            code="product_codes_required",
            params={"revision": revision},
        )
    return (
        country_codes or root / BACI_COUNTRY_CODES,
        product_codes or root / product_default,  # type: ignore[operator]
    )


def baci_year_load(
    *,
    path: Path,
    exporter: str = "IND",
    country_codes: Path | None = None,
    product_codes: Path | None = None,
    revision: str | None = None,
    progress: Callable[[int], None] = _progress_none,
) -> BaciLoadReport:
    """Make the BACI file at `path` the current year for `exporter` (ISO3): validate it with
    the BACI loader, prepare the HS6 export potential (`hs6_potential_prepare`, with World Bank
    GDP and population and CEPII distances) and the exporter's product-space position
    (`exporter_positions_compute`), and store both in ODOP_BACI_DIR (`markets.baci_store`).

    Idempotent: the same file (by SHA-256) for the same exporter and revision is reported as
    `already_loaded` and nothing is written. Any other file replaces the current year, older
    or newer: the last load wins, and one year is kept. Raises `ValidationError` (the
    loader's codes, plus unknown_revision, product_codes_required, unusable_year) and writes
    nothing when the file cannot be used. `progress` gets bytes read (the file is read twice:
    once for its checksum, once to parse it)."""
    from odop.markets.baci_store import (
        baci_read,
        baci_year_write,
        file_sha256,
        manifest_read,
    )
    from odop.markets.complexity import ComplexityInputError
    from odop.markets.loaders.baci import baci_revision
    from odop.markets.potential import PotentialInputError
    from odop.markets.potential_hs6 import hs6_potential_prepare
    from odop.markets.product_positions import exporter_positions_compute
    from odop.markets.selectors import (
        hs_conversion_table,
        macro_sources,
    )

    if not path.is_file():
        raise ValidationError(
            _("%(file)s does not exist."), code="missing_file", params={"file": str(path)}
        )
    revision = revision or baci_revision(path.name, product_codes.name if product_codes else "")
    if revision is None:
        raise ValidationError(
            _(
                "Cannot tell the HS revision from the file name %(file)s: name it with "
                "--revision (HS92, HS17, HS22, ...)."
            ),
            code="unknown_revision",
            params={"file": path.name},
        )
    country_file, product_file = _baci_code_files(revision, country_codes, product_codes)
    folder = baci_dir()
    with _baci_folder_locked(folder):
        checksum = file_sha256(path, progress=progress)
        current = manifest_read(folder)
        if (
            current is not None
            and (current.source_sha256, current.exporter, current.revision)
            == (checksum, exporter, revision)
            and (folder / current.data_file).is_file()
        ):
            return BaciLoadReport(manifest=current, already_loaded=True)
        table = baci_read(
            path, country_codes=country_file, product_codes=product_file, progress=progress
        )
        gdp, population, distances = macro_sources()
        try:
            base = hs6_potential_prepare(
                table,
                exporter=exporter,
                gdp=gdp,
                distances=distances,
                population=population,
            )
            positions = exporter_positions_compute(
                table,
                exporter=exporter,
                to_hs1992=hs_conversion_table(source=revision, target="HS92"),
            )
        except (PotentialInputError, ComplexityInputError, FileNotFoundError) as error:
            raise ValidationError(
                _("%(file)s cannot be used: %(error)s"),
                code="unusable_year",
                params={"file": path.name, "error": str(error)},
            ) from error
        skipped = sum(table.unknown_country_codes.values())
        manifest = BaciManifest(
            year=base.year,
            revision=revision,
            exporter=exporter,
            source_file=path.name,
            source_sha256=checksum,
            rows=len(table.value),
            rows_skipped=skipped,
            created_at=timezone.now().isoformat(timespec="seconds"),
            data_file=f"baci-{revision}-{base.year}-{exporter}-{checksum[:12]}.npz",
        )
        baci_year_write(
            folder,
            manifest=manifest,
            base=base,
            positions=dict(positions.positions),
            rca=dict(positions.rca),
        )
    return BaciLoadReport(
        manifest=manifest,
        already_loaded=False,
        unknown_country_codes=dict(table.unknown_country_codes),
        unconverted_products=positions.unconverted_products,
        products=len(base.products),
        countries=len(base.countries),
        positions=len(positions.positions),
        comparative_advantage=sum(p.m for p in positions.positions.values()),
        population_missing=population is None,
    )
