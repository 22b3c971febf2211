"""Outcomes and policies on the real national list (ODOP_DATA_DIR): Bihar reads 38 of 38
districts and 87 products, a messy return in district offices' spellings is placed or reported
row by row, and a policy's coverage counts Bihar's real products."""

from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.models import State
from odop.outcomes import selectors
from odop.outcomes.returns import returns_upload
from odop.outcomes.services import policy_create, policy_products_link
from odop.outcomes.tests.uploads import HEADER, table
from odop.registry.models import DistrictProduct
from odop.registry.selectors import coverage_state
from odop.registry.services import ReferenceFiles, reference_import

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# District offices' spellings: HQ towns (Bettiah, Motihari), the list's "East Champaran", a
# typo ("Muzaffarpure"), a synonym of a product type ("Makhana (Foxnut)").
MESSY_BIHAR = HEADER + (
    "Bihar,Bettiah,Marcha Chura,2026-Q2,420,1250000,0,35,DIC Bettiah\n"  # 2
    "Bihar,Motihari,Litchi,2026-Q2,800,2000000,150000,,\n"  # 3
    "Bihar,Muzaffarpure,Shahi Litchi,2026-Q2,5000,90000000,4500000,,\n"  # 4
    "BIHAR,Darbhanga,Makhana (Foxnut),2026-Q2,2600,70000000,0,55,\n"  # 5
    "Bihar,Gaya,Mango,2026-Q2,10,1000,0,,\n"  # 6 Gaya lists no mango
    "Odisha,Kandhamal,Turmeric,2026-Q2,50,5000,0,,\n"  # 7 outside a Bihar officer's scope
    "Bihar,Patna,Tikuli Paintings,2026-Q2,-3,1000,0,,\n"  # 8 negative
    "Bihar,East Champaran,Litchi,2026-Q2,800,2000000,150000,,\n"  # 9 duplicate of line 3
)


@pytest.fixture
def national(real_data_dir: Path) -> State:
    reference_import(files=ReferenceFiles.in_directory(real_data_dir))
    return State.objects.get(lgd_code=10)


def test_bihar_outcomes_and_policies_on_the_national_list(national: State, client: Client):
    bihar = national
    registry = coverage_state(state=bihar)
    assert (registry.districts_covered, registry.districts, registry.products) == (38, 38, 87)

    officer = UserFactory.create(role=Role.STATE_OFFICER, state=bihar)
    report = returns_upload(actor=officer, table=table(MESSY_BIHAR))
    assert {r.line: r.code for r in report.refused} == {
        6: "unknown_product",
        7: "out_of_scope",
        8: "negative_number",
        9: "duplicate_row",
    }
    assert report.placed == 4
    totals = selectors.outcome_totals(period="2026-Q2", state=bihar)
    assert totals.coverage.districts == 38 and totals.coverage.products == 87
    assert totals.coverage.districts_reported == 4
    assert totals.figures["jobs"] == 420 + 800 + 5000 + 2600

    policy = policy_create(
        actor=officer,
        state=bihar,
        name="Bihar Industrial Investment Promotion Policy",
        state_category="Category A",
        effective_from=date(2016, 9, 1),
    )
    handlooms = DistrictProduct.objects.filter(district__state=bihar, sector="handloom")
    linked = policy_products_link(
        actor=officer, policy=policy, district_product_ids=handlooms.values_list("pk", flat=True)
    )
    (row,) = selectors.policy_coverage(state=bihar)
    assert row.covered_products == len(linked) == handlooms.count() > 0
    assert (row.state_products, row.state_districts) == (87, 38)
    assert row.covered_districts == handlooms.values("district").distinct().count()

    page = client.get(f"/states/{bihar.lgd_code}/")
    assert f"{row.covered_products} of 87 products covered by" in page.content.decode()
