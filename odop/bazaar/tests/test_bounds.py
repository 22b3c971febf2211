"""Regression tests for issue #10: numbers, ids, text and JSON a hostile client sends.

Each test names the failure the outside tester saw; each failed before the fix (a 500, or a
row written that no page could read afterwards)."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.test import Client
from rest_framework.test import APIClient

from odop.accounts.models import User
from odop.bazaar import services
from odop.bazaar.models import Inquiry, Listing, Order, Quote
from odop.core import bounds

HUGE = 10**20


def _api(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_quote_that_would_overflow_the_order_total_is_refused_and_nothing_is_written(
    world: SimpleNamespace,
) -> None:
    """A quote of ₹99,99,99,999.99 × 101 overflowed Order.total (14 digits): the order row and
    the stock change were committed and every order page then answered 500."""
    world.listing.stock = 200
    world.listing.save()
    inquiry = _api(world.buyer).post(
        "/api/v1/bazaar/inquiries/",
        {"listing": world.listing.pk, "quantity": 101},
        format="json",
    )
    assert inquiry.status_code == 201, inquiry.content
    quote = _api(world.seller).post(
        f"/api/v1/bazaar/inquiries/{inquiry.json()['id']}/quotes/",
        {
            "unit_price": "9999999999.99",
            "quantity": 101,
            "valid_until": (dt.date.today() + dt.timedelta(days=5)).isoformat(),
        },
        format="json",
    )
    assert quote.status_code == 400
    assert "unit_price" in quote.json()["codes"]
    assert not Quote.objects.exists()
    assert not Order.objects.exists()


def test_order_of_a_trillion_units_is_refused_before_the_stock_moves(
    world: SimpleNamespace,
) -> None:
    response = _api(world.buyer).post(
        "/api/v1/bazaar/orders/", {"listing": world.listing.pk, "quantity": 10**12}, format="json"
    )
    assert response.status_code == 400
    assert "quantity" in response.json()["codes"]
    world.listing.refresh_from_db()
    assert world.listing.stock == 20
    assert not Order.objects.exists()


def test_order_place_refuses_a_total_beyond_money_max_and_writes_nothing(
    world: SimpleNamespace,
) -> None:
    """The service checks the whole order (full_clean) before it takes the stock, even when a
    caller skips the serializer."""
    Listing.objects.filter(pk=world.listing.pk).update(
        stock=bounds.STOCK_MAX, price=bounds.PRICE_MAX
    )
    with pytest.raises(ValidationError) as error:
        services.order_place(buyer=world.buyer, listing=world.listing, quantity=10**7)
    assert "quantity" in error.value.message_dict
    world.listing.refresh_from_db()
    assert world.listing.stock == bounds.STOCK_MAX
    assert not Order.objects.exists()
    # The largest legal order fits its total column exactly.
    order = services.order_place(
        buyer=world.buyer, listing=world.listing, quantity=bounds.QUANTITY_MAX
    )
    order.refresh_from_db()
    assert order.total == bounds.MONEY_MAX


def test_database_refuses_out_of_range_stock_and_totals(world: SimpleNamespace) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Listing.objects.filter(pk=world.listing.pk).update(stock=bounds.STOCK_MAX + 1)
    # PostgreSQL's smallint refuses 70,000 before the check constraint does (DataError).
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Listing.objects.filter(pk=world.listing.pk).update(lead_time_days=70_000)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("stock", HUGE),
        ("stock", bounds.STOCK_MAX + 1),
        ("lead_time_days", 70_000),
        ("price", "99999999999.99"),
        ("minimum_order", 0),
        ("story", "x" * (bounds.STORY_MAX + 1)),
    ],
)
def test_listing_patch_out_of_range_is_a_400_not_a_500(
    world: SimpleNamespace, field: str, value: object
) -> None:
    response = _api(world.seller).patch(
        f"/api/v1/bazaar/listings/{world.listing.pk}/", {field: value}, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["codes"]
    world.listing.refresh_from_db()
    assert world.listing.stock == 20


def test_sellers_stock_form_refuses_a_huge_number(world: SimpleNamespace) -> None:
    client = Client()
    client.force_login(world.seller)
    response = client.post(
        "/bazaar/sell/", {"action": "stock", "listing": world.listing.pk, "stock": HUGE}
    )
    assert response.status_code == 200  # the page again, with the error on the field
    world.listing.refresh_from_db()
    assert world.listing.stock == 20


def test_huge_ids_in_forms_and_query_strings_are_400s(world: SimpleNamespace) -> None:
    assert _api(None).get(f"/api/v1/bazaar/listings/?producer={HUGE}").status_code == 400
    assert _api(None).get(f"/api/v1/bazaar/listings/{HUGE}/").status_code == 404
    client = Client()
    client.force_login(world.seller)
    response = client.post("/bazaar/sell/", {"action": "stock", "listing": HUGE, "stock": 1})
    assert response.status_code in (200, 404)


def test_inquiry_message_has_a_length_limit(world: SimpleNamespace) -> None:
    response = _api(world.buyer).post(
        "/api/v1/bazaar/inquiries/",
        {
            "listing": world.listing.pk,
            "quantity": 1,
            "message": "x" * (bounds.MESSAGE_MAX + 1),
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["codes"]["message"] == ["max_length"]
    assert not Inquiry.objects.exists()


def test_json_nested_fifty_thousand_deep_is_a_400_with_a_code() -> None:
    body = "[" * 50_000 + "]" * 50_000
    response = APIClient().post("/api/v1/auth/token/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["codes"]["detail"] == "json_too_deep"


def test_json_slightly_too_deep_is_refused_too(settings: pytest.FixtureRequest) -> None:
    body = "[" * 40 + "]" * 40
    response = APIClient().post("/api/v1/auth/token/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["codes"]["detail"] == "json_too_deep"


def test_body_larger_than_the_limit_is_refused(settings) -> None:  # type: ignore[no-untyped-def]
    settings.ODOP_API_MAX_BODY_BYTES = 1_000
    body = '{"username": "' + "x" * 2_000 + '"}'
    response = APIClient().post("/api/v1/auth/token/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["codes"]["detail"] == "body_too_large"


def test_money_bounds_fit_their_columns() -> None:
    """The largest total (price × quantity) fits `MONEY_DIGITS` digits with paise."""
    assert bounds.MONEY_MAX == bounds.PRICE_MAX * bounds.QUANTITY_MAX
    assert len(str(int(bounds.MONEY_MAX))) + 2 <= bounds.MONEY_DIGITS
    assert Order._meta.get_field("total").max_digits == bounds.MONEY_DIGITS
    assert Decimal(bounds.PRICE_MAX).as_tuple().exponent == -2
