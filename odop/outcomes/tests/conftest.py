"""Fixtures of the outcomes tests: Bihar's Patna, Bhagalpur and Purbi Champaran and Odisha's
Kandhamal with their LGD codes and names and their products of the national list, the reviewed
synonyms of Makhana, and one user of every role. (The whole national list is imported in
`test_real_data.py` only: it takes minutes.)"""

from types import SimpleNamespace

import pytest

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.core.text import text_key
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.registry.models import ProductTypeName, Sector
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory


def _product(district, type_name: str, listed: str, sector: str, *names: str):  # type: ignore[no-untyped-def]
    product_type = ProductTypeFactory.create(name=type_name)
    for name in (type_name, *names):
        ProductTypeName.objects.create(product_type=product_type, name=name, key=text_key(name))
    return DistrictProductFactory.create(
        district=district, product_type=product_type, name=listed, sector=sector
    )


@pytest.fixture
def world(db: None) -> SimpleNamespace:
    bihar = StateFactory.create(lgd_code=10, name="Bihar")
    odisha = StateFactory.create(lgd_code=21, name="Odisha")
    patna = DistrictFactory.create(lgd_code=212, name="Patna", state=bihar)
    bhagalpur = DistrictFactory.create(lgd_code=192, name="Bhagalpur", state=bihar)
    purbi = DistrictFactory.create(lgd_code=213, name="Purbi Champaran", state=bihar)
    kandhamal = DistrictFactory.create(lgd_code=359, name="Kandhamal", state=odisha)
    makhana = _product(
        patna, "Makhana (Fox Nut)", "Makhana", Sector.FOOD_PROCESSING, "Makhana", "Makhana (Foxnut)"
    )
    silk = _product(bhagalpur, "Bhagalpur Silk", "Bhagalpur Silk", Sector.HANDLOOM)
    litchi = _product(purbi, "Litchi", "Litchi", Sector.AGRICULTURE)
    turmeric = _product(kandhamal, "Turmeric", "Turmeric", Sector.AGRICULTURE)
    users = {
        "anonymous": None,
        "national_admin": UserFactory.create(role=Role.NATIONAL_ADMIN),
        "state_officer_own": UserFactory.create(role=Role.STATE_OFFICER, state=bihar),
        "state_officer_other": UserFactory.create(role=Role.STATE_OFFICER, state=odisha),
        "district_officer_own": UserFactory.create(role=Role.DISTRICT_OFFICER, district=patna),
        "district_officer_other": UserFactory.create(
            role=Role.DISTRICT_OFFICER, district=bhagalpur
        ),
        "producer": UserFactory.create(role=Role.PRODUCER),
        "buyer": UserFactory.create(role=Role.BUYER),
        "mission_officer": UserFactory.create(role=Role.MISSION_OFFICER),
        "assessor": UserFactory.create(role=Role.ASSESSOR),
        "cfc_operator": UserFactory.create(role=Role.CFC_OPERATOR),
        "trainer": UserFactory.create(role=Role.TRAINER),
        "bank_officer": UserFactory.create(role=Role.BANK_OFFICER, district=patna),
    }
    return SimpleNamespace(
        bihar=bihar,
        odisha=odisha,
        patna=patna,
        bhagalpur=bhagalpur,
        purbi=purbi,
        kandhamal=kandhamal,
        makhana=makhana,
        silk=silk,
        litchi=litchi,
        turmeric=turmeric,
        users=users,
    )
