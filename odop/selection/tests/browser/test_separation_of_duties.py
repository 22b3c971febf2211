"""The demo's officers walk one candidate from district to publication on a 390 px phone, each
from their "My work" (sign-in lands there), and the separation of duties shows on the pages
(issue 12, items 5 and "Done when").

Signed in with the demo accounts `odop seed_demo` writes (their passwords from the file): the
district officer proposes and cannot seat himself (the page says why, and the picker offers
the three demo assessors), the three assessors score, the State officer of the district's State
approves, the national admin publishes. A candidate the State officer proposed has no Approve
button for him, and the page says why.
"""

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import override_settings
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from odop.accounts.models import User
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.platform.demo import DEMO_ASSESSORS, demo_accounts_ensure
from odop.selection import services
from odop.selection.models import Candidate, CandidateEvent, CandidateStatus
from odop.selection.services import ScoreInput
from odop.selection.tests.browser.test_selection_walkthrough import move

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PRODUCT = "Moradabad brass inlay work"
SCORES = {  # each demo assessor's values for the eight ODOP India criteria A1–A8
    "demo-assessor": [4, 4, 5, 4, 4, 3, 4, 4],
    "demo-assessor-2": [4, 3, 4, 4, 4, 4, 4, 3],
    "demo-assessor-3": [5, 4, 4, 4, 3, 4, 4, 4],
}


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield context
    context.close()


@pytest.fixture
def demo_passwords(transactional_db: None, tmp_path: Path) -> Iterator[dict[str, str]]:
    """Uttar Pradesh with Moradabad, the shipped scorecards and the demo accounts (demo mode
    on for the whole test, as with `make run`); the passwords as the file lists them."""
    uttar_pradesh = StateFactory.create(lgd_code=9, name="Uttar Pradesh")
    DistrictFactory.create(
        lgd_code=150, name="Moradabad", name_lgd="MORADABAD", state=uttar_pradesh
    )
    services.scorecards_install()
    path = tmp_path / "demo-accounts.json"
    with override_settings(ODOP_DEMO_MODE=True, ODOP_DEMO_ACCOUNTS_FILE=path):
        demo_accounts_ensure()
        yield {entry["username"]: entry["password"] for entry in json.loads(path.read_text())}


def sign_in(page: Page, live_server: LiveServer, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.locator(".site-header .username")).to_have_text(username)
    page.wait_for_url(f"{live_server.url}/my/")  # sign-in lands on "My work" (issue 12)


def from_my_work(page: Page, link: str, name: str) -> None:
    """From "My work": the link of what waits for this person, then the candidate."""
    page.get_by_role("link", name=link).click()
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)


def sign_out(page: Page) -> None:
    page.locator(".site-header").get_by_role("button", name="Sign out").click()
    expect(page.locator(".site-header").get_by_role("link", name="Sign in")).to_be_visible()


def fits_the_screen(page: Page) -> None:
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"] + 1, widths


# The parts of the candidate page this change draws: the committee form and the actions.
CHANGED_SECTIONS = {
    "include": [
        ["section[aria-labelledby=committee-heading]"],
        ["section[aria-labelledby=actions-heading]"],
    ]
}


def accessible(page: Page) -> None:
    """axe-core (bundled, offline) finds no violation in the sections the refusals appear in."""
    results = Axe().run(page, context=CHANGED_SECTIONS)
    assert results.violations_count == 0, results.generate_report()


def state_proposed_and_scored() -> Candidate:
    """A candidate the demo State officer entered and proposed himself, scored by the three
    demo assessors (seated by the district officer) through the services."""
    state_officer = User.objects.get(username="demo-state")
    district_officer = User.objects.get(username="demo-district")
    candidate = services.candidate_create(
        actor=state_officer, district=district_officer.district, name="Moradabad glassware"
    )
    services.candidate_transition(
        actor=state_officer, candidate=candidate, to_status=CandidateStatus.PROPOSED
    )
    for username in DEMO_ASSESSORS:
        services.committee_member_add(
            actor=district_officer,
            candidate=candidate,
            assessor=User.objects.get(username=username),
        )
    services.candidate_transition(
        actor=district_officer, candidate=candidate, to_status=CandidateStatus.SCORING
    )
    for username in DEMO_ASSESSORS:
        services.assessment_save(
            actor=User.objects.get(username=username),
            candidate=candidate,
            submit=True,
            scores={f"A{number}": ScoreInput(Decimal(4)) for number in range(1, 9)},
        )
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.SCORED
    return candidate


