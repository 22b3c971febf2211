"""Bazaar services: onboarding, verification, listings, stock, trade, reveals, certificates,
photos. Given a world (conftest), when a service runs, then the database says so."""

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from PIL import Image

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.bazaar import selectors, services
from odop.bazaar.models import (
    InquiryStatus,
    Listing,
    ListingEvent,
    ListingStatus,
    OrderEvent,
    OrderStatus,
    PaymentStatus,
    QuoteStatus,
)
from odop.notifications.models import NotificationLog, Outcome
from odop.notifications.services import consent_give
from odop.producers.models import (
    CertificationKind,
    ContactReveal,
    Producer,
    ProducerKind,
    ProducerStatus,
)
from odop.registry.models import DistrictProductGILink, HSCode
from odop.registry.tests.factories import DistrictProductFactory, GIEntryFactory

VALID_GSTIN = "10AAPFU0939F1ZA"  # Bihar (10): the producers are in Patna (issue 12)


def _codes(error: ValidationError) -> set[str]:
    codes = {getattr(error, "code", None)}
    if hasattr(error, "error_dict"):
        codes |= {item.code for items in error.error_dict.values() for item in items}
    return codes - {None}


# ---------------------------------------------------------------- producers


def test_officer_registers_a_producer_with_consent(world: SimpleNamespace) -> None:
    producer = services.producer_register(
        actor=world.officer,
        district=world.patna,
        name="Madhubani Didi SHG",
        kind=ProducerKind.SHG,
        pin_code="800 001",
        gstin="10aapfu0939f1za",
        consent_note="Signed form kept at the DIC office",
    )
    assert producer.onboarded_by == world.officer
    assert producer.consent_recorded_at is not None
    assert producer.status == ProducerStatus.PENDING
    assert producer.pin_code == "800001"
    assert producer.gstin == VALID_GSTIN
    assert producer.history.count() == 1


def test_assisted_onboarding_without_consent_writes_nothing(world: SimpleNamespace) -> None:
    before = Producer.objects.count()
    with pytest.raises(ValidationError) as error:
        services.producer_register(
            actor=world.officer,
            district=world.patna,
            name="No consent",
            kind=ProducerKind.ARTISAN,
            pin_code="800001",
        )
    assert "consent_missing" in _codes(error.value)
    assert Producer.objects.count() == before


