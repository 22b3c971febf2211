"""Canonical product types (issue 13): the reviewed synonym table, the merge of two types and the
reference import that applies the table."""

import csv
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import MASTER, reference_dir_write
from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.models import District
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.registry.models import (
    DataQualityFinding,
    DistrictProduct,
    HSCode,
    Problem,
    ProductType,
    ProductTypeName,
    Resolution,
)
from odop.registry.services import ReferenceFiles, product_type_merge, reference_import
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory
from odop.registry.vocabularies import (
    product_type_key,
    product_type_name,
    product_type_synonyms,
    product_type_table_check,
)
from odop.selection.models import Candidate, ScorecardVersion

TABLE = Path(__file__).resolve().parents[1] / "data" / "product_types.csv"


# ---------------------------------------------------------------- the table (pure)


@pytest.mark.parametrize(
    "names",
    [
        ("Makhana", "Makhana (Foxnut)"),
        ("Banaganapalle Mangoes", "Banaganapalli Mangoes", "Mango (Banaganapalle)"),
        ("Cashew Nut", "Cashew Nuts", "Cashew Kernel", "Nuts-Cashew", "Cashew"),
        ("King Chilli", "Bhoot Jholokia", "Naga Mircha"),
        ("Toor Dal", "Toor Daal", "Pulses-Arhar"),
        ("Alphonso Mangoes", "Mango (Hafus)"),
    ],
)
def test_names_of_one_product_share_a_key(names: tuple[str, ...]) -> None:
    """issue 13: the national list's names of one product make one type."""
    assert len({product_type_key(name) for name in names}) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Black Pottery", "Black Pottery (Khiew Ranei)"),  # Nizamabad's and Meghalaya's crafts
        ("Cashew Nut", "Vengurla Cashew"),  # a named variety stays its own type
        ("Kesar Mango", "Marathwada Kesar Mango"),  # a GI is its own type
        ("Tarkashi Art", "Silver Filigree (Tarakashi Art)"),  # brass inlay is not filigree
        ("Cashew Nut", "Cashew Products"),
    ],
)
def test_different_products_keep_different_keys(first: str, second: str) -> None:
    assert product_type_key(first) != product_type_key(second)


def test_canonical_name_comes_from_the_table() -> None:
    assert product_type_name("Makhana") == "Makhana (Fox Nut)"
    assert product_type_name(" Banaganapalli  Mangoes ") == "Banaganapalle Mango"
    assert product_type_name("Litchi") == "Litchi"


def test_the_table_refuses_a_name_under_two_types() -> None:
    rows = [
        {"type": "A", "name": "x", "reason": "r"},
        {"type": "B", "name": "X", "reason": "r"},
    ]
    with pytest.raises(ValueError, match="already filed"):
        product_type_table_check(rows)


def test_the_table_refuses_chains_and_rows_without_reason() -> None:
    with pytest.raises(ValueError, match="itself filed"):
        product_type_table_check(
            [{"type": "A", "name": "b", "reason": "r"}, {"type": "B", "name": "a", "reason": "r"}]
        )
    with pytest.raises(ValueError, match="reason"):
        product_type_table_check([{"type": "A", "name": "b", "reason": ""}])


def test_the_shipped_table_is_valid() -> None:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(product_type_table_check(rows)) == len(rows) == len(product_type_synonyms())


# ---------------------------------------------------------------- merging two types


@pytest.mark.django_db
def test_merge_moves_district_products_hs_decisions_and_candidates() -> None:
    """issue 13: a merge keeps every district product, HS decision and history."""
    officer = UserFactory.create(role=Role.NATIONAL_ADMIN)
    source = ProductTypeFactory.create(name="Cashew Nuts", key="cashew nuts")
    target = ProductTypeFactory.create(name="Cashew Nut")
    moved = DistrictProductFactory.create(product_type=source)
    stays = DistrictProductFactory.create(product_type=target)
    shared = HSCode.objects.create(code="080132", description="Cashew, shelled", level=6)
    other = HSCode.objects.create(code="080131", description="Cashew, in shell", level=6)
    now = timezone.now()
    ProductHSCode.objects.create(
        product_type=source,
        hs_code=shared,
        status=HSLinkStatus.CONFIRMED,
        confirmed_by=officer,
        confirmed_at=now,
    )
    ProductHSCode.objects.create(product_type=target, hs_code=shared, rank=1, score=0.5)
    ProductHSCode.objects.create(product_type=source, hs_code=other, rank=2, score=0.4)
    candidate = Candidate.objects.create(
        district=moved.district,
        name="Cashew Nuts",
        product_type=source,
        scorecard=ScorecardVersion.objects.create(key="t", version="1", title="t", definition={}),
        proposed_by=officer,
    )

    source_id = source.pk
    report = product_type_merge(source=source, target=target, reason="test merge")

    assert not ProductType.objects.filter(pk=source_id).exists()
    assert set(DistrictProduct.objects.values_list("product_type_id", flat=True)) == {target.pk}
    moved.refresh_from_db()
    assert moved.history.first().history_change_reason == "test merge"
    links = {link.hs_code.code: link for link in ProductHSCode.objects.filter(product_type=target)}
    assert links["080132"].status == HSLinkStatus.CONFIRMED  # the decision survives
    assert links["080132"].confirmed_by == officer
    assert links["080131"].status == HSLinkStatus.SUGGESTED
    candidate.refresh_from_db()
    assert candidate.product_type == target
    assert ProductType.history.filter(id=source_id, history_type="-").exists()
    assert report.moved["registry.DistrictProduct"] == 1
    assert stays.product_type == target


