"""Pages of the ODOP Bazaar (issue #5): who may open which page, the storefront's search and
facets, forms that show the services' errors and write nothing, contact reveals, assisted
onboarding, the seller's and buyer's moves, page weight and the storefront's query count."""

import datetime as dt
import io
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone
from PIL import Image

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.bazaar import services
from odop.bazaar.models import (
    Inquiry,
    InquiryStatus,
    Listing,
    ListingPhoto,
    ListingStatus,
    Order,
    OrderEvent,
    OrderStatus,
    PaymentStatus,
    Quote,
)
from odop.bazaar.tests.factories import ListingFactory, ProducerFactory
from odop.producers.models import (
    Certification,
    CertificationKind,
    ContactReveal,
    Producer,
    ProducerStatus,
)
from odop.registry.models import Sector
from odop.registry.tests.factories import DistrictProductFactory, GIEntryFactory

pytestmark = pytest.mark.django_db

PAGE_SIZE_LIMIT = 150 * 1024
ROLES = (
    "anonymous",
    "buyer",
    "mission_officer",
    "producer_own",
    "producer_other",
    "district_officer_own",
    "district_officer_other",
    "state_officer_own",
    "state_officer_other",
    "national_admin",
    "assessor",
)


def _client(user=None) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def scene(world: SimpleNamespace) -> SimpleNamespace:
    """The world plus a draft listing, a producer awaiting verification and an order."""
    world.draft = ListingFactory.create(
        producer=world.producer, title="Sikki grass tray", status=ListingStatus.DRAFT
    )
    world.pending = ProducerFactory.create(name="Patna Madhubani Artists", district=world.patna)
    world.order = services.order_place(buyer=world.buyer, listing=world.listing, quantity=2)
    return world


# ---------------------------------------------------------------- the role matrix

OK, LOGIN, FORBIDDEN, MISSING = 200, 302, 403, 404
EVERYONE_OK = dict.fromkeys(ROLES, OK)
OFFICERS_OWN = ("district_officer_own", "state_officer_own", "national_admin")

MATRIX: dict[str, dict[str, int]] = {
    "storefront": EVERYONE_OK,
    "listing": EVERYONE_OK,
    "draft_listing": {
        **dict.fromkeys(ROLES, MISSING),
        "producer_own": OK,
        **dict.fromkeys(OFFICERS_OWN, OK),
    },
    "producer": EVERYONE_OK,
    "pending_producer": {**dict.fromkeys(ROLES, MISSING), **dict.fromkeys(OFFICERS_OWN, OK)},
    "district": EVERYONE_OK,
    "sell": {
        **dict.fromkeys(ROLES, FORBIDDEN),
        "anonymous": LOGIN,
        "producer_own": OK,
        "producer_other": OK,  # the registration form: they have no producer record yet
    },
    "listing_new": {
        **dict.fromkeys(ROLES, FORBIDDEN),
        "anonymous": LOGIN,
        "producer_own": OK,
        "producer_other": LOGIN,  # sent to register first
    },
    "listing_new_for_producer": {
        **dict.fromkeys(ROLES, FORBIDDEN),
        "anonymous": LOGIN,
        "producer_own": OK,
        **dict.fromkeys(OFFICERS_OWN, OK),
    },
    "listing_new_for_pending": {
        **dict.fromkeys(ROLES, MISSING),
        "anonymous": LOGIN,
        **dict.fromkeys(OFFICERS_OWN, OK),
    },
    "listing_edit": {
        **dict.fromkeys(ROLES, FORBIDDEN),
        "anonymous": LOGIN,
        "producer_own": OK,
        **dict.fromkeys(OFFICERS_OWN, OK),
    },
    "buy": {
        **dict.fromkeys(ROLES, FORBIDDEN),
        "anonymous": LOGIN,
        "buyer": OK,
        "mission_officer": OK,
    },
    "order": {
        **dict.fromkeys(ROLES, MISSING),
        "anonymous": LOGIN,
        "buyer": OK,
        "producer_own": OK,
        **dict.fromkeys(OFFICERS_OWN, OK),
    },
    "officer": {
        **dict.fromkeys(ROLES, FORBIDDEN),
        "anonymous": LOGIN,
        "district_officer_own": OK,
        "district_officer_other": OK,
        "state_officer_own": OK,
        "state_officer_other": OK,
        "national_admin": OK,
    },
}


