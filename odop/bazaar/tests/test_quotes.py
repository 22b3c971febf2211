"""The quote rule (issue 12, item 2): a quote beyond stock is made to order with a lead time or
refused; accepting a made-to-order quote takes no stock; a quote that can no longer be met
lapses with its reason instead of staying "Offered" for ever. Services, API and pages."""

import datetime as dt
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.bazaar import services
from odop.bazaar.models import (
    Inquiry,
    InquiryStatus,
    Listing,
    Order,
    OrderStatus,
    Quote,
    QuoteEvent,
    QuoteStatus,
)
from odop.core import bounds
from odop.core.errors import error_code

pytestmark = pytest.mark.django_db

WEEK = dt.timedelta(days=7)


def _inquiry(world: SimpleNamespace, quantity: int) -> Inquiry:
    return services.inquiry_create(buyer=world.buyer, listing=world.listing, quantity=quantity)


def _quote(world: SimpleNamespace, inquiry: Inquiry, quantity: int, **terms: object) -> Quote:
    return services.quote_create(
        actor=world.seller,
        inquiry=inquiry,
        unit_price=Decimal("200"),
        quantity=quantity,
        valid_until=timezone.localdate() + WEEK,
        **terms,  # type: ignore[arg-type]
    )


def _stock(world: SimpleNamespace) -> int:
    return Listing.objects.get(pk=world.listing.pk).stock


def test_quote_beyond_stock_is_refused_unless_made_to_order(world: SimpleNamespace) -> None:
    """issue 12: 50 quoted with 20 in stock was accepted, and the buyer's accept failed."""
    # given an inquiry for 50 of a listing holding 20
    inquiry = _inquiry(world, 50)
    # when the producer quotes 50 from stock
    with pytest.raises(ValidationError) as error:
        _quote(world, inquiry, 50)
    # then it is refused, and nothing is written
    assert error_code(error.value) == "quote_beyond_stock"
    assert "20" in " ".join(error.value.messages)
    assert Quote.objects.exists() is False
    assert Inquiry.objects.get(pk=inquiry.pk).status == InquiryStatus.OPEN


@pytest.mark.parametrize(
    ("terms", "code"),
    [
        ({"made_to_order": True}, "lead_time_missing"),
        ({"made_to_order": True, "lead_time_days": 0}, "lead_time_range"),
        (
            {"made_to_order": True, "lead_time_days": bounds.LEAD_TIME_DAYS_MAX + 1},
            "lead_time_range",
        ),
        ({"lead_time_days": 10}, "lead_time_not_made_to_order"),
    ],
)
def test_made_to_order_terms_are_checked(
    world: SimpleNamespace, terms: dict[str, object], code: str
) -> None:
    """issue 12: a made-to-order quote states a lead time within bounds, and only it does."""
    inquiry = _inquiry(world, 50)
    with pytest.raises(ValidationError) as error:
        _quote(world, inquiry, 50, **terms)
    assert error_code(error.value) == code
    assert Quote.objects.exists() is False


def test_accepting_a_made_to_order_quote_takes_no_stock(world: SimpleNamespace) -> None:
    """issue 12: the buyer accepts 50 made to order with 20 in stock and gets an order that
    says when it will be ready; cancelling it gives no stock back (it took none)."""
    # given a made-to-order quote of 50 with a lead time of 21 days
    inquiry = _inquiry(world, 50)
    quote = _quote(world, inquiry, 50, made_to_order=True, lead_time_days=21)
    # when the buyer accepts it
    order = services.quote_accept(buyer=world.buyer, quote=quote)
    # then an order for 50, made to order, ready in 21 days; the listed stock is untouched
    order = Order.objects.get(pk=order.pk)
    assert (order.quantity, order.made_to_order, order.lead_time_days) == (50, True, 21)
    assert order.ready_by == timezone.localdate() + dt.timedelta(days=21)
    assert order.total == Decimal("10000")
    assert _stock(world) == 20
    assert Quote.objects.get(pk=quote.pk).status == QuoteStatus.ACCEPTED
    # and cancelling it leaves the stock as it was
    services.order_transition(actor=world.seller, order=order, to_status=OrderStatus.CANCELLED)
    assert _stock(world) == 20


