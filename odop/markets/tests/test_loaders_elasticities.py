"""Elasticity loaders (Broda & Weinstein HTS-10, Broda, Greenfield & Weinstein 73 countries):
exact values from small hand-written files, refusals of malformed files by `code`, lookups,
and the real files. No database. Ref: #4
"""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from odop.markets.loaders import BgwSigmas, BwSigmas, bgw_sigmas_load, bw_sigmas_load

BW_FILE = "broda_weinstein_2006_sigma_hts10_1990_2001.csv"
BGW_FILE = "broda_greenfield_weinstein_sigmas_73countries_hs3_1994_2003.csv"
BW_HEADER = "hts,sigma_1990_2001\n"
BGW_HEADER = "ccode,cname,hs_3digit,sigma\n"


def write(tmp_path: Path, text: str, name: str = "sigmas.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal_code(load, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        load(*args, **kwargs)
    return str(error.value.code)


def elasticities_dir(real_data_dir: Path) -> Path:
    return real_data_dir / "trade" / "elasticities"


# --- Broda & Weinstein, US HTS-10 ----------------------------------------------------------


def test_bw_sigmas_load_zero_fills_codes_that_lost_their_leading_zero(tmp_path):
    path = write(
        tmp_path,
        BW_HEADER + "101110010,108.18641\n101190090,1.7958563\n6209903020,4302.5649\n",
    )

    sigmas = bw_sigmas_load(path)

    assert sigmas.sigmas == {
        "0101110010": 108.18641,
        "0101190090": 1.7958563,
        "6209903020": 4302.5649,
    }
    assert sigmas.skipped == ()


def test_bw_sigmas_load_skips_and_reports_missing_estimates_and_repeated_codes(tmp_path):
    # given: a blank and a NaN sigma, a repeat with the same sigma, a code with two sigmas
    path = write(
        tmp_path,
        BW_HEADER
        + "101110010,2.5\n"  # line 2
        + "101110020,\n"  # line 3: no estimate
        + "101190090,NaN\n"  # line 4: no estimate
        + "101110010,2.5\n"  # line 5: repeats line 2
        + "2103204020,66.70258514967007\n"  # line 6: conflicts with line 7
        + "2103204020,5.4707937\n",  # line 7
    )

    # when
    sigmas = bw_sigmas_load(path)

    # then
    assert sigmas.sigmas == {"0101110010": 2.5}
    assert [line for line, _reason in sigmas.skipped] == [3, 4, 5, 6, 7]
    assert all(reason for _line, reason in sigmas.skipped)


def test_bw_sigmas_load_reads_bytes():
    sigmas = bw_sigmas_load((BW_HEADER + "103920000,1.4073431\n").encode(), name="upload.csv")

    assert sigmas.sigmas == {"0103920000": 1.4073431}


@pytest.mark.parametrize(
    ("_case", "text", "code"),
    [
        ("the file is empty", "", "empty_file"),
        ("the file has only a header", BW_HEADER, "empty_file"),
        ("no line has a sigma", BW_HEADER + "101110010,\n101110020,NaN\n", "empty_file"),
        ("the sigma column is missing", "hts,sigma\n101110010,2.5\n", "missing_columns"),
        ("a sigma is text", BW_HEADER + "101110010,high\n", "not_a_number"),
        ("a sigma is infinite", BW_HEADER + "101110010,inf\n", "not_a_number"),
        ("a sigma is 1", BW_HEADER + "101110010,1\n", "bad_format"),
        ("a sigma is negative", BW_HEADER + "101110010,-1.5\n", "bad_format"),
        ("a code has a letter", BW_HEADER + "10111001X,2.5\n", "bad_format"),
        ("a code has eleven digits", BW_HEADER + "12345678901,2.5\n", "bad_format"),
        ("a code pads into chapter 00", BW_HEADER + "10111001,2.5\n", "bad_format"),
    ],
)
def test_bw_sigmas_load_refuses_a_malformed_file(_case, text, code, tmp_path):
    assert refusal_code(bw_sigmas_load, write(tmp_path, text)) == code


def test_bw_sigmas_load_refuses_a_missing_file(tmp_path):
    assert refusal_code(bw_sigmas_load, tmp_path / "absent.csv") == "missing_file"


BW_LOOKUP = BwSigmas(
    sigmas={
        "0101110010": 108.0,
        "0101110020": 120.0,
        "0101190090": 2.0,
        "0102000000": 5.0,
        "6209903020": 4.0,
    },
    skipped=(),
)


@pytest.mark.parametrize(
    ("_case", "prefix", "expected"),
    [
        ("an HS 4-digit heading: the middle of three lines", "0101", 108.0),
        ("an HS 6-digit subheading: the mean of the middle two", "010111", 114.0),
        ("an HS chapter", "01", 56.5),
        ("an HTS-10 line itself", "6209903020", 4.0),
        ("a heading with no line", "0103", None),
    ],
)
def test_bw_median_sigma_takes_the_lines_under_a_prefix(_case, prefix, expected):
    assert BW_LOOKUP.median_sigma(prefix=prefix) == expected


@pytest.mark.parametrize("prefix", ["010", "01.01", "", "01011100100"])
def test_bw_median_sigma_refuses_a_prefix_that_is_not_an_hs_level(prefix):
    with pytest.raises(ValidationError) as error:
        BW_LOOKUP.median_sigma(prefix=prefix)

    assert error.value.code == "bad_format"


def test_bw_sigmas_load_real_file(real_data_dir):
    sigmas = bw_sigmas_load(elasticities_dir(real_data_dir) / BW_FILE)

    # 13,972 lines and 13,971 codes: 2103204020 is given two sigmas and is left out.
    assert len(sigmas.sigmas) == 13_970
    assert [line for line, _reason in sigmas.skipped] == [1307, 1308]
    assert "2103204020" not in sigmas.sigmas
    assert list(sigmas.sigmas.items())[:3] == [
        ("0101110010", 108.18641),
        ("0101110020", 119.27552),
        ("0101190090", 1.7958563),
    ]
    assert sigmas.sigmas["9801001026"] == 1.7958563
    assert all(len(code) == 10 for code in sigmas.sigmas)
    assert sum(code.startswith("0") for code in sigmas.sigmas) == 630
    assert min(sigmas.sigmas.values()) == 1.0295723
    assert sigmas.median_sigma(prefix="0101") == 108.18641
    assert sigmas.median_sigma(prefix="620990") == 3.74937375


# --- Broda, Greenfield & Weinstein, 73 countries × HS 3-digit --------------------------------


def test_bgw_sigmas_load_reads_stata_floats_as_text_codes(tmp_path):
    path = write(
        tmp_path,
        BGW_HEADER
        + "113.0,India,520.0,6.8052683\n"
        + "113.0,India,30.0,131.50127\n"
        + "14.0,NewZealand,10.0,1.7958564\n",
    )

    sigmas = bgw_sigmas_load(path)

    assert sigmas.sigmas == {
        ("113", "520"): 6.8052683,
        ("113", "030"): 131.50127,
        ("14", "010"): 1.7958564,
    }
    assert sigmas.country_names == {"113": "India", "14": "NewZealand"}
    assert sigmas.skipped == ()


def test_bgw_sigmas_load_skips_and_reports_missing_estimates(tmp_path):
    path = write(tmp_path, BGW_HEADER + "113.0,India,520.0,6.8\n113.0,India,570.0,.\n")

    sigmas = bgw_sigmas_load(path)

    assert sigmas.sigmas == {("113", "520"): 6.8}
    assert [line for line, _reason in sigmas.skipped] == [3]


@pytest.mark.parametrize(
    ("_case", "text", "code"),
    [
        ("the file is empty", "\n\n", "empty_file"),
        ("the file has only a header", BGW_HEADER, "empty_file"),
        (
            "the country code is missing",
            "cname,hs_3digit,sigma\nIndia,520.0,6.8\n",
            "missing_columns",
        ),
        ("a sigma is text", BGW_HEADER + "113.0,India,520.0,n/a\n", "not_a_number"),
        ("a sigma is below 1", BGW_HEADER + "113.0,India,520.0,0.8\n", "bad_format"),
        ("a group is not whole", BGW_HEADER + "113.0,India,520.5,6.8\n", "bad_format"),
        ("a group has four digits", BGW_HEADER + "113.0,India,5201.0,6.8\n", "bad_format"),
        ("a group pads into chapter 00", BGW_HEADER + "113.0,India,5.0,6.8\n", "bad_format"),
        ("a country code is not whole", BGW_HEADER + "113.5,India,520.0,6.8\n", "bad_format"),
        ("a country has no name", BGW_HEADER + "113.0,,520.0,6.8\n", "bad_format"),
        (
            "a country code has two names",
            BGW_HEADER + "113.0,India,520.0,6.8\n113.0,Indonesia,570.0,2.1\n",
            "bad_format",
        ),
        (
            "a country name has two codes",
            BGW_HEADER + "113.0,India,520.0,6.8\n114.0,India,570.0,2.1\n",
            "bad_format",
        ),
        (
            "a country and group pair is repeated",
            BGW_HEADER + "113.0,India,520.0,6.8\n113.0,India,520.0,6.8\n",
            "duplicate_rows",
        ),
    ],
)
def test_bgw_sigmas_load_refuses_a_malformed_file(_case, text, code, tmp_path):
    assert refusal_code(bgw_sigmas_load, write(tmp_path, text)) == code


def test_bgw_sigmas_load_refuses_a_missing_file(tmp_path):
    assert refusal_code(bgw_sigmas_load, tmp_path / "absent.csv") == "missing_file"


BGW_LOOKUP = BgwSigmas(
    sigmas={("113", "520"): 6.8, ("113", "570"): 12.7, ("14", "010"): 1.8},
    country_names={"113": "India", "14": "NewZealand"},
    skipped=(),
)


@pytest.mark.parametrize(
    ("_case", "country", "hs3", "expected"),
    [
        ("by the file's code", "113", "520", 6.8),
        ("by name", "India", "570", 12.7),
        ("by name in another case", "INDIA", "520", 6.8),
        ("by name with spaces", "New Zealand", "010", 1.8),
        ("a group with no estimate", "India", "010", None),
    ],
)
def test_bgw_sigma_finds_a_country_by_code_or_name(_case, country, hs3, expected):
    assert BGW_LOOKUP.sigma(country=country, hs3=hs3) == expected


def test_bgw_sigma_for_hs6_uses_the_first_three_digits():
    assert BGW_LOOKUP.sigma_for_hs6(country="India", hs6="520100") == 6.8
    assert BGW_LOOKUP.sigma_for_hs6(country="India", hs6="570110") == 12.7
    assert BGW_LOOKUP.sigma_for_hs6(country="India", hs6="010121") is None


@pytest.mark.parametrize(
    ("_case", "country", "hs3", "hs6", "code"),
    [
        ("an unknown country", "Atlantis", "520", "520100", "unknown_code"),
        ("a code that is not in the file", "699", "520", "520100", "unknown_code"),
        ("a group of two digits", "India", "52", "5201", "bad_format"),
        ("a code with a dot", "India", "5.2", "5201.0", "bad_format"),
    ],
)
def test_bgw_lookups_refuse_an_unknown_country_or_a_malformed_code(_case, country, hs3, hs6, code):
    with pytest.raises(ValidationError) as by_group:
        BGW_LOOKUP.sigma(country=country, hs3=hs3)
    with pytest.raises(ValidationError) as by_product:
        BGW_LOOKUP.sigma_for_hs6(country=country, hs6=hs6)

    assert (by_group.value.code, by_product.value.code) == (code, code)


def test_bgw_sigmas_load_real_file(real_data_dir):
    sigmas = bgw_sigmas_load(elasticities_dir(real_data_dir) / BGW_FILE)

    assert len(sigmas.sigmas) == 11_293
    assert sigmas.skipped == ()
    assert len(sigmas.country_names) == 73
    assert len({group for _country, group in sigmas.sigmas}) == 171
    assert list(sigmas.sigmas.items())[:2] == [(("1", "010"), 25.031897), (("1", "020"), 2.7859626)]
    assert sigmas.country_names["113"] == "India"
    assert sum(country == "113" for country, _group in sigmas.sigmas) == 166
    assert sigmas.sigma(country="India", hs3="520") == 6.8052683
    assert sigmas.sigma_for_hs6(country="india", hs6="570110") == 12.703188
    assert sigmas.sigma(country="India", hs3="010") is None  # India has no estimate for 010
    assert sigmas.sigma(country="United Kingdom", hs3="010") == 2.7573483  # "UnitedKingdom"
