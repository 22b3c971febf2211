"""Fixtures of the statistics tests: a small hand-made map and one user per role."""

from types import SimpleNamespace

import pytest

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.tests.factories import DistrictAliasFactory, DistrictFactory, StateFactory
from odop.registry.tests.factories import ProductTypeFactory


@pytest.fixture
def place(db: None) -> SimpleNamespace:
    """Bihar (10): Patna (212), Purbi Champaran (213), Pashchim Champaran (211).
    Odisha (21): Baleshwar (346), also spelled Balasore.
    Product types: Makhana, Litchi, Pattachitra. One user per role; the State officer is
    Bihar's, the district officer Patna's."""
    bihar = StateFactory.create(lgd_code=10, name="Bihar")
    odisha = StateFactory.create(lgd_code=21, name="Odisha")
    patna = DistrictFactory.create(state=bihar, lgd_code=212, name="Patna")
    purbi = DistrictFactory.create(state=bihar, lgd_code=213, name="Purbi Champaran")
    pashchim = DistrictFactory.create(state=bihar, lgd_code=211, name="Pashchim Champaran")
    baleshwar = DistrictFactory.create(state=odisha, lgd_code=346, name="Baleshwar")
    DistrictAliasFactory.create(district=baleshwar, name="Balasore")
    users = {
        "national": UserFactory.create(role=Role.NATIONAL_ADMIN),
        "state_officer": UserFactory.create(role=Role.STATE_OFFICER, state=bihar),
        "district_officer": UserFactory.create(role=Role.DISTRICT_OFFICER, district=patna),
        "producer": UserFactory.create(role=Role.PRODUCER),
        "buyer": UserFactory.create(role=Role.BUYER),
        "mission_officer": UserFactory.create(role=Role.MISSION_OFFICER),
    }
    return SimpleNamespace(
        bihar=bihar,
        odisha=odisha,
        patna=patna,
        purbi=purbi,
        pashchim=pashchim,
        baleshwar=baleshwar,
        makhana=ProductTypeFactory.create(name="Makhana"),
        litchi=ProductTypeFactory.create(name="Litchi"),
        pattachitra=ProductTypeFactory.create(name="Pattachitra"),
        users=users,
    )
