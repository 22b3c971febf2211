"""Forms report every error at once, summarised at the top and linked to the fields, read
digits typed in Devanagari, and a storefront query the form refuses finds nothing and says
why (issue 12, item 6)."""

import re
from types import SimpleNamespace

from django.test import Client

from odop.accounts.models import User
from odop.bazaar.forms import InquiryForm
from odop.bazaar.models import Inquiry
from odop.producers.models import Producer


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_onboarding_shows_every_error_in_one_submission(world: SimpleNamespace) -> None:
    """Issue 12: the onboarding form took three submissions to show its errors (the form's,
    then the consent note, then the identifiers). One submission now gives all four."""
    response = _client(world.officer).post(
        "/bazaar/officer/",
        {
            "action": "onboard",
            "name": "",
            "kind": "shg",
            "district": world.patna.pk,
            "pin_code": "12",
            "gstin": "10ABCDE1234F1Z0",
            "consent_note": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary" role="alert">.*?</div>', html, re.S)
    assert summary is not None
    links = re.findall(r'<a href="#([^"]+)">', summary.group(0))
    assert set(links) == {
        "id_onboard_name",
        "id_onboard_pin_code",
        "id_onboard_gstin",
        "id_onboard_consent_note",
    }, links
    for field in links:  # each link leads to a field marked invalid
        assert re.search(
            rf'id="{field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="{field}"', html
        )
    assert "A PIN code is six digits" in _text(summary.group(0))
    assert Producer.objects.filter(pin_code="12").exists() is False


def test_devanagari_digits_are_read_as_digits(world: SimpleNamespace) -> None:
    """Issue 12: "१२" in a number field gave "This field is required" (the browser's number
    input refused it); PIN and phone in Devanagari are stored in ASCII digits."""
    form = InquiryForm()
    assert 'type="number"' not in str(form["quantity"])
    assert 'inputmode="numeric"' in str(form["quantity"])
    response = _client(world.officer).post(
        "/bazaar/officer/",
        {
            "action": "onboard",
            "name": "Danapur Bamboo SHG",
            "kind": "shg",
            "district": world.patna.pk,
            "pin_code": "८०१५०३",
            "phone": "९८७६५ ००००१",
            "consent_note": "Signed form at the DIC",
        },
    )
    assert response.status_code == 302, _text(response.content.decode())
    producer = Producer.objects.get(name="Danapur Bamboo SHG")
    assert (producer.pin_code, producer.phone) == ("801503", "9876500001")
    buyer = world.users["buyer"]
    response = _client(buyer).post(
        f"/bazaar/listings/{world.listing.pk}/", {"action": "inquiry", "quantity": "१२"}
    )
    assert response.status_code == 302
    assert Inquiry.objects.get(buyer=buyer).quantity == 12


def test_a_storefront_query_too_long_finds_nothing_and_says_why(world: SimpleNamespace) -> None:
    """Issue 12: a query over 100 characters was dropped silently and every product shown."""
    response = _client().get("/bazaar/", {"q": "basket " * 20})
    text = _text(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "at most 100 characters" in text
    assert world.listing.title not in text
    assert "0 products" in text
    # the live search (HTMX) gets the same answer
    partial = _client().get("/bazaar/", {"q": "basket " * 20}, headers={"HX-Request": "true"})
    assert "at most 100 characters" in _text(partial.content.decode())


def test_a_new_listing_shows_the_model_checks_with_the_form_errors(world: SimpleNamespace) -> None:
    """Issue 12: a missing title (the form's check) and a bad HS code and GTIN (the model's
    checks, once run only by the service after the form passed) in one submission."""
    response = _client(world.seller).post(
        "/bazaar/sell/listings/new/",
        {
            "product": world.listing.product_id,
            "title": "",
            "price": "120",
            "unit": "piece",
            "minimum_order": "1",
            "lead_time_days": "7",
            "stock": "5",
            "hs_code": "12345",
            "gtin": "123",
            "country_of_origin": "IN",
        },
    )
    assert response.status_code == 200
    summary = re.search(
        r'<div class="error-summary" role="alert">.*?</div>', response.content.decode(), re.S
    )
    assert summary is not None
    assert set(re.findall(r'<a href="#([^"]+)">', summary.group(0))) == {
        "id_listing_title",
        "id_listing_hs_code",
        "id_listing_gtin",
    }
