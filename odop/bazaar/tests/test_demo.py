"""`make run`'s bazaar demo: sellers with verified producers and published listings, buyers,
all in `.demo-accounts.json` with roles `producer` and `buyer`; re-running changes nothing."""

import json
from pathlib import Path

import pytest
from django.test import override_settings

from odop.accounts.models import User
from odop.bazaar.demo import bazaar_demo_ensure
from odop.bazaar.models import Listing, ListingStatus
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.platform.demo import demo_accounts_ensure
from odop.producers.models import ProducerStatus
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory

pytestmark = pytest.mark.django_db


def test_demo_sellers_and_buyers(tmp_path: Path) -> None:
    uttar_pradesh = StateFactory(lgd_code=9, name="Uttar Pradesh")
    moradabad = DistrictFactory(name="Moradabad", name_lgd="MORADABAD", state=uttar_pradesh)
    DistrictProductFactory(
        district=moradabad,
        product_type=ProductTypeFactory(name="Moradabad Metal Craft"),
        name="Moradabad Metal Craft",
    )
    path = tmp_path / "demo.json"
    with override_settings(ODOP_DEMO_MODE=True, ODOP_DEMO_ACCOUNTS_FILE=path):
        demo_accounts_ensure()
        first = bazaar_demo_ensure()
        second = bazaar_demo_ensure()
    assert first == second
    entries = {entry["username"]: entry for entry in json.loads(path.read_text())}
    # Bhagalpur and Madhubani are not in this small world: only the Moradabad seller is made.
    assert entries["demo-producer"]["role"] == "producer"
    assert "demo-producer-2" not in entries
    assert {entries[name]["role"] for name in ("demo-buyer", "demo-buyer-2")} == {"buyer"}
    assert "demo-national" in entries  # the other demo accounts are kept
    seller = User.objects.get(username="demo-producer")
    assert seller.check_password(entries["demo-producer"]["password"])
    assert seller.producer.status == ProducerStatus.VERIFIED
    [listing] = Listing.objects.all()
    assert (listing.status, listing.producer.user) == (ListingStatus.PUBLISHED, seller)
