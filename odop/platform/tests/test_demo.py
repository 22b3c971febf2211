"""The demo of `make run` lets a newcomer walk every workflow (issue 12, items 5 and 11):
officers of one State and one of its districts, three assessors, outlets with named managers,
one account of each role; seeding twice changes nothing; another database keeps the file's
passwords."""

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.models import Listing
from odop.events.demo import DEMO_EVENT
from odop.events.models import Event, EventStatus, Side
from odop.geography.models import District, State
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.outlets.models import Outlet, OutletKind, OutletStock, StockMove
from odop.platform.demo import demo_accounts_ensure, demo_ensure
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory
from odop.schemes import stages
from odop.schemes.models import Application
from odop.schemes.selectors import application_queue
from odop.schemes.services import schemes_load
from odop.selection.workflow import MIN_COMMITTEE
from odop.skills.models import Batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def places() -> dict[str, District]:
    """Bihar (10) listed first, with Bhagalpur; Uttar Pradesh (9) with Moradabad: the older
    demo put its State officer in Bihar and its district officer in Moradabad."""
    bihar = StateFactory.create(lgd_code=10, name="Bihar")
    uttar_pradesh = StateFactory.create(lgd_code=9, name="Uttar Pradesh")
    bhagalpur = DistrictFactory.create(
        lgd_code=192, name="Bhagalpur", name_lgd="BHAGALPUR", state=bihar
    )
    moradabad = DistrictFactory.create(
        lgd_code=150, name="Moradabad", name_lgd="MORADABAD", state=uttar_pradesh
    )
    for district, product in ((moradabad, "Moradabad Metal Craft"), (bhagalpur, "Bhagalpur Silk")):
        DistrictProductFactory.create(
            district=district, product_type=ProductTypeFactory.create(name=product), name=product
        )
    return {"moradabad": moradabad, "bhagalpur": bhagalpur}


def world_state(path: Path) -> dict[str, object]:
    """Everything seeding writes, to compare two runs."""
    return {
        "file": path.read_text(),
        "users": sorted(
            User.objects.values_list("username", "role", "state_id", "district_id", "password")
        ),
        "outlets": sorted(Outlet.objects.values_list("pk", "kind", "name", "managers__username")),
        "stock": sorted(OutletStock.objects.values_list("outlet_id", "listing_id", "quantity")),
        "moves": StockMove.objects.count(),
        "listings": sorted(Listing.objects.values_list("pk", "stock", "status")),
    }


def test_the_demo_walks_every_workflow_and_seeding_twice_changes_nothing(
    places: dict[str, District], tmp_path: Path
) -> None:
    """Issue 12: the State officer was Bihar's while the district officer was Moradabad's, and
    the demo had one assessor where scoring needs three."""
    path = tmp_path / "demo.json"
    with override_settings(ODOP_DEMO_MODE=True, ODOP_DEMO_ACCOUNTS_FILE=path):
        call_command("seed_demo", stdout=io.StringIO())
        first = world_state(path)
        output = io.StringIO()
        call_command("seed_demo", stdout=output)
        assert world_state(path) == first  # idempotent

    entries = {entry["username"]: entry for entry in json.loads(path.read_text())}
    assert {entry["role"] for entry in entries.values()} == {role.value for role in Role}
    for username, entry in entries.items():
        assert User.objects.get(username=username).check_password(entry["password"])
        assert username in output.getvalue()

    state_officer = User.objects.get(username="demo-state")
    district_officer = User.objects.get(username="demo-district")
    assert district_officer.district == places["moradabad"]
    assert state_officer.state == places["moradabad"].state
    assert entries["demo-state"]["scope"] == "Uttar Pradesh"
    assessors = User.objects.filter(role=Role.ASSESSOR, username__startswith="demo-")
    assert assessors.count() >= MIN_COMMITTEE

    mall = Outlet.objects.get(kind=OutletKind.EKTA_MALL)
    assert mall.state == state_officer.state
    assert list(mall.managers.values_list("username", flat=True)) == ["demo-outlet-manager"]
    assert User.objects.get(username="demo-outlet-manager").role == Role.BUYER
    store = Outlet.objects.get(kind=OutletKind.STORE_ABROAD)
    assert (store.city, store.country) == ("Tokyo", "JP")
    assert list(store.managers.values_list("username", flat=True)) == ["demo-mission"]
    brass = Listing.objects.get(producer__user__username="demo-producer")
    assert OutletStock.objects.get(outlet=mall, listing=brass).quantity == 5
    assert OutletStock.objects.get(outlet=store, listing=brass).quantity == 3
    assert brass.stock == 40 - 5 - 3  # the consigned units left the online stock
    # issue 15: demo-trainer runs a batch in the demo district with a trainee to mark today
    running = Batch.objects.get(trainer__username="demo-trainer", start_date__lt=date.today())
    assert running.district == places["moradabad"]
    assert running.applications.get().status == "selected"
    assert Batch.objects.filter(trainer__username="demo-trainer").count() == 2


