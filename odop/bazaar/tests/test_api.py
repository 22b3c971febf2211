"""The bazaar API as the issue states it: token auth, stock by PATCH, orders answered 201 or
400 `insufficient_stock`, `?mine=1`; the role matrix; search; query counts."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from odop.accounts.models import User
from odop.bazaar.models import ListingStatus, Order
from odop.bazaar.tests.factories import ListingFactory
from odop.producers.models import ContactReveal, Producer

PASSWORD = "pass-word-123"  # UserFactory's


def _client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        response = client.post(
            "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}
        )
        assert response.status_code == 200, response.content
        client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def test_token_with_a_wrong_password_is_refused(world: SimpleNamespace) -> None:
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": world.buyer.username, "password": "nope"}
    )
    assert response.status_code == 400


def test_seller_sets_stock_and_buyer_orders_until_it_runs_out(world: SimpleNamespace) -> None:
    seller, buyer = _client(world.seller), _client(world.buyer)
    url = f"/api/v1/bazaar/listings/{world.listing.pk}/"
    response = seller.patch(url, {"stock": 3}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["stock"] == 3
    placed = buyer.post(
        "/api/v1/bazaar/orders/", {"listing": world.listing.pk, "quantity": 2}, format="json"
    )
    assert placed.status_code == 201, placed.content
    assert placed.json()["events"][0]["kind"] == "placed"
    refused = buyer.post(
        "/api/v1/bazaar/orders/", {"listing": world.listing.pk, "quantity": 2}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["codes"]["quantity"] == ["insufficient_stock"]
    assert buyer.get(url).json()["stock"] == 1
    assert Order.objects.count() == 1


def test_mine_lists_the_sellers_own_listings_in_any_status(world: SimpleNamespace) -> None:
    draft = ListingFactory.create(
        producer=world.producer, product=world.listing.product, status=ListingStatus.DRAFT
    )
    ListingFactory.create()  # someone else's published listing
    mine = _client(world.seller).get("/api/v1/bazaar/listings/?mine=1").json()
    assert sorted(row["id"] for row in mine["results"]) == sorted([world.listing.pk, draft.pk])
    public = _client(None).get("/api/v1/bazaar/listings/").json()
    assert draft.pk not in [row["id"] for row in public["results"]]
    assert _client(world.buyer).get("/api/v1/bazaar/listings/?mine=1").json()["results"] == []


def test_search_and_facets_through_the_api(world: SimpleNamespace) -> None:
    ListingFactory.create(title="Bhagalpuri silk saree", producer__district=world.bhagalpur)
    client = _client(None)
    found = client.get("/api/v1/bazaar/listings/", {"q": "sikki"}).json()["results"]
    assert [row["id"] for row in found] == [world.listing.pk]
    by_district = client.get("/api/v1/bazaar/listings/", {"district": 192}).json()["results"]
    assert [row["title"] for row in by_district] == ["Bhagalpuri silk saree"]
    assert (
        client.get("/api/v1/bazaar/listings/", {"q": "saree", "district": 212}).json()["results"]
        == []
    )


def test_listing_list_query_count_does_not_grow(
    world: SimpleNamespace, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for _ in range(15):
        ListingFactory.create(producer=world.producer, product=world.listing.product)
    client = _client(None)
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/bazaar/listings/")
    assert response.json()["count"] == 16


# Who may do what: (role, expected status).
PATCH_STOCK = [
    ("anonymous", 401),
    ("buyer", 403),
    ("producer_other", 403),
    ("producer_own", 200),
    ("district_officer_own", 200),
    ("district_officer_other", 403),
    ("state_officer_own", 200),
    ("national_admin", 200),
    ("assessor", 403),
]


@pytest.mark.parametrize(("role", "expected"), PATCH_STOCK)
def test_role_matrix_patch_stock(world: SimpleNamespace, role: str, expected: int) -> None:
    response = _client(world.users[role]).patch(
        f"/api/v1/bazaar/listings/{world.listing.pk}/", {"stock": 7}, format="json"
    )
    assert response.status_code == expected
    world.listing.refresh_from_db()
    assert world.listing.stock == (7 if expected == 200 else 20)


ORDER = [
    ("anonymous", 401),
    ("buyer", 201),
    ("mission_officer", 201),
    ("producer_own", 403),
    ("producer_other", 403),
    ("district_officer_own", 403),
    ("national_admin", 403),
    ("assessor", 403),
]


@pytest.mark.parametrize(("role", "expected"), ORDER)
def test_role_matrix_order(world: SimpleNamespace, role: str, expected: int) -> None:
    response = _client(world.users[role]).post(
        "/api/v1/bazaar/orders/", {"listing": world.listing.pk, "quantity": 1}, format="json"
    )
    assert response.status_code == expected


DRAFT_VISIBLE = [
    ("anonymous", 404),
    ("buyer", 404),
    ("producer_other", 404),
    ("producer_own", 200),
    ("district_officer_own", 200),
    ("district_officer_other", 404),
    ("state_officer_own", 200),
    ("state_officer_other", 404),
    ("national_admin", 200),
]


@pytest.mark.parametrize(("role", "expected"), DRAFT_VISIBLE)
def test_role_matrix_draft_listing(world: SimpleNamespace, role: str, expected: int) -> None:
    draft = ListingFactory.create(
        producer=world.producer, product=world.listing.product, status=ListingStatus.DRAFT
    )
    response = _client(world.users[role]).get(f"/api/v1/bazaar/listings/{draft.pk}/")
    assert response.status_code == expected


CONTACT = [
    ("anonymous", 401),
    ("buyer", 200),
    ("mission_officer", 200),
    ("producer_own", 200),
    ("producer_other", 403),
    ("district_officer_own", 200),
    ("district_officer_other", 403),
    ("assessor", 403),
]


@pytest.mark.parametrize(("role", "expected"), CONTACT)
def test_role_matrix_contact_reveal(world: SimpleNamespace, role: str, expected: int) -> None:
    response = _client(world.users[role]).post(
        f"/api/v1/bazaar/producers/{world.producer.pk}/contact/"
    )
    assert response.status_code == expected
    logged = role in {"buyer", "mission_officer"}
    assert ContactReveal.objects.count() == (1 if logged else 0)
    if expected == 200:
        assert response.json()["phone"] == world.producer.phone


def test_public_producer_profile_hides_contact_details(world: SimpleNamespace) -> None:
    body = _client(None).get(f"/api/v1/bazaar/producers/{world.producer.pk}/").json()
    assert "phone" not in body and "email" not in body and "gstin" not in body


def test_producer_sees_who_revealed_their_contact(world: SimpleNamespace) -> None:
    _client(world.buyer).post(f"/api/v1/bazaar/producers/{world.producer.pk}/contact/")
    reveals = _client(world.seller).get(f"/api/v1/bazaar/producers/{world.producer.pk}/reveals/")
    assert [row["viewer"] for row in reveals.json()["results"]] == [world.buyer.username]
    hidden = _client(world.buyer).get(f"/api/v1/bazaar/producers/{world.producer.pk}/reveals/")
    assert hidden.status_code == 404


def test_officer_onboards_and_verifies_through_the_api(world: SimpleNamespace) -> None:
    officer = _client(world.officer)
    response = officer.post(
        "/api/v1/bazaar/producers/",
        {
            "district": 212,
            "name": "Patna Tikuli Artists",
            "kind": "artisan",
            "pin_code": "800001",
            "pan": "ABCPK1234L",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["codes"]["consent_note"] == ["consent_missing"]
    response = officer.post(
        "/api/v1/bazaar/producers/",
        {
            "district": 212,
            "name": "Patna Tikuli Artists",
            "kind": "artisan",
            "pin_code": "800001",
            "pan": "ABCPK1234L",
            "consent_note": "Consent form signed at the DIC, 2026-11-20",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    producer_id = response.json()["id"]
    assert response.json()["status"] == "pending"
    other = _client(world.users["district_officer_other"])
    assert other.post(f"/api/v1/bazaar/producers/{producer_id}/verify/").status_code == 404
    verified = officer.post(f"/api/v1/bazaar/producers/{producer_id}/verify/")
    assert verified.json()["status"] == "verified"
    assert Producer.objects.get(pk=producer_id).verified_by == world.officer


def test_bad_gstin_gets_its_code(world: SimpleNamespace) -> None:
    response = _client(world.officer).post(
        "/api/v1/bazaar/producers/",
        {
            "district": 212,
            "name": "Typo Traders",
            "kind": "msme",
            "pin_code": "800001",
            "gstin": "27AAPFU0939F1ZX",
            "consent_note": "in person",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["codes"]["gstin"] == ["gstin_check_failed"]


def test_inquiry_quote_accept_over_the_api(world: SimpleNamespace) -> None:
    buyer, seller = _client(world.buyer), _client(world.seller)
    inquiry = buyer.post(
        "/api/v1/bazaar/inquiries/",
        {"listing": world.listing.pk, "quantity": 5, "message": "Wedding gifts"},
        format="json",
    ).json()
    quote = seller.post(
        f"/api/v1/bazaar/inquiries/{inquiry['id']}/quotes/",
        {
            "unit_price": "200.00",
            "quantity": 5,
            "valid_until": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
        },
        format="json",
    )
    assert quote.status_code == 201, quote.content
    assert _client(world.users["buyer"]).get("/api/v1/bazaar/inquiries/").json()["count"] == 1
    assert (
        _client(world.users["mission_officer"]).get("/api/v1/bazaar/inquiries/").json()["count"]
        == 0
    )
    order = buyer.post(f"/api/v1/bazaar/quotes/{quote.json()['id']}/accept/")
    assert order.status_code == 201, order.content
    assert order.json()["total"] == "1000.00"
    order_id = order.json()["id"]
    assert (
        seller.post(
            f"/api/v1/bazaar/orders/{order_id}/transition/",
            {"to_status": "confirmed"},
            format="json",
        ).json()["status"]
        == "confirmed"
    )
    wrong = buyer.post(
        f"/api/v1/bazaar/orders/{order_id}/transition/", {"to_status": "shipped"}, format="json"
    )
    assert wrong.status_code == 403


def test_schema_lists_the_bazaar(world: SimpleNamespace) -> None:
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/bazaar/orders/" in schema["paths"]
    assert "patch" in schema["paths"]["/api/v1/bazaar/listings/{listing_id}/"]
