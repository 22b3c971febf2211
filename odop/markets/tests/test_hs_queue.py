"""The officers' HS queue puts what most needs a decision first, and each suggestion says how
confident it is (issue 13)."""

import pytest

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.markets.hs_suggest import CONFIDENCE_PUBLIC_MIN, HSEntry, HSIndex, ProductText
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.markets.selectors import product_types_to_decide
from odop.registry.models import HSCode
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory

ENTRIES = [
    HSEntry("09", "Coffee, tea, mate and spices"),
    HSEntry("0910", "Ginger, saffron, turmeric (curcuma), thyme, bay leaves"),
    HSEntry("091030", "Spices; turmeric (curcuma)"),
    HSEntry("0902", "Tea"),
    HSEntry("090210", "Tea, green; in packages not exceeding 3kg"),
    HSEntry("0904", "Pepper; capsicum or pimenta, dried or crushed"),
    HSEntry("090421", "Fruits of the genus capsicum; dried, neither crushed nor ground"),
]


def test_a_clear_first_suggestion_is_confident_and_the_others_are_not() -> None:
    index = HSIndex(ENTRIES)

    candidates = index.suggest(ProductText("Turmeric"), distinct_headings=True)

    assert candidates[0].code == "091030"
    assert candidates[0].confidence >= CONFIDENCE_PUBLIC_MIN
    assert all(candidate.confidence == 0.0 for candidate in candidates[1:])


def test_two_equally_good_headings_give_no_confidence() -> None:
    index = HSIndex(
        [
            HSEntry("08", "Edible fruit and nuts"),
            HSEntry("0801", "Nuts"),
            HSEntry("080111", "Nuts; coconuts"),
            HSEntry("0802", "Nuts"),
            HSEntry("080211", "Nuts; almonds"),
        ]
    )

    # "nuts" says 0801 no more than 0802: no heading stands out
    candidates = index.suggest(ProductText("Nuts"), distinct_headings=True)

    assert len(candidates) == 2
    assert candidates[0].confidence == 0.0


@pytest.mark.django_db
def test_queue_puts_widely_listed_and_unsure_types_first() -> None:
    # given three open types: one listed by three districts, two by one district each, one of
    # which has a confident suggestion and one an unsure one
    admin = UserFactory.create(role=Role.NATIONAL_ADMIN)
    code = HSCode.objects.create(code="091030", description="Turmeric", parent_code="0910", level=6)
    wide = ProductTypeFactory.create(name="Zz wide")
    sure = ProductTypeFactory.create(name="Aa sure")
    unsure = ProductTypeFactory.create(name="Bb unsure")
    DistrictProductFactory.create_batch(3, product_type=wide)
    DistrictProductFactory(product_type=sure)
    DistrictProductFactory(product_type=unsure)
    for product_type, confidence in ((sure, 0.9), (unsure, 0.1), (wide, 0.9)):
        ProductHSCode.objects.create(
            product_type=product_type,
            hs_code=code,
            status=HSLinkStatus.SUGGESTED,
            rank=1,
            score=0.5,
            confidence=confidence,
        )

    # when
    queue = list(product_types_to_decide(user=admin))

    # then
    assert [product_type.name for product_type in queue] == ["Zz wide", "Bb unsure", "Aa sure"]
    assert getattr(queue[0], "district_count") == 3  # noqa: B009 (an annotation)
