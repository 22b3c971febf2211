"""Registered GIs the national list calls non-GI (issue 13): the import reports them; officers
find them in the GI queue, on "My work" and from the data-quality page, and decide them. A
confirmation makes the product a GI product, which the next import keeps; a rejection leaves
the list's word; either answers the finding."""

from pathlib import Path

import pytest
from django.test import Client

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.geography.models import District, State
from odop.registry.gi_queue import gi_queue, gi_queue_not_flagged
from odop.registry.models import DataQualityFinding, DistrictProduct, GIDecisionAction, Problem
from odop.registry.services.gi_links import gi_link_decide
from odop.registry.tests.test_gi_more_links import import_master
from odop.workspace.selectors.gi_links import gi_links_block

pytestmark = pytest.mark.django_db


def silk() -> DistrictProduct:
    return DistrictProduct.objects.get(district__lgd_code=192)


def not_flagged_findings() -> int:
    return DataQualityFinding.objects.filter(problem=Problem.GI_NOT_FLAGGED).count()


@pytest.fixture
def listed_non_gi(tmp_path: Path) -> Path:
    """Bhagalpur Silk, which the registry holds, listed as non-GI: one finding."""
    import_master(tmp_path / "data", name="Bhagalpur Silk", gi="No")
    assert (silk().is_gi, silk().gi_entry, not_flagged_findings()) == (False, None, 1)
    return tmp_path / "data"


def bihar_officer() -> User:
    return UserFactory.create(role=Role.STATE_OFFICER, state=State.objects.get(name="Bihar"))


def test_the_queue_and_my_work_hold_it_for_officers_of_its_scope(listed_non_gi: Path) -> None:
    odisha = UserFactory.create(
        role=Role.DISTRICT_OFFICER, district=District.objects.get(lgd_code=359)
    )
    items = gi_queue(bihar_officer(), not_flagged=True)

    assert [item.product for item in items] == [silk()]
    assert items[0].candidates[0].record.name == "Bhagalpur Silk"
    assert silk() not in [item.product for item in gi_queue(bihar_officer())]  # not "unlinked"
    assert list(gi_queue_not_flagged(odisha)) == []
    block = gi_links_block(user=bihar_officer())
    assert block is not None
    assert [(link.count, link.url.endswith("#not-flagged")) for link in block.links][-1] == (
        1,
        True,
    )


def test_a_confirmation_makes_it_a_gi_product_and_the_import_keeps_it(listed_non_gi: Path) -> None:
    # given
    officer = bihar_officer()
    candidate = gi_queue(officer, not_flagged=True)[0].candidates[0].record

    # when
    gi_link_decide(
        actor=officer,
        product=silk(),
        action=GIDecisionAction.CONFIRM,
        gi_entry=silk().district.state.gi_entries.get(pk=candidate.id),
        note="Registered GI no. 183; the list's 'No' is an error",
    )

    # then the product is a linked GI product, by the officer's word, with its history
    product = silk()
    assert (product.is_gi, product.gi_entry_id) == (True, candidate.id)
    assert product.gi_status_source == "No"  # the list's word is kept as written
    assert product.history.latest().history_user == officer
    assert not_flagged_findings() == 0  # answered now, not at the next import
    assert list(gi_queue_not_flagged(officer)) == []

    import_master(listed_non_gi.parent, name="Bhagalpur Silk", gi="No")
    product = silk()
    assert (product.is_gi, product.gi_entry_id, not_flagged_findings()) == (True, candidate.id, 0)


def test_a_rejection_leaves_the_list_s_word_and_answers_the_finding(listed_non_gi: Path) -> None:
    gi_link_decide(
        actor=bihar_officer(),
        product=silk(),
        action=GIDecisionAction.REJECT,
        gi_entry=None,
        note="a mill cloth, not the registered handloom silk",
    )
    assert (silk().is_gi, silk().gi_entry, not_flagged_findings()) == (False, None, 0)

    import_master(listed_non_gi.parent, name="Bhagalpur Silk", gi="No")
    assert (silk().is_gi, silk().gi_entry, not_flagged_findings()) == (False, None, 0)


def test_the_data_quality_page_links_the_finding_to_its_decision(
    client: Client, listed_non_gi: Path
) -> None:
    decide = f'href="/gi-queue/{silk().pk}/"'
    client.force_login(bihar_officer())
    assert decide in client.get("/data-quality/").content.decode()
    assert decide in client.get("/gi-queue/").content.decode()

    # an officer of another State sees neither link
    client.force_login(
        UserFactory.create(role=Role.STATE_OFFICER, state=State.objects.get(name="Odisha"))
    )
    assert decide not in client.get("/data-quality/").content.decode()
    assert client.get(f"/gi-queue/{silk().pk}/").status_code == 404