def _url(page: str, scene: SimpleNamespace) -> str:
    return {
        "storefront": "/bazaar/",
        "listing": f"/bazaar/listings/{scene.listing.pk}/",
        "draft_listing": f"/bazaar/listings/{scene.draft.pk}/",
        "producer": f"/bazaar/producers/{scene.producer.pk}/",
        "pending_producer": f"/bazaar/producers/{scene.pending.pk}/",
        "district": f"/bazaar/districts/{scene.patna.lgd_code}/",
        "sell": "/bazaar/sell/",
        "listing_new": "/bazaar/sell/listings/new/",
        "listing_new_for_producer": f"/bazaar/sell/listings/new/?producer={scene.producer.pk}",
        "listing_new_for_pending": f"/bazaar/sell/listings/new/?producer={scene.pending.pk}",
        "listing_edit": f"/bazaar/sell/listings/{scene.listing.pk}/",
        "buy": "/bazaar/buy/",
        "order": f"/bazaar/orders/{scene.order.pk}/",
        "officer": "/bazaar/officer/",
    }[page]


@pytest.mark.parametrize(
    ("page", "role", "expected"),
    [
        pytest.param(page, role, expected, id=f"{page}-{role}_case")
        for page, row in MATRIX.items()
        for role, expected in row.items()
    ],
)
def test_page_answers_by_role(scene: SimpleNamespace, page: str, role: str, expected: int) -> None:
    response = _client(scene.users[role]).get(_url(page, scene))
    assert response.status_code == expected
    if expected == LOGIN and role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


def test_unknown_district_and_listing_answer_404(world: SimpleNamespace) -> None:
    assert _client().get("/bazaar/districts/99999/").status_code == 404
    assert _client().get("/bazaar/listings/99999/").status_code == 404


def test_anonymous_post_is_sent_to_sign_in(world: SimpleNamespace) -> None:
    response = _client().post(
        f"/bazaar/listings/{world.listing.pk}/", {"action": "order", "quantity": 1}
    )
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Order.objects.exists() is False


def test_a_producer_cannot_order(world: SimpleNamespace) -> None:
    response = _client(world.users["producer_other"]).post(
        f"/bazaar/listings/{world.listing.pk}/", {"action": "order", "quantity": 1}
    )
    assert response.status_code == 403
    assert Order.objects.exists() is False


# ---------------------------------------------------------------- storefront


@pytest.fixture
def shelf(world: SimpleNamespace) -> SimpleNamespace:
    """Listings in two States, sectors, with and without GI and export readiness."""
    gi = GIEntryFactory.create(name="Sikki Grass Products of Bihar")
    gi_product = DistrictProductFactory.create(
        district=world.patna,
        name="Sikki GI craft",
        is_gi=True,
        gi_entry=gi,
        sector=Sector.HANDICRAFT,
    )
    world.gi_listing = ListingFactory.create(
        producer=world.producer,
        product=gi_product,
        title="Sikki grass elephant",
        price=Decimal("900"),
        export_ready=True,
    )
    odisha_producer = ProducerFactory.create(
        district=world.baleshwar, status=ProducerStatus.VERIFIED, verified_by=world.officer
    )
    world.brass = ListingFactory.create(
        producer=odisha_producer,
        title="Brass lamp",
        story="Bell metal lamp",
        product__sector=Sector.HANDICRAFT,
        price=Decimal("1200"),
    )
    world.gi_unauthorised = ListingFactory.create(
        producer=odisha_producer,
        title="Rasagola tin",
        product__is_gi=True,
        product__sector=Sector.FOOD_PROCESSING,
        price=Decimal("150"),
    )
    return world


