"""PIN code → district check against India Post's directory (the real `bharatpin` data)."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from odop.core.text import text_key
from odop.geography.models import AliasSource
from odop.geography.pincodes import PostalPlace, pin_district_check, postal_places
from odop.geography.selectors import district_index_load
from odop.geography.tests.factories import DistrictAliasFactory, DistrictFactory, StateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places() -> SimpleNamespace:
    """A few real LGD States and districts (codes as in LGD), named as LGD names them."""

    def state(code: int, name: str) -> object:
        return StateFactory.create(lgd_code=code, name=name, name_lgd=name.upper())

    def district(code: int, state: object, name: str) -> object:
        return DistrictFactory.create(
            lgd_code=code, state=state, name=name.title(), name_lgd=name.upper()
        )

    uttar_pradesh = state(9, "Uttar Pradesh")
    bihar = state(10, "Bihar")
    delhi = state(7, "Delhi")
    andaman = state(35, "Andaman and Nicobar Islands")
    madhya_pradesh = state(23, "Madhya Pradesh")
    return SimpleNamespace(
        moradabad=district(171, uttar_pradesh, "Moradabad"),
        kanpur_nagar=district(157, uttar_pradesh, "Kanpur Nagar"),
        fatehpur=district(142, uttar_pradesh, "Fatehpur"),
        new_delhi=district(79, delhi, "New Delhi"),
        purbi_champaran=district(213, bihar, "Purbi Champaran"),
        pashchim_champaran=district(211, bihar, "Pashchim Champaran"),
        south_andamans=district(602, andaman, "South Andamans"),
        # renamed in 2022; India Post still says Hoshangabad
        narmadapuram=district(409, madhya_pradesh, "Narmadapuram"),
    )


@pytest.mark.parametrize(
    ("pin", "district", "post_office_district", "post_office_state"),
    [
        ("244001", "moradabad", "Moradabad", "Uttar Pradesh"),
        ("110001", "new_delhi", "New Delhi", "Delhi"),
        ("845401", "purbi_champaran", "Purbi Champaran", "Bihar"),
    ],
)
def test_a_pin_in_the_chosen_district_agrees(
    places: SimpleNamespace,
    pin: str,
    district: str,
    post_office_district: str,
    post_office_state: str,
) -> None:
    chosen = getattr(places, district)

    check = pin_district_check(pin=pin, district=chosen)

    assert check.known is True
    assert check.agrees is True
    assert check.matched_district == chosen
    assert (check.post_office_district, check.post_office_state) == (
        post_office_district,
        post_office_state,
    )
    assert check.message


def test_a_pin_of_another_district_disagrees_and_names_india_posts_district(
    places: SimpleNamespace,
) -> None:
    check = pin_district_check(pin="244001", district=places.kanpur_nagar)

    assert check.known is True
    assert check.agrees is False
    assert check.matched_district == places.moradabad
    assert check.post_office_district == "Moradabad"


def test_east_and_west_of_one_name_are_not_confused(places: SimpleNamespace) -> None:
    # 845401 is Motihari, in Purbi (East) Champaran.
    check = pin_district_check(pin="845401", district=places.pashchim_champaran)

    assert check.agrees is False
    assert check.matched_district == places.purbi_champaran


@pytest.mark.parametrize("district", ["kanpur_nagar", "fatehpur"])
def test_a_pin_spanning_two_districts_agrees_with_either(
    places: SimpleNamespace, district: str
) -> None:
    # India Post lists 208001's head office under Fatehpur and its sub-offices under Kanpur Nagar.
    chosen = getattr(places, district)

    check = pin_district_check(pin="208001", district=chosen)

    assert check.agrees is True
    assert check.matched_district == chosen
    assert check.post_office_district == chosen.name
    assert set(check.places) == {
        PostalPlace(district="Fatehpur", state="Uttar Pradesh"),
        PostalPlace(district="Kanpur Nagar", state="Uttar Pradesh"),
    }


def test_andaman_pins_are_put_back_in_their_own_union_territory(places: SimpleNamespace) -> None:
    # bharatpin files 744xxx under Dadra and Nagar Haveli and Daman and Diu.
    check = pin_district_check(pin="744101", district=places.south_andamans)

    assert check.agrees is True
    assert check.post_office_state == "Andaman and Nicobar Islands"


def test_a_former_district_name_resolves_through_its_alias(places: SimpleNamespace) -> None:
    # given India Post's "Hoshangabad" and no alias: the resolver cannot tell, so no match
    unresolved = pin_district_check(pin="461001", district=places.narmadapuram)
    assert (unresolved.known, unresolved.agrees, unresolved.matched_district) == (
        True,
        False,
        None,
    )
    assert unresolved.post_office_district == "Hoshangabad"

    # when the former name is a known spelling of Narmadapuram
    DistrictAliasFactory.create(
        district=places.narmadapuram,
        name="Hoshangabad",
        key=text_key("Hoshangabad"),
        source=AliasSource.CURATED,
    )
    check = pin_district_check(pin="461001", district=places.narmadapuram)

    # then the PIN agrees
    assert check.agrees is True
    assert check.matched_district == places.narmadapuram


def test_a_pin_the_directory_does_not_know_is_reported_not_raised(
    places: SimpleNamespace,
) -> None:
    check = pin_district_check(pin="999999", district=places.moradabad)

    assert check.known is False
    assert check.agrees is False
    assert check.matched_district is None
    assert check.post_office_district == ""
    assert check.message


def test_a_pin_without_a_district_in_the_directory_is_known_but_unmatched(
    places: SimpleNamespace,
) -> None:
    # 222101 is listed with the placeholder district "Na".
    check = pin_district_check(pin="222101", district=places.moradabad)

    assert check.known is True
    assert check.agrees is False
    assert check.matched_district is None
    assert check.post_office_district == ""
    assert check.post_office_state == "Uttar Pradesh"


@pytest.mark.parametrize("pin", ["044001", "24400", "2440011", "24400A", "", "२४४००१"])
def test_a_value_that_is_not_a_pin_is_refused(places: SimpleNamespace, pin: str) -> None:
    with pytest.raises(ValidationError) as error:
        pin_district_check(pin=pin, district=places.moradabad)

    assert error.value.code == "invalid_pin"


def test_spaces_inside_the_pin_are_ignored(places: SimpleNamespace) -> None:
    check = pin_district_check(pin=" 244 001 ", district=places.moradabad)

    assert check.pin == "244001"
    assert check.agrees is True


def test_an_agreeing_check_with_a_loaded_index_runs_no_query(
    places: SimpleNamespace, django_assert_num_queries
) -> None:
    index = district_index_load()

    with django_assert_num_queries(0):
        check = pin_district_check(pin="244001", district=places.moradabad, index=index)

    assert check.agrees is True


def test_postal_places_are_cached_per_pin() -> None:
    first = postal_places("244001")

    assert postal_places("244001") is first
    assert first == (PostalPlace(district="Moradabad", state="Uttar Pradesh"),)
