"""What every importer shares: the report it returns and the upsert that keeps re-runs silent.

An importer reads a whole file first, refuses it whole if it is broken (ValidationError, nothing
written), then upserts row by row inside one transaction. `row_upsert` only saves a row whose
values changed, so a second run of the same file writes nothing and adds no history.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict

from django.db import models

from odop.core.page_cache import data_version_bump_for


@dataclass(frozen=True)
class Finding:
    """One problem met in one row, and what the importer did about it."""

    source: str
    row: int | None
    problem: str
    resolution: str
    state: str = ""
    district: str = ""
    code: str = ""
    value: str = ""
    detail: str = ""


class RowContext(TypedDict):
    """Where a finding was met: file, row, and the row's own State, district and code."""

    source: str
    row: int
    state: str
    district: str
    code: str


@dataclass
class ImportReport:
    """The summary an importer returns: counts and every finding."""

    source: str
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    findings: list[Finding] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self) -> str:
        return (
            f"{self.source}: {self.rows_read} rows read, {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged, {len(self.findings)} findings"
        )


ProgressCallback = Callable[[int], None]


def progress_none(_step: int) -> None:
    """A progress callback that shows nothing (services called from code or tests)."""


def row_upsert[M: models.Model](
    model: type[M],
    *,
    lookup: Mapping[str, Any],
    values: Mapping[str, Any],
    existing: M | None = None,
    reason: str = "",
) -> tuple[M, str]:
    """Create or update one row; returns it with "created", "updated" or "unchanged".

    `existing` may be passed when the caller has already loaded the row (saves a query).
    The history reason (simple-history) says which import made the change.
    """
    instance = existing
    if instance is None:
        instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance._change_reason = reason  # type: ignore[attr-defined]
        instance.full_clean()
        instance.save()
        return instance, "created"
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return instance, "unchanged"
    for name in changed:
        setattr(instance, name, values[name])
    instance._change_reason = reason  # type: ignore[attr-defined]
    instance.full_clean()
    instance.save(
        update_fields=[*changed, *(["updated_at"] if hasattr(instance, "updated_at") else [])]
    )
    return instance, "updated"


def _current(instance: models.Model, name: str, relations: Mapping[str, str]) -> Any:
    """A field's value without fetching related rows (a foreign key compares by its id)."""
    return getattr(instance, relations.get(name, name))


def _comparable(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def rows_sync[K, M: models.Model](
    model: type[M],
    *,
    wanted: Mapping[K, Mapping[str, Any]],
    existing: Mapping[K, M],
    report: ImportReport,
    reason: str,
    user: Any = None,
) -> dict[K, M]:
    """Make the rows named by `wanted` hold those values, in a few bulk queries.

    New keys are created, changed rows updated, identical rows left alone (counted
    "unchanged"), each with a history row when the model keeps history. Field validation
    (lengths, choices, URLs) runs on every written row; uniqueness is the database's job.
    Returns every wanted row by key.
    """
    from django.utils import timezone

    relations = {
        field.name: field.attname for field in model._meta.concrete_fields if field.is_relation
    }
    relation_names = list(relations)
    has_history = hasattr(model, "history")
    result: dict[K, M] = {}
    new: list[M] = []
    changed: list[M] = []
    changed_fields: set[str] = set()
    for key, values in wanted.items():
        instance = existing.get(key)
        if instance is None:
            instance = model(**values)
            instance.clean_fields(exclude=relation_names)
            new.append(instance)
            report.count("created")
        else:
            fields = [
                name
                for name, value in values.items()
                if _current(instance, name, relations) != _comparable(value)
            ]
            if fields:
                for name in fields:
                    setattr(instance, name, values[name])
                instance.clean_fields(exclude=relation_names)
                changed.append(instance)
                changed_fields.update(fields)
                report.count("updated")
            else:
                report.count("unchanged")
        result[key] = instance
    if changed and hasattr(model, "updated_at"):
        now = timezone.now()
        for instance in changed:
            instance.updated_at = now  # type: ignore[attr-defined]
        changed_fields.add("updated_at")
    if has_history:
        from simple_history.utils import bulk_create_with_history, bulk_update_with_history

        if new:
            created = bulk_create_with_history(
                new, model, batch_size=500, default_change_reason=reason, default_user=user
            )
            for instance, saved in zip(new, created, strict=True):
                instance.pk = saved.pk
        if changed:
            bulk_update_with_history(
                changed,
                model,
                sorted(changed_fields),
                batch_size=500,
                default_change_reason=reason,
                default_user=user,
            )
    else:
        model._default_manager.bulk_create(new, batch_size=500)
        if changed:
            model._default_manager.bulk_update(changed, sorted(changed_fields), batch_size=500)
    if new or changed:
        # Bulk writes send no signals: cached pages showing these rows go stale explicitly.
        data_version_bump_for(model)
    return result
