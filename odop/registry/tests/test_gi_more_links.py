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
    GILinkDecision,
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


def sikki() -> GIEntry:
    return GIEntry.objects.get(name="Sikki Grass Products of Bihar")


def test_an_officer_adds_a_further_gi_the_matcher_did_not_and_the_import_keeps_it(
    tmp_path: Path,
) -> None:
    # given a name of one GI, linked by the matcher to it alone
    import_master(tmp_path / "data", name="Bhagalpur Silk")
    linked = product()
    assert names(linked.gi_entries) == ["Bhagalpur Silk"]
    officer = UserFactory.create(role=Role.NATIONAL_ADMIN)

    # when the officer confirms it and states the Sikki grass GI as a further one
    decision = gi_link_decide(
        actor=officer,
        product=linked,
        action=GIDecisionAction.CONFIRM,
        gi_entry=linked.gi_entry,
        note="the cluster also makes sikki grass goods",
        more_gi_entries=[sikki()],
    )
    import_master(tmp_path / "data", name="Bhagalpur Silk")

    # then the decision records it, the link has its history, and the import keeps it
    assert decision.more_stated and decision.more_gi_in_order == [sikki()]
    assert names(product().gi_entries) == ["Bhagalpur Silk", "Sikki Grass Products of Bihar"]
    link = DistrictProductGILink.objects.get()
    assert link.history.latest().history_user == officer


def test_an_officer_stating_no_further_gi_removes_the_matchers_for_good(tmp_path: Path) -> None:
    # given the matcher's two GIs for a name of two
    import_master(tmp_path / "data")
    linked = product()
    assert len(linked.gi_entries) == 2

    # when an officer confirms the primary and states no further GI
    gi_link_decide(
        actor=UserFactory.create(role=Role.NATIONAL_ADMIN),
        product=linked,
        action=GIDecisionAction.CONFIRM,
        gi_entry=linked.gi_entry,
        note="the grass goods are another district's",
        more_gi_entries=[],
    )
    import_master(tmp_path / "data")

    # then only the primary stays, after the next import too
    assert names(product().gi_entries) == ["Bhagalpur Silk"]


@pytest.mark.parametrize(
    ("action", "primary", "further", "code"),
    [
        ("reject", None, "Sikki Grass Products of Bihar", "more_gi_on_reject"),
        ("confirm", "Bhagalpur Silk", "Bhagalpur Silk", "more_gi_repeated"),
        ("confirm", "Bhagalpur Silk", "Kandhamal Haladi", "more_gi_other_state"),
    ],
)
def test_a_further_gi_that_cannot_be_is_refused_and_nothing_written(
    tmp_path: Path, action: str, primary: str | None, further: str, code: str
) -> None:
    import_master(tmp_path / "data", name="Bhagalpur Silk")
    with pytest.raises(ValidationError) as error:
        gi_link_decide(
            actor=UserFactory.create(role=Role.NATIONAL_ADMIN),
            product=product(),
            action=action,
            gi_entry=GIEntry.objects.get(name=primary) if primary else None,
            note="x",
            more_gi_entries=[GIEntry.objects.get(name=further)],
        )
    assert error.value.code == code
    assert not GILinkDecision.objects.exists()
    assert names(product().gi_entries) == ["Bhagalpur Silk"]


def test_the_officers_page_states_further_gis_with_the_decision(
    client: Client, tmp_path: Path
) -> None:
    # given the matcher's two GIs, shown ticked on the officer's page
    import_master(tmp_path / "data")
    linked = product()
    client.force_login(UserFactory.create(role=Role.NATIONAL_ADMIN))
    page = client.get(f"/gi-queue/{linked.pk}/")
    assert page.context["form"]["more_gi_entries"].value() == [sikki().pk]

    # when the officer unticks the grass GI, then ticks it again with another decision
    posts = [
        {"action": "confirm", "gi_entry": linked.gi_entry_id, "note": "silk only"},
        {
            "action": "confirm",
            "gi_entry": linked.gi_entry_id,
            "more_gi_entries": [sikki().pk],
            "note": "grass too, after a visit",
        },
    ]
    after = []
    for data in posts:
        assert client.post(f"/gi-queue/{linked.pk}/", data).status_code == 302
        after.append(names(product().gi_entries))

    # then each decision applied and both are listed, the second with its further GI
    assert after == [["Bhagalpur Silk"], ["Bhagalpur Silk", "Sikki Grass Products of Bihar"]]
    listing = client.get(f"/gi-queue/{linked.pk}/").content.decode()
    assert "Bhagalpur Silk + Sikki Grass Products of Bihar" in listing


def test_the_officers_page_refuses_a_further_gi_with_a_rejection(
    client: Client, tmp_path: Path
) -> None:
    import_master(tmp_path / "data")
    linked = product()
    client.force_login(UserFactory.create(role=Role.NATIONAL_ADMIN))
    response = client.post(
        f"/gi-queue/{linked.pk}/",
        {"action": "reject", "more_gi_entries": [sikki().pk], "note": "not a GI"},
    )
    assert response.status_code == 400
    assert "more_gi_entries" in response.context["form"].errors
    assert not GILinkDecision.objects.exists()
