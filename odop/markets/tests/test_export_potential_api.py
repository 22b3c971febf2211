"""Ranked markets for an HS chapter through the API, on the real trade data (issue #4)."""

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