def test_an_older_demo_moves_its_officers_and_keeps_their_passwords(
    places: dict[str, District], tmp_path: Path
) -> None:
    """A database seeded by the older demo (State officer in Bihar) is put right by seeding."""
    path = tmp_path / "demo.json"
    bihar = State.objects.get(lgd_code=10)
    UserFactory.create(username="demo-state", role=Role.STATE_OFFICER, state=bihar)
    with override_settings(ODOP_DEMO_MODE=True):
        demo_accounts_ensure(path=path)
        password = {entry["username"]: entry for entry in json.loads(path.read_text())}[
            "demo-state"
        ]["password"]
        demo_accounts_ensure(path=path)
    officer = User.objects.get(username="demo-state")
    assert officer.state == places["moradabad"].state
    assert officer.check_password(password)


def test_a_fresh_database_takes_the_passwords_the_file_lists(
    places: dict[str, District], tmp_path: Path
) -> None:
    """Issue 12: switching DATABASE_URL to a fresh database rewrote `.demo-accounts.json` with
    new passwords and locked the other database's demo accounts out. The fresh database now
    takes the file's passwords, so both databases keep working with the one file."""
    path = tmp_path / "demo.json"
    with override_settings(ODOP_DEMO_MODE=True):
        demo_accounts_ensure(path=path)
        before = path.read_text()
        User.objects.all().delete()  # the same reference data, no users: a fresh database
        demo_accounts_ensure(path=path)
    assert path.read_text() == before
    for entry in json.loads(before):
        assert User.objects.get(username=entry["username"]).check_password(entry["password"])


def test_an_account_the_file_does_not_list_gets_a_new_password(
    places: dict[str, District], tmp_path: Path
) -> None:
    path = tmp_path / "demo.json"
    UserFactory.create(username="demo-buyer", role=Role.BUYER)
    with override_settings(ODOP_DEMO_MODE=True):
        demo_accounts_ensure(path=path)
    entry = {entry["username"]: entry for entry in json.loads(path.read_text())}["demo-buyer"]
    assert User.objects.get(username="demo-buyer").check_password(entry["password"])


def test_without_the_demo_district_the_officers_still_share_a_state(tmp_path: Path) -> None:
    bihar = StateFactory.create(lgd_code=10, name="Bihar")
    StateFactory.create(lgd_code=9, name="Uttar Pradesh")  # no districts
    patna = DistrictFactory.create(lgd_code=212, name="Patna", state=bihar)
    with override_settings(ODOP_DEMO_MODE=True, ODOP_DEMO_ACCOUNTS_FILE=tmp_path / "d.json"):
        demo_ensure()
    assert User.objects.get(username="demo-district").district == patna
    assert User.objects.get(username="demo-state").state == bihar
    # No seller's product exists here: the mall opens without stock, the store abroad too.
    assert Outlet.objects.filter(kind=OutletKind.EKTA_MALL, state=bihar).exists()
    assert not StockMove.objects.exists()


def test_the_demo_has_a_buyer_seller_meet_once(places: dict[str, District], tmp_path: Path) -> None:
    """Issue 16: `make run` shows a working event: slots, the demo sellers registered and
    approved, the demo buyers (one from abroad), stalls with one allocated; seeding twice makes
    one meet."""
    with override_settings(ODOP_DEMO_MODE=True, ODOP_DEMO_ACCOUNTS_FILE=tmp_path / "demo.json"):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("seed_demo", stdout=io.StringIO())
    event = Event.objects.get()
    assert event.name == DEMO_EVENT and event.status == EventStatus.OPEN
    assert event.slots.count() == 6
    sellers = event.registrations.filter(side=Side.SELLER)
    # The fixture has the products of two of the three demo sellers (no Madhubani).
    assert sorted(sellers.values_list("user__username", "status")) == [
        ("demo-producer", "approved"),
        ("demo-producer-2", "approved"),
    ]
    buyers = event.registrations.filter(side=Side.BUYER)
    assert sorted(buyers.values_list("user__username", "country")) == [
        ("demo-buyer", "IN"),
        ("demo-buyer-2", "AE"),
    ]
    assert event.stalls.count() == 8
    assert event.stalls.filter(registration__isnull=False).count() == 1


def test_the_demo_has_a_scheme_application_waiting_for_the_district_officer(
    places: dict[str, District], tmp_path: Path
) -> None:
    """`make run` loads the shipped schemes before seeding: the demo producer's application
    waits at its first stage in the demo district officer's queue; seeding twice makes one."""
    schemes_load()
    with override_settings(ODOP_DEMO_MODE=True, ODOP_DEMO_ACCOUNTS_FILE=tmp_path / "demo.json"):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("seed_demo", stdout=io.StringIO())
    application = Application.objects.get()
    assert application.producer.user == User.objects.get(username="demo-producer")
    assert application.stage == stages.stages_for(application.scheme.code)[0].code
    officer = User.objects.get(username="demo-district")
    assert list(application_queue(user=officer)) == [application]
