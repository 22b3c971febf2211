"""The GI matcher (issue 13): pure, over records and facts, no database."""

import pytest

from odop.registry.gi_match import (
    GIRecord,
    ProductFacts,
    gi_decide,
    gi_decide_listed,
    gi_listed_parts,
    gi_name_key,
    gi_synonyms,
    word_fold,
)
from odop.registry.vocabularies import gi_english_synonyms, gi_english_synonyms_parse

SILK = GIRecord(id=1, name="Bhagalpur Silk", goods_class="handicraft")
SILK_LOGO = GIRecord(id=2, name="Bhagalpur Silk (Logo)", goods_class="handicraft")
BANARAS = GIRecord(id=3, name="Banaras Brocades and Sarees", goods_class="handicraft")
TURMERIC_SANGLI = GIRecord(id=4, name="Sangli Turmeric", goods_class="agricultural")
TURMERIC_WAIGAON = GIRecord(id=5, name="Waigaon Turmeric", goods_class="agricultural")
MAKHANA = GIRecord(id=6, name="Mithila Makhana", goods_class="agricultural")
NAGA = GIRecord(id=7, name="Naga Mircha", goods_class="agricultural")


def test_logo_registrations_share_a_key() -> None:
    assert gi_name_key(SILK.name) == gi_name_key(SILK_LOGO.name)


def test_product_named_after_its_district_links() -> None:
    facts = ProductFacts(names=("Silk",), sector="handloom", places=("Bhagalpur",))
    assert gi_decide(facts, [SILK, TURMERIC_SANGLI]).link == SILK


def test_historic_place_name_links_varanasi_to_banaras() -> None:
    """issue 13: Banaras for Varanasi, kept as reviewed place data."""
    facts = ProductFacts(
        names=("Banarasi Saree", "Silk Sarees"),
        description="Brocade silk sarees woven in Varanasi",
        sector="handloom",
        places=("Varanasi", "Banaras"),
    )
    assert gi_decide(facts, [BANARAS, SILK]).link == BANARAS


def test_two_equally_good_gis_go_to_the_queue_not_a_link() -> None:
    facts = ProductFacts(names=("Turmeric",), sector="agriculture", places=("Hingoli",))
    decision = gi_decide(facts, [TURMERIC_SANGLI, TURMERIC_WAIGAON])
    assert decision.link is None
    assert {candidate.record for candidate in decision.queue} == {
        TURMERIC_SANGLI,
        TURMERIC_WAIGAON,
    }


def test_the_gi_of_another_district_is_not_linked() -> None:
    facts = ProductFacts(
        names=("Turmeric",),
        sector="agriculture",
        places=("Hingoli",),
        other_places=("Sangli", "Chandrapur"),
    )
    assert gi_decide(facts, [TURMERIC_SANGLI]).link is None


def test_a_place_alone_never_makes_a_link() -> None:
    facts = ProductFacts(names=("Honey",), sector="agriculture", places=("Bhagalpur",))
    decision = gi_decide(facts, [SILK])
    assert decision.link is None and decision.queue == ()


def test_a_regional_gi_links_by_its_product_words() -> None:
    facts = ProductFacts(
        names=("Makhana", "Makhana (Fox Nut)"),
        sector="agriculture",
        places=("Darbhanga", "Mithila"),
    )
    assert gi_decide(facts, [MAKHANA, SILK]).link == MAKHANA


def test_spelling_variants_of_product_words_match() -> None:
    facts = ProductFacts(names=("King Chilli", "Naga Mirchi"), sector="agriculture")
    assert gi_decide(facts, [NAGA]).link == NAGA


def test_the_shipped_place_table_loads_with_sources() -> None:
    """issue 13: historic and regional names are reviewed data (every row has a note)."""
    from odop.registry.vocabularies import gi_places, state_region_names

    places = gi_places()
    assert "Banaras" in places[("district", 187)]  # Varanasi
    assert "Mithila" in places[("district", 195)]  # Darbhanga
    assert places[("state", 15)] == ("Mizo",)  # Mizoram
    assert "arunachal" in state_region_names("Arunachal Pradesh")
    assert "bengal" in state_region_names("West Bengal")


def test_candidates_shown_include_a_gi_of_the_district_without_common_words() -> None:
    haladi = GIRecord(id=8, name="Kandhamal Haladi", goods_class="agricultural")
    facts = ProductFacts(names=("Turmeric",), sector="agriculture", places=("Kandhamal",))
    decision = gi_decide(facts, [haladi])
    assert decision.link is None and decision.queue == ()
    assert [candidate.record for candidate in decision.candidates] == [haladi]


