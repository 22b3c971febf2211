"""The public export profile of a district (issue #4: "a public page per district: products and
HS codes, India's current markets for them and their growth, suggested markets and products
with charts"), on the real trade data."""

import re
from pathlib import Path

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.markets.hs_suggest import CONFIDENCE_PUBLIC_MIN
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.markets.profile import district_export_profile
from odop.markets.services import hs_code_confirm
from odop.registry.models import HSCode
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory

pytestmark = pytest.mark.django_db

PAGE_BUDGET = 150 * 1024


@pytest.fixture
def bhadohi() -> dict:
    state = StateFactory(lgd_code=9, name="Uttar Pradesh")
    district = DistrictFactory(lgd_code=183, name="Bhadohi", state=state)
    carpet = ProductTypeFactory(name="Hand-knotted carpet", slug="hand-knotted-carpet")
    toys = ProductTypeFactory(name="Wooden toys", slug="wooden-toys")
    DistrictProductFactory(district=district, product_type=carpet, name="Handmade carpet")
    DistrictProductFactory(district=district, product_type=toys, name="Wooden toys")
    codes = {
        code: HSCode.objects.create(code=code, description=text, parent_code=code[:-2], level=6)
        for code, text in [
            ("570110", "Carpets; of wool or fine animal hair, knotted"),
            ("950300", "Toys; tricycles, scooters, dolls, puzzles"),
            ("570500", "Carpets; n.e.c. in chapter 57"),
        ]
    }
    officer = UserFactory(role=Role.DISTRICT_OFFICER, district=district)
    hs_code_confirm(actor=officer, product_type=carpet, hs_code="570110")
    ProductHSCode.objects.create(
        product_type=toys,
        hs_code=codes["950300"],
        status=HSLinkStatus.SUGGESTED,
        rank=1,
        score=0.5,
        confidence=0.9,  # a clear first suggestion: shown, marked as a suggestion (issue 13)
    )
    return {"district": district, "officer": officer}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_profile_lists_codes_markets_with_reasons_and_new_products(bhadohi, client: Client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/districts/183/exports/")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.content) < PAGE_BUDGET
    text = _text(html)
    # Products with their codes: the confirmed one marked so, the suggestion marked as one.
    assert "570110" in text and "confirmed" in text
    assert "950300" in text and "suggested" in text
    # India's current markets for chapter 57 with growth, and ranked markets with reasons.
    assert "HS chapter 57" in text and "HS chapter 95" in text
    assert "India exported US$" in text and "growing" in text
    chapter_57 = html[html.index('id="chapter-57"') : html.index('id="chapter-95"')]
    assert chapter_57.count('class="market"') == 5
    for reason in ("Demand: US$", "Ease: India sells there", "Distance factor", "Supply:"):
        assert reason in _text(chapter_57)
    assert "USA" in _text(chapter_57)  # India's largest carpet market in 2018
    # New products: backbone neighbours of HS92 570110, with proximity and PCI ranks.
    assert html.count('class="new-product"') >= 2
    assert "by proximity" in text and "by complexity" in text


def test_profile_selector_ranks_untapped_and_uses_the_confirmed_code(bhadohi) -> None:  # type: ignore[no-untyped-def]
    profile = district_export_profile(district=bhadohi["district"])
    carpet = next(p for p in profile.products if p.hs_code == "570110")
    assert carpet.confirmed
    chapter = next(c for c in profile.chapters if c.chapter == "57")
    untapped = [m.potential.untapped for m in chapter.suggested]
    assert untapped == sorted(untapped, reverse=True) and untapped[0] > 0
    values = [m.value for m in chapter.current]
    assert values == sorted(values, reverse=True) and chapter.current[0].width == 100
    assert "570110" in profile.seeds
    assert all(n.neighbour.product not in profile.seeds for n in profile.new_products)
    assert profile.pci_year == 2021


def test_a_low_confidence_suggestion_drives_nothing(bhadohi) -> None:  # type: ignore[no-untyped-def]
    # given the toys' suggestion is a guess below the public threshold  # Ref: #13
    ProductHSCode.objects.filter(hs_code__code="950300").update(
        confidence=CONFIDENCE_PUBLIC_MIN - 0.01
    )

    # when
    profile = district_export_profile(district=bhadohi["district"])

    # then the toys have no code and no chapter of their own
    toys = next(p for p in profile.products if p.product.name == "Wooden toys")
    assert (toys.hs_code, toys.confirmed) == (None, False)
    assert "95" not in {chapter.chapter for chapter in profile.chapters}


def test_confirmed_code_wins_over_a_better_ranked_suggestion(bhadohi) -> None:  # type: ignore[no-untyped-def]
    toys = next(
        p
        for p in district_export_profile(district=bhadohi["district"]).products
        if p.product.name == "Wooden toys"
    )
    assert (toys.hs_code, toys.confirmed) == ("950300", False)
    hs_code_confirm(
        actor=bhadohi["officer"], product_type=toys.product.product_type, hs_code="570500"
    )
    toys = next(
        p
        for p in district_export_profile(district=bhadohi["district"]).products
        if p.product.name == "Wooden toys"
    )
    assert (toys.hs_code, toys.confirmed) == ("570500", True)


def test_without_trade_files_the_products_still_show(
    bhadohi,
    client: Client,
    settings: Settings,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    settings.ODOP_DATA_DIR = tmp_path
    response = client.get("/districts/183/exports/")
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "570110" in text and "trade data files are not installed" in text


def test_unknown_district_is_404(client: Client) -> None:
    assert client.get("/districts/999999/exports/").status_code == 404


def test_district_page_links_to_the_profile(bhadohi, client: Client) -> None:  # type: ignore[no-untyped-def]
    assert "/districts/183/exports/" in client.get("/districts/183/").content.decode()


def test_without_a_baci_year_chapter_markets_show_and_name_the_command(  # type: ignore[no-untyped-def]
    bhadohi, client: Client
) -> None:
    # Ref: #4 — product-level markets "whenever a BACI year is loaded". Issue 12: the command
    # and the methods file are named to officers only, never on the public page.
    public = _text(client.get("/districts/183/exports/").content.decode())
    assert "Markets with the most untapped potential" in public
    assert "These markets are for the whole HS chapter." in public
    assert "odop baci_year" not in public
    assert "docs/methods.md" not in public
    client.force_login(bhadohi["officer"])
    text = _text(client.get("/districts/183/exports/").content.decode())
    assert "once an operator loads a CEPII BACI year with the command odop baci_year" in text
    assert "docs/methods.md" in text
    assert "Product level, from CEPII BACI" not in text
    assert "India's density" not in text


def test_with_a_baci_year_products_get_hs6_markets_with_reasons(  # type: ignore[no-untyped-def]
    bhadohi, client: Client, baci_year_loaded: Path
) -> None:
    # Ref: #4
    # when
    html = client.get("/districts/183/exports/").content.decode()
    # then the carpet (HS 2022 570110 = HS17 570110) has its HS6 markets, with every reason
    chapter_57 = html[html.index('id="chapter-57"') : html.index('id="chapter-95"')]
    text_57 = _text(chapter_57)
    assert "Markets with the most untapped potential for Handmade carpet (HS 2022 570110)" in (
        text_57
    )
    assert "Product level, from CEPII BACI 2020 (HS17 codes)." in text_57
    assert chapter_57.count('class="market"') == 3  # USA, DEU, ARE import carpets
    for reason in ("Demand: US$", "Ease: India sells there", "Distance factor", "Supply:"):
        assert reason in text_57
    assert "world exports of HS 570110 (RCA" in text_57
    assert "once an operator loads" not in text_57
    # the toys' code: India exported none of it in the year
    chapter_95 = _text(html[html.index('id="chapter-95"') :])
    assert "India exported none of HS 950300 in BACI 2020" in chapter_95
    # new products carry India's position columns
    text = _text(html)
    assert "India's density" in text and "India's COG" in text
    assert "CEPII BACI 2020 (HS17, aggregated to HS 1992)" in text


def test_profile_selector_with_a_baci_year_ranks_hs6_by_untapped(  # type: ignore[no-untyped-def]
    bhadohi, baci_year_loaded: Path
) -> None:
    profile = district_export_profile(district=bhadohi["district"])
    assert profile.baci is not None and (profile.baci.year, profile.baci.revision) == (2020, "HS17")
    chapter = next(c for c in profile.chapters if c.chapter == "57")
    assert chapter.suggested == ()  # the chapter-level ranking gives way to HS6
    (carpet,) = chapter.product_markets
    untapped = [m.potential.untapped for m in carpet.suggested]
    assert untapped == sorted(untapped, reverse=True)
    assert {m.potential.market for m in carpet.suggested} == {"USA", "DEU", "ARE"}


def test_a_year_loaded_for_another_exporter_is_not_used_for_india(  # type: ignore[no-untyped-def]
    bhadohi, client: Client, settings: Settings, tmp_path: Path
) -> None:
    from odop.markets.services import baci_year_load
    from odop.markets.tests.baci_files import baci_files_write

    files = baci_files_write(tmp_path / "download")
    baci_year_load(
        path=files["trade"],
        country_codes=files["country_codes"],
        product_codes=files["product_codes"],
        exporter="CHN",
    )
    text = _text(client.get("/districts/183/exports/").content.decode())
    assert "loaded on this server is for exporter CHN, not India" in text
    assert "Product level, from CEPII BACI" not in text