def _titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return re.findall(r'class="card-title">([^<]+)<', response.content.decode())


def test_storefront_finds_by_text(shelf: SimpleNamespace) -> None:
    # when
    response = _client().get("/bazaar/", {"q": "sikki"})
    # then
    assert response.status_code == 200
    assert sorted(_titles(response)) == ["Sikki grass basket", "Sikki grass elephant"]
    assert sorted(_titles(_client().get("/bazaar/", {"q": "bell met"}))) == ["Brass lamp"]
    assert _titles(_client().get("/bazaar/", {"q": "nothing-like-this"})) == []


def test_storefront_filters_by_facet(shelf: SimpleNamespace) -> None:
    get = _client().get
    assert sorted(_titles(get("/bazaar/", {"state": "21"}))) == ["Brass lamp", "Rasagola tin"]
    assert _titles(get("/bazaar/", {"state": "10", "district": "212", "export_ready": "on"})) == [
        "Sikki grass elephant"
    ]
    assert sorted(_titles(get("/bazaar/", {"sector": Sector.HANDICRAFT}))) == [
        "Brass lamp",
        "Sikki grass elephant",
    ]
    assert sorted(_titles(get("/bazaar/", {"gi_only": "on"}))) == [
        "Rasagola tin",
        "Sikki grass elephant",
    ]
    assert sorted(_titles(get("/bazaar/", {"price_min": "200", "price_max": "1000"}))) == [
        "Sikki grass basket",
        "Sikki grass elephant",
    ]
    # text and facet together
    assert _titles(get("/bazaar/", {"q": "sikki", "price_min": "500"})) == ["Sikki grass elephant"]


def test_storefront_shows_facet_counts(shelf: SimpleNamespace) -> None:
    text = _text(_client().get("/bazaar/"))
    assert "Bihar (2)" in text and "Odisha (2)" in text
    assert "Handicraft (2)" in text
    assert "Patna (2)" in _text(_client().get("/bazaar/", {"state": "10"}))


def test_gi_badge_only_for_an_authorised_user(shelf: SimpleNamespace) -> None:
    # given a GI authorised-user certificate of the elephant's GI, none for the Rasagola
    Certification.objects.create(
        producer=shelf.producer,
        kind=CertificationKind.GI_AUTHORISED_USER,
        number="AU/123",
        gi_entry=shelf.gi_listing.product.gi_entry,
        valid_until=timezone.localdate() + dt.timedelta(days=100),
    )
    # when
    html = _client().get("/bazaar/").content.decode()
    # then
    cards = dict(re.findall(r'card-title">([^<]+)</span></a>(.*?)</li>', html, re.S))
    assert ">GI<" in cards["Sikki grass elephant"]
    assert ">GI<" not in cards["Rasagola tin"]
    assert ">GI<" not in cards["Sikki grass basket"]


def test_storefront_paginates_by_twenty(world: SimpleNamespace) -> None:
    ListingFactory.create_batch(24, producer=world.producer)
    first = _client().get("/bazaar/")
    assert len(_titles(first)) == 20 and "Page 1 of 2" in _text(first)
    assert len(_titles(_client().get("/bazaar/", {"page": "2"}))) == 5


