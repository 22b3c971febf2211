"""Pure tests of the HS code suggester on a small hand-made nomenclature (no database)."""

import pytest

from odop.markets.hs_suggest import (
    HSEntry,
    HSIndex,
    ProductText,
    hs_conversion_parse,
    hs_suggest,
    ing_nouns,
    token_normalise,
    tokens,
)
from odop.markets.hs_suggest.weights import SCORE_MAX, SECTOR_WEIGHT
from odop.markets.selectors import hs_glossary

NOMENCLATURE = [
    HSEntry("09", "Coffee, tea, mate and spices"),
    HSEntry(
        "0910", "Ginger, saffron, turmeric (curcuma), thyme, bay leaves, curry and other spices"
    ),
    HSEntry("091030", "Spices; turmeric (curcuma)"),
    HSEntry("091011", "Spices; ginger, neither crushed nor ground"),
    HSEntry("10", "Cereals"),
    HSEntry("1006", "Rice"),
    HSEntry("100610", "Cereals; rice in the husk (paddy or rough)"),
    HSEntry("100620", "Cereals; husked (brown) rice"),
    HSEntry("100630", "Cereals; rice, semi-milled or wholly milled, whether or not polished"),
    HSEntry("100640", "Cereals; rice, broken"),
    HSEntry("19", "Preparations of cereals, flour, starch or milk; pastrycooks' products"),
    HSEntry("1904", "Prepared foods obtained by the swelling or roasting of cereals"),
    HSEntry("190410", "Food preparations; obtained by swelling or roasting cereals or rice"),
    HSEntry("51", "Wool, fine or coarse animal hair; horsehair yarn and woven fabric"),
    HSEntry("5102", "Fine or coarse animal hair, not carded or combed"),
    HSEntry("510211", "Hair; fine animal hair, of Kashmir (cashmere) goats"),
    HSEntry("62", "Apparel and clothing accessories; not knitted or crocheted"),
    HSEntry("6214", "Shawls, scarves, mufflers, mantillas, veils and the like"),
    HSEntry("621420", "Shawls, scarves, mufflers; of wool or fine animal hair"),
    HSEntry("621430", "Shawls, scarves, mufflers; of synthetic fibres"),
    HSEntry("04", "Dairy produce; birds' eggs; natural honey"),
    HSEntry("0405", "Butter and other fats and oils derived from milk"),
    HSEntry("040510", "Dairy produce; butter"),
    HSEntry("999999", "Commodities not specified according to kind"),
]


@pytest.fixture(scope="module")
def index() -> HSIndex:
    return HSIndex(NOMENCLATURE)


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("Shawls", "shawl"),
        ("berries", "berry"),
        ("mangoes", "mango"),
        ("boxes", "box"),
        ("dried", "dry"),  # "Dry Fish" meets 0305 "Fish, dried" (issue 13)
        ("feeding", "feed"),  # "Poultry Feed" meets 2309 "animal feeding"
        ("carvings", "carved"),
    ],
)
def test_token_normalise_gives_word_forms_one_token(word: str, other: str) -> None:
    assert token_normalise(word) == token_normalise(other)


@pytest.mark.parametrize(("word", "other"), [("organic", "organ"), ("glass", "gla")])
def test_token_normalise_keeps_different_words_apart(word: str, other: str) -> None:
    assert token_normalise(word) != token_normalise(other)


def test_matched_terms_are_the_nomenclatures_words_not_stems() -> None:
    index = HSIndex(
        [
            HSEntry("03", "Fish and crustaceans"),
            HSEntry("0305", "Fish, dried, salted or in brine; smoked fish"),
            HSEntry("030559", "Fish; dried, whether or not salted, other"),
        ]
    )
    [candidate] = index.suggest(ProductText("Dry Fish"))
    assert set(candidate.matched_terms) == {"fish", "dried"}


def test_tokens_drop_stop_words_and_praise() -> None:
    assert tokens("The renowned Shawls of India, and other woollen goods") == [
        token_normalise("shawl"),
        token_normalise("woollen"),
    ]


def test_art_silk_is_read_as_artificial_filament_not_silk() -> None:
    assert tokens("Art Silk sarees") == tokens("artificial filament sarees")
    assert token_normalise("silk") not in tokens("Art silk")


