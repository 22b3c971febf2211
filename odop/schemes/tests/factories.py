"""Factories for scheme tests: officers who keep scheme rules, and the shipped schemes."""

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.geography.models import State
from odop.geography.tests.factories import StateFactory
from odop.schemes.services import schemes_load

UP_LGD_CODE = 9


def uttar_pradesh() -> State:
    return StateFactory.create(lgd_code=UP_LGD_CODE, name="Uttar Pradesh")


def national_admin() -> User:
    return UserFactory.create(role=Role.NATIONAL_ADMIN)


def state_officer(state: State, **fields: object) -> User:
    return UserFactory.create(role=Role.STATE_OFFICER, state=state, **fields)


def shipped_schemes_loaded() -> State:
    """Uttar Pradesh and the five shipped schemes, as `odop schemes_load` stores them."""
    state = uttar_pradesh()
    schemes_load()
    return state
