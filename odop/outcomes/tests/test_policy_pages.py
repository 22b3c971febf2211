"""The officers' policy pages: the role matrix, 404s, recording a policy, linking products by
ticking and by pasting, and a bad paste writing nothing."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.test import Client

from odop.outcomes.models import Policy, PolicyProduct
from odop.outcomes.policy_paste import Candidate, paste_resolve
from odop.outcomes.services import policy_create

pytestmark = pytest.mark.django_db
MANAGERS = {"national_admin", "state_officer_own", "state_officer_other"}


def _client(world: SimpleNamespace, who: str) -> Client:
    client = Client()
    if world.users[who] is not None:
        client.force_login(world.users[who])
    return client


def _policy(world: SimpleNamespace, state=None) -> Policy:  # type: ignore[no-untyped-def]
    return policy_create(
        actor=world.users["national_admin"],
        state=world.bihar if state is None else state,
        name="Bihar ODOP Policy",
        effective_from=date(2024, 4, 1),
    )


@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "national_admin",
        "state_officer_own",
        "state_officer_other",
        "district_officer_own",
        "producer",
        "buyer",
        "mission_officer",
        "assessor",
        "cfc_operator",
        "trainer",
        "bank_officer",
    ],
)
def test_role_matrix(world: SimpleNamespace, who: str) -> None:
    policy = _policy(world)
    client = _client(world, who)
    listing = client.get("/outcomes/policies/")
    page = client.get(f"/outcomes/policies/{policy.pk}/")
    if who == "anonymous":
        assert listing.status_code == 302 and page.status_code == 302
    elif who in MANAGERS:
        assert listing.status_code == 200
        # Another State's officer does not keep Bihar's policy.
        assert page.status_code == (404 if who == "state_officer_other" else 200)
    else:
        assert listing.status_code == 404 and page.status_code == 404


def test_unknown_policy_is_404(world: SimpleNamespace) -> None:
    assert _client(world, "national_admin").get("/outcomes/policies/999999/").status_code == 404


def test_state_officer_records_their_states_policy(world: SimpleNamespace) -> None:
    client = _client(world, "state_officer_own")
    response = client.post(
        "/outcomes/policies/",
        {
            "name": "ODOP Bihar 2024",
            "state_category": "Category A",
            "effective_from": "2024-04-01",
            "state": world.odisha.pk,
        },  # ignored: a State officer's policy is their State's
    )
    policy = Policy.objects.get(name="ODOP Bihar 2024")
    assert response.status_code == 302 and policy.state == world.bihar
    assert policy.created_by == world.users["state_officer_own"]
    assert policy.history.count() == 1


def test_bad_policy_writes_nothing(world: SimpleNamespace) -> None:
    response = _client(world, "state_officer_own").post(
        "/outcomes/policies/",
        {"name": "x", "effective_from": "2024-04-01", "effective_to": "2023-01-01"},
    )
    assert response.status_code == 400 and not Policy.objects.exists()


def test_tick_and_paste_link_products(world: SimpleNamespace) -> None:
    policy = _policy(world)
    client = _client(world, "state_officer_own")
    page = client.get(f"/outcomes/policies/{policy.pk}/").content.decode()
    assert "Litchi — Purbi Champaran" in page and "Turmeric" not in page  # Bihar's only
    response = client.post(
        f"/outcomes/policies/{policy.pk}/",
        {"products": [world.makhana.pk], "paste": f"bhagalpur silk\n{world.litchi.pk}"},
    )
    assert response.status_code == 302
    assert set(policy.district_products.all()) == {world.makhana, world.silk, world.litchi}
    # Unticking one unlinks it; the others stay.
    client.post(
        f"/outcomes/policies/{policy.pk}/",
        {"products": [world.makhana.pk, world.silk.pk]},
    )
    assert set(policy.district_products.all()) == {world.makhana, world.silk}


def test_a_bad_paste_writes_nothing(world: SimpleNamespace) -> None:
    policy = _policy(world)
    response = _client(world, "state_officer_own").post(
        f"/outcomes/policies/{policy.pk}/",
        {"products": [world.makhana.pk], "paste": f"Turmeric\nNo such thing\n{world.turmeric.pk}"},
    )
    assert response.status_code == 400
    assert "No such thing" in response.content.decode()
    assert not PolicyProduct.objects.exists()


def test_a_ticked_product_outside_the_list_is_refused(world: SimpleNamespace) -> None:
    policy = _policy(world)
    response = _client(world, "state_officer_own").post(
        f"/outcomes/policies/{policy.pk}/", {"products": [world.turmeric.pk]}
    )
    assert response.status_code == 400 and not PolicyProduct.objects.exists()


def test_central_policy_lists_a_chosen_states_products(world: SimpleNamespace) -> None:
    policy = policy_create(
        actor=world.users["national_admin"],
        state=None,
        name="Central",
        effective_from=date(2024, 4, 1),
    )
    client = _client(world, "national_admin")
    assert "Turmeric" not in client.get(f"/outcomes/policies/{policy.pk}/").content.decode()
    page = client.get(f"/outcomes/policies/{policy.pk}/?state=21").content.decode()
    assert "Turmeric — Kandhamal" in page
    client.post(f"/outcomes/policies/{policy.pk}/?state=21", {"products": [world.turmeric.pk]})
    assert list(policy.district_products.all()) == [world.turmeric]


def test_paste_resolve_names_ids_and_districts() -> None:
    candidates = [
        Candidate(1, "Makhana", "Darbhanga"),
        Candidate(2, "Makhana", "Purnia"),
        Candidate(3, "Bhagalpur Silk", "Bhagalpur"),
    ]
    result = paste_resolve("3\nmakhana (purnia); Makhana\nSilk, 3,  ,99", candidates)
    assert result.ids == [3, 2]
    assert result.ambiguous == ["Makhana"]
    assert result.unknown == ["Silk", "99"]
    assert paste_resolve("Makhana - Darbhanga", candidates).ids == [1]