def test_stock_quote_within_stock_takes_stock(world: SimpleNamespace) -> None:
    """issue 12: a quote from stock takes its units when accepted, as an order does."""
    quote = _quote(world, _inquiry(world, 15), 15)
    order = services.quote_accept(buyer=world.buyer, quote=quote)
    assert (order.made_to_order, order.lead_time_days, order.ready_by) == (False, None, None)
    assert _stock(world) == 5


def test_quote_that_can_no_longer_be_met_lapses_and_the_producer_quotes_again(
    world: SimpleNamespace,
) -> None:
    """issue 12: the quote stayed "Offered" for ever after a failed accept. Now it lapses with
    the reason, the inquiry reopens and the producer can quote again."""
    # given a quote of all 20 units, then another buyer orders 5 of them
    inquiry = _inquiry(world, 20)
    quote = _quote(world, inquiry, 20)
    other = UserFactory.create(role=Role.BUYER)
    services.order_place(buyer=other, listing=world.listing, quantity=5)
    # when the first buyer accepts the quote
    with pytest.raises(ValidationError) as error:
        services.quote_accept(buyer=world.buyer, quote=quote)
    # then the buyer is told why, no order is placed and the stock is as the other order left it
    assert error_code(error.value) == "quote_lapsed"
    assert "15" in " ".join(error.value.messages)
    assert Order.objects.filter(buyer=world.buyer).exists() is False
    assert _stock(world) == 15
    # and the quote lapsed, with a history row saying why, and the inquiry is open again
    assert Quote.objects.get(pk=quote.pk).status == QuoteStatus.LAPSED
    lapse = QuoteEvent.objects.get(quote=quote, to_status=QuoteStatus.LAPSED)
    assert (lapse.from_status, lapse.actor) == (QuoteStatus.OFFERED, world.buyer)
    assert "15" in lapse.note
    assert Inquiry.objects.get(pk=inquiry.pk).status == InquiryStatus.OPEN
    # and the producer quotes again, which the buyer can accept
    again = _quote(world, inquiry, 15)
    assert services.quote_accept(buyer=world.buyer, quote=again).quantity == 15
    with pytest.raises(ValidationError) as closed:
        services.quote_accept(buyer=world.buyer, quote=quote)
    assert error_code(closed.value) == "quote_not_open"


def test_every_quote_move_writes_an_event(world: SimpleNamespace) -> None:
    """issue 12: the quote workflow is data with history rows (offered, withdrawn, accepted)."""
    inquiry = _inquiry(world, 5)
    first = _quote(world, inquiry, 5)
    second = _quote(world, inquiry, 4)
    services.quote_accept(buyer=world.buyer, quote=second)
    moves = [
        (event.quote_id, event.from_status, event.to_status)
        for event in QuoteEvent.objects.order_by("pk")
    ]
    assert moves == [
        (first.pk, "", QuoteStatus.OFFERED),
        (first.pk, QuoteStatus.OFFERED, QuoteStatus.WITHDRAWN),
        (second.pk, "", QuoteStatus.OFFERED),
        (second.pk, QuoteStatus.OFFERED, QuoteStatus.ACCEPTED),
    ]


# ---------------------------------------------------------------- API


def _api(user: object) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)  # type: ignore[arg-type]
    return client