def test_transliterations_of_one_word_match() -> None:
    """issue 13: long vowels written double, aspiration and doubled letters ("Jiraphul" is the
    registry's "Jeeraphool", "Risha" its "Risa")."""
    assert word_fold("Jeeraphool") == word_fold("Jiraphul")
    assert word_fold("Risha") == word_fold("Risa")
    assert word_fold("Ikkat") == word_fold("ikat")
    assert word_fold("Chinnaur") == word_fold("Chinnor")
    jeeraphool = GIRecord(id=20, name="Jeeraphool", goods_class="agricultural")
    facts = ProductFacts(names=("Rice- Jiraphul, Bisni etc",), sector="agriculture")
    assert gi_decide(facts, [jeeraphool]).link == jeeraphool
    risa = GIRecord(id=21, name="Tripura Risa Textile", goods_class="handicraft")
    pachra = GIRecord(id=22, name="Tripura Pachra-Rignai", goods_class="handicraft")
    facts = ProductFacts(names=("Risha",), sector="handloom", region_places=("Tripura",))
    assert gi_decide(facts, [risa, pachra]).link == risa


def test_a_town_spelt_otherwise_is_not_the_product() -> None:
    """ "Bobilli Sarees" share only the town with "Bobbili Veena"; spelling folding must not
    make the town alone a link."""
    veena = GIRecord(id=23, name="Bobbili Veena", goods_class="handicraft")
    facts = ProductFacts(names=("Bobilli Sarees",), sector="handloom")
    assert gi_decide(facts, [veena]).link is None


def test_words_written_as_one_or_two_match() -> None:
    tulapanji = GIRecord(id=24, name="Tulapanji Rice", goods_class="agricultural")
    gobindobhog = GIRecord(id=25, name="Gobindobhog Rice", goods_class="agricultural")
    facts = ProductFacts(names=("Tulai Panji Rice (Aromatic Rice)",), sector="agriculture")
    assert gi_decide(facts, [tulapanji, gobindobhog]).link == tulapanji
    chak_hao = GIRecord(id=26, name="Chak - Hao", goods_class="agricultural")
    facts = ProductFacts(names=("Rice- Black Chakao",), sector="agriculture")
    assert gi_decide(facts, [chak_hao]).link == chak_hao


def test_word_forms_wooden_and_brassware() -> None:
    nagina = GIRecord(id=27, name="Nagina Wood Craft", goods_class="handicraft")
    facts = ProductFacts(names=("Wooden Crafts",), sector="handicraft", places=("Bijnor", "Nagina"))
    assert gi_decide(facts, [nagina]).link == nagina
    bakhira = GIRecord(id=28, name="Bakhira Brassware", goods_class="handicraft")
    facts = ProductFacts(names=("Brass Utensils",), sector="handicraft", places=("Bakhira",))
    assert gi_decide(facts, [bakhira]).link == bakhira
    # ... but a place and a longer unrelated word are not a form of each other.
    assert gi_decide(ProductFacts(names=("Brass",), sector="handicraft"), [nagina]).link is None


def test_translations_of_the_glossary_link() -> None:
    """The reviewed glossary's words: "pital" is brass, "bartan" utensils, "tala" a lock."""
    synonyms = gi_synonyms([("pital", "peetal", "brass"), ("bartan", "utensils"), ("tala", "lock")])
    pital = GIRecord(id=29, name="Mirzapur Pital Bartan", goods_class="handicraft")
    dari = GIRecord(id=30, name="Mirzapur Handmade Dari", goods_class="handicraft")
    facts = ProductFacts(
        names=("Metal Industry (Brass)",), sector="handicraft", places=("Mirzapur",)
    )
    assert gi_decide(facts, [pital, dari]).link is None  # without the glossary: a place alone
    assert gi_decide(facts, [pital, dari], synonyms=synonyms).link == pital
    tala = GIRecord(id=31, name="Aligarh Tala", goods_class="handicraft")
    facts = ProductFacts(names=("Lock & Hardware",), sector="manufacturing", places=("Aligarh",))
    assert gi_decide(facts, [tala], synonyms=synonyms).link == tala


