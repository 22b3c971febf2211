"""The producer 360 page's forms: members, bank account, products made, merging (issue 11:
the registry's writes were API-only; officers and producers on a phone use the page)."""

from types import SimpleNamespace

import pytest
from django.test import Client

from odop.producers.models import Producer, ProducerEvent, ProducerMember
from odop.producers.tests.factories import ProducerFactory
from odop.registry.tests.factories import DistrictProductFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _path(producer: Producer) -> str:
    return f"/producers/{producer.pk}/"


def test_the_producer_adds_a_member_and_only_four_digits_of_aadhaar_are_kept(world):
    response = _client(world.seller).post(
        _path(world.producer),
        {
            "action": "member",
            "member-name": "Sunita Devi",
            "member-gender": "female",
            "member-social_category": "sc",
            "member-role": "president",
            "member-aadhaar": "2345 6789 0124",
        },
    )

    member = ProducerMember.objects.get(producer=world.producer)
    assert response.status_code == 302
    assert (member.name, member.aadhaar_last_four) == ("Sunita Devi", "0124")
    page = _client(world.seller).get(_path(world.producer)).content.decode()
    assert "Sunita Devi" in page
    assert "234567890124" not in page


def test_an_aadhaar_number_that_fails_its_checksum_is_shown_on_the_form(world):
    response = _client(world.officer).post(
        _path(world.producer),
        {
            "action": "member",
            "member-name": "Sunita Devi",
            "member-gender": "female",
            "member-social_category": "sc",
            "member-role": "member",
            "member-aadhaar": "234567890125",
        },
    )

    assert response.status_code == 400
    assert ProducerMember.objects.count() == 0
    assert response.context["forms"]["member"].errors


def test_a_sole_artisan_has_no_members_form(world):
    artisan = ProducerFactory.create(district=world.patna, kind="artisan", user=None)

    page = _client(world.officer).get(_path(artisan))
    refused = _client(world.officer).post(
        _path(artisan), {"action": "member", "member-name": "X", "member-gender": "male"}
    )

    assert "member" not in page.context["forms"]
    assert refused.status_code == 403


def test_the_officer_sets_the_bank_account_and_the_number_is_never_shown(world):
    response = _client(world.officer).post(
        _path(world.producer),
        {
            "action": "bank",
            "bank-holder": "Patna Sikki Grass Collective",
            "bank-ifsc": "sbin0001234",
            "bank-account_number": "3012 3456 7890",
        },
        follow=True,
    )

    world.producer.refresh_from_db()
    assert (world.producer.bank_ifsc, world.producer.bank_account_last_four) == (
        "SBIN0001234",
        "7890",
    )
    page = response.content.decode()
    assert "account ending 7890" in page
    assert "301234567890" not in page and "3012 3456 7890" not in page


def test_a_bad_ifsc_is_refused_on_the_form_and_nothing_is_kept(world):
    response = _client(world.officer).post(
        _path(world.producer),
        {
            "action": "bank",
            "bank-holder": "X",
            "bank-ifsc": "SBIN1001234",
            "bank-account_number": "301234567890",
        },
    )

    world.producer.refresh_from_db()
    assert response.status_code == 400
    assert world.producer.bank_account_last_four == ""


def test_products_made_are_chosen_from_the_district_only(world):
    own = DistrictProductFactory.create(district=world.patna, name="Sikki Grass Craft")
    other = DistrictProductFactory.create(district=world.bhagalpur, name="Bhagalpur Silk")
    client = _client(world.seller)

    offered = client.get(_path(world.producer)).context["forms"]["products"]
    refused = client.post(
        _path(world.producer), {"action": "products", "products-products": [other.pk]}
    )
    saved = client.post(
        _path(world.producer), {"action": "products", "products-products": [own.pk]}
    )

    assert list(offered.fields["products"].queryset) == [own]
    assert refused.status_code == 400
    assert saved.status_code == 302
    assert list(world.producer.products.all()) == [own]


@pytest.mark.parametrize(
    ("who", "status"),
    [("producer_other", 404), ("buyer", 404), ("district_officer_other", 404), ("anonymous", 302)],
)
def test_people_who_may_not_see_the_record_cannot_post_to_it(world, who, status):
    response = _client(world.users[who]).post(
        _path(world.producer),
        {
            "action": "bank",
            "bank-holder": "X",
            "bank-ifsc": "SBIN0001234",
            "bank-account_number": "301234567890",
        },
    )

    world.producer.refresh_from_db()
    assert response.status_code == status
    assert world.producer.bank_account_last_four == ""


def _merge(user, survivor: Producer, duplicate_id: int, confirm: bool = True):
    data = {"action": "merge", "merge-duplicate": str(duplicate_id), "merge-note": "same firm"}
    if confirm:
        data["merge-confirm"] = "on"
    return _client(user).post(_path(survivor), data)


def test_a_national_admin_merges_a_duplicate_from_the_page(world):
    duplicate = ProducerFactory.create(
        district=world.patna, name="Sikki Collective (again)", user=None
    )
    admin = world.users["national_admin"]

    unconfirmed = _merge(admin, world.producer, duplicate.pk, confirm=False)
    missing = _merge(admin, world.producer, duplicate.pk + 1000)
    merged = _merge(admin, world.producer, duplicate.pk)

    assert unconfirmed.status_code == missing.status_code == 400
    assert "no producer record with this number" in missing.content.decode()
    assert merged.status_code == 302
    assert not Producer.objects.filter(pk=duplicate.pk).exists()
    assert ProducerEvent.objects.get().other_producer_id == duplicate.pk


@pytest.mark.parametrize("who", ["district_officer_own", "state_officer_own", "producer_own"])
def test_only_a_national_admin_has_the_merge_form(world: SimpleNamespace, who):
    duplicate = ProducerFactory.create(district=world.patna, user=None)

    page = _client(world.users[who]).get(_path(world.producer))
    refused = _merge(world.users[who], world.producer, duplicate.pk)

    assert "merge" not in page.context["forms"]
    assert refused.status_code == 403
    assert Producer.objects.filter(pk=duplicate.pk).exists()
