"""Ranked markets for an HS chapter through the API, on the real trade data (issue #4)."""

from pathlib import Path

import pytest
from django.test import Client


def test_ranked_markets_for_cotton(client: Client) -> None:
    response = client.get("/api/v1/markets/export-potential/", {"chapter": "52", "top": 5})
    assert response.status_code == 200
    body = response.json()
    assert (body["chapter"], body["year"], body["rank_by"]) == ("52", 2018, "potential")
    markets = body["markets"]
    assert len(markets) == 5
    assert [m["potential"] for m in markets] == sorted(
        (m["potential"] for m in markets), reverse=True
    )
    assert all(m["untapped"] >= 0 and m["reasons"] for m in markets)
    assert {"USA", "ARE"} <= {m["market"] for m in markets}


def test_untapped_ranking_and_bad_input(client: Client) -> None:
    untapped = client.get(
        "/api/v1/markets/export-potential/", {"chapter": "52", "rank_by": "untapped"}
    ).json()["markets"]
    assert [m["untapped"] for m in untapped] == sorted(
        (m["untapped"] for m in untapped), reverse=True
    )
    bad = client.get("/api/v1/markets/export-potential/", {"chapter": "5"})
    assert bad.status_code == 400
    assert bad.json()["codes"]["chapter"] == ["invalid"]
    nothing = client.get("/api/v1/markets/export-potential/", {"chapter": "77"})
    assert nothing.status_code == 400
    assert nothing.json()["codes"]["non_field_errors"] == ["no_exports"]


pytestmark = pytest.mark.django_db


def test_hs6_without_a_loaded_year_names_the_command(client: Client) -> None:
    # Ref: #4
    response = client.get("/api/v1/markets/export-potential/", {"hs6": "570110"})
    assert response.status_code == 400
    body = response.json()
    assert body["codes"]["non_field_errors"] == ["baci_year_missing"]
    assert "odop baci_year" in body["non_field_errors"][0]


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ({"hs6": "5701"}, "hs6", "invalid"),
        ({"hs6": "57011a"}, "hs6", "invalid"),
        ({"hs6": "000000"}, "non_field_errors", "unknown_hs_code"),
        ({"hs6": "570110", "chapter": "57"}, "non_field_errors", "chapter_or_hs6"),
        ({}, "non_field_errors", "chapter_or_hs6"),
    ],
    ids=["short_case", "letter_case", "unknown_case", "both_case", "neither_case"],
)
def test_hs6_bad_codes_are_refused_with_a_code(
    client: Client, baci_year_loaded: Path, query: dict, field: str, code: str
) -> None:
    response = client.get("/api/v1/markets/export-potential/", query)
    assert response.status_code == 400
    assert response.json()["codes"][field] == [code]


def test_hs6_ranks_markets_from_the_loaded_year(client: Client, baci_year_loaded: Path) -> None:
    # Ref: #4
    response = client.get(
        "/api/v1/markets/export-potential/", {"hs6": "570110", "rank_by": "untapped", "top": 5}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["chapter"], body["year"], body["rank_by"]) == ("57", 2020, "untapped")
    assert (body["hs6"], body["hs_revision"], body["hs6_counterpart"], body["exporter"]) == (
        "570110",
        "HS17",
        "570110",
        "IND",
    )
    assert body["rca"] > 1
    markets = body["markets"]
    assert {m["market"] for m in markets} == {"USA", "DEU", "ARE"}
    assert [m["untapped"] for m in markets] == sorted(
        (m["untapped"] for m in markets), reverse=True
    )
    assert set(markets[0]) == {
        "market",
        "potential",
        "actual",
        "untapped",
        "supply",
        "demand",
        "ease",
        "distance_factor",
        "reasons",
    }
    assert all(m["reasons"] for m in markets)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"hs6": "950300"}, "no_exports"),  # India exported no toys that year
        ({"hs6": "520100"}, "rca_below_floor"),
        ({"hs6": "570110", "year": 2019}, "baci_year_missing"),
    ],
    ids=["not_exported_case", "below_floor_case", "other_year_case"],
)
def test_hs6_without_markets_says_why(
    client: Client, baci_year_loaded: Path, query: dict, code: str
) -> None:
    response = client.get("/api/v1/markets/export-potential/", query)
    assert response.status_code == 400
    assert response.json()["codes"]["non_field_errors"] == [code]
