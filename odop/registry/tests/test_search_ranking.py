"""The pure ranking of the catalogue search (issue 13): each class of query, no database."""

from odop.registry.search import SearchDocument, SearchIndex, glossary_load


def _document(key: int, name: str, **texts: str | tuple[str, ...]) -> SearchDocument:
    fields = {
        field: (value,) if isinstance(value, str) else value for field, value in texts.items()
    }
    return SearchDocument(key=key, label=name.lower(), texts={"name": (name,), **fields})


INDEX = SearchIndex(
    [
        _document(1, "Makhana", description="Fox nut of Mithila", district="Darbhanga"),
        _document(2, "Turmeric", district="Erode", state="Tamil Nadu"),
        _document(
            3,
            "Kandhamal Haladi",
            type="Turmeric",
            gi="Kandhamal Haladi",
            district="Kandhamal",
            state=("Odisha", "Orissa"),
        ),
        _document(4, "Bhagalpur Silk", district="Bhagalpur", gi="Bhagalpur Silk"),
        _document(5, "Saffron", district="Pulwama", state="Jammu and Kashmir"),
        _document(6, "Engineering Goods", district=("Gurugram", "Gurgaon")),
        _document(7, "Black Pottery", district="Azamgarh", gi="Nizamabad Black Pottery"),
        _document(8, "Machine Tools", district="Faridabad"),
        _document(9, "Jardalu Mango", district="Bhagalpur"),
    ],
    glossary=glossary_load(),
)


def _keys(query: str) -> list[int]:
    return [hit.key for hit in INDEX.rank(query)]


def test_a_district_alone_finds_its_products() -> None:
    assert _keys("Pulwama") == [5]


def test_an_old_district_name_finds_its_products() -> None:
    assert _keys("Gurgaon") == [6]


def test_a_description_word_and_its_glossary_words_find_the_product() -> None:
    assert _keys("fox nut") == [1]
    # "makhane" is a glossary spelling that no product uses: it must not find "machine"
    assert 8 not in _keys("makhana")


def test_a_typo_finds_the_product() -> None:
    assert _keys("turmric")[:2] == [2, 3]


def test_devanagari_and_romanised_hindi_find_the_english_product() -> None:
    assert set(_keys("हल्दी")) == {2, 3}
    assert set(_keys("haldi")) == {2, 3}
    assert _keys("रेशम") == [4]


def test_the_product_named_as_the_query_ranks_before_one_of_that_type() -> None:
    assert _keys("turmeric") == [2, 3]


def test_a_shopper_phrase_finds_the_words_it_has() -> None:
    # "jar" is no product word and must not pull in "Jardalu"
    assert _keys("blue pottery jar") == [7]


def test_a_gi_name_finds_its_product_first() -> None:
    assert _keys("Nizamabad Black Pottery")[0] == 7


def test_an_empty_or_stop_word_query_finds_nothing() -> None:
    assert _keys("") == []
    assert _keys("of the") == []


def test_the_glossarys_produce_words_find_the_list_names() -> None:
    # rows added in the fifth session: a vegetable the list calls by its Indian English name,
    # a pulse the list calls by its Hindi name
    index = SearchIndex(
        [
            _document(1, "Lady Finger", description="a premium variety of okra", district="Tapi"),
            _document(2, "Toor Dal", description="pigeon pea", district="Narsinghpur"),
            _document(3, "Mango", district="Krishna"),
        ],
        glossary=glossary_load(),
    )
    assert [hit.key for hit in index.rank("भिंडी")] == [1]
    assert [hit.key for hit in index.rank("अरहर")] == [2]
    assert [hit.key for hit in index.rank("arhar")] == [2]
