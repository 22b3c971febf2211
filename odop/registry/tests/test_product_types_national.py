"""Canonical product types on the real national list from ODOP_DATA_DIR (issue 13)."""

from pathlib import Path

import pytest

from odop.evidence.selectors import evidence_for
from odop.geography.models import District
from odop.registry.models import DataQualityFinding, DistrictProduct, Problem, ProductType
from odop.registry.selectors import coverage_national
from odop.registry.services import ReferenceFiles, reference_import
from odop.registry.vocabularies import product_name_key

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_real_list_names_make_canonical_types(real_data_dir: Path) -> None:
    """issue 13: 845 names (830 once case and spacing are ignored) make 722 types; every row
    stays a district product and each merged name is a finding."""
    files = ReferenceFiles.in_directory(real_data_dir)
    reference_import(files=files)
    names = set(DistrictProduct.objects.values_list("name", flat=True))
    assert len(names) == 845
    assert len({product_name_key(name) for name in names}) == 830
    assert ProductType.objects.count() == 722
    assert DistrictProduct.objects.count() == 1241
    assert coverage_national().products == 1241

    makhana = ProductType.objects.get(name="Makhana (Fox Nut)")
    listed = set(makhana.district_products.values_list("name", flat=True))
    assert listed == {"Makhana", "Makhana (Foxnut)"}
    banaganapalle = ProductType.objects.get(name="Banaganapalle Mango")
    assert set(banaganapalle.district_products.values_list("name", flat=True)) == {
        "Banaganapalle Mangoes",
        "Banaganapalli Mangoes",
        "Mango (Banaganapalle)",
    }
    # Evidence counts the other districts of the one type, whatever name they list it under.
    cashew = ProductType.objects.get(name="Cashew Nut")
    first = cashew.district_products.select_related("district").first()
    assert first is not None
    evidence = evidence_for(district=first.district, product_type=cashew)
    assert evidence.other_districts_in_country.value == (
        cashew.district_products.values("district").distinct().count() - 1
    )
    assert evidence.other_districts_in_country.value >= 5

    merged = DataQualityFinding.objects.filter(problem=Problem.TYPE_MERGED)
    assert merged.filter(value="Makhana (Foxnut)").exists()
    assert merged.filter(value="Banaganapalli Mangoes").exists()
    # Names outside the reviewed table are not touched.
    assert ProductType.objects.filter(name="Vengurla Cashew").exists()
    assert District.objects.filter(products__product_type=makhana).count() == (
        makhana.district_products.count()
    )
