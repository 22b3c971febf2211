"""Pure tests of what a line of the nomenclature says about itself (`hs_suggest.headings`) and
of the rules the suggester builds on it, on lines of HS 2022 copied verbatim (no database)."""

import pytest

from odop.markets.hs_suggest import HSEntry, HSIndex, ProductText, tokens
from odop.markets.hs_suggest.headings import (
    ALLOY_STEEL,
    affirmed,
    essential_oil,
    material_chapters,
    subject_words,
)
from odop.markets.hs_suggest.names import NameReader


def _tokens(text: str) -> set[str]:
    return set(tokens(text))


@pytest.mark.parametrize(
    ("heading", "subject", "not_subject"),
    [
        (
            "Oil seeds and oleaginous fruits, n.e.c. in chapter 12; whether or not broken",
            "seeds fruits",
            "oil",
        ),
        ("Yarn of jute or of other textile bast fibres of heading 5303", "yarn", "jute"),
        ("Zinc; articles n.e.c. in chapter 79", "zinc", ""),
        ("Other articles of zinc", "zinc", ""),
        (
            "Butter and other fats and oils derived from milk; dairy spreads",
            "butter fats oils spreads",
            "milk dairy",
        ),
        ("Molasses; resulting from the extraction or refining of sugar", "molasses", "sugar"),
        (
            "Rape, colza or mustard oil and their fractions; whether or not refined",
            "oil",
            "refined",
        ),
        (
            "Cane or beet sugar and chemically pure sucrose, in solid form",
            "sugar sucrose",
            "solid form",
        ),
    ],
)
def test_a_headings_subject_is_the_goods_it_names_first(
    heading: str, subject: str, not_subject: str
) -> None:
    found = subject_words(heading, frozenset())
    assert _tokens(subject) <= found
    assert not _tokens(not_subject) & found


def test_what_a_line_excepts_is_not_a_word_of_it() -> None:
    line = "Flours and meals of oil seeds or oleaginous fruits; other than those of mustard"
    assert "mustard" not in tokens(affirmed(line))
    assert "mustard" not in tokens(affirmed("Cotton yarn (other than sewing thread)"))
    assert "flour" in " ".join(tokens(affirmed(line)))


OILS = [
    HSEntry("09", "Coffee, tea, mate and spices"),
    HSEntry(
        "0910", "Ginger, saffron, tumeric (curcuma), thyme, bay leaves, curry and other spices"
    ),
    HSEntry("091030", "Spices; turmeric (curcuma)"),
    HSEntry(
        "12",
        "Oil seeds and oleaginous fruits; miscellaneous grains, seeds and fruit, industrial or "
        "medicinal plants; straw and fodder",
    ),
    HSEntry("1207", "Oil seeds and oleaginous fruits, n.e.c. in chapter 12; whether or not broken"),
    HSEntry("120750", "Oil seeds; mustard seeds, whether or not broken"),
    HSEntry(
        "1208", "Flours and meals of oil seeds or oleaginous fruits; other than those of mustard"
    ),
    HSEntry(
        "120890",
        "Flours and meals of oil seeds or oleaginous fruits; excluding soya beans and mustard seeds",
    ),
    HSEntry(
        "15",
        "Animal, vegetable or microbial fats and oils and their cleavage products; prepared "
        "edible fats; animal or vegetable waxes",
    ),
    HSEntry(
        "1514",
        "Rape, colza or mustard oil and their fractions; whether or not refined, but not "
        "chemically modified",
    ),
    HSEntry(
        "151491",
        "Vegetable oils; excluding low erucic acid rape or colza oil and its fractions, crude",
    ),
    HSEntry("33", "Essential oils and resinoids; perfumery, cosmetic or toilet preparations"),
    HSEntry(
        "3301",
        "Oils; essential (concretes, absolutes); concentrates thereof in fats, fixed oils, waxes "
        "or the like (obtained by enfleurage or maceration); aqueous distillates, solutions and "
        "terpenic by-products thereof; resinoids; extracted oleoresins",
    ),
    HSEntry(
        "330129",
        "Oils, essential; n.e.c. in heading no. 3301 (terpeneless or not), including concretes "
        "and absolutes",
    ),
]


def _first(nomenclature: list[HSEntry], product: ProductText) -> str:
    [first, *_] = HSIndex(nomenclature).suggest(product, distinct_headings=True)
    return first.code[:4]


def test_an_oil_is_the_oil_not_the_seed_it_is_pressed_from() -> None:
    # "oil" is the subject of 1514 and only a modifier of 1207's "Oil seeds"; 1208 says it is
    # not of mustard
    product = ProductText("Mustard Oil", ("Mustard oil used in cooking",), ("food_processing",))
    assert _first(OILS, product) == "1514"


def test_an_aromatic_oil_of_a_plant_that_gives_no_fixed_oil_is_an_essential_oil() -> None:
    said = ("Extracted from the turmeric plant, this oil is prized for its aromatic fragrance",)
    assert _first(OILS, ProductText("Turmeric Oil", said, ("food_processing",))) == "3301"
    # mustard gives a fixed oil (1514), however aromatic its description
    mustard = ("Mustard oil with a pungent aromatic flavour",)
    assert _first(OILS, ProductText("Mustard Oil", mustard, ("food_processing",))) == "1514"