def test_api_refuses_a_quote_beyond_stock_and_takes_a_made_to_order_one(
    world: SimpleNamespace,
) -> None:
    """issue 12: the API states made_to_order and lead_time_days on quotes and orders."""
    inquiry = _inquiry(world, 50)
    url = f"/api/v1/bazaar/inquiries/{inquiry.pk}/quotes/"
    body = {
        "unit_price": "200.00",
        "quantity": 50,
        "valid_until": (timezone.localdate() + WEEK).isoformat(),
    }
    seller = _api(world.seller)
    refused = seller.post(url, body, format="json")
    assert refused.status_code == 400
    assert refused.json()["codes"]["quantity"] == ["quote_beyond_stock"]
    made = seller.post(url, {**body, "made_to_order": True, "lead_time_days": 30}, format="json")
    assert made.status_code == 201, made.content
    assert (made.json()["made_to_order"], made.json()["lead_time_days"]) == (True, 30)
    order = _api(world.buyer).post(f"/api/v1/bazaar/quotes/{made.json()['id']}/accept/")
    assert order.status_code == 201, order.content
    data = order.json()
    assert (data["made_to_order"], data["lead_time_days"], data["quantity"]) == (True, 30, 50)
    assert data["ready_by"] == (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    assert _stock(world) == 20


def test_api_accept_of_a_quote_that_lapsed_says_why(world: SimpleNamespace) -> None:
    """issue 12: 400 `quote_lapsed`, and the quote shows as lapsed to the buyer."""
    inquiry = _inquiry(world, 20)
    quote = _quote(world, inquiry, 20)
    services.listing_stock_set(actor=world.seller, listing=world.listing, stock=3)
    response = _api(world.buyer).post(f"/api/v1/bazaar/quotes/{quote.pk}/accept/")
    assert response.status_code == 400
    assert response.json()["codes"] == {"non_field_errors": ["quote_lapsed"]}
    listed = _api(world.buyer).get("/api/v1/bazaar/inquiries/").json()["results"][0]
    assert (listed["status"], listed["quotes"][0]["status"]) == ("open", "lapsed")


# ---------------------------------------------------------------- pages


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _text(html: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))


def test_seller_page_quotes_made_to_order_beyond_stock(world: SimpleNamespace) -> None:
    """issue 12: the quote form says what is in stock and offers made to order with a lead
    time; ticked from the start when more is wanted than held."""
    inquiry = _inquiry(world, 50)
    seller = _client(world.seller)
    page = seller.get("/bazaar/sell/")
    assert "20 in stock" in _text(page.content)
    assert f'id="id_quote_{inquiry.pk}_made_to_order" checked' in page.content.decode()
    form = {
        "action": "quote",
        "inquiry": inquiry.pk,
        "unit_price": "200",
        "quantity": 50,
        "valid_until": (timezone.localdate() + WEEK).isoformat(),
    }
    refused = seller.post("/bazaar/sell/", form)
    assert refused.status_code == 200
    assert "Only 20 in stock" in _text(refused.content)
    assert Quote.objects.exists() is False
    made = seller.post("/bazaar/sell/", {**form, "made_to_order": "on", "lead_time_days": 12})
    assert made.status_code == 302
    quote = Quote.objects.get()
    assert (quote.made_to_order, quote.lead_time_days) == (True, 12)
    buyer_page = _text(_client(world.buyer).get("/bazaar/buy/").content)
    assert "made to order, ready in 12 days" in buyer_page
    accepted = _client(world.buyer).post("/bazaar/buy/", {"action": "accept", "quote": quote.pk})
    assert accepted.status_code == 302
    order_page = _text(_client(world.buyer).get(accepted["Location"]).content)
    assert "Made to order" in order_page
    assert "ready in 12 days" in order_page


def test_buyer_page_shows_why_a_quote_lapsed(world: SimpleNamespace) -> None:
    """issue 12: the buyer sees the refusal and the lapsed quote's reason, not an endless
    "Offered"; the producer sees the inquiry open to quote again."""
    inquiry = _inquiry(world, 20)
    quote = _quote(world, inquiry, 20)
    services.listing_stock_set(actor=world.seller, listing=world.listing, stock=8)
    page = _client(world.buyer).post("/bazaar/buy/", {"action": "accept", "quote": quote.pk})
    text = _text(page.content)
    assert page.status_code == 200
    assert "Only 8 left in stock, so this quote can no longer be met" in text
    assert "Could not be ordered" in text
    assert "Only 8 left in stock when the buyer accepted" in text
    seller_page = _client(world.seller).get("/bazaar/sell/").content.decode()
    assert f'name="inquiry" value="{inquiry.pk}"' in seller_page


def test_confirm_comes_before_cancel_and_cancel_is_secondary(world: SimpleNamespace) -> None:
    """issue 12: "Cancel order" sat before "Confirm" with the same weight."""
    order = services.order_place(buyer=world.buyer, listing=world.listing, quantity=2)
    for url in (f"/bazaar/orders/{order.pk}/", "/bazaar/sell/"):
        html = _client(world.seller).get(url).content.decode()
        confirm = html.index('value="confirmed">')
        cancel = html.index('value="cancelled" class="secondary">')
        assert confirm < cancel
        assert 'value="confirmed" class="secondary"' not in html