def test_a_state_named_gi_links_by_the_words_outside_its_bracket() -> None:
    """ "Goa Cashew (Kaju Or Caju)" is about cashew; "Arunachal Pradesh Adi Kekir (Ginger)" is
    about the Adi hills' kekir, which only its bracket calls ginger: not every district's."""
    synonyms = gi_synonyms([("kaju", "cashew")])
    cashew = GIRecord(id=32, name="Goa Cashew (Kaju Or Caju)", goods_class="agricultural")
    mango = GIRecord(id=33, name="Goa Mankurad Mango", goods_class="agricultural")
    facts = ProductFacts(names=("Cashew Nuts",), sector="agriculture", region_places=("Goa",))
    assert gi_decide(facts, [cashew, mango], synonyms=synonyms).link == cashew
    kekir = GIRecord(id=34, name="Arunachal Pradesh Adi Kekir (Ginger)", goods_class="agricultural")
    facts = ProductFacts(names=("Ginger",), sector="agriculture", region_places=("Arunachal",))
    assert gi_decide(facts, [kekir]).link is None
    orthodox = GIRecord(id=35, name="Assam (Orthodox)", goods_class="agricultural")
    facts = ProductFacts(names=("Orthodox tea",), sector="agriculture", region_places=("Assam",))
    assert gi_decide(facts, [orthodox]).link == orthodox  # only a bracket: it is the name


def test_a_spelling_match_keeps_the_first_sound() -> None:
    """ "Brass" is not a spelling of "grass" (the Sikki grass GI), "Jardalu" is of "Zardalu"."""
    sikki = GIRecord(id=36, name="Sikki Grass Products of Bihar", goods_class="handicraft")
    facts = ProductFacts(names=("Brass Metal Work",), sector="handicraft", region_places=("Bihar",))
    assert gi_decide(facts, [sikki]).link is None
    zardalu = GIRecord(id=37, name="Bhagalpuri Zardalu", goods_class="agricultural")
    facts = ProductFacts(names=("Jardalu Mango",), sector="agriculture", places=("Bhagalpur",))
    assert gi_decide(facts, [zardalu]).link == zardalu


def test_another_districts_gi_keeps_its_penalty() -> None:
    """Neither the State's name nor a shared leading word outweighs a GI that names another
    district ("Assam Karbi Anglong Ginger" is not Dima Hasao's ginger)."""
    karbi = GIRecord(id=38, name="Assam Karbi Anglong Ginger", goods_class="agricultural")
    facts = ProductFacts(
        names=("Ginger",),
        sector="agriculture",
        places=("Dima Hasao",),
        other_places=("Karbi Anglong",),
        region_places=("Assam",),
    )
    assert gi_decide(facts, [karbi]).link is None
    mask = GIRecord(id=39, name="Wooden Mask of Kushmandi", goods_class="handicraft")
    facts = ProductFacts(
        names=("Wooden Furniture",),
        sector="handicraft",
        places=("Alipurduar",),
        other_places=("Dinajpur Dakshin", "Kushmandi"),
    )
    assert gi_decide(facts, [mask]).link is None


def test_a_lower_clear_best_needs_a_place() -> None:
    """Without the district, a town or the State in the GI's name, a GI of an unknown town
    ("Nagpur Orange" for an orange of Madhya Pradesh) needs a full link score."""
    nagpur = GIRecord(id=40, name="Nagpur Orange", goods_class="agricultural")
    facts = ProductFacts(names=("Oranges",), sector="agriculture", places=("Agar Malwa",))
    assert gi_decide(facts, [nagpur]).link is None
    facts = ProductFacts(names=("Oranges",), sector="agriculture", places=("Nagpur",))
    assert gi_decide(facts, [nagpur]).link == nagpur


def test_ceramic_ware_is_a_pottery_gi_of_its_district_only() -> None:
    """The matcher's English synonyms: Bulandshahr's "Ceramic Product" is Khurja Pottery (Khurja
    is a town of Bulandshahr), but a ceramic product elsewhere is not another town's pottery."""
    synonyms = gi_synonyms(gi_english_synonyms())
    khurja = GIRecord(id=41, name="Khurja Pottery", goods_class="handicraft")
    saddlery = GIRecord(id=42, name="Kanpur Saddlery", goods_class="handicraft")
    facts = ProductFacts(
        names=("Ceramic Product",), sector="handicraft", places=("Bulandshahr", "Khurja")
    )
    assert gi_decide(facts, [khurja, saddlery]).link is None  # without it: a place alone
    assert gi_decide(facts, [khurja, saddlery], synonyms=synonyms).link == khurja
    elsewhere = ProductFacts(
        names=("Ceramic Tiles",),
        sector="manufacturing",
        places=("Agra",),
        other_places=("Bulandshahr", "Khurja"),
    )
    assert gi_decide(elsewhere, [khurja], synonyms=synonyms).link is None


