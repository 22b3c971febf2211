"""`odop match_meetings`: bad input exits non-zero with every fault named and writes nothing."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def good() -> dict[str, Any]:
    return {
        "slots": ["s01", "s02"],
        "tables": 2,
        "buyers": [
            {"id": "B1", "interests": ["570110"], "available": ["s01", "s02"], "max_meetings": 2}
        ],
        "sellers": [
            {"id": "S1", "products": ["570190"], "available": ["s01"], "max_meetings": 1},
            {"id": "S2", "products": ["570110"], "available": ["s01", "s02"], "max_meetings": 1},
        ],
    }


def run(tmp_path: Path, data: object) -> Path:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data))
    out = tmp_path / "out.json"
    call_command("match_meetings", str(source), "--out", str(out))
    return out


def test_writes_meetings_and_waitlist(tmp_path: Path) -> None:
    result = json.loads(run(tmp_path, good()).read_text())
    assert {(m["buyer"], m["seller"]) for m in result["meetings"]} == {("B1", "S1"), ("B1", "S2")}
    assert result["waitlist"] == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["buyers"][0].update(interests=["123456"]), "123456 is not in the HS 2022"),
        (lambda d: d["sellers"][0].update(products=["57"]), "is not a 4- or 6-digit HS code"),
        (
            lambda d: d["sellers"][1].update(available=["s09"]),
            "'s09' is not one of the event's slots",
        ),
        (lambda d: d["buyers"][0].update(max_meetings=-1), "max_meetings: must be a whole number"),
        (lambda d: d.update(tables=0), "tables: must be a whole number"),
        (lambda d: d["sellers"].append(dict(d["sellers"][0])), "id: appears twice"),
    ],
)
def test_bad_input_names_the_fault_and_writes_nothing(
    tmp_path: Path, change: Any, message: str
) -> None:
    data = good()
    change(data)
    with pytest.raises(CommandError, match=message):
        run(tmp_path, data)
    assert not (tmp_path / "out.json").exists()


def test_not_json(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text("{slots:")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("match_meetings", str(source), "--out", str(tmp_path / "out.json"))
    assert not (tmp_path / "out.json").exists()
