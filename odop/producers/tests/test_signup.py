"""A producer registers on their own (issue 12): an account that works once its email is
confirmed, and a producer record awaiting the district officer's verification, exactly as
when a producer account registers from the bazaar."""

import re
from collections.abc import Iterator

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from odop.accounts.models import Role, User
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.producers.models import Producer, ProducerStatus
from odop.producers.tests.factories import ProducerFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/producers/signup/"
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _fresh_throttles() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def patna(db: None):
    return DistrictFactory.create(
        lgd_code=212, name="Patna", state=StateFactory.create(lgd_code=10, name="Bihar")
    )


def form(district_id: int, **changes: str) -> dict[str, str]:
    return {
        "name": "Sunita Devi",
        "enterprise": "Sunita Sikki Udyog",
        "kind": "artisan",
        "district": str(district_id),
        "pin_code": "800001",
        "phone": "+91 98765 43210",
        "email": "sunita@example.in",
        "password": PASSWORD,
        "password_again": PASSWORD,
        **changes,
    }


def test_a_producer_signs_up_as_pending_and_confirms_the_email(client: Client, patna) -> None:
    """Issue 12: producers may register themselves; the district officer verifies them."""
    # when
    response = client.post(SIGNUP, form(patna.pk))
    # then an inactive producer account and its pending record exist
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/sent/"
    user = User.objects.get(username="sunita@example.in")
    assert (user.role, user.is_active) == (Role.PRODUCER, False)
    producer = Producer.objects.get(user=user)
    assert (producer.name, producer.district, producer.status) == (
        "Sunita Sikki Udyog",
        patna,
        ProducerStatus.PENDING,
    )
    assert (producer.onboarded_by, producer.verified_by) == (None, None)
    assert (producer.phone, producer.email) == ("+919876543210", "sunita@example.in")
    # and the emailed link activates the account
    (url,) = re.findall(r"https?://\S+", mail.outbox[0].body)
    client.post(url.split("testserver", 1)[1])
    user.refresh_from_db()
    assert user.is_active is True
    signed_in = client.post(
        "/accounts/login/", {"username": "sunita@example.in", "password": PASSWORD}
    )
    assert signed_in["Location"] == "/my/"
    assert "awaits verification by your district officer" in client.get("/my/").content.decode()


def test_a_refusal_of_the_producer_registry_keeps_nothing(client: Client, patna) -> None:
    """Issue 12: a duplicate phone (the registry's own check) is shown on the form, and no
    account is left behind."""
    ProducerFactory.create(district=patna, phone="+919876543210")
    response = client.post(SIGNUP, form(patna.pk))
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert User.objects.filter(username="sunita@example.in").exists() is False
    assert mail.outbox == []


def test_the_form_shows_every_missing_field_at_once(client: Client, patna) -> None:
    """Issue 12: all errors in one answer, nothing created."""
    response = client.post(SIGNUP, {})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("This field is required.") >= 8
    assert Producer.objects.exists() is False


def test_the_producer_sign_up_page_is_in_hindi_under_hi(client: Client, patna) -> None:
    """Issue 12: sign-up in both languages."""
    html = client.get("/hi/producers/signup/").content.decode()
    assert "अपना उद्यम पंजीकृत करें" in html
    assert "Patna, Bihar" in html
