"""What waits for each role on "My work" (issue 12): a role matrix of blocks and counts, in a
world where the same kinds of work exist in the viewer's scope and outside it."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from odop.workspace.selectors import WorkBlock, workspace_blocks
from odop.workspace.tests.conftest import TODAY

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime.combine(TODAY, dt.time(10, 0)))


def counts(blocks: list[WorkBlock]) -> dict[str, dict[str, int]]:
    return {block.key: {link.label: link.count for link in block.links} for block in blocks}


def blocks_of(world: SimpleNamespace, role: str) -> list[WorkBlock]:
    return workspace_blocks(user=world.users[role], now=NOW)


OFFICER_BLOCKS = ["selection", "producers", "hs_codes", "exports", "outcomes"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        pytest.param(
            "district_officer",
            {
                "selection": {
                    "Drafts to propose": 1,
                    "Returned to the district for revision": 0,
                    "Proposed: seat the committee and open scoring": 1,
                    "Past their stage deadline": 1,
                },
                "producers": {"Producers awaiting your verification": 1},
                "hs_codes": {"Product types with a suggested HS code to confirm": 1},
                "exports": {
                    "Draft plans to complete and adopt": 1,
                    "Bottlenecks past their due date": 1,
                },
                "outcomes": {"Districts without a return for 2026-Q3": 1},
            },
            id="district_officer_case",
        ),
        pytest.param(
            "district_officer_other",
            {
                "selection": {
                    "Drafts to propose": 0,
                    "Returned to the district for revision": 0,
                    "Proposed: seat the committee and open scoring": 0,
                    "Past their stage deadline": 0,
                },
                "producers": {"Producers awaiting your verification": 1},
                "hs_codes": {"Product types with a suggested HS code to confirm": 1},
                "exports": {
                    "Draft plans to complete and adopt": 1,
                    "Bottlenecks past their due date": 1,
                },
                "outcomes": {"Districts without a return for 2026-Q3": 1},
            },
            id="district_officer_other_case",
        ),
        pytest.param(
            "state_officer",
            {
                "selection": {
                    "Scored by the committee: approve, return or reject": 1,
                    "Past their stage deadline": 1,
                },
                "producers": {"Producers awaiting your verification": 1},
                "hs_codes": {"Product types with a suggested HS code to confirm": 1},
                "exports": {
                    "Draft plans to complete and adopt": 1,
                    "Bottlenecks past their due date": 1,
                },
                "outcomes": {"Districts without a return for 2026-Q3": 1},
                "outlets": {"Outlets without stock": 1},
            },
            id="state_officer_case",
        ),
        pytest.param(
            "national_admin",
            {
                "selection": {
                    "Approved by the State: publish or return": 1,
                    "Past their stage deadline": 1,
                },
                "producers": {"Producers awaiting your verification": 2},
                "hs_codes": {"Product types with a suggested HS code to confirm": 2},
                "exports": {
                    "Draft plans to complete and adopt": 2,
                    "Bottlenecks past their due date": 2,
                },
                "outcomes": {"Districts without a return for 2026-Q3": 2},
                "outlets": {"Outlets without stock": 2},
            },
            id="national_admin_case",
        ),
        pytest.param("assessor", {"assessments": {"Candidates to score": 1}}, id="assessor_case"),
        pytest.param(
            "assessor_other",
            {"assessments": {"Candidates to score": 1}},
            id="assessor_other_case",
        ),
        pytest.param(
            "producer",
            {
                "shop": {
                    "Inquiries to answer": 2,
                    "Orders to confirm": 1,
                    "Orders to ship": 0,
                    "Draft listings": 1,
                    "Certificates expired or expiring within 60 days": 1,
                }
            },
            id="producer_case",
        ),
        pytest.param(
            "producer_pending",
            {
                "shop": {
                    "Inquiries to answer": 0,
                    "Orders to confirm": 0,
                    "Orders to ship": 0,
                    "Draft listings": 0,
                    "Certificates expired or expiring within 60 days": 0,
                }
            },
            id="producer_pending_case",
        ),
        pytest.param(
            "buyer",
            {
                "buying": {
                    "Quotations offered to you": 1,
                    "Receipts to confirm": 1,
                    "Orders with the seller": 1,
                    "Inquiries awaiting a quotation": 1,
                }
            },
            id="buyer_case",
        ),
        pytest.param(
            "buyer_other",
            {
                "buying": {
                    "Quotations offered to you": 0,
                    "Receipts to confirm": 0,
                    "Orders with the seller": 0,
                    "Inquiries awaiting a quotation": 1,
                }
            },
            id="buyer_other_case",
        ),
        pytest.param(
            "mission_officer",
            {
                "buying": {
                    "Quotations offered to you": 0,
                    "Receipts to confirm": 0,
                    "Orders with the seller": 0,
                    "Inquiries awaiting a quotation": 0,
                },
                "outlets": {"Outlets without stock": 0},
                "gifts": {"Draft collections": 1},
            },
            id="mission_officer_case",
        ),
    ],
)
def test_each_role_sees_its_own_work_and_nothing_of_another_scope(
    world: SimpleNamespace, role: str, expected: dict[str, dict[str, int]]
) -> None:
    """Issue 12: every role has a home listing what waits for it, counted in its scope only."""
    assert counts(blocks_of(world, role)) == expected


def test_an_assessor_is_sent_to_the_assessment_of_their_own_committee(
    world: SimpleNamespace,
) -> None:
    """Issue 12: the assessor's row opens the scoring page of the candidate they sit on, and
    the other committee's candidate is not listed."""
    (block,) = blocks_of(world, "assessor")
    assert [(row.label, row.url, row.urgent) for row in block.rows] == [
        ("Patna scoring jaggery", f"/selection/candidates/{world.scoring.pk}/assessment/", True)
    ]