def test_an_oil_is_essential_only_when_its_description_says_so() -> None:
    fixed = frozenset(tokens("mustard seeds rape colza vegetable"))
    assert essential_oil("Natural Oils (Lavender)", ("steam distillation",), fixed, frozenset())
    assert not essential_oil("Lavender Oil", ("a cold-pressed oil",), fixed, frozenset())
    assert not essential_oil("Mustard Oil", ("aromatic",), fixed, frozenset())
    assert not essential_oil("Turmeric", ("aromatic",), fixed, frozenset())


HOUSEHOLD = [
    HSEntry("69", "Ceramic products"),
    HSEntry(
        "6912",
        "Ceramic tableware, kitchenware, other household articles and toilet articles; other "
        "than of porcelain or china",
    ),
    HSEntry(
        "691200",
        "Ceramic tableware, kitchenware, other household articles and toilet articles; other "
        "than of porcelain or china",
    ),
    HSEntry("73", "Iron or steel articles"),
    HSEntry(
        "7323",
        "Table, kitchen, other household articles and parts, of iron or steel; iron or steel "
        "wool; pot scourers and scouring or polishing pads, gloves and the like, of iron or steel",
    ),
    HSEntry(
        "732393", "Steel, stainless; table, kitchen and other household articles and parts thereof"
    ),
    HSEntry("79", "Zinc and articles thereof"),
    HSEntry("7907", "Zinc; articles n.e.c. in chapter 79"),
    HSEntry("790700", "Zinc; articles n.e.c. in chapter 79"),
]


def test_goods_named_by_their_material_stay_in_that_materials_chapter() -> None:
    # "utensils" are table and kitchen articles (SYNONYMS), which 6912 and 7323 name and 7907
    # does not; but they are of zinc, and Section XV sorts base metals' goods by metal
    product = ProductText("Zinc Utensils", ("artisans shape zinc into kitchenware",), ())
    assert _first(HOUSEHOLD, product) == "7907"
    steel = ProductText("Steel Utensils", ("kitchenware of steel",), ())
    assert _first(HOUSEHOLD, steel) == "7323"


@pytest.mark.parametrize(
    ("name", "chapters"),
    [
        ("Zinc Utensils", {"79"}),
        ("Brass and Bell Metal", {"74"}),
        ("Rosewood inlay art", {"44"}),
        ("Stainless Steel Utensils/ Kitchen Ware", {"72", "73"}),
        ("Makhana", set()),
    ],
)
def test_the_material_a_name_names(name: str, chapters: set[str]) -> None:
    assert material_chapters(name) == chapters


BARS = [
    HSEntry("72", "Iron and steel"),
    HSEntry(
        "7214",
        "Iron or non-alloy steel; bars and rods, not further worked than forged, hot-rolled, hot "
        "drawn or hot-extruded, but including those twisted after rolling",
    ),
    HSEntry(
        "721420",
        "Iron or non-alloy steel; bars and rods, hot-rolled, hot-drawn or hot-extruded, "
        "containing indentations, ribs, grooves or other deformations produced during the "
        "rolling process or twisted after rolling",
    ),
    HSEntry("7227", "Steel, alloy; bars and rods, hot-rolled, in irregularly wound coils"),
    HSEntry(
        "722790",
        "Steel, alloy; bars and rods, hot-rolled, in irregularly wound coils, n.e.c. in heading "
        "no. 7227",
    ),
    HSEntry(
        "7228",
        "Alloy steel bars, rods, shapes and sections; hollow drill bars and rods, of alloy or "
        "non-alloy steel",
    ),
    HSEntry("722830", "Steel, alloy; bars and rods, hot-rolled, hot-drawn or extruded"),
]


def test_steel_not_said_to_be_alloy_is_non_alloy_steel() -> None:
    product = ProductText("TMT Steel Bars", ("TMT bars hot-rolled for construction",), ())
    assert _first(BARS, product) == "7214"
    alloy = ProductText("Steel Bars", ("bars and rods of alloy steel, hot-rolled",), ())
    assert _first(BARS, alloy) != "7214"
    assert ALLOY_STEEL.search("Steel, alloy; bars and rods")
    assert not ALLOY_STEEL.search("Iron or non-alloy steel; bars and rods")


JEWELLERY = [
    HSEntry("71", "Natural, cultured pearls; precious, semi-precious stones; precious metals"),
    HSEntry(
        "7108",
        "Gold (including gold plated with platinum) unwrought or in semi-manufactured forms, or "
        "in powder form",
    ),
    HSEntry("710813", "Metals; gold, semi-manufactured"),
    HSEntry(
        "7113",
        "Jewellery articles and parts thereof, of precious metal or of metal clad with precious "
        "metal",
    ),
    HSEntry(
        "711319",
        "Jewellery; of precious metal (excluding silver) whether or not plated or clad with "
        "precious metal, and parts thereof",
    ),
]


def test_a_name_word_misspelt_by_one_letter_is_read_as_the_nomenclatures_word() -> None:
    # the list's "Studded gold jewllery" of Hyderabad
    assert _first(JEWELLERY, ProductText("Gold jewllery", (), ())) == "7113"
    # one letter short or over only, from seven letters of the stem, one nomenclature word near
    reader = NameReader(_tokens("jewellery pillow chandeli"), frozenset(), {}, None)
    assert reader.spelt(tokens("jewllery")[0]) == tokens("jewellery")[0]
    assert reader.spelt("willow") == "willow"  # too short: pillow is one letter off
    assert reader.spelt("chanderi") == "chanderi"  # one letter changed, not left out
