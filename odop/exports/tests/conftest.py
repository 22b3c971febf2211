"""Shared world for export tests: Bihar (Patna, Bhagalpur) and Odisha (Baleshwar), with one
user of every role; own officers cover Patna, other ones do not."""

from types import SimpleNamespace

import pytest

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictFactory, StateFactory


@pytest.fixture
def world(db: None) -> SimpleNamespace:
    bihar = StateFactory.create(lgd_code=10, name="Bihar")
    odisha = StateFactory.create(lgd_code=21, name="Odisha")
    patna = DistrictFactory.create(lgd_code=212, name="Patna", state=bihar)
    bhagalpur = DistrictFactory.create(lgd_code=192, name="Bhagalpur", state=bihar)
    baleshwar = DistrictFactory.create(lgd_code=346, name="Baleshwar", state=odisha)
    producer = UserFactory.create(role=Role.PRODUCER)
    users = {
        "national_admin": UserFactory.create(role=Role.NATIONAL_ADMIN),
        "state_officer_own": UserFactory.create(role=Role.STATE_OFFICER, state=bihar),
        "state_officer_other": UserFactory.create(role=Role.STATE_OFFICER, state=odisha),
        "district_officer_own": UserFactory.create(role=Role.DISTRICT_OFFICER, district=patna),
        "district_officer_other": UserFactory.create(
            role=Role.DISTRICT_OFFICER, district=bhagalpur
        ),
        "producer_own": producer,
        "producer_other": UserFactory.create(role=Role.PRODUCER),
        "buyer": UserFactory.create(role=Role.BUYER),
        "mission_officer": UserFactory.create(role=Role.MISSION_OFFICER),
        "assessor": UserFactory.create(role=Role.ASSESSOR),
    }
    return SimpleNamespace(
        bihar=bihar,
        odisha=odisha,
        patna=patna,
        bhagalpur=bhagalpur,
        baleshwar=baleshwar,
        users=users,
        officer=users["district_officer_own"],
    )


@pytest.fixture(autouse=True)
def markets_var_dirs(settings, tmp_path, tmp_path_factory):  # type: ignore[no-untyped-def]
    """No BACI year loaded unless a test loads one (whatever the machine's var/ holds); one
    disk cache of parsed trade inputs for the session."""
    settings.ODOP_BACI_DIR = tmp_path / "baci"
    settings.ODOP_MARKETS_CACHE_DIR = tmp_path_factory.getbasetemp() / "markets-cache"
    return tmp_path / "baci"
