"""The public scheme pages (issue 14): the list and the rules in plain words in English and
Hindi, the values in force with their orders, and the calculator running the same evaluation."""

import pytest
from django.test import Client

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.models import State
from odop.geography.tests.factories import StateFactory
from odop.schemes.models import ParameterValue, ParameterValueStatus
from odop.schemes.tests.factories import national_admin, shipped_schemes_loaded, state_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def up() -> State:
    return shipped_schemes_loaded()


def test_the_list_shows_every_published_scheme_in_english_and_hindi(up: State) -> None:
    english = Client().get("/schemes/").content.decode()
    hindi = Client().get("/hi/schemes/").content.decode()

    assert "UP ODOP financial assistance (margin money)" in english
    assert 'href="/schemes/pmfme-seed-capital/"' in english
    assert "उत्तर प्रदेश ओडीओपी वित्तीय सहायता (मार्जिन मनी)" in hindi
    assert 'href="/hi/schemes/pmfme-seed-capital/"' in hindi


def test_a_scheme_page_shows_its_rules_values_and_sources(up: State) -> None:
    page = Client().get("/schemes/pmfme-individual/").content.decode()

    assert "The enterprise has fewer than 10 workers." in page
    assert "workers &lt; workers_limit" in page
    assert "Civil work counted" in page
    assert "PMFME Scheme Guidelines, MoFPI, 2020" in page
    assert "Scheme Guidelines: PM Formalisation of Micro food processing Enterprises" in page


def test_the_public_page_shows_approved_values_only(up: State) -> None:
    """The pending 10% third tier is not in force: the page lists the approved 15%."""
    page = Client().get("/schemes/up-odop-margin-money/").content.decode()

    assert 'Third tier: rate</th><td class="number">0.15</td>' in page
    assert "entered from 2026-04-01 for an officer to check" not in page


def test_the_calculator_runs_the_evaluation_with_indian_grouping(up: State) -> None:
    response = Client().get(
        "/schemes/up-odop-margin-money/", {"as_of": "2024-04-01", "project_cost": "12000000"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Eligible: ₹18,00,000.00" in page
    assert "Above ₹50 lakh up to ₹1.5 crore: the third-tier rate, at least ₹10 lakh" in page
    assert "1800000.00" in page  # the step's value in the working


def test_the_calculator_gives_reasons_in_hindi(up: State) -> None:
    response = Client().get(
        "/hi/schemes/up-odop-mda/",
        {
            "as_of": "2024-04-01",
            "fair_level": "international",
            "stall_charge": "1000",
            "freight": "0",
            "travel_fare": "0",
        },
    )

    page = response.content.decode()
    assert "केवल राज्य स्तरीय मेले दर्ज हैं" in page
    assert '<p class="verdict">पात्र नहीं</p>' in page


def test_the_calculator_shows_errors_on_the_form_and_keeps_the_input(up: State) -> None:
    response = Client().get(
        "/schemes/pmfme-individual/",
        {"as_of": "2024-04-01", "plant_machinery_cost": "500000", "workers": "-3"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="500000"' in page
    assert "errorlist" in page
    assert 'id="result"' not in page


def test_a_date_with_no_approved_values_is_a_form_error(up: State) -> None:
    response = Client().get(
        "/schemes/pmfme-seed-capital/", {"as_of": "2019-01-01", "shg_members": "2"}
    )

    page = response.content.decode()
    assert "has no approved value on this date" in page
    assert 'id="result"' not in page


def test_an_unknown_scheme_is_404(up: State) -> None:
    assert Client().get("/schemes/no-such-scheme/").status_code == 404


def _pending_tier3() -> ParameterValue:
    return ParameterValue.objects.get(
        parameter__name="tier3_rate", status=ParameterValueStatus.PROPOSED
    )


def test_the_public_and_other_officers_do_not_see_proposals(up: State) -> None:
    other = Client()
    other.force_login(state_officer(StateFactory.create()))

    for client in (Client(), other):
        page = client.get("/schemes/up-odop-margin-money/").content.decode()
        assert 'id="proposals"' not in page


def test_an_officer_of_the_state_approves_the_pending_ten_percent_on_the_page(up: State) -> None:
    """issue 14: maker-checker on the scheme page; the calculator follows the approval."""
    # given
    client = Client()
    officer = state_officer(up)
    client.force_login(officer)
    page = client.get("/schemes/up-odop-margin-money/").content.decode()
    assert 'id="proposals"' in page
    assert "Proposed in the scheme file shipped with the platform" in page

    # when
    response = client.post(
        "/schemes/up-odop-margin-money/",
        {"action": "approve", "value": _pending_tier3().pk, "note": "Order seen"},
    )

    # then
    assert response.status_code == 302
    value = ParameterValue.objects.get(parameter__name="tier3_rate", effective_from="2026-04-01")
    assert (value.status, value.decided_by) == (ParameterValueStatus.APPROVED, officer)
    result = Client().get(
        "/schemes/up-odop-margin-money/", {"as_of": "2026-06-01", "project_cost": "12000000"}
    )
    assert "Eligible: ₹12,00,000.00" in result.content.decode()


def test_a_proposer_sees_no_buttons_and_cannot_approve_their_own_value(up: State) -> None:
    # given
    client = Client()
    maker = state_officer(up)
    client.force_login(maker)
    client.post(
        "/schemes/up-odop-mda/",
        {
            "action": "propose",
            "parameter": "state_stall_cap",
            "value": "60000",
            "effective_from": "2027-01-01",
            "reference": "UP order (test)",
        },
    )
    proposal = ParameterValue.objects.get(proposed_by=maker)

    # when
    page = client.get("/schemes/up-odop-mda/").content.decode()
    client.post("/schemes/up-odop-mda/", {"action": "approve", "value": proposal.pk})

    # then
    assert "Waiting for another officer to decide." in page
    proposal.refresh_from_db()
    assert proposal.status == ParameterValueStatus.PROPOSED
    assert proposal.events.count() == 1


def test_a_bad_proposal_shows_its_error_and_stores_nothing(up: State) -> None:
    client = Client()
    client.force_login(national_admin())
    before = ParameterValue.objects.count()

    response = client.post(
        "/schemes/pmfme-individual/",
        {
            "action": "propose",
            "parameter": "workers_limit",
            "value": "10.5",
            "effective_from": "2027-01-01",
            "reference": "MoFPI order (test)",
        },
    )

    assert response.status_code == 200
    assert "This parameter takes whole numbers." in response.content.decode()
    assert ParameterValue.objects.count() == before


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [
        ("anonymous: to sign in", None, 302),
        ("a producer", "producer", 403),
        ("an officer of another State", "other", 403),
    ],
)
def test_who_may_not_post_on_a_scheme_page(
    up: State, _case: str, who: str | None, status: int
) -> None:
    client = Client()
    people = {
        "producer": UserFactory.create(role=Role.PRODUCER),
        "other": state_officer(StateFactory.create()),
    }
    if who:
        client.force_login(people[who])

    response = client.post(
        "/schemes/up-odop-margin-money/", {"action": "approve", "value": _pending_tier3().pk}
    )

    assert response.status_code == status
    assert _pending_tier3().status == ParameterValueStatus.PROPOSED
