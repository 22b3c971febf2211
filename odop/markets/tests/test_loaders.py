"""Loaders for the trade data formats: exact values from small hand-written files, refusals of
malformed files by `code`, and one smoke test per loader on the real file. No database. Ref: #4
"""

import gzip
import math
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from odop.markets.loaders import (
    BackboneEdge,
    BackboneNode,
    baci_load,
    backbone_load,
    cepii_distances_load,
    concordance_load,
    india_partner_codes_load,
    india_trade_load,
    wdi_load,
)
from odop.markets.loaders.india import COUNTRY_NAMES_PATH


def trade_dir() -> Path:
    return Path(settings.ODOP_DATA_DIR) / "trade"


def write(tmp_path: Path, name: str, text: str, *, gzipped: bool = False) -> Path:
    path = tmp_path / name
    raw = text.encode()
    path.write_bytes(gzip.compress(raw) if gzipped else raw)
    return path


def refusal_code(load, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        load(*args, **kwargs)
    return str(error.value.code)


# --- India by HS chapter × partner ---------------------------------------------------------

INDIA_HEADER = "HSCode,Commodity,value,country,year\n"
PARTNERS = {"U S A": "USA", "AFGHANISTAN TIS": "AFG"}


def test_india_trade_load_zero_fills_chapters_and_maps_partners(tmp_path):
    # given: "2" and "09" chapters, a trailing-space spelling, an empty value, an unknown name
    path = write(
        tmp_path,
        "exports.csv.gz",
        INDIA_HEADER
        + '2,"MEAT, OFFAL.",0.18,AFGHANISTAN TIS  ,2018\n'
        + "09,COFFEE,12.5,U S A,2017\n"
        + "09,COFFEE,,NEUTRAL ZONE,2017\n",
        gzipped=True,
    )

    # when
    trade = india_trade_load(path, partner_codes=PARTNERS)

    # then
    assert [
        (r.chapter, r.partner_name, r.partner_iso3, r.year, r.value_usd_million) for r in trade.rows
    ] == [
        ("02", "AFGHANISTAN TIS", "AFG", 2018, 0.18),
        ("09", "U S A", "USA", 2017, 12.5),
        ("09", "NEUTRAL ZONE", None, 2017, None),
    ]
    assert trade.unmapped_partners == ("NEUTRAL ZONE",)
    assert trade.missing_values == 1
    assert trade.chapter_names == {"02": "MEAT, OFFAL.", "09": "COFFEE"}


def test_india_trade_load_drops_rows_repeated_word_for_word(tmp_path):
    row = "07,VEGETABLES,12.38,AFGHANISTAN TIS,2018\n"
    path = write(tmp_path, "imports.csv", INDIA_HEADER + row + "08,FRUIT,1,U S A,2018\n" + row)

    trade = india_trade_load(path, partner_codes=PARTNERS)

    assert len(trade.rows) == 2
    assert trade.repeated_rows_dropped == 1


def test_india_trade_load_reads_bytes():
    trade = india_trade_load(
        (INDIA_HEADER + "5,X,1.5,U S A,2010\n").encode(), name="upload.csv", partner_codes=PARTNERS
    )

    assert trade.rows[0].chapter == "05"


@pytest.mark.parametrize(
    ("_case", "text", "code"),
    [
        ("a column is missing", "HSCode,value,country,year\n2,1,U S A,2018\n", "missing_columns"),
        ("a value is text", INDIA_HEADER + "2,X,abc,U S A,2018\n", "not_a_number"),
        ("a year is text", INDIA_HEADER + "2,X,1,U S A,FY18\n", "not_a_number"),
        ("a chapter has three digits", INDIA_HEADER + "102,X,1,U S A,2018\n", "bad_format"),
        (
            "two rows disagree for one chapter, partner and year",
            INDIA_HEADER + "2,X,1,U S A,2018\n02,X,2,U S A,2018\n",
            "duplicate_rows",
        ),
        ("the file is empty", "", "empty_file"),
        ("the file has only a header", INDIA_HEADER, "empty_file"),
    ],
)
def test_india_trade_load_refuses_a_malformed_file(_case, text, code, tmp_path):
    path = write(tmp_path, "bad.csv", text)

    assert refusal_code(india_trade_load, path, partner_codes=PARTNERS) == code


def test_india_trade_load_refuses_a_missing_file(tmp_path):
    assert refusal_code(india_trade_load, tmp_path / "absent.csv") == "missing_file"


def test_india_partner_codes_map_only_to_codes_in_baci_or_cepii():
    # The curated mapping may use only ISO3 codes one of the reference lists carries.
    codes = india_partner_codes_load()
    baci = (trade_dir() / "hs" / "baci_country_codes_V202301.csv").read_text()
    geo = (trade_dir() / "gravity" / "geo_cepii.csv").read_text(encoding="latin-1")
    known = {line.split(",")[-1] for line in baci.splitlines()} | {
        line.split(";")[1] for line in geo.splitlines()
    }

    assert len(codes) == 232
    assert set(codes.values()) - known == set()
    assert codes["U S A"] == "USA"
    assert codes["CHINA P RP"] == "CHN"


def test_india_partner_codes_refuse_a_bad_iso3(tmp_path):
    path = write(tmp_path, "names.csv", "india_name,iso3\nU S A,US\n")

    assert refusal_code(india_partner_codes_load, path) == "bad_format"


REAL_UNMAPPED_EXPORT_PARTNERS = (
    "ANTARTICA",
    "CANARY IS",
    "CHANNEL IS",
    "GUERNSEY",
    "HEARD MACDONALD",
    "INSTALLATIONS IN INTERNATIONAL WATERS",
    "JERSEY",
    "LIECHTENSTEIN",
    "MONACO",
    "NEUTRAL ZONE",
    "PACIFIC IS",
    "PANAMA C Z",
    "UNSPECIFIED",
    "US MINOR OUTLYING ISLANDS",
    "VATICAN CITY",
    "VIRGIN IS US",
)


def test_india_trade_load_real_exports():
    trade = india_trade_load(
        trade_dir() / "india" / "india_exports_hs2_by_country_2010_2018.csv.gz"
    )

    assert len(trade.rows) == 137_023
    assert trade.missing_values == 14_038
    assert len({row.chapter for row in trade.rows}) == 98
    assert len({row.partner_name for row in trade.rows}) == 248
    assert trade.unmapped_partners == REAL_UNMAPPED_EXPORT_PARTNERS
    assert len(COUNTRY_NAMES_PATH.read_text().splitlines()) == 233


def test_india_trade_load_real_imports_drop_their_repeated_rows():
    trade = india_trade_load(
        trade_dir() / "india" / "india_imports_hs2_by_country_2010_2018.csv.gz"
    )

    assert trade.repeated_rows_dropped == 18_002
    assert len(trade.rows) == 93_095 - 18_002
    assert len({row.partner_name for row in trade.rows}) == 242
    assert len(trade.unmapped_partners) == 13


# --- CEPII BACI --------------------------------------------------------------------------

BACI_COUNTRIES = (
    "country_code,country_name_abbreviation,country_name_full,iso_2digit_alpha,iso_3digit_alpha\n"
    "4,Afghanistan,Afghanistan,AF,AFG\n"
    "699,India,India,IN,IND\n"
    "490,Other Asia nes,Other Asia nes,N/A,N/A\n"
)
BACI_PRODUCTS = 'code,description\n10111,"Horses: live"\n520100,Cotton\n'
BACI_HEADER = "t,i,j,k,v,q\n"


def baci_files(tmp_path: Path, trade: str) -> dict[str, Path]:
    return {
        "source": write(tmp_path, "BACI_HS92_Y2020_V202301.csv.gz", trade, gzipped=True),
        "country_codes_path": write(tmp_path, "country_codes_V202301.csv", BACI_COUNTRIES),
        "product_codes_path": write(tmp_path, "product_codes_HS92_V202301.csv", BACI_PRODUCTS),
    }


def test_baci_load_maps_countries_and_zero_pads_products(tmp_path):
    # given: a product code that lost its zero, a missing quantity, a partner with no ISO3
    files = baci_files(
        tmp_path,
        BACI_HEADER
        + "2020,4,699,10111,27.82,      169.800\n"
        + "2020,699,4,520100,0.164,           NA\n"
        + "2020,699,490,520100,5,1\n",
    )

    # when
    table = baci_load(files.pop("source"), **files)

    # then
    assert table.revision == "HS92"
    assert table.year.tolist() == [2020, 2020]
    assert table.exporter.tolist() == ["AFG", "IND"]
    assert table.importer.tolist() == ["IND", "AFG"]
    assert table.product.tolist() == ["010111", "520100"]
    assert table.value.tolist() == [27.82, 0.164]
    assert table.quantity[0] == 169.8
    assert math.isnan(table.quantity[1])
    assert table.unknown_country_codes == {"490": 1}
    assert table.product_descriptions["010111"] == "Horses: live"


@pytest.mark.parametrize(
    ("_case", "trade", "code"),
    [
        ("q is missing", "t,i,j,k,v\n2020,4,699,10111,1\n", "missing_columns"),
        ("v is text", BACI_HEADER + "2020,4,699,10111,n/a,1\n", "not_a_number"),
        ("a product code has seven digits", BACI_HEADER + "2020,4,699,1010111,1,1\n", "bad_format"),
        (
            "a product is not in the code file",
            BACI_HEADER + "2020,4,699,20111,1,1\n",
            "unknown_code",
        ),
        (
            "a flow appears twice",
            BACI_HEADER + "2020,4,699,10111,1,1\n2020,4,699,010111,2,1\n",
            "duplicate_rows",
        ),
        ("the file is empty", "", "empty_file"),
    ],
)
def test_baci_load_refuses_a_malformed_file(_case, trade, code, tmp_path):
    files = baci_files(tmp_path, trade)

    assert refusal_code(baci_load, files.pop("source"), **files) == code


def test_baci_load_refuses_a_country_code_file_with_a_repeated_code(tmp_path):
    files = baci_files(tmp_path, BACI_HEADER + "2020,4,699,10111,1,1\n")
    write(tmp_path, "country_codes_V202301.csv", BACI_COUNTRIES + "4,Afg,Afg,AF,AFG\n")

    assert refusal_code(baci_load, files.pop("source"), **files) == "duplicate_rows"


def test_baci_load_real_partial_file_has_both_exporters():
    hs = trade_dir() / "hs"
    table = baci_load(
        trade_dir() / "bilateral" / "baci_hs17_2020_partial_exporters_AFG_ZAF_iopspackage.csv.gz",
        country_codes_path=hs / "baci_country_codes_V202301.csv",
        product_codes_path=hs / "baci_product_codes_HS17_with_bec_ONEcampaign.csv",
    )

    # 70,920 rows; Italy's pre-2023 code 381 and "Other Asia, nes" (490) have no ISO3 in V202301
    assert table.revision == "HS17"
    assert set(table.exporter.tolist()) == {"AFG", "ZAF"}
    assert table.unknown_country_codes == {"381": 631, "490": 363}
    assert len(table.value) == 70_920 - 631 - 363
    assert {len(code) for code in table.product.tolist()} == {6}
    assert int(np.isnan(table.quantity).sum()) > 0


# --- UNSD concordances -------------------------------------------------------------------


def test_concordance_load_reads_a_correlation_table_as_text(tmp_path):
    path = write(
        tmp_path,
        "corr.csv",
        "hs2022,hs1992,relationship\n010121,010111,n:n\n010121,010120,n:n\n10129,010119,1:1\n",
    )

    concordance = concordance_load(path)

    assert (concordance.source_revision, concordance.target_revision) == ("hs2022", "hs1992")
    assert concordance.targets == {"010121": ("010111", "010120"), "010129": ("010119",)}
    assert concordance.relationships[("010129", "010119")] == "1:1"


def test_concordance_load_reads_a_conversion_table(tmp_path):
    path = write(tmp_path, "conv.csv", "hs2017,hs1992\n010121,010111\n")

    concordance = concordance_load(path)

    assert concordance.targets == {"010121": ("010111",)}
    assert concordance.relationships == {}


@pytest.mark.parametrize(
    ("_case", "text", "code"),
    [
        ("no revision columns", "from,to\n010121,010111\n", "missing_columns"),
        ("a code is not numeric", "hs2022,hs1992\n0101XX,010111\n", "bad_format"),
        (
            "an unknown relationship",
            "hs2022,hs1992,relationship\n010121,010111,2:1\n",
            "bad_format",
        ),
        (
            "a code converted twice",
            "hs2022,hs1992\n010121,010111\n010121,010120\n",
            "duplicate_rows",
        ),
        (
            "a pair listed twice",
            "hs2022,hs1992,relationship\n010121,010111,1:1\n010121,010111,1:1\n",
            "duplicate_rows",
        ),
        ("the file is empty", "\n\n", "empty_file"),
    ],
)
def test_concordance_load_refuses_a_malformed_file(_case, text, code, tmp_path):
    assert refusal_code(concordance_load, write(tmp_path, "bad.csv", text)) == code


@pytest.mark.parametrize(
    ("file", "codes", "pairs"),
    [
        ("unsd_hs2022_to_hs1992_correlation.csv", 5_613, 18_900),
        # One HS2017 code of the 5,388 has no pair in the correlation table.
        ("unsd_hs2017_to_hs1992_correlation.csv", 5_387, 7_862),
        ("unsd_hs2022_to_hs2017_correlation.csv", 5_613, 15_657),
        ("unsd_hs2017_to_hs1992_conversion.csv", 5_388, 0),
        ("unsd_hs2022_to_hs1992_conversion.csv", 5_613, 0),
    ],
)
def test_concordance_load_real_tables(file, codes, pairs):
    concordance = concordance_load(trade_dir() / "concordance" / file)

    assert len(concordance.targets) == codes
    assert len(concordance.relationships) == pairs
    assert concordance.targets["010121"][0] in ("010111", "010121")


# --- World Bank indicators ---------------------------------------------------------------


def test_wdi_load_reads_the_long_layout(tmp_path):
    path = write(
        tmp_path,
        "gdp.csv",
        "Country Name,Country Code,Year,Value\nIndia,IND,2022,3.35e12\nIndia,IND,2023,\n",
    )

    series = wdi_load(path)

    assert series.values == {("IND", 2022): 3.35e12}
    assert series.missing_values == 1
    assert series.country_names == {"IND": "India"}


def test_wdi_load_turns_year_columns_into_long_form(tmp_path):
    path = write(
        tmp_path,
        "wide.csv",
        "Country Name,Country Code,Indicator Code,2021 [YR2021],2022 [YR2022]\n"
        "India,IND,SP.POP.TOTL,1414203896,..\nNepal,NPL,SP.POP.TOTL,29,30\n",
    )

    series = wdi_load(path)

    assert series.values == {("IND", 2021): 1414203896.0, ("NPL", 2021): 29.0, ("NPL", 2022): 30.0}
    assert series.missing_values == 1


def test_wdi_load_skips_the_databank_footer(tmp_path):
    path = write(
        tmp_path,
        "databank.csv",
        '\ufeffSeries Name,"Country Code","Time","Value"\n'
        'GDP,"IND","2018","2.5e12"\n,"","",""\nData from database: World Development Indicators,"","",""\n',
    )

    assert wdi_load(path).values == {("IND", 2018): 2.5e12}


@pytest.mark.parametrize(
    ("_case", "text", "code"),
    [
        ("no year column", "Country Code,Value\nIND,1\n", "missing_columns"),
        ("a value is text", "Country Code,Year,Value\nIND,2020,high\n", "not_a_number"),
        ("a year is text", "Country Code,Year,Value\nIND,twenty,1\n", "not_a_number"),
        ("a year twice", "Country Code,Year,Value\nIND,2020,1\nIND,2020,2\n", "duplicate_rows"),
        ("a code missing mid-file", "Country Code,Year,Value\n,2020,1\nIND,2020,2\n", "bad_format"),
        ("the file is empty", "", "empty_file"),
    ],
)
def test_wdi_load_refuses_a_malformed_file(_case, text, code, tmp_path):
    assert refusal_code(wdi_load, write(tmp_path, "bad.csv", text)) == code


def test_wdi_load_real_files():
    macro = trade_dir() / "macro"

    gdp = wdi_load(macro / "wb_gdp_current_usd.csv")
    population = wdi_load(macro / "wb_population.csv")
    constant = wdi_load(macro / "wb_gdp_constant2010usd_chrisssch.csv")

    assert len({code for code, _year in gdp.values}) == 262
    assert round(gdp.values[("IND", 2023)] / 1e12, 2) == 3.55
    assert len({code for code, _year in population.values}) == 265
    assert len(population.values) == 17_195
    assert len(constant.country_names) == 264
    assert constant.missing_values == 200


# --- CEPII distances ---------------------------------------------------------------------

DIST_HEADER = (
    "iso_o;iso_d;contig;comlang_off;comlang_ethno;colony;comcol;curcol;col45;smctry;"
    "dist;distcap;distw;distwces\n"
)


def test_cepii_distances_load_keeps_pairs_without_weighted_distance(tmp_path):
    path = write(
        tmp_path,
        "dist_cepii.csv.gz",
        DIST_HEADER
        + "IND;USA;0;1;1;0;0;0;0;0;11761.81;12059.81;13131.91;13076.46\n"
        + "IND;NPL;1;0;1;0;1;0;0;0;687.5;800;.;.\n",
        gzipped=True,
    )

    distances = cepii_distances_load(path)

    india_usa = distances.pairs[("IND", "USA")]
    assert (india_usa.distance_km, india_usa.distance_weighted_km) == (11761.81, 13131.91)
    assert india_usa.flags["comlang_off"] is True
    assert india_usa.flags["contig"] is False
    assert distances.pairs[("IND", "NPL")].distance_weighted_km is None
    assert distances.weighted_missing == (("IND", "NPL"),)


@pytest.mark.parametrize(
    ("_case", "text", "code"),
    [
        ("comma-separated", DIST_HEADER.replace(";", ","), "bad_format"),
        ("dist is missing", "iso_o;iso_d;contig\nIND;USA;0\n", "missing_columns"),
        ("dist is text", DIST_HEADER + "IND;USA;0;1;1;0;0;0;0;0;far;1;1;1\n", "not_a_number"),
        ("distw is text", DIST_HEADER + "IND;USA;0;1;1;0;0;0;0;0;1;1;n/a;1\n", "not_a_number"),
        ("a flag is 2", DIST_HEADER + "IND;USA;2;1;1;0;0;0;0;0;1;1;1;1\n", "not_a_number"),
        (
            "a pair twice",
            DIST_HEADER + "IND;USA;0;1;1;0;0;0;0;0;1;1;1;1\n" * 2,
            "duplicate_rows",
        ),
        ("the file is empty", "", "empty_file"),
    ],
)
def test_cepii_distances_load_refuses_a_malformed_file(_case, text, code, tmp_path):
    assert refusal_code(cepii_distances_load, write(tmp_path, "bad.csv", text)) == code


def test_cepii_distances_load_real_file():
    distances = cepii_distances_load(trade_dir() / "gravity" / "dist_cepii.csv.gz")

    assert len(distances.pairs) == 224 * 224 == 50_176
    assert len(distances.weighted_missing) == 2_215
    assert distances.pairs[("IND", "USA")].distance_km == 11761.81


# --- product-space backbones -------------------------------------------------------------

ATLAS = (
    '{"nodes": [{"id": "0910", "x": 1.5, "y": 2}, {"id": "6103", "x": 3, "y": 4},'
    ' {"id": "0102", "x": 0, "y": 0}],'
    ' "edges": [{"source": "0910", "target": "6103", "strength": 0.5},'
    ' {"source": "6103", "target": "0102", "strength": 0.25}]}'
)


def test_backbone_load_reads_the_atlas_layout_keeping_leading_zeros(tmp_path):
    backbone = backbone_load(write(tmp_path, "atlas.json", ATLAS))

    assert backbone.nodes[0] == BackboneNode("0910", 1.5, 2.0)
    assert backbone.edges == (
        BackboneEdge("0910", "6103", 0.5),
        BackboneEdge("6103", "0102", 0.25),
    )


def test_backbone_load_strips_the_oec_section_prefix(tmp_path):
    oec = (
        '{"nodes": [{"id": "010102", "x": 0, "y": 0}, {"id": "010401", "x": 1, "y": 1}],'
        ' "edges": [{"source": {"id": "010102", "x": 0, "y": 0},'
        ' "target": {"id": "010401", "x": 1, "y": 1}, "strength": 0.3164}]}'
    )

    backbone = backbone_load(write(tmp_path, "oec.json", oec), strip_section_prefix=True)

    assert backbone.edges == (BackboneEdge("0102", "0401", 0.3164),)


def test_backbone_load_reads_separate_oec_node_and_edge_files(tmp_path):
    nodes = write(
        tmp_path,
        "nodes.json",
        '[{"x": 1, "y": 2, "hs92_product_id": "010120"}, {"x": 3, "y": 4, "hs92_product_id": "261220"}]',
    )
    edges = write(
        tmp_path,
        "edges.json",
        '[{"source": {"hs92_product_id": "010120"}, "strength": 0.25,'
        ' "target": {"hs92_product_id": "261220"}}]',
    )

    backbone = backbone_load(edges, nodes_path=nodes)

    assert backbone.nodes == (BackboneNode("010120", 1.0, 2.0), BackboneNode("261220", 3.0, 4.0))
    assert backbone.edges == (BackboneEdge("010120", "261220", 0.25),)


@pytest.mark.parametrize(
    ("_case", "text", "code"),
    [
        ("not JSON", "{nodes: [", "bad_format"),
        ("a node without x", ATLAS.replace('"x": 1.5, ', ""), "missing_columns"),
        (
            "a strength is text",
            ATLAS.replace('"strength": 0.5', '"strength": "high"'),
            "not_a_number",
        ),
        ("a strength above 1", ATLAS.replace('"strength": 0.5', '"strength": 1.5'), "bad_format"),
        (
            "an edge to no node",
            ATLAS.replace('"target": "6103"', '"target": "9999"'),
            "unknown_code",
        ),
        (
            "an edge both ways",
            ATLAS.replace(
                '"source": "6103", "target": "0102"', '"source": "6103", "target": "0910"'
            ),
            "duplicate_rows",
        ),
        ("no edges", '{"nodes": [{"id": "0101", "x": 0, "y": 0}], "edges": []}', "empty_file"),
        ("the file is empty", "", "empty_file"),
    ],
)
def test_backbone_load_refuses_a_malformed_file(_case, text, code, tmp_path):
    assert refusal_code(backbone_load, write(tmp_path, "bad.json", text)) == code


def test_backbone_load_real_files():
    space = trade_dir() / "product_space"

    atlas = backbone_load(space / "atlas_network_hs92_4digit.json")
    oec4 = backbone_load(space / "oec_network_hs92_4.json", strip_section_prefix=True)
    oec6 = backbone_load(
        space / "oec_edges_hs92_6.json", nodes_path=space / "oec_nodes_hs92_6.json"
    )

    assert (len(atlas.nodes), len(atlas.edges)) == (866, 2_532)
    assert round(min(edge.strength for edge in atlas.edges), 3) == 0.167
    assert (len(oec4.nodes), len(oec4.edges)) == (866, 2_532)
    assert {len(node.product) for node in oec4.nodes} == {4}
    assert (len(oec6.nodes), len(oec6.edges)) == (5_109, 11_952)