HEADS = [
    HSEntry("71", "Precious metals; imitation jewellery"),
    HSEntry("7108", "Gold (including gold plated with platinum) unwrought or in powder form"),
    HSEntry("710812", "Gold; non-monetary, unwrought"),
    HSEntry("7113", "Articles of jewellery and parts thereof, of precious metal"),
    HSEntry("711319", "Jewellery; of precious metal other than silver"),
    HSEntry("84", "Machinery and mechanical appliances"),
    HSEntry("8448", "Auxiliary machinery for looms; jacquards"),
    HSEntry("844842", "Jacquards; reed for looms, healds and heald-frames"),
    HSEntry("63", "Other made up textile articles"),
    HSEntry("6302", "Bed linen, table linen, toilet linen and kitchen linen"),
    HSEntry("630221", "Bed linen; printed, of cotton"),
]


def test_the_heading_that_names_the_head_word_wins() -> None:
    # "Gold Jewellery" is jewellery (7113) of gold, not gold (7108)
    [first, *_] = HSIndex(HEADS).suggest(ProductText("Gold Jewellery"), distinct_headings=True)
    assert first.code[:4] == "7113"


def test_no_confidence_when_the_first_heading_misses_the_head_word() -> None:
    # without the nomenclature's word for a bedsheet, only the modifier "jacquard" matches
    bare = HSIndex(HEADS, glossary={})
    [first, *_] = bare.suggest(ProductText("Jacquard Sheetwrap"), distinct_headings=True)
    assert first.code[:4] == "8448"
    assert first.confidence == 0.0
    # the glossary's words for a bedsheet ("bed", "linen") name the heading 6302
    [first, *_] = HSIndex(HEADS).suggest(ProductText("Jacquard Bedsheet"), distinct_headings=True)
    assert first.code[:4] == "6302"
    assert first.confidence > 0


def test_basmati_rice_gets_milled_rice_first(index: HSIndex) -> None:
    candidates = index.suggest(ProductText("Basmati Rice", sectors=("agriculture",)))
    assert candidates[0].code == "100630"
    assert "rice" in candidates[0].matched_terms
    assert "milled" in candidates[0].matched_terms
    assert {c.code for c in candidates[1:4]} == {"100640", "100610", "100620"}


def test_turmeric_gets_turmeric_subheading_first(index: HSIndex) -> None:
    candidates = index.suggest(ProductText("Turmeric", sectors=("agriculture",)))
    assert candidates[0].code == "091030"
    assert candidates[0].matched_terms == ("turmeric",)


def test_pashmina_shawl_ranks_wool_textile_above_food(index: HSIndex) -> None:
    # given a product whose description mentions food words
    product = ProductText(
        "Pashmina Shawl",
        descriptions=("Soft shawls woven from the fine hair of goats, sold with dry rice bags.",),
        sectors=("handloom",),
    )
    # when
    codes = [candidate.code for candidate in index.suggest(product, top_k=10)]
    # then the shawl of wool comes first and every textile code is above any food code
    assert codes[0] == "621420"
    food = [codes.index(code) for code in codes if code.startswith(("10", "19", "04"))]
    textile = [codes.index(code) for code in codes if code.startswith(("51", "62"))]
    assert textile
    assert max(textile) < min(food, default=len(codes))


def test_sector_prior_breaks_a_tie_between_chapters() -> None:
    nomenclature = [
        HSEntry("040510", "Mixed item; butter basket"),
        HSEntry("460210", "Mixed item; butter basket"),
    ]
    index = HSIndex(nomenclature)
    dairy = index.suggest(ProductText("Butter basket", sectors=("dairy",)))
    handicraft = index.suggest(ProductText("Butter basket", sectors=("handicraft",)))
    assert [c.code for c in dairy] == ["040510", "460210"]
    assert [c.code for c in handicraft] == ["460210", "040510"]
    # stored scores are shares of the most a candidate can earn
    assert dairy[0].score - dairy[1].score == pytest.approx(SECTOR_WEIGHT / SCORE_MAX, abs=1e-3)


def test_scores_lie_between_0_and_1_and_are_sorted(index: HSIndex) -> None:
    candidates = index.suggest(
        ProductText("Rice", descriptions=("rice rice rice",), sectors=("agriculture",)), top_k=20
    )
    scores = [candidate.score for candidate in candidates]
    assert all(0 < score <= 1 for score in scores)
    assert scores == sorted(scores, reverse=True)