def test_officer_cannot_register_outside_their_district(world: SimpleNamespace) -> None:
    with pytest.raises(PermissionDenied):
        services.producer_register(
            actor=world.officer,
            district=world.bhagalpur,
            name="Elsewhere",
            kind=ProducerKind.ARTISAN,
            pin_code="812001",
            consent_note="in person",
        )


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("gstin", "27AAPFU0939F1ZX", "gstin_check_failed"),
        ("pan", "AAAXA1234A", "invalid_pan"),
        ("udyam_number", "UDYAM-XX-01-1234567", "invalid_udyam"),
        ("fssai_number", "3001504200222", "invalid_fssai"),
        ("aadhaar_last_four", "123456789012", "invalid_aadhaar_last_four"),
    ],
)
def test_bad_identifiers_are_refused(
    world: SimpleNamespace, field: str, value: str, code: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.producer_register(
            actor=world.officer,
            district=world.patna,
            name="Typo",
            kind=ProducerKind.MSME,
            pin_code="800001",
            consent_note="in person",
            **{field: value},
        )
    assert code in _codes(error.value)
    assert not Producer.objects.filter(name="Typo").exists()


def test_producer_registers_itself_once(world: SimpleNamespace) -> None:
    newcomer = UserFactory.create(role=Role.PRODUCER)
    producer = services.producer_register(
        actor=newcomer,
        district=world.bhagalpur,
        name="Bhagalpur Silk House",
        kind=ProducerKind.MSME,
        pin_code="812001",
    )
    assert producer.user == newcomer
    assert producer.onboarded_by is None
    with pytest.raises(ValidationError) as error:
        services.producer_register(
            actor=newcomer,
            district=world.bhagalpur,
            name="Again",
            kind=ProducerKind.MSME,
            pin_code="812001",
        )
    assert "producer_exists" in _codes(error.value)


def test_verification_is_the_district_officers(world: SimpleNamespace) -> None:
    pending = services.producer_register(
        actor=world.officer,
        district=world.patna,
        name="Pending",
        kind=ProducerKind.ARTISAN,
        pin_code="800001",
        consent_note="in person",
    )
    with pytest.raises(PermissionDenied):
        services.producer_verify(actor=world.users["district_officer_other"], producer=pending)
    verified = services.producer_verify(actor=world.officer, producer=pending)
    assert verified.status == ProducerStatus.VERIFIED
    assert verified.verified_by == world.officer


# ---------------------------------------------------------------- contact reveals


def test_buyer_reveal_is_logged_and_visible_to_the_producer(world: SimpleNamespace) -> None:
    contact = services.contact_reveal(viewer=world.buyer, producer=world.producer)
    assert contact.phone == world.producer.phone
    reveals = list(selectors.reveals_of(producer=world.producer))
    assert [reveal.viewer for reveal in reveals] == [world.buyer]


def test_producer_seeing_own_contact_is_not_logged(world: SimpleNamespace) -> None:
    services.contact_reveal(viewer=world.seller, producer=world.producer)
    assert ContactReveal.objects.count() == 0


@pytest.mark.parametrize("role", ["producer_other", "assessor", "district_officer_other"])
def test_others_cannot_reveal(world: SimpleNamespace, role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.contact_reveal(viewer=world.users[role], producer=world.producer)
    assert ContactReveal.objects.count() == 0


def test_unverified_producer_contact_is_not_revealed_to_buyers(world: SimpleNamespace) -> None:
    Producer.objects.filter(pk=world.producer.pk).update(status=ProducerStatus.SUSPENDED)
    world.producer.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.contact_reveal(viewer=world.buyer, producer=world.producer)


# ---------------------------------------------------------------- listings


def test_listing_starts_as_a_draft_with_an_event(world: SimpleNamespace) -> None:
    listing = services.listing_create(
        actor=world.seller,
        producer=world.producer,
        product=world.listing.product,
        title="Sikki grass elephant",
        price=Decimal("450"),
        stock=5,
    )
    assert listing.status == ListingStatus.DRAFT
    assert listing.state == world.bihar
    assert "Patna" in listing.search_document
    assert list(listing.events.values_list("to_status", flat=True)) == ["draft"]


def test_listing_must_be_of_the_producers_district(world: SimpleNamespace) -> None:
    elsewhere = DistrictProductFactory.create(district=world.bhagalpur)
    with pytest.raises(ValidationError) as error:
        services.listing_create(
            actor=world.seller,
            producer=world.producer,
            product=elsewhere,
            title="Silk",
            price=Decimal("100"),
        )
    assert "product_other_district" in _codes(error.value)


def test_hs_code_must_exist_in_the_nomenclature(world: SimpleNamespace) -> None:
    HSCode.objects.create(code="460219", description="Other basketwork", level=6)
    listing = services.listing_update(actor=world.seller, listing=world.listing, hs_code="46021990")
    assert listing.hs_code == "46021990"
    with pytest.raises(ValidationError) as error:
        services.listing_update(actor=world.seller, listing=world.listing, hs_code="999999")
    assert "hs_code_unknown" in _codes(error.value)
    with pytest.raises(ValidationError) as error:
        services.listing_update(actor=world.seller, listing=world.listing, hs_code="46A")
    assert "invalid_hs_code" in _codes(error.value)


def test_listing_workflow_refuses_moves_not_listed(world: SimpleNamespace) -> None:
    paused = services.listing_transition(
        actor=world.seller, listing=world.listing, to_status=ListingStatus.PAUSED
    )
    assert paused.status == ListingStatus.PAUSED
    with pytest.raises(ValidationError) as error:
        services.listing_transition(
            actor=world.seller, listing=world.listing, to_status=ListingStatus.PAUSED
        )
    assert "invalid_transition" in _codes(error.value)
    assert ListingEvent.objects.filter(listing=world.listing).count() == 1


def test_other_producers_cannot_touch_a_listing(world: SimpleNamespace) -> None:
    with pytest.raises(PermissionDenied):
        services.listing_stock_set(
            actor=world.users["producer_other"], listing=world.listing, stock=1
        )


def test_gi_badge_only_for_authorised_users_with_a_valid_certificate(
    world: SimpleNamespace,
) -> None:
    gi = GIEntryFactory.create(name="Sikki Grass Products of Bihar")
    product = world.listing.product
    product.is_gi, product.gi_entry = True, gi
    product.save()
    Listing.objects.filter(pk=world.listing.pk).update(is_gi=True)
    world.listing.refresh_from_db()
    assert not selectors.listing_gi_authorised(world.listing)
    today = timezone.localdate()
    services.certification_add(
        actor=world.seller,
        producer=world.producer,
        kind=CertificationKind.GI_AUTHORISED_USER,
        number="AU/123/2024",
        gi_entry=gi,
        valid_until=today + dt.timedelta(days=10),
    )
    assert selectors.listing_gi_authorised(world.listing)
    assert not selectors.listing_gi_authorised(world.listing, on=today + dt.timedelta(days=11))


def test_gi_badge_for_a_certificate_of_any_gi_the_product_is_linked_to(
    world: SimpleNamespace,
) -> None:
    # given a product whose listed name names two GIs (issue 13): silk first, Sikki grass further
    silk = GIEntryFactory.create(name="Bhagalpur Silk")
    sikki = GIEntryFactory.create(name="Sikki Grass Products of Bihar")
    other = GIEntryFactory.create(name="Madhubani Paintings")
    product = world.listing.product
    product.is_gi, product.gi_entry = True, silk
    product.save()
    DistrictProductGILink.objects.create(district_product=product, gi_entry=sikki)
    Listing.objects.filter(pk=world.listing.pk).update(is_gi=True)
    world.listing.refresh_from_db()
    until = timezone.localdate() + dt.timedelta(days=10)

    # a certificate of a GI the product is not linked to gives no badge
    services.certification_add(
        actor=world.seller,
        producer=world.producer,
        kind=CertificationKind.GI_AUTHORISED_USER,
        number="AU/7/2024",
        gi_entry=other,
        valid_until=until,
    )
    assert not selectors.listing_gi_authorised(world.listing)

    # the further GI's certificate does
    services.certification_add(
        actor=world.seller,
        producer=world.producer,
        kind=CertificationKind.GI_AUTHORISED_USER,
        number="AU/8/2024",
        gi_entry=sikki,
        valid_until=until,
    )
    assert selectors.listing_gi_authorised(world.listing)


def test_gi_certificate_must_name_its_gi(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError) as error:
        services.certification_add(
            actor=world.seller,
            producer=world.producer,
            kind=CertificationKind.GI_AUTHORISED_USER,
            number="AU/1",
            valid_until=timezone.localdate(),
        )
    assert "gi_entry_missing" in _codes(error.value)


def test_expiry_reminders_go_once_and_only_where_the_producer_agreed(
    world: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    today = timezone.localdate()
    consent_give(user=world.seller, channel="email", address="seller@example.in", source="form")
    services.certification_add(
        actor=world.seller,
        producer=world.producer,
        kind=CertificationKind.FSSAI,
        number="10015042002228",
        valid_until=today + dt.timedelta(days=20),
    )
    services.certification_add(
        actor=world.seller,
        producer=world.producer,
        kind=CertificationKind.ORGANIC,
        number="NPOP-9",
        valid_until=today + dt.timedelta(days=90),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.certification_reminders_send(today=today) == 1
    assert [message.to for message in mail.outbox] == [["seller@example.in"]]
    assert "10015042002228" in mail.outbox[0].body
    # SMS and WhatsApp were not agreed to: logged as skipped, never sent.
    assert set(
        NotificationLog.objects.filter(user=world.seller).values_list("channel", "outcome")
    ) == {
        ("email", Outcome.SENT),
        ("sms", Outcome.SKIPPED_NO_CONSENT),
        ("whatsapp", Outcome.SKIPPED_NO_CONSENT),
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert services.certification_reminders_send(today=today) == 0
    assert len(mail.outbox) == 1


def test_expiry_reminders_without_consent_send_nothing(world: SimpleNamespace) -> None:
    today = timezone.localdate()
    services.certification_add(
        actor=world.seller,
        producer=world.producer,
        kind=CertificationKind.FSSAI,
        number="10015042002228",
        valid_until=today + dt.timedelta(days=20),
    )
    assert services.certification_reminders_send(today=today) == 1
    assert mail.outbox == []
    assert set(NotificationLog.objects.values_list("outcome", flat=True)) == {
        Outcome.SKIPPED_NO_CONSENT
    }


# ---------------------------------------------------------------- photos


def _picture(kind: str, size: tuple[int, int] = (1200, 900)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format=kind)
    return buffer.getvalue()


def test_photo_is_reencoded_with_a_thumbnail(world: SimpleNamespace) -> None:
    upload = SimpleUploadedFile("basket.png", _picture("PNG", (2400, 1800)), "image/png")
    photo = services.listing_photo_add(actor=world.seller, listing=world.listing, upload=upload)
    assert (photo.width, photo.height) == (1600, 1200)
    with photo.thumbnail.open() as stored, Image.open(stored) as thumbnail:
        assert thumbnail.format == "JPEG"
        assert max(thumbnail.size) == 400


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("basket.jpg", b"%PDF-1.7 not a picture at all", "photo_type"),
        ("basket.gif", _picture("GIF", (20, 20)), "photo_type"),
        ("basket.jpg", _picture("JPEG")[:200], "photo_broken"),
    ],
)
def test_photo_rejected_by_content(
    world: SimpleNamespace,
    tmp_path,
    name: str,
    content: bytes,
    code: str,  # type: ignore[no-untyped-def]
) -> None:
    upload = SimpleUploadedFile(name, content, "image/jpeg")
    with override_settings(MEDIA_ROOT=tmp_path), pytest.raises(ValidationError) as error:
        services.listing_photo_add(actor=world.seller, listing=world.listing, upload=upload)
    assert code in _codes(error.value)
    assert world.listing.photos.count() == 0


def test_photo_too_large_is_refused(world: SimpleNamespace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("big.jpg", _picture("JPEG") + b"\0" * 2048, "image/jpeg")
    with (
        override_settings(MEDIA_ROOT=tmp_path, ODOP_PHOTO_MAX_BYTES=1024),
        pytest.raises(ValidationError) as error,
    ):
        services.listing_photo_add(actor=world.seller, listing=world.listing, upload=upload)
    assert "photo_too_large" in _codes(error.value)


# ---------------------------------------------------------------- trade


def test_order_takes_stock_and_records_placed(world: SimpleNamespace) -> None:
    order = services.order_place(buyer=world.buyer, listing=world.listing, quantity=3)
    world.listing.refresh_from_db()
    assert world.listing.stock == 17
    assert order.total == Decimal("750.00")
    assert list(order.events.values_list("kind", flat=True)) == ["placed"]


def test_order_beyond_stock_fails_and_changes_nothing(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError) as error:
        services.order_place(buyer=world.buyer, listing=world.listing, quantity=21)
    assert "insufficient_stock" in _codes(error.value)
    world.listing.refresh_from_db()
    assert world.listing.stock == 20
    assert not world.listing.orders.exists()


@pytest.mark.parametrize("role", ["producer_own", "district_officer_own", "assessor"])
def test_only_buyers_order(world: SimpleNamespace, role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.order_place(buyer=world.users[role], listing=world.listing, quantity=1)


def test_minimum_order_applies_to_direct_orders(world: SimpleNamespace) -> None:
    Listing.objects.filter(pk=world.listing.pk).update(minimum_order=5)
    with pytest.raises(ValidationError) as error:
        services.order_place(buyer=world.buyer, listing=world.listing, quantity=2)
    assert "below_minimum_order" in _codes(error.value)


def test_paused_listing_cannot_be_ordered(world: SimpleNamespace) -> None:
    services.listing_transition(actor=world.seller, listing=world.listing, to_status="paused")
    with pytest.raises(PermissionDenied):
        services.order_place(buyer=world.buyer, listing=world.listing, quantity=1)


def test_inquiry_quote_accept_makes_an_order_at_the_quoted_price(
    world: SimpleNamespace,
) -> None:
    inquiry = services.inquiry_create(
        buyer=world.buyer, listing=world.listing, quantity=10, message="For Diwali gifting"
    )
    quote = services.quote_create(
        actor=world.seller,
        inquiry=inquiry,
        unit_price=Decimal("220"),
        quantity=10,
        valid_until=timezone.localdate() + dt.timedelta(days=7),
    )
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.QUOTED
    with pytest.raises(PermissionDenied):
        services.quote_accept(buyer=world.users["mission_officer"], quote=quote)
    order = services.quote_accept(buyer=world.buyer, quote=quote)
    assert (order.unit_price, order.quantity, order.total) == (
        Decimal("220"),
        10,
        Decimal("2200"),
    )
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.ACCEPTED
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ORDERED
    assert [row.status for row in inquiry.history.order_by("history_date")] == [
        InquiryStatus.OPEN,
        InquiryStatus.QUOTED,
        InquiryStatus.ORDERED,
    ]
    with pytest.raises(ValidationError) as error:
        services.quote_accept(buyer=world.buyer, quote=quote)
    assert "quote_not_open" in _codes(error.value)


def test_a_new_quote_withdraws_the_previous_one(world: SimpleNamespace) -> None:
    inquiry = services.inquiry_create(buyer=world.buyer, listing=world.listing, quantity=4)
    until = timezone.localdate() + dt.timedelta(days=3)
    first = services.quote_create(
        actor=world.seller,
        inquiry=inquiry,
        unit_price=Decimal("300"),
        quantity=4,
        valid_until=until,
    )
    services.quote_create(
        actor=world.seller,
        inquiry=inquiry,
        unit_price=Decimal("280"),
        quantity=4,
        valid_until=until,
    )
    first.refresh_from_db()
    assert first.status == QuoteStatus.WITHDRAWN
    # Every status move is recorded (who, when, what): the quote's history has the withdrawal.
    assert [row.status for row in first.history.order_by("history_date")] == [
        QuoteStatus.OFFERED,
        QuoteStatus.WITHDRAWN,
    ]


def test_order_life_cycle_and_payment(world: SimpleNamespace) -> None:
    order = services.order_place(buyer=world.buyer, listing=world.listing, quantity=2)
    with pytest.raises(PermissionDenied):
        services.order_transition(actor=world.buyer, order=order, to_status=OrderStatus.SHIPPED)
    services.order_transition(actor=world.seller, order=order, to_status=OrderStatus.CONFIRMED)
    services.order_transition(actor=world.seller, order=order, to_status=OrderStatus.SHIPPED)
    with pytest.raises(ValidationError) as error:
        services.order_transition(actor=world.buyer, order=order, to_status=OrderStatus.CANCELLED)
    assert "invalid_transition" in _codes(error.value)
    order = services.order_transition(
        actor=world.buyer, order=order, to_status=OrderStatus.RECEIVED
    )
    assert order.received_at is not None
    ageing = selectors.orders_unpaid_ageing(user=world.seller)
    assert [len(bucket.orders) for bucket in ageing] == [1, 0, 0, 0, 0]
    later = selectors.orders_unpaid_ageing(
        user=world.officer, today=timezone.localdate() + dt.timedelta(days=40)
    )
    assert [len(bucket.orders) for bucket in later] == [0, 0, 1, 0, 0]
    assert (
        selectors.orders_unpaid_ageing(user=world.users["district_officer_other"])[0].orders == []
    )
    with pytest.raises(PermissionDenied):
        services.order_payment_record(actor=world.buyer, order=order)
    order = services.order_payment_record(actor=world.seller, order=order)
    assert order.payment_status == PaymentStatus.PAID
    assert list(OrderEvent.objects.filter(order=order).values_list("kind", flat=True)) == [
        "placed",
        "confirmed",
        "shipped",
        "received",
        "paid",
    ]
    assert all(bucket.orders == [] for bucket in selectors.orders_unpaid_ageing(user=world.seller))


def test_cancelling_gives_the_stock_back(world: SimpleNamespace) -> None:
    order = services.order_place(buyer=world.buyer, listing=world.listing, quantity=6)
    services.order_transition(actor=world.buyer, order=order, to_status=OrderStatus.CANCELLED)
    world.listing.refresh_from_db()
    assert world.listing.stock == 20
    with pytest.raises(ValidationError) as error:
        services.order_payment_record(actor=world.seller, order=order)
    assert "order_cancelled" in _codes(error.value)


def test_reminder_command_reports_its_count(world: SimpleNamespace) -> None:
    from io import StringIO

    from django.core.management import call_command

    services.certification_add(
        actor=world.seller,
        producer=world.producer,
        kind=CertificationKind.SILK_MARK,
        number="SM-1",
        valid_until=timezone.localdate() + dt.timedelta(days=5),
    )
    out = StringIO()
    call_command("certification_reminders", stdout=out)
    assert "1 certificate(s) reminded." in out.getvalue()
