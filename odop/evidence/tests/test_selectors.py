"""Evidence indicators of a product in a district: location quotients from uploaded
statistics (like units only), other districts with the product, GI registration (issue #3)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.evidence.selectors import evidence_for, statistic_list
from odop.evidence.tests.factories import DistrictStatisticFactory, StatisticsUploadFactory
from odop.geography.tests.factories import DistrictFactory
from odop.registry.models import GIDecisionAction
from odop.registry.services.gi_links import gi_link_decide
from odop.registry.tests.factories import (
    DistrictProductFactory,
    GIEntryFactory,
    ProductTypeFactory,
)

pytestmark = pytest.mark.django_db


def figures(place: SimpleNamespace) -> SimpleNamespace:
    """2022, tonnes: Patna Makhana 100 + Litchi 100; Purbi Champaran Litchi 300 + Mango 500;
    nationally Litchi 400 of 1000. Workers: Patna 25 + 15, Purbi 15 + 45, Baleshwar 900;
    nationally Litchi 30 of 1000. Beside them, figures that must not count: Baleshwar's
    Litchi in kilograms, and Patna's Litchi of 2021."""
    upload = StatisticsUploadFactory.create()
    mango = ProductTypeFactory.create(name="Mango")
    rows = [
        (place.patna, place.makhana, Decimal(100), "tonnes", 25, 2022),
        (place.patna, place.litchi, Decimal(100), "tonnes", 15, 2022),
        (place.purbi, place.litchi, Decimal(300), "tonnes", 15, 2022),
        (place.purbi, mango, Decimal(500), "tonnes", 45, 2022),
        (place.baleshwar, place.pattachitra, None, "", 900, 2022),
        (place.baleshwar, place.litchi, Decimal(5000), "kg", None, 2022),
        (place.patna, place.litchi, Decimal(50), "tonnes", 5, 2021),
    ]
    for district, product_type, production, unit, workers, year in rows:
        DistrictStatisticFactory.create(
            district=district,
            product_type=product_type,
            production=production,
            production_unit=unit,
            workers=workers,
            year=year,
            upload=upload,
        )
    return SimpleNamespace(mango=mango)


def test_location_quotients_of_the_latest_year(place: SimpleNamespace) -> None:
    # given
    figures(place)

    # when
    evidence = evidence_for(district=place.patna, product_type=place.litchi)

    # then: (100 / 200) / (400 / 1000) and (15 / 40) / (30 / 1000)
    assert evidence.year == 2022
    assert evidence.location_quotient_production.value == Decimal("1.25")
    assert "tonnes" in evidence.location_quotient_production.source
    assert "2022" in evidence.location_quotient_production.source
    assert evidence.location_quotient_production.detail == (
        "100 of 200 tonnes in the district; 400 of 1000 tonnes in all reporting districts."
    )
    assert evidence.location_quotient_workers.value == Decimal("12.5")


def test_location_quotients_compare_only_like_units(place: SimpleNamespace) -> None:
    figures(place)

    purbi = evidence_for(district=place.purbi, product_type=place.litchi)
    in_kilograms = evidence_for(district=place.baleshwar, product_type=place.litchi)

    assert purbi.location_quotient_production.value == Decimal("0.9375")  # (300/800)/(400/1000)
    assert in_kilograms.location_quotient_production.value == Decimal(1)  # alone in kg
    assert in_kilograms.location_quotient_workers.value is None
    assert "no workers" in in_kilograms.location_quotient_workers.source


def test_location_quotients_of_a_chosen_year(place: SimpleNamespace) -> None:
    figures(place)

    evidence = evidence_for(district=place.patna, product_type=place.litchi, year=2021)

    assert evidence.year == 2021
    assert evidence.location_quotient_production.value == Decimal(1)  # the only 2021 row


def test_no_statistics_no_quotients(place: SimpleNamespace) -> None:
    evidence = evidence_for(district=place.pashchim, product_type=place.litchi, year=2020)

    assert evidence.year == 2020
    assert evidence.location_quotient_production.value is None
    assert evidence.location_quotient_workers.value is None
    assert "No district statistics" in evidence.location_quotient_production.source


def test_other_districts_with_the_product_in_the_state_and_the_country(
    place: SimpleNamespace,
) -> None:
    # given: Litchi in Patna itself, two other Bihar districts, and one Odisha district
    for district in (place.patna, place.purbi, place.pashchim, place.baleshwar):
        DistrictProductFactory.create(district=district, product_type=place.litchi)
    DistrictProductFactory.create(district=place.patna, product_type=place.makhana)

    # when
    evidence = evidence_for(district=place.patna, product_type=place.litchi)

    # then
    assert evidence.other_districts_in_state.value == 2
    assert evidence.other_districts_in_country.value == 3
    assert evidence.other_districts_in_state.source == "National ODOP list (registry)."