def test_storefront_query_count_does_not_grow_with_results(
    world: SimpleNamespace,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    # given 25 listings, some with photos
    listings = ListingFactory.create_batch(25, producer=world.producer)
    for listing in listings[:5]:
        ListingPhoto.objects.create(
            listing=listing, image="x.jpg", thumbnail="x-thumb.jpg", width=1, height=1
        )
    client = _client()
    # then: count, page, photos, two facets (no query per listing)
    with django_assert_max_num_queries(6):
        response = client.get("/bazaar/")
    assert response.status_code == 200 and len(_titles(response)) == 20


# ---------------------------------------------------------------- listing page: order, inquiry


def test_failed_order_shows_the_error_and_takes_no_stock(world: SimpleNamespace) -> None:
    # when the buyer orders more than the 20 in stock
    response = _client(world.buyer).post(
        f"/bazaar/listings/{world.listing.pk}/", {"action": "order", "quantity": 23}
    )
    # then
    assert response.status_code == 200
    assert "Only 20 left in stock." in _text(response)
    world.listing.refresh_from_db()
    assert world.listing.stock == 20
    assert Order.objects.exists() is False


def test_order_from_the_listing_page_takes_stock(world: SimpleNamespace) -> None:
    response = _client(world.buyer).post(
        f"/bazaar/listings/{world.listing.pk}/", {"action": "order", "quantity": 3}
    )
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/bazaar/orders/{order.pk}/"
    world.listing.refresh_from_db()
    assert world.listing.stock == 17 and order.quantity == 3
    assert list(order.events.values_list("kind", flat=True)) == ["placed"]


def test_inquiry_from_the_listing_page(world: SimpleNamespace) -> None:
    response = _client(world.buyer).post(
        f"/bazaar/listings/{world.listing.pk}/",
        {"action": "inquiry", "quantity": 200, "message": "For a Diwali fair"},
    )
    assert response.status_code == 302 and response["Location"] == "/bazaar/buy/"
    inquiry = Inquiry.objects.get()
    assert (inquiry.quantity, inquiry.message, inquiry.buyer) == (
        200,
        "For a Diwali fair",
        world.buyer,
    )


def test_listing_page_shows_trade_facts_and_valid_certificates(world: SimpleNamespace) -> None:
    today = timezone.localdate()
    Certification.objects.create(
        producer=world.producer,
        kind=CertificationKind.HANDLOOM_MARK,
        number="HM-1",
        valid_until=today + dt.timedelta(days=10),
    )
    Certification.objects.create(
        producer=world.producer,
        kind=CertificationKind.SILK_MARK,
        number="SM-1",
        valid_until=today - dt.timedelta(days=1),
    )
    text = _text(_client().get(f"/bazaar/listings/{world.listing.pk}/"))
    assert "Woven from golden sikki grass" in text and "Handloom Mark" in text
    assert "Silk Mark" not in text
    assert "Sign in as a buyer" in text and "Place order" not in text
    assert "Place order" in _text(_client(world.buyer).get(f"/bazaar/listings/{world.listing.pk}/"))


# ---------------------------------------------------------------- producer profile: contact


def test_contact_reveal_is_logged_and_listed_to_the_producer(world: SimpleNamespace) -> None:
    url = f"/bazaar/producers/{world.producer.pk}/"
    anonymous = _text(_client().get(url))
    assert "Sign in as a buyer to see contact details" in anonymous
    assert world.producer.phone not in anonymous
    buyer_page = _text(_client(world.buyer).get(url))
    assert "Show contact details" in buyer_page and world.producer.phone not in buyer_page
    assert ContactReveal.objects.exists() is False
    # when
    response = _client(world.buyer).post(url)
    # then
    assert response.status_code == 200 and world.producer.phone in _text(response)
    reveal = ContactReveal.objects.get()
    assert (reveal.producer, reveal.viewer) == (world.producer, world.buyer)
    dashboard = _client(world.seller).get("/bazaar/sell/").content.decode()
    reveals = re.search(r'<ul class="reveals">(.*?)</ul>', dashboard, re.S)
    assert reveals and world.buyer.username in reveals.group(1)


def test_non_buyers_cannot_reveal(world: SimpleNamespace) -> None:
    url = f"/bazaar/producers/{world.producer.pk}/"
    assert _client(world.users["assessor"]).post(url).status_code == 403
    assert _client().post(url).status_code == 302
    assert ContactReveal.objects.exists() is False


# ---------------------------------------------------------------- seller


def test_producer_registers_themselves(world: SimpleNamespace) -> None:
    user = world.users["producer_other"]
    response = _client(user).post(
        "/bazaar/sell/",
        {
            "name": "Bhagalpur Silk Weavers",
            "kind": "cooperative",
            "district": world.bhagalpur.pk,
            "pin_code": "812001",
        },
    )
    assert response.status_code == 302
    producer = Producer.objects.get(user=user)
    assert producer.status == ProducerStatus.PENDING and producer.onboarded_by is None


def test_producer_registration_shows_identifier_errors(world: SimpleNamespace) -> None:
    user = world.users["producer_other"]
    response = _client(user).post(
        "/bazaar/sell/",
        {
            "name": "X",
            "kind": "msme",
            "district": world.bhagalpur.pk,
            "pin_code": "812001",
            "gstin": "10AAAAA0000A1Z0",
        },
    )
    assert response.status_code == 200
    assert 'id="id_producer_gstin_error"' in response.content.decode() or "GSTIN" in _text(response)
    assert Producer.objects.filter(user=user).exists() is False


def test_seller_sets_stock_and_pauses(world: SimpleNamespace) -> None:
    client = _client(world.seller)
    assert (
        client.post(
            "/bazaar/sell/", {"action": "stock", "listing": world.listing.pk, "stock": 7}
        ).status_code
        == 302
    )
    client.post(
        "/bazaar/sell/",
        {"action": "listing_move", "listing": world.listing.pk, "to_status": "paused"},
    )
    world.listing.refresh_from_db()
    assert (world.listing.stock, world.listing.status) == (7, ListingStatus.PAUSED)
    assert list(world.listing.events.values_list("to_status", flat=True)) == ["paused"]


def test_seller_cannot_move_another_sellers_listing(world: SimpleNamespace) -> None:
    verified = ProducerFactory.create(status=ProducerStatus.VERIFIED, verified_by=world.officer)
    other = ListingFactory.create(producer=verified)
    response = _client(world.seller).post(
        "/bazaar/sell/", {"action": "stock", "listing": other.pk, "stock": 1}
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.stock == 100


def test_invalid_listing_move_shows_the_error(world: SimpleNamespace) -> None:
    response = _client(world.seller).post(
        "/bazaar/sell/",
        {"action": "listing_move", "listing": world.listing.pk, "to_status": "draft"},
    )
    assert response.status_code == 200 and "cannot become" in _text(response)
    world.listing.refresh_from_db()
    assert world.listing.status == ListingStatus.PUBLISHED


def test_seller_quotes_an_inquiry_and_buyer_accepts(world: SimpleNamespace) -> None:
    inquiry = services.inquiry_create(buyer=world.buyer, listing=world.listing, quantity=5)
    until = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    response = _client(world.seller).post(
        "/bazaar/sell/",
        {
            "action": "quote",
            "inquiry": inquiry.pk,
            "unit_price": "210.00",
            "quantity": 5,
            "valid_until": until,
        },
    )
    assert response.status_code == 302
    quote = Quote.objects.get()
    # when the buyer accepts
    response = _client(world.buyer).post("/bazaar/buy/", {"action": "accept", "quote": quote.pk})
    # then
    order = Order.objects.get()
    assert response["Location"] == f"/bazaar/orders/{order.pk}/"
    assert (order.quantity, order.unit_price, order.quote) == (5, Decimal("210.00"), quote)
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ORDERED


def test_expired_quote_date_shows_the_error(world: SimpleNamespace) -> None:
    inquiry = services.inquiry_create(buyer=world.buyer, listing=world.listing, quantity=5)
    response = _client(world.seller).post(
        "/bazaar/sell/",
        {
            "action": "quote",
            "inquiry": inquiry.pk,
            "unit_price": "210.00",
            "quantity": 5,
            "valid_until": "2001-01-01",
        },
    )
    assert response.status_code == 200
    assert "A quote must be valid until today or later." in _text(response)
    assert Quote.objects.exists() is False


def test_order_moves_and_payment_on_the_dashboards(scene: SimpleNamespace) -> None:
    seller, buyer, order = _client(scene.seller), _client(scene.buyer), scene.order
    move = {"action": "order_move", "order": order.pk}
    # the buyer cannot confirm
    assert buyer.post("/bazaar/buy/", {**move, "to_status": "confirmed"}).status_code == 403
    assert seller.post("/bazaar/sell/", {**move, "to_status": "confirmed"}).status_code == 302
    assert seller.post("/bazaar/sell/", {**move, "to_status": "shipped"}).status_code == 302
    assert buyer.post("/bazaar/buy/", {**move, "to_status": "received"}).status_code == 302
    seller.post(
        f"/bazaar/orders/{order.pk}/", {"action": "payment", "order": order.pk, "note": "UPI 1234"}
    )
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (OrderStatus.RECEIVED, PaymentStatus.PAID)
    assert list(order.events.values_list("kind", flat=True)) == [
        "placed",
        "confirmed",
        "shipped",
        "received",
        "paid",
    ]


def test_order_page_offers_only_the_users_moves(scene: SimpleNamespace) -> None:
    url = f"/bazaar/orders/{scene.order.pk}/"
    seller_page = _text(_client(scene.seller).get(url))
    assert "Confirm" in seller_page and "Record payment" in seller_page
    buyer_page = _text(_client(scene.buyer).get(url))
    assert "Confirm" not in buyer_page and "Cancel order" in buyer_page
    assert "Record payment" not in buyer_page
    officer_page = _text(_client(scene.officer).get(url))
    assert "What you can do" not in officer_page


def test_cancel_from_the_order_page_returns_stock(scene: SimpleNamespace) -> None:
    response = _client(scene.buyer).post(
        f"/bazaar/orders/{scene.order.pk}/",
        {"action": "order_move", "order": scene.order.pk, "to_status": "cancelled"},
    )
    assert response.status_code == 302
    scene.listing.refresh_from_db()
    assert scene.listing.stock == 20
    assert OrderEvent.objects.filter(order=scene.order, kind="cancelled").count() == 1


def test_certificate_added_on_the_dashboard(world: SimpleNamespace) -> None:
    until = (timezone.localdate() + dt.timedelta(days=365)).isoformat()
    response = _client(world.seller).post(
        "/bazaar/sell/",
        {
            "action": "certification",
            "kind": "india_handmade",
            "number": "IH-9",
            "valid_until": until,
        },
    )
    assert response.status_code == 302
    assert Certification.objects.get().number == "IH-9"
    response = _client(world.seller).post(
        "/bazaar/sell/",
        {
            "action": "certification",
            "kind": "gi_authorised_user",
            "number": "AU-1",
            "valid_until": until,
        },
    )
    assert response.status_code == 200 and "names its GI" in _text(response)
    assert Certification.objects.count() == 1


# ---------------------------------------------------------------- listing editor


def test_listing_created_as_a_draft_of_the_districts_product(world: SimpleNamespace) -> None:
    product = world.listing.product
    elsewhere = DistrictProductFactory.create(district=world.bhagalpur, name="Bhagalpur silk")
    client = _client(world.seller)
    page = client.get("/bazaar/sell/listings/new/").content.decode()
    assert product.name in page and "Bhagalpur silk" not in page
    fields = {
        "title": "Sikki box",
        "price": "300",
        "unit": "piece",
        "minimum_order": 1,
        "lead_time_days": 5,
        "stock": 12,
        "country_of_origin": "IN",
    }
    refused = client.post("/bazaar/sell/listings/new/", {**fields, "product": elsewhere.pk})
    assert refused.status_code == 200
    assert Listing.objects.filter(title="Sikki box").exists() is False
    response = client.post("/bazaar/sell/listings/new/", {**fields, "product": product.pk})
    listing = Listing.objects.get(title="Sikki box")
    assert response["Location"] == f"/bazaar/sell/listings/{listing.pk}/"
    assert (listing.status, listing.stock, listing.producer) == ("draft", 12, world.producer)


def test_unknown_hs_code_shows_the_error(world: SimpleNamespace) -> None:
    response = _client(world.seller).post(
        f"/bazaar/sell/listings/{world.listing.pk}/",
        {
            "action": "edit",
            "title": "Sikki grass basket",
            "price": "250",
            "unit": "piece",
            "minimum_order": 1,
            "lead_time_days": 7,
            "country_of_origin": "IN",
            "hs_code": "999999",
        },
    )
    assert response.status_code == 200 and "not in the HS 2022 nomenclature" in _text(response)
    world.listing.refresh_from_db()
    assert world.listing.hs_code == ""


def test_officer_lists_for_a_producer_of_their_scope(world: SimpleNamespace) -> None:
    response = _client(world.officer).post(
        f"/bazaar/sell/listings/new/?producer={world.producer.pk}",
        {
            "product": world.listing.product.pk,
            "title": "Helped listing",
            "price": "99",
            "unit": "piece",
            "minimum_order": 1,
            "lead_time_days": 7,
            "stock": 3,
            "country_of_origin": "IN",
        },
    )
    assert response.status_code == 302
    assert Listing.objects.get(title="Helped listing").producer == world.producer


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(buffer, format="PNG")
    return buffer.getvalue()


def test_photo_upload_checks_the_content(world: SimpleNamespace, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    url = f"/bazaar/sell/listings/{world.listing.pk}/"
    client = _client(world.seller)
    # a text file named like a photo
    fake = SimpleUploadedFile("basket.jpg", b"not a picture", content_type="image/jpeg")
    response = client.post(url, {"action": "photo", "photo": fake})
    assert response.status_code == 200
    assert "Upload a photo in JPEG, PNG or WebP format." in _text(response)
    assert ListingPhoto.objects.exists() is False
    # too large
    settings.ODOP_PHOTO_MAX_BYTES = 10
    big = SimpleUploadedFile("basket.png", _png(), content_type="image/png")
    response = client.post(url, {"action": "photo", "photo": big})
    assert "A photo may be at most" in _text(response)
    assert ListingPhoto.objects.exists() is False
    # a real picture
    settings.ODOP_PHOTO_MAX_BYTES = 5 * 1024 * 1024
    good = SimpleUploadedFile("basket.png", _png(), content_type="image/png")
    response = client.post(url, {"action": "photo", "photo": good, "caption": "Front"})
    assert response.status_code == 302
    assert ListingPhoto.objects.get().caption == "Front"
    assert 'src="/media/bazaar/listings/' in _client().get("/bazaar/").content.decode()


# ---------------------------------------------------------------- officers


ONBOARD = {
    "action": "onboard",
    "name": "Danapur Bamboo SHG",
    "kind": "shg",
    "pin_code": "801503",
    "phone": "9876500000",
}


def test_assisted_onboarding_without_consent_shows_the_error(world: SimpleNamespace) -> None:
    before = Producer.objects.count()
    response = _client(world.officer).post(
        "/bazaar/officer/", {**ONBOARD, "district": world.patna.pk, "consent_note": "  "}
    )
    assert response.status_code == 200
    assert "Record how the producer agreed to be registered." in _text(response)
    assert Producer.objects.count() == before


def test_assisted_onboarding_with_consent_links_the_account(world: SimpleNamespace) -> None:
    account = UserFactory.create(role=Role.PRODUCER, username="danapur-shg")
    response = _client(world.officer).post(
        "/bazaar/officer/",
        {
            **ONBOARD,
            "district": world.patna.pk,
            "consent_note": "Signed form at the DIC",
            "account": "danapur-shg",
        },
    )
    assert response.status_code == 302
    producer = Producer.objects.get(name="Danapur Bamboo SHG")
    assert (producer.onboarded_by, producer.user, producer.consent_note) == (
        world.officer,
        account,
        "Signed form at the DIC",
    )


def test_assisted_onboarding_with_an_unknown_account_registers_nothing(
    world: SimpleNamespace,
) -> None:
    response = _client(world.officer).post(
        "/bazaar/officer/",
        {**ONBOARD, "district": world.patna.pk, "consent_note": "In person", "account": "nobody"},
    )
    assert response.status_code == 200 and "No account has this username." in _text(response)
    assert Producer.objects.filter(name="Danapur Bamboo SHG").exists() is False


def test_onboarding_form_offers_only_the_officers_districts(world: SimpleNamespace) -> None:
    response = _client(world.officer).post(
        "/bazaar/officer/", {**ONBOARD, "district": world.bhagalpur.pk, "consent_note": "x"}
    )
    assert response.status_code == 200
    assert Producer.objects.filter(name="Danapur Bamboo SHG").exists() is False


def test_officer_verifies_a_pending_producer(scene: SimpleNamespace) -> None:
    assert "Patna Madhubani Artists" in _text(_client(scene.officer).get("/bazaar/officer/"))
    other = _client(scene.users["district_officer_other"])
    assert "Patna Madhubani Artists" not in _text(other.get("/bazaar/officer/"))
    assert (
        other.post(
            "/bazaar/officer/", {"action": "verify", "producer": scene.pending.pk, "verified": "1"}
        ).status_code
        == 404
    )
    response = _client(scene.officer).post(
        "/bazaar/officer/", {"action": "verify", "producer": scene.pending.pk, "verified": "1"}
    )
    assert response.status_code == 302
    scene.pending.refresh_from_db()
    assert (scene.pending.status, scene.pending.verified_by) == ("verified", scene.officer)


def test_payment_ageing_chart(scene: SimpleNamespace) -> None:
    Order.objects.filter(pk=scene.order.pk).update(
        status=OrderStatus.RECEIVED, received_at=timezone.now() - dt.timedelta(days=40)
    )
    text = _text(_client(scene.officer).get("/bazaar/officer/"))
    assert "1 order received but not paid" in text
    assert f"Order {scene.order.pk}" in text


# ---------------------------------------------------------------- page weight


def test_public_pages_stay_under_the_budget(world: SimpleNamespace) -> None:
    ListingFactory.create_batch(
        30, producer=world.producer, story="A long story of the craft. " * 40
    )
    for url in (
        "/bazaar/",
        "/bazaar/?state=10",
        f"/bazaar/listings/{world.listing.pk}/",
        f"/bazaar/producers/{world.producer.pk}/",
        f"/bazaar/districts/{world.patna.lgd_code}/",
    ):
        response = _client().get(url)
        assert response.status_code == 200
        assert len(response.content) < PAGE_SIZE_LIMIT, (url, len(response.content))


def test_catalogue_district_links_to_made_in(world: SimpleNamespace) -> None:
    html = _client().get(f"/districts/{world.patna.lgd_code}/").content.decode()
    assert f'href="/bazaar/districts/{world.patna.lgd_code}/"' in html


def test_live_search_answers_htmx_with_the_results_alone(world: SimpleNamespace) -> None:
    """HTMX asks as the buyer types; the answer is the results fragment, not the page."""
    client = Client()
    whole = client.get("/bazaar/", {"q": "sikki"})
    fragment = client.get("/bazaar/", {"q": "sikki"}, HTTP_HX_REQUEST="true")
    assert b"<html" in whole.content and b"<html" not in fragment.content
    assert fragment.content.startswith(b'<div id="shop-results"')
    assert world.listing.title.encode() in fragment.content
    assert b"htmx-2.0.11.min.js" in whole.content
    assert "HX-Request" in fragment["Vary"]
    nothing = client.get("/bazaar/", {"q": "nothingmatchesthis"}, HTTP_HX_REQUEST="true")
    assert world.listing.title.encode() not in nothing.content


def test_producer_page_pages_its_listings(world: SimpleNamespace) -> None:
    for number in range(24):
        ListingFactory.create(
            producer=world.producer, product=world.listing.product, title=f"Basket {number:02}"
        )
    first = Client().get(f"/bazaar/producers/{world.producer.pk}/")
    assert first.content.count(b'class="card-title"') == 20
    assert b'rel="next"' in first.content
    second = Client().get(f"/bazaar/producers/{world.producer.pk}/", {"page": 2})
    assert b'rel="prev"' in second.content
