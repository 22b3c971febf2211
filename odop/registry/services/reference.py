"""The whole reference import (LGD, GI, HS, national list) in one transaction, and the
findings it leaves."""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.core.imports import (
    Finding,
    ImportReport,
    ProgressCallback,
    progress_none,
)
from odop.core.page_cache import data_version_bump
from odop.geography.models import AliasSource
from odop.geography.selectors import district_index_load
from odop.geography.services import lgd_import
from odop.registry.models import (
    DataQualityFinding,
    ImportRun,
)
from odop.registry.services.gi import gi_registry_import
from odop.registry.services.hs import hs_import
from odop.registry.services.master import odop_master_import


def findings_replace(*, source: str, findings: Iterable[Finding]) -> int:
    """Make the stored findings of `source` equal to `findings`, touching only the difference.

    So an unchanged file leaves the findings table exactly as it was.
    """
    wanted: dict[tuple, Finding] = {}
    for finding in findings:
        key = (
            finding.row,
            finding.problem,
            finding.resolution,
            finding.state[:160],
            finding.district[:160],
            finding.code[:32],
            finding.value[:255],
            finding.detail,
        )
        wanted.setdefault(key, finding)
    stored = {
        (
            row.row,
            row.problem,
            row.resolution,
            row.state,
            row.district,
            row.code,
            row.value,
            row.detail,
        ): row.pk
        for row in DataQualityFinding.objects.filter(source=source)
    }
    stale = [pk for key, pk in stored.items() if key not in wanted]
    DataQualityFinding.objects.filter(pk__in=stale).delete()
    fresh = [
        DataQualityFinding(
            source=source,
            row=f.row,
            problem=f.problem,
            resolution=f.resolution,
            state=f.state[:160],
            district=f.district[:160],
            code=f.code[:32],
            value=f.value[:255],
            detail=f.detail,
        )
        for key, f in wanted.items()
        if key not in stored
    ]
    DataQualityFinding.objects.bulk_create(fresh)
    return len(wanted)


# ---------------------------------------------------------------- the whole reference set


@dataclass(frozen=True)
class ReferenceFiles:
    """Where each reference file lives inside the data directory."""

    states: Path
    districts: Path
    hq_points: Path
    gi_registry: Path
    hs2022: Path
    odop_master: Path

    @classmethod
    def in_directory(cls, data_dir: Path, *, master: Path | None = None) -> "ReferenceFiles":
        odop = data_dir / "odop"
        default_master = odop / "dpiit_odop_master.xlsx"
        if not default_master.exists():
            default_master = odop / "dpiit_odop_master.csv"
        return cls(
            states=data_dir / "districts" / "lgd_states.csv",
            districts=data_dir / "districts" / "lgd_districts_2022-12.csv",
            hq_points=data_dir / "districts" / "district_hq_points.csv",
            gi_registry=data_dir / "gi" / "ipindia_registered_gi.csv",
            hs2022=data_dir / "trade" / "hs" / "hs2022_datasets-harmonized-system.csv",
            odop_master=master or default_master,
        )

    def all(self) -> tuple[Path, ...]:
        return (
            self.states,
            self.districts,
            self.hq_points,
            self.gi_registry,
            self.hs2022,
            self.odop_master,
        )

    def rows_estimate(self) -> int | None:
        """About how many rows the import will step through (for a progress bar); None if a
        file cannot be read."""
        try:
            total = 0
            for path in (
                self.states,
                self.districts,
                self.gi_registry,
                self.hs2022,
                self.odop_master,
            ):
                if path.suffix.lower() == ".xlsx":
                    from openpyxl import load_workbook

                    workbook = load_workbook(path, read_only=True)
                    total += max((workbook.worksheets[0].max_row or 1) - 1, 0)
                    workbook.close()
                else:
                    with path.open("rb") as handle:
                        total += max(sum(1 for _line in handle) - 1, 0)
            return total
        except (OSError, ValueError):
            return None

    def checksum(self) -> str:
        """One digest over every input, the project's curated lists included."""
        digest = hashlib.sha256()
        odop = Path(__file__).resolve().parents[2]
        curated = sorted((odop / "geography" / "data").glob("*.csv")) + sorted(
            (odop / "registry" / "data").glob("*.csv")
        )
        for path in (*self.all(), *curated):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()


REFERENCE_SOURCE = "reference"


def reference_import_is_current(files: ReferenceFiles) -> bool:
    """True when the last complete reference import read exactly these files."""
    last = ImportRun.objects.filter(source=REFERENCE_SOURCE).first()
    return last is not None and last.checksum == files.checksum()


@transaction.atomic
def reference_import(
    *,
    files: ReferenceFiles,
    actor: User | None = None,
    progress: ProgressCallback = progress_none,
) -> list[ImportReport]:
    """Import the whole reference set in order (LGD, GI, HS, national list) in one transaction:
    if any file is refused, nothing at all is written."""
    missing = [str(path) for path in files.all() if not path.exists()]
    if missing:
        raise ValidationError(
            _("Reference files not found: %(files)s"),
            code="missing_file",
            params={"files": ", ".join(missing)},
        )
    reports = [
        lgd_import(
            states_path=files.states,
            districts_path=files.districts,
            hq_points_path=files.hq_points,
            progress=progress,
        )
    ]
    index = district_index_load(exclude_sources=[AliasSource.ODOP_MASTER])
    reports.append(gi_registry_import(path=files.gi_registry, index=index, progress=progress))
    reports.append(hs_import(path=files.hs2022, progress=progress))
    reports.append(odop_master_import(path=files.odop_master, index=index, progress=progress))
    findings_by_source: dict[str, list[Finding]] = defaultdict(list)
    for report in reports:
        for finding in report.findings:
            findings_by_source[finding.source].append(finding)
    sources = set(findings_by_source) | {report.source for report in reports}
    for source in sources:
        findings_replace(source=source, findings=findings_by_source.get(source, []))
    checksum = files.checksum()
    total = ImportReport(source=REFERENCE_SOURCE)
    for report in reports:
        total.rows_read += report.rows_read
        total.created += report.created
        total.updated += report.updated
        total.unchanged += report.unchanged
    last = ImportRun.objects.filter(source=REFERENCE_SOURCE).first()
    if last is None or last.checksum != checksum or total.created or total.updated:
        ImportRun.objects.create(
            source=REFERENCE_SOURCE,
            checksum=checksum,
            rows_read=total.rows_read,
            created=total.created,
            updated=total.updated,
            unchanged=total.unchanged,
            findings=sum(len(report.findings) for report in reports),
            actor=actor,
        )
    # Bulk writes (rows_sync, GI links, HS codes) send no signals: every public page that shows
    # places or products is computed afresh after the import commits.
    data_version_bump("geography", "registry")
    return reports
