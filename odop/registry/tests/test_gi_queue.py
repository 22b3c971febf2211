"""The officers' GI queue (issue 13): who sees it, decisions with history, imports keeping them."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.geography.models import District, State
from odop.registry.gi_match import GIRegistration, gi_canonical_ids
from odop.registry.gi_queue import gi_queue, gi_state_choices
from odop.registry.models import (
    DataQualityFinding,
    DistrictProduct,
    GIDecisionAction,
    GIEntry,
    GILinkDecision,
    GoodsClass,
    Problem,
)
from odop.registry.services import ReferenceFiles, master, reference_import
from odop.registry.services.gi_links import gi_link_decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(reference_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The glossary says haladi is turmeric, so the import links Kandhamal's "Turmeric" to
    # "Kandhamal Haladi" (test_reference_import); without it the product is the queue's case
    # of a district GI that shares no word with the product.
    monkeypatch.setattr(master.gi_inputs, "gi_glossary_synonyms", dict)
    reference_import(files=ReferenceFiles.in_directory(reference_dir))
    return reference_dir


def turmeric() -> DistrictProduct:
    return DistrictProduct.objects.get(district__lgd_code=359, name="Turmeric")


def silk() -> DistrictProduct:
    return DistrictProduct.objects.get(district__lgd_code=192, name="Bhagalpur Silk")


def officer(role: Role, *, state: int | None = None, district: int | None = None) -> User:
    return UserFactory.create(
        role=role,
        state=State.objects.get(lgd_code=state) if state else None,
        district=District.objects.get(lgd_code=district) if district else None,
    )


def haladi() -> GIEntry:
    return GIEntry.objects.get(name="Kandhamal Haladi")


def test_queue_holds_unlinked_gi_products_with_candidates(imported: Path) -> None:
    items = gi_queue(officer(Role.NATIONAL_ADMIN))
    assert [item.product for item in items] == [turmeric()]
    names = [candidate.record.name for candidate in items[0].candidates]
    assert "Kandhamal Haladi" in names  # the district's GI, though no word is shared


@pytest.mark.parametrize(
    ("role", "state", "district", "count"),
    [
        (Role.NATIONAL_ADMIN, None, None, 1),
        (Role.STATE_OFFICER, 21, None, 1),
        (Role.STATE_OFFICER, 10, None, 0),
        (Role.DISTRICT_OFFICER, None, 359, 1),
        (Role.DISTRICT_OFFICER, None, 192, 0),
    ],
)
def test_queue_is_scoped_to_the_officer(
    client: Client, imported: Path, role: Role, state: int | None, district: int | None, count: int
) -> None:
    client.force_login(officer(role, state=state, district=district))
    response = client.get("/gi-queue/")
    assert response.status_code == 200
    assert response.context["total"] == count
    product_page = client.get(f"/gi-queue/{turmeric().pk}/")
    assert product_page.status_code == (200 if count else 404)


@pytest.mark.parametrize(
    "role",
    [Role.BUYER, Role.PRODUCER, Role.MISSION_OFFICER, Role.ASSESSOR, Role.TRAINER],
)
def test_others_get_404(client: Client, imported: Path, role: Role) -> None:
    client.force_login(UserFactory.create(role=role))
    assert client.get("/gi-queue/").status_code == 404
    assert client.get(f"/gi-queue/{turmeric().pk}/").status_code == 404
    response = client.post(f"/gi-queue/{turmeric().pk}/", {"action": "reject", "note": "no"})
    assert response.status_code == 404
    assert not GILinkDecision.objects.exists()


def test_anonymous_is_sent_to_sign_in(client: Client, imported: Path) -> None:
    assert client.get("/gi-queue/").status_code == 302


def test_unknown_and_other_districts_products_are_404(client: Client, imported: Path) -> None:
    client.force_login(officer(Role.DISTRICT_OFFICER, district=359))
    assert client.get("/gi-queue/999999/").status_code == 404
    litchi = DistrictProduct.objects.get(name="Litchi")  # East Champaran's, listed non-GI
    assert client.get(f"/gi-queue/{litchi.pk}/").status_code == 404
    # the list's "no" can be wrong: an officer covering the product may decide it too
    client.force_login(officer(Role.NATIONAL_ADMIN))
    assert client.get(f"/gi-queue/{litchi.pk}/").status_code == 200


def test_pick_links_with_history_and_leaves_the_queue(client: Client, imported: Path) -> None:
    user = officer(Role.DISTRICT_OFFICER, district=359)
    client.force_login(user)
    response = client.post(
        f"/gi-queue/{turmeric().pk}/",
        {"action": "pick", "gi_entry": haladi().pk, "note": "Haladi is Odia for turmeric"},
    )
    assert response.status_code == 302
    product = turmeric()
    assert product.gi_entry == haladi()
    decision = GILinkDecision.objects.get()
    assert (decision.action, decision.decided_by, decision.previous_gi_entry) == (
        GIDecisionAction.PICK,
        user,
        None,
    )
    latest = product.history.latest()
    assert latest.history_user == user and latest.gi_entry_id == haladi().pk
    assert gi_queue(user) == []


@pytest.mark.parametrize(
    "data",
    [
        {"action": "pick", "note": "no GI chosen"},
        {"action": "pick", "gi_entry": "", "note": "x"},
        {"action": "confirm", "gi_entry": "1", "note": ""},
        {"action": "maybe", "note": "x"},
    ],
)
def test_bad_input_writes_nothing(client: Client, imported: Path, data: dict[str, str]) -> None:
    client.force_login(officer(Role.NATIONAL_ADMIN))
    response = client.post(f"/gi-queue/{turmeric().pk}/", data)
    assert response.status_code == 400
    assert not GILinkDecision.objects.exists()
    assert turmeric().gi_entry is None


def test_a_gi_of_another_state_is_refused(imported: Path) -> None:
    bihar_gi = GIEntry.objects.get(name="Bhagalpur Silk")
    with pytest.raises(ValidationError):
        gi_link_decide(
            actor=officer(Role.NATIONAL_ADMIN),
            product=turmeric(),
            action=GIDecisionAction.PICK,
            gi_entry=bihar_gi,
            note="wrong State",
        )
    assert not GILinkDecision.objects.exists()


def test_post_of_a_gi_of_another_state_is_refused(client: Client, imported: Path) -> None:
    client.force_login(officer(Role.NATIONAL_ADMIN))
    bihar_gi = GIEntry.objects.get(name="Bhagalpur Silk")
    response = client.post(
        f"/gi-queue/{turmeric().pk}/", {"action": "pick", "gi_entry": bihar_gi.pk, "note": "x"}
    )
    assert response.status_code == 400
    assert not GILinkDecision.objects.exists()


def test_officer_outside_scope_may_not_decide(imported: Path) -> None:
    with pytest.raises(PermissionDenied):
        gi_link_decide(
            actor=officer(Role.STATE_OFFICER, state=10),
            product=turmeric(),
            action=GIDecisionAction.REJECT,
            gi_entry=None,
            note="not mine",
        )


def test_next_import_keeps_a_pick_and_a_rejection(imported: Path) -> None:
    user = officer(Role.NATIONAL_ADMIN)
    gi_link_decide(
        actor=user,
        product=turmeric(),
        action=GIDecisionAction.PICK,
        gi_entry=haladi(),
        note="Haladi is turmeric",
    )
    assert silk().gi_entry is not None  # the matcher's link
    gi_link_decide(
        actor=user,
        product=silk(),
        action=GIDecisionAction.REJECT,
        gi_entry=None,
        note="checked: not the registered silk",
    )
    reference_import(files=ReferenceFiles.in_directory(imported))
    assert turmeric().gi_entry == haladi()
    assert silk().gi_entry is None
    # The decided product is no longer reported as unlinked.
    assert not DataQualityFinding.objects.filter(
        problem=Problem.GI_UNLINKED, district_product__isnull=False, value="Turmeric"
    ).exists()
    assert not DataQualityFinding.objects.filter(
        problem=Problem.GI_UNLINKED, value="Turmeric"
    ).exists()


def test_without_a_decision_the_import_still_reports_unlinked(imported: Path) -> None:
    assert DataQualityFinding.objects.filter(problem=Problem.GI_UNLINKED, value="Turmeric").exists()


def test_logo_registrations_are_one_gi() -> None:
    states = frozenset({1})
    rows = [
        GIRegistration(
            id=10, serial=5, name="Bhagalpur Silk", goods_class="handicraft", states=states
        ),
        GIRegistration(
            id=11, serial=400, name="Bhagalpur Silk (Logo)", goods_class="handicraft", states=states
        ),
        GIRegistration(
            id=12, serial=7, name="Bhagalpur Silk", goods_class="handicraft", states=frozenset({2})
        ),
        GIRegistration(
            id=13, serial=8, name="Bhagalpur Silk", goods_class="agricultural", states=states
        ),
    ]
    assert gi_canonical_ids(rows) == {10: 10, 11: 10, 12: 12, 13: 13}


def test_state_choices_show_one_record_per_gi(imported: Path) -> None:
    odisha = State.objects.get(lgd_code=21)
    logo = GIEntry.objects.create(
        serial=900,
        name="Kandhamal Haladi (Logo)",
        goods_class=GoodsClass.AGRICULTURAL,
        goods_source="Agricultural",
    )
    logo.states.add(odisha)
    names = [entry.name for entry in gi_state_choices(turmeric())]
    assert names.count("Kandhamal Haladi") == 1 and "Kandhamal Haladi (Logo)" not in names
    assert [entry.name for entry in gi_state_choices(turmeric(), "rasa")] == ["Odisha Rasagola"]


def test_my_work_counts_the_officers_queue(imported: Path) -> None:
    from odop.workspace.selectors.gi_links import gi_links_block

    block = gi_links_block(user=officer(Role.STATE_OFFICER, state=21))
    assert block is not None and block.waiting == 1
    assert block.rows[0].label == "Turmeric"
    assert gi_links_block(user=officer(Role.STATE_OFFICER, state=10)) is None
