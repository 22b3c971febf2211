"""Fixtures of the catalogue's tests: a small hand-made world and a tiny boundaries file."""

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pytest_django.fixtures import Settings

from odop.catalogue.tests.factories import (
    DistrictAliasFactory,
    DistrictFactory,
    DistrictProductFactory,
    GIEntryFactory,
    MinistryFactory,
    ProductTypeFactory,
    StateFactory,
)
from odop.geography.models import StateKind
from odop.registry.models import Category, Sector

BOUNDARIES_NAME = "india_states_datta07_simplified.topo.json"


def tiny_topology() -> dict[str, Any]:
    """Four shapes in plain longitude/latitude: Bihar (10) and Odisha (21) share one border
    arc; Daman & Diu (25) and Dadra & Nagar Haveli (26) are the two old shapes of UT 38."""
    return {
        "type": "Topology",
        "arcs": [
            [[80, 20], [80, 25]],
            [[80, 25], [75, 25], [75, 20], [80, 20]],
            [[80, 20], [85, 20], [85, 25], [80, 25]],
            [[72, 20], [73, 20], [73, 21], [72, 21], [72, 20]],
            [[72, 22], [73, 22], [73, 23], [72, 23], [72, 22]],
        ],
        "objects": {
            "states": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "arcs": [[1, 0]],
                        "properties": {"State_LGD": 10, "STNAME_SH": "Bihar"},
                    },
                    {
                        "type": "Polygon",
                        "arcs": [[2, -1]],
                        "properties": {"State_LGD": 21, "STNAME_SH": "Odisha"},
                    },
                    {
                        "type": "MultiPolygon",
                        "arcs": [[[3]]],
                        "properties": {"State_LGD": 25, "STNAME_SH": "Daman & Diu"},
                    },
                    {
                        "type": "Polygon",
                        "arcs": [[4]],
                        "properties": {"State_LGD": 26, "STNAME_SH": "Dadra & Nagar Haveli"},
                    },
                ],
            }
        },
    }


@pytest.fixture
def topology() -> dict[str, Any]:
    return tiny_topology()


@pytest.fixture
def boundaries_dir(tmp_path: Path, settings: Settings) -> Path:
    """ODOP_DATA_DIR pointing at a folder that holds only the tiny boundaries file."""
    data = tmp_path / "data"
    (data / "boundaries").mkdir(parents=True)
    (data / "boundaries" / BOUNDARIES_NAME).write_text(json.dumps(tiny_topology()))
    settings.ODOP_DATA_DIR = data
    return data


@pytest.fixture
def world(db: None) -> SimpleNamespace:
    """Four States, eight districts, seven district products.

    Bihar (10): Patna (Makhana, Turmeric), Bhagalpur (Bhagalpur Silk, GI with registry entry),
        Gaya (nothing), Newdistrict (provisional; Mango) → 3 of 4 districts, 4 products, 1 GI.
    Odisha (21): Baleshwar, also spelled Balasore (Pattachitra), Kandhamal (Kandhamal Haladi,
        a Turmeric, GI without entry) → 2 of 2, 2 products, 1 GI.
    Dadra and Nagar Haveli and Daman and Diu (38): Dadra and Nagar Haveli (Mango) → 1 of 1.
    Goa (30): North Goa (nothing) → 0 of 1; Goa has no shape in the tiny boundaries.
    Nationally: 7 products, 6 of 8 districts, 3 of 4 States, 2 GI.
    """
    bihar = StateFactory.create(lgd_code=10, name="Bihar")
    odisha = StateFactory.create(lgd_code=21, name="Odisha")
    dnhdd = StateFactory.create(
        lgd_code=38,
        kind=StateKind.UNION_TERRITORY,
        name="The Dadra and Nagar Haveli and Daman and Diu",
    )
    goa = StateFactory.create(lgd_code=30, name="Goa")

    patna = DistrictFactory.create(
        state=bihar,
        lgd_code=212,
        name="Patna",
        hq_name="Patna",
        hq_longitude=85.14,
        hq_latitude=25.59,
    )
    bhagalpur = DistrictFactory.create(state=bihar, lgd_code=192, name="Bhagalpur")
    gaya = DistrictFactory.create(state=bihar, lgd_code=193, name="Gaya")
    newdistrict = DistrictFactory.create(
        state=bihar, lgd_code=799, name="Newdistrict", name_lgd="", is_provisional=True
    )
    baleshwar = DistrictFactory.create(
        state=odisha, lgd_code=346, name="Baleshwar", hq_name="Balasore"
    )
    DistrictAliasFactory.create(district=baleshwar, name="BALESHWAR")
    DistrictAliasFactory.create(district=baleshwar, name="Balasore")
    kandhamal = DistrictFactory.create(state=odisha, lgd_code=359, name="Kandhamal")
    dadra = DistrictFactory.create(state=dnhdd, lgd_code=465, name="Dadra and Nagar Haveli")
    north_goa = DistrictFactory.create(state=goa, lgd_code=549, name="North Goa")

    turmeric = ProductTypeFactory.create(name="Turmeric")
    mango = ProductTypeFactory.create(name="Mango")
    agriculture = MinistryFactory.create(name="Ministry of Agriculture & Farmers Welfare")
    textiles = MinistryFactory.create(name="Ministry of Textiles")
    silk_gi = GIEntryFactory.create(serial=180, name="Bhagalpur Silk")

    makhana = DistrictProductFactory.create(
        district=patna,
        product_type=ProductTypeFactory.create(name="Makhana"),
        sector=Sector.FOOD_PROCESSING,
        sector_source="Food processing",
        ministry=agriculture,
    )
    patna_turmeric = DistrictProductFactory.create(
        district=patna, product_type=turmeric, ministry=agriculture
    )
    silk = DistrictProductFactory.create(
        district=bhagalpur,
        product_type=ProductTypeFactory.create(name="Bhagalpur Silk"),
        description="Tussar silk woven in Bhagalpur.",
        category=Category.SECONDARY,
        category_source="Secondary ",
        sector=Sector.HANDLOOM,
        sector_source="handlooms",
        is_gi=True,
        gi_status_source="yes ",
        gi_entry=silk_gi,
        ministry=textiles,
        ministry_source="Minsitry of Textile",
        photo_url="https://example.org/silk.jpg",
        source_row=17,
        district_source="Bhagalpur",
        state_source="Bihar",
    )
    provisional_mango = DistrictProductFactory.create(district=newdistrict, product_type=mango)
    pattachitra = DistrictProductFactory.create(
        district=baleshwar,
        product_type=ProductTypeFactory.create(name="Pattachitra"),
        category=Category.SECONDARY,
        sector=Sector.HANDICRAFT,
        sector_source="Handicraft",
        district_source="Balasore",
    )
    haladi = DistrictProductFactory.create(
        district=kandhamal, product_type=turmeric, name="Kandhamal Haladi", is_gi=True
    )
    dadra_mango = DistrictProductFactory.create(district=dadra, product_type=mango)
    return SimpleNamespace(
        bihar=bihar,
        odisha=odisha,
        dnhdd=dnhdd,
        goa=goa,
        patna=patna,
        bhagalpur=bhagalpur,
        gaya=gaya,
        newdistrict=newdistrict,
        baleshwar=baleshwar,
        kandhamal=kandhamal,
        dadra=dadra,
        north_goa=north_goa,
        turmeric=turmeric,
        mango=mango,
        makhana=makhana,
        patna_turmeric=patna_turmeric,
        silk=silk,
        provisional_mango=provisional_mango,
        pattachitra=pattachitra,
        haladi=haladi,
        dadra_mango=dadra_mango,
    )
