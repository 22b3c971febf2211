"""Users, roles and demo accounts (issue #2)."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings

from odop.accounts.models import Role, User
from odop.accounts.services import user_create
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.platform.demo import demo_accounts_ensure

pytestmark = pytest.mark.django_db


def test_officers_must_be_scoped() -> None:
    with pytest.raises(ValidationError):
        user_create(username="s", password="x-long-password", role=Role.STATE_OFFICER)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="d", role=Role.DISTRICT_OFFICER)


def test_demo_accounts_one_per_role_and_stable(tmp_path: Path) -> None:
    StateFactory(lgd_code=10, name="Bihar")
    uttar_pradesh = StateFactory(lgd_code=9, name="Uttar Pradesh")
    DistrictFactory(name="Moradabad", name_lgd="MORADABAD", state=uttar_pradesh)
    path = tmp_path / "demo.json"
    with override_settings(ODOP_DEMO_MODE=True):
        first = demo_accounts_ensure(path=path)
        second = demo_accounts_ensure(path=path)
    entries = json.loads(path.read_text())
    assert {entry["role"] for entry in entries} == {role.value for role in Role}
    assert set(entries[0]) >= {"username", "password", "role"}
    assert first == second  # re-running changes nothing
    for entry in entries:
        user = User.objects.get(username=entry["username"])
        assert user.check_password(entry["password"])
        assert user.role == entry["role"]
    # The State officer's State holds the district officer's district (issue 12).
    assert User.objects.get(username="demo-state").state == uttar_pradesh


def test_no_demo_accounts_outside_demo_mode(tmp_path: Path) -> None:
    with override_settings(ODOP_DEMO_MODE=False), pytest.raises(ImproperlyConfigured):
        demo_accounts_ensure(path=tmp_path / "demo.json")
    assert User.objects.exists() is False


def test_production_settings_turn_demo_mode_off() -> None:
    source = (
        Path(__file__).resolve().parents[3] / "config" / "settings" / "production.py"
    ).read_text()
    assert "ODOP_DEMO_MODE = False" in source
