"""The "My work" page (issue 12): who may open it, what it shows to whom, that it is never
cached, that signing in lands there, and that its queries do not grow with the data."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from odop.accounts.tests.factories import UserFactory
from odop.bazaar.models import Inquiry, Order, OrderStatus
from odop.exports.models import PlanStatus
from odop.exports.tests.factories import BottleneckFactory, ExportPlanFactory
from odop.geography.tests.factories import DistrictFactory
from odop.outlets.models import GiftCollection, Outlet, OutletKind
from odop.producers.models import ProducerStatus
from odop.producers.tests.factories import ProducerFactory
from odop.workspace.tests.conftest import TODAY

pytestmark = pytest.mark.django_db

HOME = "/my/"


def page_for(user: object, path: str = HOME) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(db: None) -> None:
    """Issue 12: the page is per person; nobody sees it signed out."""
    response = Client().get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={HOME}"


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        pytest.param(
            "district_officer",
            ["Drafts to propose", "Patna: Testing", "/producers/?status=pending"],
            ["Baleshwar", "Candidates to score", "My purchases", "Outlets I run"],
            id="district_officer_case",
        ),
        pytest.param(
            "state_officer",
            ["Scored by the committee", "PM Ekta Mall Patna", "Patna: Testing"],
            ["Baleshwar", "Bhubaneswar", "Tokyo", "Drafts to propose"],
            id="state_officer_case",
        ),
        pytest.param(
            "assessor",
            ["Patna scoring jaggery", "/assessment/"],
            ["Baleshwar scoring horn", "Product selection", "My shop"],
            id="assessor_case",
        ),
        pytest.param(
            "producer",
            ["Inquiries to answer", "Sikki basket", "Expired", "My producer page"],
            ["Other buyer", "Product selection", "My purchases"],
            id="producer_case",
        ),
        pytest.param(
            "buyer",
            ["Quotations offered to you", "Shipped: mark it received", "Sikki basket"],
            ["My shop", "Product selection", "Outlets I run"],
            id="buyer_case",
        ),
        pytest.param(
            "mission_officer",
            ["ODOP Store Tokyo", "7 units in stock", "Diwali gifts for Tokyo", "My purchases"],
            ["PM Ekta Mall", "Product selection", "My shop"],
            id="mission_officer_case",
        ),
    ],
)
def test_the_page_shows_each_role_its_blocks_only(
    world: SimpleNamespace, role: str, present: list[str], absent: list[str]
) -> None:
    """Issue 12: each role's home has its blocks and links, and no item of another scope."""
    html = page_for(world.users[role])
    for text in present:
        assert text in html, text
    for text in absent:
        assert text not in html, text


def test_the_page_is_never_cached(world: SimpleNamespace) -> None:
    """Issue 12: a per-person page must not be kept by the page cache, browsers or proxies."""
    from odop.core.page_cache import PAGE_POLICIES

    client = Client()
    client.force_login(world.users["buyer"])
    response = client.get(HOME)
    assert "workspace:home" not in PAGE_POLICIES
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_navigation_shows_my_work_to_signed_in_users_only(world: SimpleNamespace) -> None:
    """Issue 12: "My work" is in the header once signed in."""
    assert 'href="/my/"' in page_for(world.users["buyer"], "/bazaar/")
    assert 'href="/my/"' not in Client().get("/bazaar/").content.decode()


def test_the_page_is_in_hindi_under_hi(world: SimpleNamespace) -> None:
    """Issue 12: /hi/my/ is the Hindi page, its links in Hindi too."""
    html = page_for(world.users["buyer"], "/hi/my/")
    assert "मेरा काम" in html
    assert 'href="/hi/bazaar/buy/"' in html


def test_signing_in_lands_on_my_work(world: SimpleNamespace) -> None:
    """Issue 12: every role used to land on the public home page after signing in."""
    response = Client().post(
        "/accounts/login/",
        {"username": world.users["buyer"].username, "password": "pass-word-123"},
    )
    assert response.status_code == 302
    assert response["Location"] == HOME


def _more_work(world: SimpleNamespace) -> None:
    """Twice as much of everything, in both States."""
    producer_user = world.users["producer"]
    buyer = world.users["buyer"]
    for _ in range(3):
        ProducerFactory.create(district=world.patna, status=ProducerStatus.PENDING)
        plan = ExportPlanFactory.create(
            district=DistrictFactory.create(state=world.bihar), status=PlanStatus.DRAFT
        )
        BottleneckFactory.create(plan=plan, due_date=TODAY - dt.timedelta(days=5))
        Inquiry.objects.create(listing=world.listing, buyer=buyer, quantity=1, message="More")
        for status in (OrderStatus.PLACED, OrderStatus.SHIPPED):
            Order.objects.create(
                listing=world.listing,
                buyer=buyer,
                quantity=1,
                unit_price=world.listing.price,
                total=world.listing.price,
                status=status,
            )
        Outlet.objects.create(
            kind=OutletKind.ODOP_WALL, name="Wall", city="Gaya", state=world.bihar
        ).managers.add(world.users["mission_officer"])
        GiftCollection.objects.create(title="More gifts", owner=world.users["mission_officer"])
    assert producer_user.producer is not None


@pytest.mark.parametrize(
    "role", ["national_admin", "state_officer", "producer", "buyer", "mission_officer"]
)
def test_the_number_of_queries_does_not_grow_with_the_work(
    world: SimpleNamespace, role: str
) -> None:
    """Issue 12: no N+1 on the home: more waiting work costs no more queries."""
    client = Client()
    client.force_login(world.users[role])
    with CaptureQueriesContext(connection) as before:
        assert client.get(HOME).status_code == 200
    _more_work(world)
    with CaptureQueriesContext(connection) as after:
        assert client.get(HOME).status_code == 200
    assert len(after.captured_queries) == len(before.captured_queries)
    assert len(before.captured_queries) <= 30


def test_an_account_with_no_work_gets_a_page_that_says_so(db: None) -> None:
    """Issue 12: a role with nothing to do still has a home, not an error."""
    from odop.accounts.models import Role

    html = page_for(UserFactory.create(role=Role.BUYER))
    assert "Nothing waits for you right now." in html


@pytest.mark.parametrize(
    ("role", "sees_policies"),
    [("national_admin", True), ("state_officer", True), ("district_officer", False)],
)
def test_officers_reach_the_gi_queue_and_their_policies_from_the_menu(
    role: str, sees_policies: bool
) -> None:
    """The officers' pages that wait on no block of "My work" are in the site menu, each only
    for those its own gate lets in (the queue and the policies pages answer 404 to others)."""
    district = DistrictFactory.create()
    scope = {"state_officer": {"state": district.state}, "district_officer": {"district": district}}
    officer = UserFactory.create(role=role, **scope.get(role, {}))
    producer_user = UserFactory.create(role="producer")

    menu = page_for(officer).split('class="site-nav"')[1].split("</nav>")[0]
    assert 'href="/gi-queue/"' in menu
    assert ('href="/outcomes/policies/"' in menu) is sees_policies
    assert Client().get("/gi-queue/").status_code == 302
    assert 'href="/gi-queue/"' not in page_for(producer_user)
    client = Client()
    client.force_login(officer)
    assert client.get("/outcomes/policies/").status_code == (200 if sees_policies else 404)