@pytest.mark.parametrize(
    ("_case", "name", "parts"),
    [
        (
            "ampersand",
            "Lucknow Chikan Craft & Lucknow Zardozi",
            ("Lucknow Chikan Craft", "Lucknow Zardozi"),
        ),
        ("spaced hyphen", "Bardhaman Sitabhog - Mihidana", ("Bardhaman Sitabhog", "Mihidana")),
        (
            "commas and ampersand",
            "Tangail, Jamdani Saree & Shantipore Saree",
            ("Tangail", "Jamdani Saree", "Shantipore Saree"),
        ),
        (
            "slash",
            "Mata ni Pachedi/ Saudagiri Block Print",
            ("Mata ni Pachedi", "Saudagiri Block Print"),
        ),
        ("the word and", "Flute and Wooden Products", ("Flute", "Wooden Products")),
        ("a hyphen inside a name is no separator", "Rice- Jiraphul", ("Rice- Jiraphul",)),
        ("and inside a word is no separator", "Sandalwood Handicraft", ("Sandalwood Handicraft",)),
        ("one thing", "Handloom", ("Handloom",)),
        ("empty parts dropped", "Silk, & Sarees", ("Silk", "Sarees")),
    ],
)
def test_listed_parts_split_a_name_that_lists_several_goods(
    _case: str, name: str, parts: tuple[str, ...]
) -> None:
    assert gi_listed_parts(name) == parts


CHIKAN = GIRecord(id=50, name="Lucknow Chikan Craft", goods_class="handicraft")
ZARDOZI = GIRecord(id=51, name="Lucknow Zardozi", goods_class="handicraft")
ZARDOZI_BANARAS = GIRecord(id=52, name="Banaras Zardozi", goods_class="handicraft")
SITABHOG = GIRecord(id=53, name="Bardhaman Sitabhog", goods_class="food_stuff")
MIHIDANA = GIRecord(id=54, name="Bardhaman Mihidana", goods_class="food_stuff")
TANGAIL = GIRecord(id=55, name="Tangail Saree of Bengal", goods_class="handicraft")
SANTIPORE = GIRecord(id=56, name="Santipore Saree", goods_class="handicraft")
BALUCHARI = GIRecord(id=57, name="Baluchari Saree", goods_class="handicraft")


def test_a_name_of_two_gis_links_both_the_first_as_primary() -> None:
    """issue 13: "Lucknow Chikan Craft & Lucknow Zardozi" is two registered GIs; the whole
    name scores both alike (queued), each part links its own."""
    facts = ProductFacts(
        names=("Lucknow Chikan Craft & Lucknow Zardozi",),
        sector="handicraft",
        places=("Lucknow",),
        other_places=("Varanasi", "Banaras"),
    )
    records = [CHIKAN, ZARDOZI, ZARDOZI_BANARAS]
    assert gi_decide(facts, records).link is None
    decision = gi_decide_listed(facts, records)
    assert decision.link == CHIKAN
    assert decision.more == (ZARDOZI,)
    assert decision.links == (CHIKAN, ZARDOZI)
    assert decision.queue == ()


def test_a_part_is_matched_without_the_description_or_the_other_parts() -> None:
    """ "Mihidana" alone names no place: it links only because Bardhaman is the district's own
    place (data/gi_places.csv), not through the first part's "Bardhaman"."""
    facts = ProductFacts(
        names=("Bardhaman Sitabhog - Mihidana",),
        description="Sweets of Bardhaman",
        sector="food_processing",
        places=("Purba Bardhaman",),
    )
    assert gi_decide_listed(facts, [SITABHOG, MIHIDANA]).link is None
    with_town = ProductFacts(
        names=facts.names, sector=facts.sector, places=("Purba Bardhaman", "Bardhaman")
    )
    assert gi_decide_listed(with_town, [SITABHOG, MIHIDANA]).links == (SITABHOG, MIHIDANA)