def test_a_submitted_assessment_is_no_longer_due(world: SimpleNamespace) -> None:
    """Issue 12: once the assessor has submitted, nothing waits for them."""
    from odop.selection.models import Assessment, AssessmentStatus

    # given the assessor's submitted scores
    Assessment.objects.create(
        candidate=world.scoring,
        assessor=world.users["assessor"],
        status=AssessmentStatus.SUBMITTED,
        submitted_at=NOW,
    )
    # when / then
    assert counts(blocks_of(world, "assessor")) == {"assessments": {"Candidates to score": 0}}


def test_a_producer_sees_an_expired_certificate_as_expired_and_a_renewed_one_not(
    world: SimpleNamespace,
) -> None:
    """Issue 12: the 2020 FSSAI licence is listed as expired; once a newer FSSAI licence is
    valid, the old one no longer waits."""
    from odop.producers.models import Certification, CertificationKind

    shop = next(block for block in blocks_of(world, "producer") if block.key == "shop")
    expired = [row for row in shop.rows if row.when == dt.date(2020, 3, 31)]
    assert [(row.detail, row.urgent) for row in expired] == [("Expired", True)]

    # when the licence is renewed
    Certification.objects.create(
        producer=world.producer,
        kind=CertificationKind.FSSAI,
        number="12345678901299",
        valid_until=TODAY + dt.timedelta(days=365),
    )
    shop = next(block for block in blocks_of(world, "producer") if block.key == "shop")
    assert [row for row in shop.rows if row.when == dt.date(2020, 3, 31)] == []


def test_a_pending_producer_is_told_they_await_verification(world: SimpleNamespace) -> None:
    """Issue 12: a self-registered producer lands on a home that says what happens next."""
    (shop,) = blocks_of(world, "producer_pending")
    assert "awaits verification" in shop.note
    assert [link.label for link in shop.extra][:2] == ["My shop", "My producer page"]


def test_a_producer_account_without_a_record_is_asked_to_register(db: None) -> None:
    """Issue 12: a producer account with no enterprise yet is pointed to registration."""
    from odop.accounts.models import Role
    from odop.accounts.tests.factories import UserFactory

    (shop,) = workspace_blocks(user=UserFactory.create(role=Role.PRODUCER), now=NOW)
    assert [(link.label, link.url) for link in shop.extra] == [
        ("Register your enterprise", "/bazaar/sell/")
    ]


def test_an_expired_quote_is_not_offered(world: SimpleNamespace) -> None:
    """Issue 12: a quotation past its validity is not work for the buyer."""
    later = NOW + dt.timedelta(days=60)
    (buying,) = workspace_blocks(user=world.users["buyer"], now=later)
    assert {link.label: link.count for link in buying.links}["Quotations offered to you"] == 0


def test_the_outlets_a_person_runs_are_listed_with_their_stock(world: SimpleNamespace) -> None:
    """Issue 12: the Mission officer named manager of the Tokyo store finds it, and its
    stock, on their home; how many outlets they run is a plain link, not waiting work."""
    outlets = next(b for b in blocks_of(world, "mission_officer") if b.key == "outlets")
    assert [(row.label, row.detail, row.urgent) for row in outlets.rows] == [
        ("ODOP Store Tokyo, Tokyo", "7 units in stock", False)
    ]
    assert [(link.label, link.count) for link in outlets.extra] == [("Outlets", 1)]
    assert outlets.waiting == 0
