"""The GI matcher (issue 13): pure, over records and facts, no database."""

from odop.registry.gi_match import GIRecord, ProductFacts, gi_decide, gi_name_key

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
