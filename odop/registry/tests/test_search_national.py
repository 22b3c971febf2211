"""Ranked catalogue search over the real national list (issue 13), from ODOP_DATA_DIR.

Each class of query the issue names, on the rows of the national list as imported; the page
and the API's `q` give the same order. Runs on SQLite and PostgreSQL alike.
"""

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from odop.registry.models import DistrictProduct
from odop.registry.selectors import district_product_search
from odop.registry.services import ReferenceFiles, reference_import

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _found(query: str) -> list[DistrictProduct]:
    return list(
        district_product_search(user=AnonymousUser(), query=query).select_related(
            "district", "product_type"
        )
    )


def test_each_class_of_query_finds_what_people_mean(real_data_dir: Path, client: Client) -> None:
    # given the national list as imported  # Ref: #13
    reference_import(files=ReferenceFiles.in_directory(real_data_dir))

    # a district alone (before: 0 results)
    pulwama = _found("Pulwama")
    assert pulwama and {product.district.name for product in pulwama} == {"Pulwama"}
    assert "Saffron" in {product.name for product in pulwama}

    # a word of the description: every makhana of the list, nothing else
    makhana = DistrictProduct.objects.filter(product_type__name="Makhana (Fox Nut)")
    assert makhana.count() >= 8
    assert {product.pk for product in _found("fox nut")} == set(
        makhana.values_list("pk", flat=True)
    )

    # a typo finds the turmerics first
    turmerics = _found("turmric")
    assert len(turmerics) >= 20
    assert all("Turmeric" in product.product_type.name for product in turmerics[:10])

    # Devanagari and romanised Hindi: हल्दी/haldi is turmeric, रेशम/resham is silk
    haldi = {product.pk for product in _found("हल्दी")}
    assert haldi == {product.pk for product in _found("haldi")}
    assert {product.pk for product in turmerics} <= haldi
    assert DistrictProduct.objects.get(name="Kandhamal Haladi").pk in haldi
    silk = _found("रेशम")
    assert any(product.name == "Bhagalpur Silk" for product in silk)
    assert all(
        "silk" in f"{product.name} {product.product_type.name}".lower()
        or "resham" in product.name.lower()
        for product in silk[:15]
    )
    assert [product.pk for product in _found("मखाना")] == [
        product.pk for product in _found("makhana")
    ]

    # old place names
    gurgaon = _found("Gurgaon")
    assert gurgaon and {product.district.name for product in gurgaon} == {"Gurugram"}
    assert [product.pk for product in gurgaon] == [product.pk for product in _found("Gurugram")]
    allahabad = _found("Allahabad")
    assert allahabad and {product.district.name for product in allahabad} == {"Prayagraj"}

    # a synonym of the reviewed type table: "Naga Mircha", "King Chilli" are bhut jolokia
    jolokia = _found("bhut jolokia")
    assert {product.product_type.name for product in jolokia} == {"King Chilli (Bhut Jolokia)"}
    assert {product.name for product in jolokia} >= {"Naga Mircha", "King Chilli", "Bhoot Jholokia"}

    # a buyer's phrase: the potteries first ("jar" finds no "Jardalu")
    pottery = _found("blue pottery jar")
    assert pottery and all("Pottery" in product.name for product in pottery[:3])
    assert not any("Jardalu" in product.name for product in pottery)

    # a GI name: the product it is registered for first
    coffee = _found("Coorg Arabica Coffee")
    assert (coffee[0].district.name, coffee[0].name) == ("Kodagu", "Coffee")
    mithila = _found("Mithila Makhana")
    assert {product.district.name for product in mithila[:3]} <= {
        "Darbhanga",
        "Madhubani",
        "Purnia",
        "Saharsa",
        "Supaul",
        "Katihar",
    }

    # the page and the API's q give the same order
    expected = [product.pk for product in _found("haldi")]
    page = client.get(reverse("catalogue:search"), {"q": "haldi"})
    assert [product.pk for product in page.context["products"]] == expected[:50]
    api = client.get("/api/v1/products/", {"q": "haldi", "page_size": "100"}).json()
    assert [row["id"] for row in api["results"]] == expected[: len(api["results"])]
    assert api["count"] == len(expected)
