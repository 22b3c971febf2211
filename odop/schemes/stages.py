"""The stages of an application, as data (`data/application-stages.json`), and who answers
for an application at its stage and escalation level. Pure: no ORM.

A scheme has its own list of stages or the default one. Each stage has an owner role, the days
it may take, and the documents it needs before the application may leave it. When a stage is
overdue the application escalates one level up the owner's chain: a district officer's stage
to the State officer, then to national admins; a bank officer's stage first to the district
officer.
"""

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

STAGES_FILE = Path(__file__).parent / "data" / "stages" / "application-stages.json"

# The terminal "stages" once the last stage is done, or the application is refused.
APPROVED = "approved"
REJECTED = "rejected"

ESCALATION_CHAINS: dict[str, tuple[str, ...]] = {
    "district_officer": ("district_officer", "state_officer", "national_admin"),
    "bank_officer": ("bank_officer", "district_officer", "state_officer", "national_admin"),
    "state_officer": ("state_officer", "national_admin"),
    "national_admin": ("national_admin",),
}


@dataclass(frozen=True)
class Stage:
    code: str
    en: str
    hi: str
    owner: str
    sla_days: int
    documents: tuple[str, ...]
    sla_source: str

    @property
    def name(self) -> str:
        return self.hi if (get_language() or "en").startswith("hi") else self.en

    @property
    def sla(self) -> dt.timedelta:
        return dt.timedelta(days=self.sla_days)


def _stage(row: dict[str, Any]) -> Stage:
    if row["owner"] not in ESCALATION_CHAINS:
        raise ValueError(f"Stage {row['code']!r} has an unknown owner role {row['owner']!r}.")
    if not 1 <= int(row["sla_days"]) <= 3650:
        raise ValueError(f"Stage {row['code']!r} has service days out of range.")
    return Stage(
        code=row["code"],
        en=row["en"],
        hi=row["hi"],
        owner=row["owner"],
        sla_days=int(row["sla_days"]),
        documents=tuple(row["documents"]),
        sla_source=row["sla_source"],
    )


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(STAGES_FILE.read_text(encoding="utf-8"))
    return data


def document_kinds() -> dict[str, dict[str, str]]:
    """{kind: {"en", "hi"}} of every document a stage may ask for."""
    kinds: dict[str, dict[str, str]] = _data()["documents"]
    return kinds


def document_name(kind: str) -> str:
    names = document_kinds().get(kind, {"en": kind, "hi": kind})
    return names["hi"] if (get_language() or "en").startswith("hi") else names["en"]


@cache
def stages_for(scheme_code: str) -> tuple[Stage, ...]:
    """The scheme's stages in order (its own list, or the default)."""
    data = _data()
    rows = data["schemes"].get(scheme_code, data["default"])
    stages = tuple(_stage(row) for row in rows)
    for stage in stages:
        unknown = set(stage.documents) - set(data["documents"])
        if unknown:
            raise ValueError(f"Stage {stage.code!r} asks for unknown documents {unknown}.")
    return stages


def stage_of(scheme_code: str, code: str) -> Stage | None:
    """The stage `code` of the scheme; None for approved/rejected."""
    return next((stage for stage in stages_for(scheme_code) if stage.code == code), None)


def stage_next(scheme_code: str, code: str) -> Stage | None:
    """The stage after `code`, or None when `code` is the last (the application is approved)."""
    stages = stages_for(scheme_code)
    codes = [stage.code for stage in stages]
    position = codes.index(code)
    return stages[position + 1] if position + 1 < len(stages) else None


def responsible_roles(stage: Stage, escalation_level: int) -> tuple[str, ...]:
    """The roles that may act on an application at `stage` escalated `escalation_level` times:
    the owner and everyone up the chain to the current level."""
    chain = ESCALATION_CHAINS[stage.owner]
    return chain[: min(escalation_level, len(chain) - 1) + 1]


def escalation_target(stage: Stage, escalation_level: int) -> str | None:
    """The role an application escalates to from `escalation_level`, None at the top."""
    chain = ESCALATION_CHAINS[stage.owner]
    return chain[escalation_level + 1] if escalation_level + 1 < len(chain) else None


def missing_documents(stage: Stage, attached: set[str]) -> list[str]:
    """The documents the stage needs that are not attached yet."""
    return [kind for kind in stage.documents if kind not in attached]
