"""Products whose listed name names several registered GIs (issue 13): the import links each,
re-imports change nothing, officers' decisions and the public pages and API see them all."""

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import MASTER_COLUMNS, reference_dir_write
from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.registry.models import (
    DataQualityFinding,
    DistrictProduct,
    DistrictProductGILink,
    GIDecisionAction,
    GIEntry,
    Problem,
)
from odop.registry.selectors import district_product_search
from odop.registry.services import ReferenceFiles, reference_import
from odop.registry.services.gi_links import district_product_gi_more_sync, gi_link_decide
from odop.registry.tests.factories import DistrictProductFactory, GIEntryFactory

pytestmark = pytest.mark.django_db

# Bhagalpur's silk and Bihar's Sikki grass are two GIs of the test registry (conftest).
TWO_GIS = "Bhagalpur Silk & Sikki Grass Products"


def master_with(name: str, gi: str) -> str:
    return (
        MASTER_COLUMNS
        + f"\nBihar,{name},Bhagalpur,192,Secondary,Handicraft,Silk and grass,{gi},,DC Handicraft\n"
        + "Odisha,Turmeric,Kandhamal,359,Primary,Agriculture,Turmeric,yes,,Agriculture\n"
    )


def import_master(root: Path, name: str = TWO_GIS, gi: str = "Yes") -> None:
    directory = reference_dir_write(root, master=master_with(name, gi))
    reference_import(files=ReferenceFiles.in_directory(directory))


def product() -> DistrictProduct:
    return DistrictProduct.objects.get(district__lgd_code=192)


def names(entries: list[GIEntry]) -> list[str]:
    return [entry.name for entry in entries]


def test_import_links_each_gi_of_a_listed_name_first_as_primary(tmp_path: Path) -> None:
    import_master(tmp_path / "data")

    linked = product()
    assert linked.gi_entry is not None and linked.gi_entry.name == "Bhagalpur Silk"
    assert names(linked.gi_entries) == ["Bhagalpur Silk", "Sikki Grass Products of Bihar"]
    assert names(list(linked.more_gi_entries.all())) == ["Sikki Grass Products of Bihar"]
    link = DistrictProductGILink.objects.get()
    assert link.history.count() == 1  # created with history
    assert not DataQualityFinding.objects.filter(
        problem=Problem.GI_UNLINKED, row=linked.source_row
    ).exists()


def test_reimport_changes_nothing(tmp_path: Path) -> None:
    # given
    import_master(tmp_path / "data")
    link = DistrictProductGILink.objects.get()
    history = DistrictProductGILink.history.count()

    # when
    import_master(tmp_path / "data")

    # then
    assert DistrictProductGILink.objects.get().pk == link.pk
    assert DistrictProductGILink.history.count() == history
    assert names(product().gi_entries) == ["Bhagalpur Silk", "Sikki Grass Products of Bihar"]


def test_reimport_removes_links_no_longer_made(tmp_path: Path) -> None:
    # given
    import_master(tmp_path / "data")

    # when the list no longer flags the product GI
    import_master(tmp_path / "data", gi="No")

    # then it links nothing, and the finding for officers names both GIs
    assert DistrictProductGILink.objects.exists() is False
    assert product().gi_entries == []
    finding = DataQualityFinding.objects.get(problem=Problem.GI_NOT_FLAGGED)
    assert "Bhagalpur Silk”, “Sikki Grass Products of Bihar" in finding.detail


def test_a_name_of_one_gi_gets_no_further_links(tmp_path: Path) -> None:
    import_master(tmp_path / "data", name="Bhagalpur Silk & Silk Sarees")

    assert names(product().gi_entries) == ["Bhagalpur Silk"]
    assert DistrictProductGILink.objects.exists() is False


