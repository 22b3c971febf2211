"""HS codes of product types: suggestions stored, officers' confirmation, coverage, HS 1992
mapping, API and role matrix. Ref: #4 ("HS codes for ODOP products")."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.markets.hs_suggest import SUGGESTER_VERSION
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.markets.selectors import hs92_codes_for, hs_coverage, hs_outdated_types
from odop.markets.services import hs_code_confirm, hs_code_reject, hs_suggestions_refresh
from odop.registry.models import HSCode, ProductType, Sector
from odop.registry.services import hs_import
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory

pytestmark = pytest.mark.django_db

HS_ROWS = [
    ("09", "Coffee, tea, mate and spices", ""),
    ("0901", "Coffee, whether or not roasted or decaffeinated", "09"),
    ("090111", "Coffee; not roasted, not decaffeinated", "0901"),
    ("0910", "Ginger, saffron, turmeric (curcuma), thyme, bay leaves", "09"),
    ("091030", "Spices; turmeric (curcuma)", "0910"),
    ("10", "Cereals", ""),
    ("1006", "Rice", "10"),
    ("100610", "Cereals; rice in the husk (paddy or rough)", "1006"),
    ("100630", "Cereals; rice, semi-milled or wholly milled", "1006"),
    ("62", "Apparel and clothing accessories; not knitted or crocheted", ""),
    ("6214", "Shawls, scarves, mufflers, mantillas, veils and the like", "62"),
    ("621420", "Shawls, scarves, mufflers; of wool or fine animal hair", "6214"),
    ("99", "Commodities not specified according to kind", ""),
    ("9999", "Commodities not specified according to kind", "99"),
    ("999999", "Commodities not specified according to kind", "9999"),
]
REAL_HS = Path(settings.ODOP_DATA_DIR) / "trade/hs/hs2022_datasets-harmonized-system.csv"
REAL_CONVERSION = (
    Path(settings.ODOP_DATA_DIR) / "trade/concordance/unsd_hs2022_to_hs1992_conversion.csv"
)


@pytest.fixture
def nomenclature() -> dict[str, HSCode]:
    return {
        code: HSCode.objects.create(
            code=code, description=text, parent_code=parent, level=len(code)
        )
        for code, text, parent in HS_ROWS
    }


@pytest.fixture
def world(nomenclature):  # type: ignore[no-untyped-def]
    home_state = StateFactory(lgd_code=10, name="Bihar")
    other_state = StateFactory(lgd_code=21, name="Odisha")
    home = DistrictFactory(lgd_code=212, name="Patna", state=home_state)
    neighbour = DistrictFactory(lgd_code=192, name="Bhagalpur", state=home_state)
    far = DistrictFactory(lgd_code=346, name="Baleshwar", state=other_state)
    types = {
        "home": ProductTypeFactory(name="Basmati Rice", slug="basmati-rice"),
        "neighbour": ProductTypeFactory(name="Turmeric", slug="turmeric"),
        "far": ProductTypeFactory(name="Pashmina Shawl", slug="pashmina-shawl"),
    }
    DistrictProductFactory(district=home, product_type=types["home"])
    DistrictProductFactory(district=neighbour, product_type=types["neighbour"])
    DistrictProductFactory(
        district=far, product_type=types["far"], sector=Sector.HANDLOOM, sector_source="Handloom"
    )
    users = {
        "national": UserFactory(role=Role.NATIONAL_ADMIN),
        "state_officer": UserFactory(role=Role.STATE_OFFICER, state=home_state),
        "district_officer": UserFactory(role=Role.DISTRICT_OFFICER, district=home),
        "producer": UserFactory(role=Role.PRODUCER),
        "buyer": UserFactory(role=Role.BUYER),
        "mission_officer": UserFactory(role=Role.MISSION_OFFICER),
    }
    return {"types": types, "users": users, "hs": nomenclature}


def _codes(product_type: ProductType, status: str = HSLinkStatus.SUGGESTED) -> list[str]:
    return list(
        ProductHSCode.objects.filter(product_type=product_type, status=status)
        .order_by("rank")
        .values_list("hs_code__code", flat=True)
    )


# ---------------------------------------------------------------- suggestions


def test_refresh_stores_ranked_suggestions(world) -> None:  # type: ignore[no-untyped-def]
    changed = hs_suggestions_refresh(top_k=2)
    assert changed == ProductHSCode.objects.count()
    assert _codes(world["types"]["home"])[0] == "100630"
    assert _codes(world["types"]["neighbour"])[0] == "091030"
    assert _codes(world["types"]["far"])[0] == "621420"
    top = ProductHSCode.objects.get(product_type=world["types"]["home"], rank=1)
    assert 0 < top.score <= 1
    assert "rice" in top.matched_terms.split()


def test_refresh_twice_changes_nothing(world) -> None:  # type: ignore[no-untyped-def]
    hs_suggestions_refresh(top_k=2)
    before = list(ProductHSCode.objects.order_by("pk").values())
    assert hs_suggestions_refresh(top_k=2) == 0
    assert list(ProductHSCode.objects.order_by("pk").values()) == before


def test_suggestions_say_which_rules_made_them_and_bootstrap_refreshes_older_ones(world) -> None:  # type: ignore[no-untyped-def]
    # given suggestions stored by older rules
    hs_suggestions_refresh(top_k=2)
    assert set(ProductHSCode.objects.values_list("suggester_version", flat=True)) == {
        SUGGESTER_VERSION
    }
    ProductHSCode.objects.update(suggester_version="older", score=0.01)
    # when make run's bootstrap asks for what is outdated
    call_command("hs_suggest", outdated=True, stdout=StringIO())
    # then every suggestion is remade by the current rules
    assert set(ProductHSCode.objects.values_list("suggester_version", flat=True)) == {
        SUGGESTER_VERSION
    }
    assert not ProductHSCode.objects.filter(score=0.01).exists()
    # and once they are current, with every type suggested, it does nothing
    assert list(hs_outdated_types(ProductType.objects.all())) == []


def test_refresh_keeps_decisions_and_never_resuggests_a_rejected_code(world) -> None:  # type: ignore[no-untyped-def]
    # given a confirmed and a rejected code for the rice type
    rice = world["types"]["home"]
    hs_suggestions_refresh(top_k=2)
    national = world["users"]["national"]
    hs_code_confirm(actor=national, product_type=rice, hs_code="100610")
    hs_code_reject(actor=national, product_type=rice, hs_code="100630")
    # when
    hs_suggestions_refresh(top_k=2)
    # then
    assert _codes(rice, HSLinkStatus.CONFIRMED) == ["100610"]
    assert _codes(rice, HSLinkStatus.REJECTED) == ["100630"]
    # the small nomenclature has no third rice code, so nothing is left to suggest
    assert _codes(rice) == []


def test_refresh_limited_to_some_types_leaves_others(world) -> None:  # type: ignore[no-untyped-def]
    hs_suggestions_refresh(product_types=ProductType.objects.filter(slug="turmeric"))
    assert ProductHSCode.objects.exclude(product_type=world["types"]["neighbour"]).exists() is False


# ---------------------------------------------------------------- decisions


def test_confirm_records_who_and_when_with_history(world) -> None:  # type: ignore[no-untyped-def]
    rice = world["types"]["home"]
    hs_suggestions_refresh(top_k=2)
    officer = world["users"]["district_officer"]
    link = hs_code_confirm(actor=officer, product_type=rice, hs_code="100630")
    link = ProductHSCode.objects.get(pk=link.pk)
    assert link.status == HSLinkStatus.CONFIRMED
    assert link.confirmed_by == officer
    assert link.confirmed_at is not None
    assert link.rank == 1  # the suggestion row itself was confirmed
    assert [row.status for row in link.history.order_by("history_date")] == [HSLinkStatus.CONFIRMED]


def test_confirming_another_code_rejects_the_previous_one(world) -> None:  # type: ignore[no-untyped-def]
    rice = world["types"]["home"]
    national = world["users"]["national"]
    first = hs_code_confirm(actor=national, product_type=rice, hs_code="100630")
    hs_code_confirm(actor=national, product_type=rice, hs_code="100610")
    assert _codes(rice, HSLinkStatus.CONFIRMED) == ["100610"]
    first.refresh_from_db()
    assert first.status == HSLinkStatus.REJECTED
    assert [row.status for row in first.history.order_by("history_date")] == [
        HSLinkStatus.CONFIRMED,
        HSLinkStatus.REJECTED,
    ]


def test_database_allows_one_confirmed_code_per_type(world) -> None:  # type: ignore[no-untyped-def]
    rice = world["types"]["home"]
    now = timezone.now()
    ProductHSCode.objects.create(
        product_type=rice, hs_code=world["hs"]["100630"], status="confirmed", confirmed_at=now
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductHSCode.objects.create(
            product_type=rice, hs_code=world["hs"]["100610"], status="confirmed", confirmed_at=now
        )
    assert ProductHSCode.objects.filter(product_type=rice).count() == 1


@pytest.mark.parametrize("code", ["1006", "10", "999999", "abc"])
def test_confirm_refuses_what_is_not_a_subheading(world, code: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        hs_code_confirm(
            actor=world["users"]["national"], product_type=world["types"]["home"], hs_code=code
        )
    assert error.value.error_dict["code"][0].code == "not_a_subheading"
    assert ProductHSCode.objects.exists() is False


def test_confirm_by_an_officer_out_of_scope_is_denied_and_writes_nothing(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        hs_code_confirm(
            actor=world["users"]["district_officer"],
            product_type=world["types"]["far"],
            hs_code="621420",
        )
    assert ProductHSCode.objects.exists() is False


# ---------------------------------------------------------------- coverage and HS 1992


def test_coverage_counts_confirmed_types_by_sector(world) -> None:  # type: ignore[no-untyped-def]
    ProductTypeFactory(name="Orphan", slug="orphan")  # no district product, no sector
    hs_code_confirm(
        actor=world["users"]["national"], product_type=world["types"]["far"], hs_code="621420"
    )
    coverage = hs_coverage()
    assert (coverage.product_types, coverage.confirmed) == (4, 1)
    assert coverage.share == 0.25
    assert [(row.sector, row.product_types, row.confirmed) for row in coverage.by_sector] == [
        ("", 1, 0),
        ("agriculture", 2, 0),
        ("handloom", 1, 1),
    ]


def test_hs92_codes_keep_leading_zeros(world, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # given a conversion table in a data directory of our own
    folder = tmp_path / "trade" / "concordance"
    folder.mkdir(parents=True)
    (folder / "unsd_hs2022_to_hs1992_conversion.csv").write_text(
        "hs2022,hs1992\n091030,091030\n100630,100630\n"
    )
    settings.ODOP_DATA_DIR = tmp_path
    turmeric = world["types"]["neighbour"]
    assert hs92_codes_for(turmeric) == ()
    # when
    hs_code_confirm(actor=world["users"]["national"], product_type=turmeric, hs_code="091030")
    # then
    assert hs92_codes_for(turmeric) == ("091030",)


@pytest.mark.skipif(not REAL_CONVERSION.exists(), reason="shared trade data not present")
def test_real_conversion_table_maps_hs2022_only_codes(settings) -> None:
    from odop.markets.selectors import hs2022_to_hs1992_table

    table = hs2022_to_hs1992_table()
    assert len(table) == 5613
    assert table["010121"] == ("010111",)
    assert table["091030"] == ("091030",)
    assert all(len(code) == 6 for targets in table.values() for code in targets)


# ---------------------------------------------------------------- API


def _client(world, who: str) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    if who != "anonymous":
        client.force_authenticate(world["users"][who])
    return client


def test_hs_codes_api_lists_confirmed_first_then_suggestions(
    world, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    rice = world["types"]["home"]
    hs_suggestions_refresh(top_k=2)
    hs_code_confirm(actor=world["users"]["national"], product_type=rice, hs_code="100610")
    client = _client(world, "anonymous")
    with django_assert_num_queries(2):
        response = client.get("/api/v1/markets/product-types/basmati-rice/hs-codes/")
    assert response.status_code == 200
    body = response.json()
    assert body["confirmed"]["code"] == "100610"
    assert [row["status"] for row in body["codes"]] == ["confirmed", "suggested"]
    assert body["codes"][1]["code"] == "100630"
    assert "rice" in body["codes"][1]["matched_terms"]
    assert body["can_decide"] is False


def test_hs_codes_api_answers_404_for_an_unknown_type(world) -> None:  # type: ignore[no-untyped-def]
    assert (
        _client(world, "national").get("/api/v1/markets/product-types/nope/hs-codes/").status_code
        == 404
    )
    response = _client(world, "national").post(
        "/api/v1/markets/product-types/nope/hs-codes/confirm/", {"code": "100630"}, format="json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("code", ["1006", "123456", ""])
def test_confirm_api_answers_400_not_a_subheading(world, code: str) -> None:  # type: ignore[no-untyped-def]
    response = _client(world, "national").post(
        "/api/v1/markets/product-types/basmati-rice/hs-codes/confirm/",
        {"code": code},
        format="json",
    )
    assert response.status_code == 400
    if code:
        assert response.json()["codes"]["code"] == ["not_a_subheading"]
    assert ProductHSCode.objects.exists() is False


def test_reject_api_marks_the_code_rejected(world) -> None:  # type: ignore[no-untyped-def]
    response = _client(world, "state_officer").post(
        "/api/v1/markets/product-types/turmeric/hs-codes/reject/", {"code": "091030"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["codes"][0]["status"] == "rejected"


def test_coverage_api(world, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    hs_code_confirm(
        actor=world["users"]["national"], product_type=world["types"]["home"], hs_code="100630"
    )
    with django_assert_num_queries(3):
        response = APIClient().get("/api/v1/markets/hs-coverage/")
    assert response.status_code == 200
    body = response.json()
    assert (body["product_types"], body["confirmed"]) == (3, 1)
    assert body["by_sector"][0] == {
        "sector": "agriculture",
        "product_types": 2,
        "confirmed": 1,
        "share": 0.5,
    }


# who → which types they may decide (home = a type of their district, neighbour = of their
# State, far = only of another State)
MATRIX = {
    "anonymous": set(),
    "national": {"home", "neighbour", "far"},
    "state_officer": {"home", "neighbour"},
    "district_officer": {"home"},
    "producer": set(),
    "buyer": set(),
    "mission_officer": set(),
}
CODE_OF = {"home": "100630", "neighbour": "091030", "far": "621420"}


@pytest.mark.parametrize("who", list(MATRIX))
@pytest.mark.parametrize("where", ["home", "neighbour", "far"])
def test_confirm_role_matrix(world, who: str, where: str) -> None:  # type: ignore[no-untyped-def]
    product_type = world["types"][where]
    response = _client(world, who).post(
        f"/api/v1/markets/product-types/{product_type.slug}/hs-codes/confirm/",
        {"code": CODE_OF[where]},
        format="json",
    )
    confirmed = ProductHSCode.objects.filter(
        product_type=product_type, status=HSLinkStatus.CONFIRMED
    )
    if where in MATRIX[who]:
        assert response.status_code == 200
        assert response.json()["confirmed"]["code"] == CODE_OF[where]
        assert response.json()["can_decide"] is True
        assert confirmed.get().history.get().history_user == world["users"][who]
    else:
        assert response.status_code == (401 if who == "anonymous" else 403)
        assert confirmed.exists() is False


# ---------------------------------------------------------------- command and real data


def test_command_refreshes_and_prints_coverage(world, capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("hs_suggest", "--top-k", "2")
    out = capsys.readouterr().out
    assert "3 suggestion rows changed" in out
    assert "Confirmed HS codes: 0 of 3 product types (0%)." in out
    # turmeric matches one code only, and rice's two codes are one heading (1006): suggestions
    # are distinct headings since issue 13
    assert ProductHSCode.objects.count() == 3


@pytest.mark.skipif(not REAL_HS.exists(), reason="shared trade data not present")
def test_real_nomenclature_gives_plausible_top_five() -> None:
    # given the real HS 2022 nomenclature and a few real ODOP product types
    hs_import(path=REAL_HS)
    district = DistrictFactory()
    expected = {
        "Turmeric": ("agriculture", "091030", 1),
        "Basmati Rice": ("agriculture", "100630", 1),
        "Coffee": ("agriculture", "0901", 5),
        "Mango": ("agriculture", "080450", 1),
        "Banana": ("agriculture", "080390", 1),
        "Carpet": ("handicraft", "57", 1),
        "Pashmina Shawl": ("handloom", "6214", 1),
        "Naga Mircha": ("agriculture", "0904", 1),
        "Lemon": ("agriculture", "080550", 1),
        "Tea": ("agriculture", "0902", 4),
    }
    for name, (sector, _code, _within) in expected.items():
        DistrictProductFactory(
            district=district, product_type=ProductTypeFactory(name=name), sector=sector
        )
    # when
    hs_suggestions_refresh()
    # then each expected code (or a code under that heading) is within the first `within` ranks
    for name, (_sector, code, within) in expected.items():
        top = _codes(ProductType.objects.get(name=name))
        assert any(hit.startswith(code) for hit in top[:within]), (name, top)


# ---------------------------------------------------------------- the officers' page


def _page_client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _suggest(world, key: str, *codes: str) -> None:  # type: ignore[no-untyped-def]
    for rank, code in enumerate(codes, start=1):
        ProductHSCode.objects.create(
            product_type=world["types"][key], hs_code=world["hs"][code], rank=rank, score=0.5
        )


def test_officer_sees_own_types_and_confirms_a_suggestion(world) -> None:  # type: ignore[no-untyped-def]
    _suggest(world, "home", "100630", "100610")
    _suggest(world, "far", "621420")
    client = _page_client(world["users"]["district_officer"])
    html = client.get("/markets/hs-codes/").content.decode()
    assert "Basmati Rice" in html and "100630" in html
    assert "Pashmina Shawl" not in html  # another State's type
    response = client.post(
        "/markets/hs-codes/",
        {"product_type": "basmati-rice", "code": "100630", "decision": "confirm"},
    )
    assert response.status_code == 302
    link = ProductHSCode.objects.get(product_type=world["types"]["home"], hs_code__code="100630")
    assert (link.status, link.confirmed_by) == (
        HSLinkStatus.CONFIRMED,
        world["users"]["district_officer"],
    )
    queue = client.get("/markets/hs-codes/").content.decode()
    assert "Basmati Rice: 100630 confirmed." in queue  # the message; the row has left
    assert 'href="/product-types/basmati-rice/"' not in queue
    assert "100630" in client.get("/markets/hs-codes/?status=confirmed").content.decode()


def test_a_typed_code_corrects_and_bad_codes_are_refused(world) -> None:  # type: ignore[no-untyped-def]
    client = _page_client(world["users"]["national"])
    bad = client.post(
        "/markets/hs-codes/", {"product_type": "turmeric", "code": "0910", "decision": "confirm"}
    )
    assert bad.status_code == 200 and "is not an HS 2022 subheading" in bad.content.decode()
    assert not ProductHSCode.objects.exists()
    client.post(
        "/markets/hs-codes/", {"product_type": "turmeric", "code": "091030", "decision": "confirm"}
    )
    assert ProductHSCode.objects.get().status == HSLinkStatus.CONFIRMED
    client.post(
        "/markets/hs-codes/", {"product_type": "turmeric", "code": "091030", "decision": "reject"}
    )
    assert ProductHSCode.objects.get().status == HSLinkStatus.REJECTED


def test_only_officers_of_the_scope_decide(world) -> None:  # type: ignore[no-untyped-def]
    for role in ("producer", "buyer", "mission_officer"):
        assert _page_client(world["users"][role]).get("/markets/hs-codes/").status_code == 403
    assert Client().get("/markets/hs-codes/").status_code == 302
    officer = _page_client(world["users"]["district_officer"])
    far = {"product_type": "pashmina-shawl", "code": "621420", "decision": "confirm"}
    assert officer.post("/markets/hs-codes/", far).status_code == 403
    assert officer.post("/markets/hs-codes/", {**far, "product_type": "nope"}).status_code == 404
    assert not ProductHSCode.objects.exists()