def test_every_part_must_link_or_the_whole_decides() -> None:
    """Nadia's "Tangail, Jamdani Saree & Shantipore Saree": no GI is clearly the Jamdani, so
    the name is not covered and the product stays for an officer."""
    facts = ProductFacts(
        names=("Tangail, Jamdani Saree & Shantipore Saree",),
        sector="handloom",
        places=("Nadia",),
        region_places=("Bengal",),
    )
    records = [TANGAIL, SANTIPORE, BALUCHARI]
    decision = gi_decide_listed(facts, records)
    assert decision == gi_decide(facts, records)
    assert decision.link is None and decision.more == ()
    covered = ProductFacts(
        names=("Tangail & Shantipore Saree",),
        sector="handloom",
        places=("Nadia",),
        region_places=("Bengal",),
    )
    assert gi_decide_listed(covered, records).links == (TANGAIL, SANTIPORE)


def test_two_parts_of_one_gi_are_one_link() -> None:
    """Parts that link the same GI ("Muga & Assam Silk") give no second link."""
    muga = GIRecord(id=58, name="Muga Silk of Assam", goods_class="handicraft")
    facts = ProductFacts(
        names=("Muga Silk & Muga Fabrics",), sector="handloom", region_places=("Assam",)
    )
    decision = gi_decide_listed(facts, [muga])
    assert decision.more == ()
    assert decision == gi_decide(facts, [muga])


def test_a_shared_town_with_goods_of_another_class_is_not_the_product() -> None:
    """Ref: #13. Krishna's "Bandar / Polavaram Sarees" share only the town with "Bandar Laddu"
    (a sweet); a craft that shares its town and its class is still that GI ("Kondapalli Toys"
    are the "Kondapalli Bommallu", Telugu for toys)."""
    laddu = GIRecord(id=60, name="Bandar Laddu", goods_class="food_stuff")
    sarees = ProductFacts(
        names=("Bandar / Polavaram Sarees",), sector="handloom", places=("Krishna",)
    )
    assert gi_decide(sarees, [laddu]).link is None
    assert gi_decide_listed(sarees, [laddu]).link is None
    bommallu = GIRecord(id=61, name="Kondapalli Bommallu", goods_class="handicraft")
    toys = ProductFacts(names=("Kondapalli Toys",), sector="handicraft", places=("Ntr",))
    assert gi_decide(toys, [bommallu, laddu]).link == bommallu


def test_one_generic_word_with_a_gi_of_the_state_is_not_a_link() -> None:
    """Ref: #13. Buxar's "Hand Embroidery" is not "Sujini Embroidery Work of Bihar", Ganderbal's
    "Wicker Willow" not "Kashmir Willow Bat"; a State's GI that says the product, though one
    of its words is not in the listed name, still links ("Shahi Litchi of Bihar")."""
    sujini = GIRecord(id=62, name="Sujini Embroidery Work of Bihar", goods_class="handicraft")
    litchi = GIRecord(id=63, name="Shahi Litchi of Bihar", goods_class="agricultural")
    bihar = ("Bihar",)
    embroidery = ProductFacts(names=("Hand Embroidery",), sector="handicraft", region_places=bihar)
    assert gi_decide(embroidery, [sujini, litchi]).link is None
    fruit = ProductFacts(names=("Litchi",), sector="agriculture", region_places=bihar)
    assert gi_decide(fruit, [sujini, litchi]).link == litchi
    bat = GIRecord(id=64, name="Kashmir Willow Bat", goods_class="handicraft")
    willow = ProductFacts(names=("Wicker Willow",), sector="handicraft", region_places=("Kashmir",))
    assert gi_decide(willow, [bat]).link is None


def test_the_shipped_english_synonyms_load() -> None:
    """Ref: #13. ceramic = pottery is reviewed data with its source, read by the matcher."""
    assert ("ceramic", "ceramics", "pottery") in gi_english_synonyms()


@pytest.mark.parametrize(
    ("_case", "text"),
    [
        ("a row without a source", "words,source\nceramic|pottery,\n"),
        ("a row with a blank source", "words,source\nceramic|pottery,   \n"),
        ("a row of one word", "words,source\npottery,WordNet 3.0 s.v. pottery\n"),
        ("a file without the source column", "words\nceramic|pottery\n"),
    ],
)
def test_english_synonyms_refuse_a_row_without_a_source_or_a_pair(_case: str, text: str) -> None:
    with pytest.raises(ValueError, match="row 2"):
        gi_english_synonyms_parse(text.splitlines(keepends=True))


def test_english_synonyms_parse_groups_in_order() -> None:
    text = "words,source\n ceramic | ceramics|pottery ,WordNet 3.0 s.v. pottery\n"
    assert gi_english_synonyms_parse(text.splitlines(keepends=True)) == (
        ("ceramic", "ceramics", "pottery"),
    )
