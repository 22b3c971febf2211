"""GI links of the real national list against IP India's registry (issue 13), from ODOP_DATA_DIR.

The expected links below are the hand-checked sample written down in docs/benchmarks.md."""

from pathlib import Path

import pytest

from odop.registry.models import DataQualityFinding, DistrictProduct, GIEntry, Problem
from odop.registry.services import ReferenceFiles, reference_import

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# (district, name as listed) -> the GI it must link to (hand-checked).
EXPECTED = {
    ("Varanasi", "Pink Enamel (Gulaabi Minakari)"): "Banaras Gulabi Meenakari Craft",
    ("Darbhanga", "Makhana"): "Mithila Makhana",
    ("Supaul", "Makhana (Foxnut)"): "Mithila Makhana",
    ("Darbhanga", "Madhubhani Paintings"): "Madhubani Paintings",
    ("Azamgarh", "Black Pottery"): "Nizamabad Black Pottery",
    ("Kathua", "Basholi Pashmina"): "Basohli Pashmina Woolen Products",
    ("Anand", "Agates Stone"): "Agates of Cambay",
    ("Bidar", "Bidari ware"): "Bidriware",
    ("Krishna", "Pedana kalamkari Fabrics"): "Machilipatnam Kalamkari",
    ("Sindhudurg", "Vengurla Cashew"): "Vengurla Cashew",
    ("Kodagu", "Coffee"): "Coorg Arabica Coffee",
    ("Nandyal", "Banaganapalli Mangoes"): "Banaganapalle Mangoes",
}
# GI-flagged products that must not be linked (several GIs fit, or none is this product).
NOT_LINKED = [
    ("Kachchh", "Handicraft Items"),
    ("Lucknow", "Lucknow Chikan Craft & Lucknow Zardozi"),
    ("Maldah", "Mango and its processed products"),
    ("Tirap", "Ginger"),
]


def test_gi_flagged_products_link_to_the_registry(real_data_dir: Path) -> None:
    reference_import(files=ReferenceFiles.in_directory(real_data_dir))
    flagged = DistrictProduct.objects.filter(is_gi=True)
    linked = flagged.filter(gi_entry__isnull=False).count()
    # Before issue 13: 161 of 256.
    assert flagged.count() == 256
    assert linked >= 211
    for (district, name), gi_name in EXPECTED.items():
        product = DistrictProduct.objects.get(district__name=district, name=name)
        assert product.gi_entry is not None, (district, name)
        assert product.gi_entry.name == gi_name, (district, name)
    for district, name in NOT_LINKED:
        product = DistrictProduct.objects.get(district__name=district, name=name)
        assert product.gi_entry is None, (district, name)
    # Repeated (logo) registrations: links go to the first registration only.
    linked_names = set(
        GIEntry.objects.filter(district_products__isnull=False).values_list("name", flat=True)
    )
    assert not any("logo" in name.lower() for name in linked_names)
    # Registry matches the list calls non-GI are reported for officers.
    assert DataQualityFinding.objects.filter(problem=Problem.GI_NOT_FLAGGED).count() >= 30
    unlinked = DataQualityFinding.objects.filter(problem=Problem.GI_UNLINKED)
    assert unlinked.count() == flagged.count() - linked
    assert unlinked.filter(detail__contains="for an officer to decide").exists()
