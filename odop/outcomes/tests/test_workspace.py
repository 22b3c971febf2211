"""The outcomes block of "My work": districts of the scope owing last quarter's return."""

from datetime import date
from types import SimpleNamespace

import pytest

from odop.outcomes.returns import returns_upload
from odop.outcomes.tests.uploads import HEADER, table
from odop.workspace.selectors import workspace_blocks
from odop.workspace.selectors.outcomes import last_quarter, outcomes_block

pytestmark = pytest.mark.django_db


def test_the_last_completed_quarter():
    assert last_quarter(date(2026, 7, 1)).text == "2026-Q2"
    assert last_quarter(date(2026, 2, 15)).text == "2025-Q4"


@pytest.mark.parametrize(
    ("who", "owing"),
    [("national_admin", 3), ("state_officer_own", 2), ("district_officer_own", 0)],
)
def test_districts_owing_a_return(world: SimpleNamespace, who: str, owing: int):
    text = HEADER + "Bihar,Patna,Makhana,2026-Q2,1,1,0,,\n"
    returns_upload(actor=world.users["national_admin"], table=table(text))
    block = outcomes_block(user=world.users[who], today=date(2026, 8, 3))
    assert block is not None
    assert block.links[0].count == owing
    assert block.links[0].url == "/outcomes/upload/"


@pytest.mark.parametrize("who", ["buyer", "mission_officer", "bank_officer"])
def test_no_block_for_others(world: SimpleNamespace, who: str):
    assert outcomes_block(user=world.users[who], today=date(2026, 8, 3)) is None
    keys = [block.key for block in workspace_blocks(user=world.users[who])]
    assert "outcomes" not in keys