def test_catch_all_code_and_headings_are_never_suggested(index: HSIndex) -> None:
    assert "999999" not in index.codes
    assert all(len(code) == 6 for code in index.codes)


def test_a_product_with_no_known_word_gets_no_suggestion(index: HSIndex) -> None:
    assert index.suggest(ProductText("Zzyzx", descriptions=("Qwerty uiop",))) == []


def test_suggestions_are_deterministic() -> None:
    products = [ProductText("Basmati Rice"), ProductText("Pashmina Shawl"), ProductText("Butter")]
    first = hs_suggest(products, NOMENCLATURE, top_k=3)
    second = hs_suggest(list(products), list(reversed(NOMENCLATURE)), top_k=3)
    assert first == second
    assert [len(candidates) for candidates in first] == [3, 3, 1]


def test_conversion_table_keeps_leading_zeros_and_all_targets() -> None:
    table = hs_conversion_parse(
        [
            "hs2022,hs1992\n",
            "010121,010111\n",
            "91030,91030\n",  # a spreadsheet dropped the zeros
            "852410,852910\n",
            "852410,901380\n",
            ",\n",
        ]
    )
    assert table == {
        "010121": ("010111",),
        "091030": ("091030",),
        "852410": ("852910", "901380"),
    }


def test_conversion_table_without_header_is_refused() -> None:
    with pytest.raises(ValueError):
        hs_conversion_parse([])


@pytest.mark.parametrize("spelling", ["resham", "reshami", "reshmi"])
def test_the_reviewed_glossary_reads_every_spelling_of_silk(spelling: str) -> None:
    # registry/data/glossary.csv: रेशम with its romanised spellings (McGregor s.v. reśam, reśmī)
    assert token_normalise("silk") in hs_glossary()[token_normalise(spelling)]


def test_indian_names_ending_like_english_adverbs_keep_their_letters() -> None:
    assert token_normalise("Warli") == "warli"  # not "war" (9306 "munitions of war")
    assert token_normalise("chillies") == token_normalise("Chilli")
    assert token_normalise("jellies") == token_normalise("jelly")


def test_a_material_and_form_compound_also_says_the_material() -> None:
    assert tokens("Glassware") == [token_normalise("glassware"), token_normalise("glass")]


def test_nouns_in_ing_of_the_nomenclature_are_not_their_verbs() -> None:
    nouns = ing_nouns(["Paintings, drawings and pastels"])
    assert tokens("Madhubani Paintings", nouns)[-1] == "painting"
    assert token_normalise("paints", nouns) != token_normalise("painting", nouns)


PAINTINGS = [
    HSEntry("44", "Wood and articles of wood"),
    HSEntry("4414", "Wooden frames for paintings, photographs, mirrors or similar objects"),
    HSEntry("441410", "Wooden frames for paintings; of tropical wood"),
    HSEntry("97", "Works of art, collectors' pieces and antiques"),
    HSEntry("9701", "Paintings, drawings and pastels, executed entirely by hand"),
    HSEntry("970191", "Paintings, drawings and pastels; executed entirely by hand"),
    HSEntry("32", "Tanning or dyeing extracts; paints and varnishes"),
    HSEntry("3213", "Artists', students' or signboard painters' colours"),
    HSEntry("321310", "Paints; artists' colours in sets"),
]


def test_the_heading_whose_subject_is_the_head_word_comes_first() -> None:
    # "Paintings" is the subject of 9701 and only what 4414's frames are for
    product = ProductText("Madhubani Paintings", ("Paintings on paper and cloth",), ("handicraft",))
    [first, *_] = HSIndex(PAINTINGS).suggest(product, distinct_headings=True)
    assert first.code[:4] == "9701"


RAW_OR_WORKED = [
    HSEntry("52", "Cotton"),
    HSEntry("5201", "Cotton; not carded or combed"),
    HSEntry("520100", "Cotton; not carded or combed"),
    HSEntry("5203", "Cotton; carded or combed"),
    HSEntry("520300", "Cotton; carded or combed"),
]


def test_farm_goods_are_read_as_raw() -> None:
    # the same words: only the farm's product earns the raw heading's bonus
    index = HSIndex(RAW_OR_WORKED)

    def scores(sector: str) -> dict[str, float]:
        product = ProductText("Cotton", ("cotton",), (sector,))
        return {c.code[:4]: c.score for c in index.suggest(product, distinct_headings=True)}

    farm, mill = scores("agriculture"), scores("textile")
    assert farm["5201"] > farm["5203"]
    assert mill["5201"] == mill["5203"]