def test_the_demo_officers_walk_a_candidate_and_no_one_decides_their_own(
    phone: BrowserContext, live_server: LiveServer, demo_passwords: dict[str, str]
) -> None:
    page = phone.new_page()

    def as_user(username: str) -> None:
        sign_in(page, live_server, username, demo_passwords[username])

    # the demo district officer proposes a product for Moradabad
    as_user("demo-district")
    selection = page.get_by_role("region", name="Product selection")
    selection.get_by_role("heading", name="Product selection").get_by_role("link").click()
    page.get_by_role("link", name="Propose a product").click()
    page.get_by_label("Product name").fill(PRODUCT)
    page.get_by_role("button", name="Save the proposal").click()
    move(page, "Propose", "From the District Industries Centre")
    expect(page.locator("h1 .status")).to_have_text("Proposed by the district")

    # he may not sit on its committee: the form says so before and after he tries
    committee = page.get_by_role("region", name="Committee", exact=True)
    expect(committee).to_contain_text(
        "Proposed by demo-district: a proposer cannot sit on the committee."
    )
    options = page.locator("datalist#assessor-choices option")
    expect(options).to_have_count(3)
    assert sorted(options.evaluate_all("(items) => items.map((item) => item.value)")) == sorted(
        DEMO_ASSESSORS
    )
    committee.get_by_label("Assessor's username").fill("demo-district")
    committee.get_by_role("button", name="Add to the committee").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "This person proposed the candidate and cannot sit on its committee."
    )
    fits_the_screen(page)
    accessible(page)

    # he seats the three demo assessors and opens scoring
    committee = page.get_by_role("region", name="Committee", exact=True)
    for username in DEMO_ASSESSORS:
        committee.get_by_label("Assessor's username").fill(username)
        committee.get_by_role("button", name="Add to the committee").click()
        expect(page.locator(".messages")).to_contain_text(f"{username} joined the committee.")
    move(page, "Open scoring")
    expect(page.locator("h1 .status")).to_have_text("Committee scoring")
    expect(page.get_by_role("link", name="Score this candidate")).to_have_count(0)
    sign_out(page)

    # each demo assessor scores and submits
    for username, values in SCORES.items():
        as_user(username)
        from_my_work(page, "Candidates to score", PRODUCT)
        page.get_by_role("link", name="Score this candidate").click()
        for number, value in enumerate(values, start=1):
            page.locator(f'input[name="value_A{number}"]').fill(str(value))
        page.get_by_role("button", name="Submit", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("Your assessment is submitted.")
        sign_out(page)
    assert Candidate.objects.get(name=PRODUCT).status == CandidateStatus.SCORED

    # the demo State officer (Moradabad's State) approves
    as_user("demo-state")
    from_my_work(page, "Scored by the committee: approve, return or reject", PRODUCT)
    fits_the_screen(page)
    move(page, "Approve", "Approved by the State committee")
    expect(page.locator("h1 .status")).to_have_text(
        "Approved by the State, awaiting national review"
    )
    sign_out(page)

    # the demo national admin publishes
    as_user("demo-national")
    from_my_work(page, "Approved by the State: publish or return", PRODUCT)
    move(page, "Publish", "Published after national review")
    expect(page.locator("h1 .status")).to_have_text("Published in the registry")
    sign_out(page)
    candidate = Candidate.objects.get(name=PRODUCT)
    assert list(
        CandidateEvent.objects.filter(candidate=candidate).values_list(
            "actor__username", "to_status"
        )
    ) == [
        ("demo-district", "draft"),
        ("demo-district", "proposed"),
        ("demo-district", "scoring"),
        ("demo-assessor-3", "scored"),
        ("demo-state", "state_approved"),
        ("demo-national", "published"),
    ]

    # a candidate the State officer proposed himself: no Approve button, and the reason
    own = state_proposed_and_scored()
    as_user("demo-state")
    page.goto(f"{live_server.url}/selection/candidates/{own.pk}/")
    actions = page.get_by_role("region", name="Actions")
    expect(actions).to_contain_text("Approve: not yours to do.")
    expect(actions).to_contain_text(
        "You proposed this candidate, so you cannot decide on it: another officer decides."
    )
    expect(page.get_by_role("button", name="Approve", exact=True)).to_have_count(0)
    fits_the_screen(page)
    accessible(page)
