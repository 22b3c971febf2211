"""Shared world for producer registry tests: Bihar (Patna, Bhagalpur) and Odisha, a verified
producer in Patna with an account, and one user of every role."""

from types import SimpleNamespace

import pytest

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.producers.models import ProducerStatus
from odop.producers.tests.factories import ProducerFactory


@pytest.fixture
def world(db: None) -> SimpleNamespace:
    bihar = StateFactory.create(lgd_code=10, name="Bihar")
    odisha = StateFactory.create(lgd_code=21, name="Odisha")
    patna = DistrictFactory.create(lgd_code=212, name="Patna", state=bihar)
    bhagalpur = DistrictFactory.create(lgd_code=192, name="Bhagalpur", state=bihar)
    baleshwar = DistrictFactory.create(lgd_code=346, name="Baleshwar", state=odisha)
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=patna)
    seller = UserFactory.create(role=Role.PRODUCER)
    users = {
        "anonymous": None,
        "national_admin": UserFactory.create(role=Role.NATIONAL_ADMIN),
        "state_officer_own": UserFactory.create(role=Role.STATE_OFFICER, state=bihar),
        "state_officer_other": UserFactory.create(role=Role.STATE_OFFICER, state=odisha),
        "district_officer_own": officer,
        "district_officer_other": UserFactory.create(
            role=Role.DISTRICT_OFFICER, district=bhagalpur
        ),
        "producer_own": seller,
        "producer_other": UserFactory.create(role=Role.PRODUCER),
        "buyer": UserFactory.create(role=Role.BUYER),
        "mission_officer": UserFactory.create(role=Role.MISSION_OFFICER),
        "assessor": UserFactory.create(role=Role.ASSESSOR),
    }
    producer = ProducerFactory.create(
        name="Patna Sikki Grass Collective",
        kind="shg",
        district=patna,
        user=seller,
        status=ProducerStatus.VERIFIED,
        verified_by=officer,
        gstin="10AAPFU0939F1ZA",
        officer_note="Needs a loom under the CFC scheme.",
    )
    return SimpleNamespace(
        bihar=bihar,
        odisha=odisha,
        patna=patna,
        bhagalpur=bhagalpur,
        baleshwar=baleshwar,
        users=users,
        officer=officer,
        seller=seller,
        producer=producer,
    )