def test_a_word_of_state_is_not_the_head_of_a_name() -> None:
    # "raw" says how the gold is, not what it is: the head is "gold", so 7108 can be confident
    [first, *_] = HSIndex(HEADS).suggest(ProductText("Gold Raw"), distinct_headings=True)
    assert first.code[:4] == "7108"
    assert first.confidence > 0


def test_a_head_word_that_only_says_what_goods_are_for_is_not_their_subject() -> None:
    # "Frames for paintings" are frames: "paintings" is among the heading's first words but
    # comes after "for", so 9701, whose goods are paintings, comes first
    frames = "Frames for paintings, photographs, mirrors or similar objects, of wood"
    nomenclature = [
        *(entry for entry in PAINTINGS if entry.code[:4] != "4414"),
        HSEntry("4414", frames),
        HSEntry("441410", frames),
    ]
    product = ProductText("Bhojpur Painting", ("Paintings on cloth",), ("handicraft",))
    [first, second, *_] = HSIndex(nomenclature).suggest(product, distinct_headings=True)
    assert (first.code[:4], second.code[:4]) == ("9701", "4414")


def test_a_craft_word_of_the_list_reads_the_nomenclatures_noun() -> None:
    # "pattachitra" is a painting (SYNONYMS), and the nomenclature's "paintings" stays a noun:
    # neither paints (3213) nor frames (4414)
    [first, *_] = HSIndex(PAINTINGS).suggest(
        ProductText("Handicrafts (Pattachitra)"), distinct_headings=True
    )
    assert first.code[:4] == "9701"


INSTRUMENTS = [
    HSEntry("92", "Musical instruments; parts and accessories of such articles"),
    HSEntry("9202", "Musical instruments; string, n.e.c. in heading no. 9201"),
    HSEntry("920290", "Musical instruments; string, played other than with a bow"),
    HSEntry("9209", "Musical instrument parts (for example, mechanisms) and accessories"),
    HSEntry("920930", "Musical instrument strings"),
]


def test_a_line_of_a_heading_of_parts_is_a_part() -> None:
    # 920930 "Musical instrument strings" does not say "parts", but its heading is about parts
    index = HSIndex(INSTRUMENTS)
    [first, *_] = index.suggest(ProductText("String Musical Instrument"), distinct_headings=True)
    assert first.code[:4] == "9202"
    [first, *_] = index.suggest(ProductText("Musical Instrument Spares"), distinct_headings=True)
    assert first.code[:4] == "9209"


def test_a_named_heading_beats_a_residual_one_on_the_same_words() -> None:
    # General Interpretative Rule 3(a): "Other woven fabrics of cotton, n.e.c." only when no
    # named heading describes the goods
    fabrics = [
        HSEntry("52", "Cotton"),
        HSEntry("5208", "Woven fabrics of cotton, weighing not more than 200 g/m2"),
        HSEntry("520811", "Fabrics, woven; of cotton, unbleached, plain weave"),
        HSEntry("5212", "Other woven fabrics of cotton, n.e.c. in chapter 52"),
        HSEntry("521211", "Fabrics, woven; of cotton, unbleached, plain weave"),
    ]
    [first, second, *_] = HSIndex(fabrics).suggest(
        ProductText("Cotton Sarees", ("handwoven cotton fabric",), ("handloom",)),
        distinct_headings=True,
    )
    assert (first.code[:4], second.code[:4]) == ("5208", "5212")


@pytest.mark.parametrize(
    ("idiom", "meaning"),
    [
        ("Custard Apple", "custard"),
        ("Lady Finger", "okra"),
        ("Ladies Fingers", "okra"),
        ("Black Gram", "vigna mungo bean"),
    ],
)
def test_indian_english_idioms_are_read_as_the_goods_they_name(idiom: str, meaning: str) -> None:
    assert tokens(idiom) == tokens(meaning)
    assert token_normalise("apple") not in tokens("Custard Apple")


def test_jewellery_of_no_precious_material_is_imitation_jewellery() -> None:
    assert "imit" in " ".join(tokens("Sambalpuri Fabric Jewellery"))
    assert "imit" not in " ".join(tokens("Silver Jewellery"))