def test_further_links_only_on_gi_products_with_a_primary_link() -> None:
    gi, other = GIEntryFactory.create(), GIEntryFactory.create()
    not_gi = DistrictProductFactory.create(is_gi=False)
    unlinked = DistrictProductFactory.create(is_gi=True)
    linked = DistrictProductFactory.create(is_gi=True, gi_entry=gi)

    for target in (not_gi, unlinked):
        with pytest.raises(ValidationError) as error:
            district_product_gi_more_sync(links={target.pk: [other.pk]}, reason="test")
        assert error.value.code == "more_gi_without_gi"
    with pytest.raises(ValidationError) as error:
        district_product_gi_more_sync(links={linked.pk: [gi.pk]}, reason="test")
    assert error.value.code == "more_gi_repeated"
    # Refused whole: the valid product named with an invalid one gets nothing either.
    with pytest.raises(ValidationError):
        district_product_gi_more_sync(
            links={linked.pk: [other.pk], not_gi.pk: [other.pk]}, reason="test"
        )
    assert DistrictProductGILink.objects.exists() is False


@pytest.mark.parametrize(
    ("_case", "action", "pick", "kept"),
    [
        ("a confirmation of the primary GI keeps the further one", "confirm", "primary", True),
        ("a pick of another GI is that one GI", "pick", "other", False),
        ("a rejection links nothing", "reject", None, False),
    ],
)
def test_officers_decision_and_the_next_import(
    tmp_path: Path, _case: str, action: str, pick: str | None, kept: bool
) -> None:
    # given
    import_master(tmp_path / "data")
    linked = product()
    officer = UserFactory.create(role=Role.NATIONAL_ADMIN)
    chosen = {
        "primary": linked.gi_entry,
        "other": GIEntry.objects.get(name="Sikki Grass Products of Bihar"),
        None: None,
    }[pick]

    # when
    gi_link_decide(actor=officer, product=linked, action=action, gi_entry=chosen, note="checked")
    after_decision = names(product().gi_entries)
    import_master(tmp_path / "data")

    # then the decision and the next import agree
    expected = (
        ["Bhagalpur Silk", "Sikki Grass Products of Bihar"]
        if kept
        else ([chosen.name] if chosen else [])
    )
    assert after_decision == expected
    assert names(product().gi_entries) == expected
    assert action in GIDecisionAction.values


def test_product_page_and_api_show_every_gi(client: Client, tmp_path: Path) -> None:
    import_master(tmp_path / "data")
    linked = product()

    page = client.get(f"/products/{linked.pk}/").content.decode()
    data = client.get(f"/api/v1/products/{linked.pk}/").json()
    listed = client.get("/api/v1/products/", {"district": 192}).json()
    csv = b"".join(client.get("/api/v1/products.csv").streaming_content).decode()

    assert "Bhagalpur Silk" in page and "Sikki Grass Products of Bihar" in page
    assert [entry["name"] for entry in data["gi_entries"]] == [
        "Bhagalpur Silk",
        "Sikki Grass Products of Bihar",
    ]
    assert data["gi_entry"]["name"] == "Bhagalpur Silk"
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [len(row["gi_entries"]) for row in rows] == [2]
    assert "Bhagalpur Silk; Sikki Grass Products of Bihar" in csv


def test_search_finds_a_product_by_the_name_of_a_further_gi(tmp_path: Path) -> None:
    # given a product linked to Bhagalpur Silk whose words never say "sikki", and a further
    # link to the Sikki grass GI (as the import writes for a name of several GIs)
    import_master(tmp_path / "data", name="Bhagalpur Silk")
    linked = product()
    assert linked.gi_entry is not None and linked.gi_entry.name == "Bhagalpur Silk"
    sikki = GIEntry.objects.get(name="Sikki Grass Products of Bihar")
    assert district_product_search(user=AnonymousUser(), query="sikki").count() == 0

    district_product_gi_more_sync(links={linked.pk: [sikki.pk]}, reason="test")

    assert list(district_product_search(user=AnonymousUser(), query="sikki")) == [linked]