@pytest.mark.django_db
def test_merge_keeps_one_confirmed_code_and_notes_the_other() -> None:
    officer = UserFactory.create(role=Role.NATIONAL_ADMIN)
    source, target = ProductTypeFactory.create(), ProductTypeFactory.create()
    first = HSCode.objects.create(code="080132", description="a", level=6)
    second = HSCode.objects.create(code="200819", description="b", level=6)
    for product_type, code in ((source, first), (target, second)):
        ProductHSCode.objects.create(
            product_type=product_type,
            hs_code=code,
            status=HSLinkStatus.CONFIRMED,
            confirmed_by=officer,
            confirmed_at=timezone.now(),
        )
    report = product_type_merge(source=source, target=target, reason="merge")
    statuses = dict(
        ProductHSCode.objects.filter(product_type=target).values_list("hs_code__code", "status")
    )
    assert statuses == {"200819": HSLinkStatus.CONFIRMED, "080132": HSLinkStatus.SUGGESTED}
    assert "080132" in report.notes[0]


@pytest.mark.django_db
def test_merge_refuses_two_types_listed_by_one_district() -> None:
    first = DistrictProductFactory.create()
    second = DistrictProductFactory.create(district=first.district)
    with pytest.raises(ValidationError) as error:
        product_type_merge(source=first.product_type, target=second.product_type, reason="merge")
    assert error.value.code == "merge_conflict"
    assert ProductType.objects.count() == 2


# ---------------------------------------------------------------- the import applies the table


@pytest.mark.django_db
def test_import_merges_types_of_an_earlier_import_and_reports_each_merge(tmp_path: Path) -> None:
    """issue 13: types made before the table existed are merged by the next import."""
    data = reference_dir_write(tmp_path / "data")
    reference_import(files=ReferenceFiles.in_directory(data))
    makhana = ProductType.objects.get(key=product_type_key("Makhana"))
    assert makhana.name == "Makhana (Fox Nut)"
    # As an import before issue 13 left it: "Makhana (Foxnut)" its own type, with an HS decision.
    officer = UserFactory.create(role=Role.NATIONAL_ADMIN)
    stale = ProductTypeFactory.create(name="Makhana (Foxnut)", key="makhana foxnut")
    vaishali = District.objects.get(lgd_code=213)
    DistrictProductFactory.create(district=vaishali, product_type=stale, name="Makhana (Foxnut)")
    code = HSCode.objects.create(code="081190", description="Fruit and nuts, frozen", level=6)
    ProductHSCode.objects.create(
        product_type=stale,
        hs_code=code,
        status=HSLinkStatus.CONFIRMED,
        confirmed_by=officer,
        confirmed_at=timezone.now(),
    )
    master = MASTER + "Bihar,Makhana (Foxnut),East Champaran,213,Primary,Agriculture,Fox nut,No,,\n"
    reference_dir_write(tmp_path / "data", master=master)

    reference_import(files=ReferenceFiles.in_directory(data))

    assert not ProductType.objects.filter(pk=stale.pk).exists()
    assert set(
        DistrictProduct.objects.filter(name__startswith="Makhana").values_list(
            "product_type_id", flat=True
        )
    ) == {makhana.pk}
    assert ProductHSCode.objects.get(hs_code=code).product_type == makhana
    merged = DataQualityFinding.objects.get(problem=Problem.TYPE_MERGED, value="Makhana (Foxnut)")
    assert merged.resolution == Resolution.NORMALISED
    assert "Makhana (Fox Nut)" in merged.detail and "fox nut" in merged.detail
    names = set(ProductTypeName.objects.filter(product_type=makhana).values_list("name", flat=True))
    assert names == {"Makhana", "Makhana (Foxnut)"}

    # A second run changes nothing.
    before = sorted(DataQualityFinding.objects.values_list("pk", flat=True))
    reports = reference_import(files=ReferenceFiles.in_directory(data))
    assert [(report.created, report.updated) for report in reports] == [(0, 0)] * 4
    assert sorted(DataQualityFinding.objects.values_list("pk", flat=True)) == before