def test_gi_link_of_the_districts_own_product_is_reused(place: SimpleNamespace) -> None:
    entry = GIEntryFactory.create(name="Patna Fruit of the Season")
    entry.states.add(place.bihar)
    DistrictProductFactory.create(
        district=place.patna, product_type=place.litchi, is_gi=True, gi_entry=entry
    )

    gi = evidence_for(district=place.patna, product_type=place.litchi).gi_registered

    assert (gi.value, gi.detail) == (True, "Patna Fruit of the Season")
    assert "linked" in gi.source


def test_gi_entry_of_the_state_found_by_name(place: SimpleNamespace) -> None:
    # given: a Bihar entry naming litchi; the Odisha district must not borrow it
    entry = GIEntryFactory.create(name="Shahi LITCHI of Muzaffarpur")
    entry.states.add(place.bihar)
    DistrictProductFactory.create(district=place.purbi, product_type=place.litchi)

    # when
    purbi = evidence_for(district=place.purbi, product_type=place.litchi).gi_registered
    baleshwar = evidence_for(district=place.baleshwar, product_type=place.litchi).gi_registered

    # then
    assert (purbi.value, purbi.detail) == (True, "Shahi LITCHI of Muzaffarpur")
    assert (baleshwar.value, baleshwar.detail) == (False, "")


def test_producers_and_listings_are_not_yet_available(place: SimpleNamespace) -> None:
    evidence = evidence_for(district=place.patna, product_type=place.makhana)

    for figure in (evidence.producers, evidence.listings):
        assert figure.value is None
        assert figure.source == "not yet available (bazaar not built)"


def test_evidence_runs_a_constant_number_of_queries(
    place: SimpleNamespace, django_assert_num_queries
) -> None:
    # given
    figures(place)
    with django_assert_num_queries(4):
        evidence_for(district=place.patna, product_type=place.litchi)
    with django_assert_num_queries(3):
        evidence_for(district=place.pashchim, product_type=place.litchi)

    # when: many more districts, statistics and registry entries
    upload = StatisticsUploadFactory.create()
    for _number in range(20):
        district = DistrictFactory.create(state=place.bihar)
        DistrictStatisticFactory.create(district=district, product_type=place.litchi, upload=upload)
        DistrictProductFactory.create(district=district, product_type=place.litchi)

    # then
    with django_assert_num_queries(4):
        evidence = evidence_for(district=place.patna, product_type=place.litchi)
    assert evidence.other_districts_in_state.value == 20


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("national", 7),
        ("state_officer", 7),
        ("district_officer", 7),
        ("producer", 0),
        ("buyer", 0),
        ("mission_officer", 0),
    ],
)
def test_every_officer_sees_every_statistic(place: SimpleNamespace, who: str, sees: int) -> None:
    figures(place)

    assert statistic_list(user=place.users[who]).count() == sees


def test_statistic_list_filters(place: SimpleNamespace) -> None:
    figures(place)
    officer = UserFactory.create(role=Role.NATIONAL_ADMIN)

    def count(**filters: object) -> int:
        return statistic_list(user=officer, filters=filters).count()

    assert count(state=10) == 5
    assert count(state=21) == 2
    assert count(district=213) == 2
    assert count(year=2021) == 1
    assert count(product_type="litchi") == 4
    assert count(q="mang") == 1


def test_an_officers_rejection_outranks_the_name_hint(place: SimpleNamespace) -> None:
    # given the Bihar entry the name hint would find, and an officer's decision that it is
    # not East Champaran's litchi (the GI queue's rejection)
    entry = GIEntryFactory.create(name="Shahi LITCHI of Muzaffarpur")
    entry.states.add(place.bihar)
    product = DistrictProductFactory.create(
        district=place.purbi, product_type=place.litchi, is_gi=True
    )
    gi_link_decide(
        actor=UserFactory.create(role=Role.NATIONAL_ADMIN),
        product=product,
        action=GIDecisionAction.REJECT,
        gi_entry=None,
        note="the GI's area is Muzaffarpur's",
    )

    # when
    gi = evidence_for(district=place.purbi, product_type=place.litchi).gi_registered

    # then
    assert (gi.value, gi.detail) == (False, "")
    assert "officer" in gi.source
