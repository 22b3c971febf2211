"""The platform figures the later modules register (issue 17): training certificates, meetings
held and their orders, scheme benefits sanctioned, CFC hours used; each figure computed by the
selector equals the records behind it, and lands on the district product of its producer."""

import datetime as dt
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.events.models import Meeting, MeetingResult, Registration, Side
from odop.events.tests.factories import EventFactory
from odop.facilities.models import BookingStatus
from odop.facilities.tests.factories import BookingFactory
from odop.geography.tests.factories import DistrictFactory
from odop.outcomes import selectors
from odop.outcomes.figures import figure_providers
from odop.producers.models import ProducerStatus
from odop.producers.tests.factories import ProducerFactory
from odop.registry.tests.factories import DistrictProductFactory
from odop.schemes.models import (
    Application,
    ApplicationEvent,
    ApplicationEventKind,
    ApplicationStatus,
    Scheme,
    SchemeVersion,
)
from odop.skills.certificate_numbers import certificate_number_new
from odop.skills.models import Certificate
from odop.skills.tests.factories import ApplicationFactory, BatchFactory

pytestmark = pytest.mark.django_db
AT = timezone.make_aware(dt.datetime(2026, 5, 10, 10, 0))


def test_every_module_registers_its_figures() -> None:
    keys = {provider.key for provider in figure_providers()}
    assert {
        "training_certificates",
        "meetings_held",
        "meeting_orders_value",
        "scheme_benefits_sanctioned",
        "scheme_benefits_value",
        "cfc_hours_used",
    } <= keys


def test_module_figures_equal_their_records() -> None:
    district = DistrictFactory.create()
    product = DistrictProductFactory.create(district=district)
    admin = UserFactory.create(role=Role.NATIONAL_ADMIN)
    producer = ProducerFactory.create(
        district=district, status=ProducerStatus.VERIFIED, verified_by=admin
    )
    producer.products.add(product)

    # Training: two certificates in May, one revoked, one issued the year before.
    for issued_on, revoked in (
        (date(2026, 5, 2), None),
        (date(2026, 5, 3), AT),
        (date(2025, 5, 3), None),
    ):
        application = ApplicationFactory.create(
            batch=BatchFactory.create(district=district), producer=producer
        )
        Certificate.objects.create(
            application=application,
            number=certificate_number_new(issued_on.year),
            holder_name="Trainee",
            programme_name="Programme",
            start_date=issued_on,
            end_date=issued_on,
            issuer="Trainer",
            issued_by=admin,
            issued_on=issued_on,
            revoked_at=revoked,
            revocation_reason="Error" if revoked else "",
        )

    # A meet ending in May: one meeting held with an INR order, one held with a USD order,
    # one not held.
    event = EventFactory.create(starts_on=date(2026, 5, 20), ends_on=date(2026, 5, 21))
    seller = Registration.objects.create(
        event=event,
        side=Side.SELLER,
        user=UserFactory.create(role=Role.PRODUCER),
        producer=producer,
        country="IN",
        max_meetings=5,
    )
    buyers = [
        Registration.objects.create(
            event=event,
            side=Side.BUYER,
            user=UserFactory.create(role=Role.BUYER),
            company=f"Buyer {n}",
            country="AE",
            max_meetings=5,
        )
        for n in range(3)
    ]
    for buyer, held, value, currency in (
        (buyers[0], True, Decimal("250000.00"), "INR"),
        (buyers[1], True, Decimal("9000.00"), "USD"),
        (buyers[2], False, None, ""),
    ):
        Meeting.objects.create(
            event=event,
            buyer=buyer,
            seller=seller,
            held=held,
            result=MeetingResult.ORDER if value else MeetingResult.NONE,
            value=value,
            currency=currency,
        )

    # Schemes: one application moved past the bank sanction in May, one still at it.
    scheme = Scheme.objects.create(
        code="pmfme-individual", name="PMFME", name_hi="PMFME", sponsor="MoFPI", sponsor_hi="MoFPI"
    )
    version = SchemeVersion.objects.create(scheme=scheme, number=1)
    for stage, benefit in (("disbursement", "350000.00"), ("bank_sanction", "100000.00")):
        application = Application.objects.create(
            scheme=scheme,
            version=version,
            producer=producer,
            district=district,
            applicant=admin,
            as_of=date(2026, 4, 1),
            eligible=True,
            benefit=Decimal(benefit),
            status=ApplicationStatus.IN_PROGRESS,
            stage=stage,
            stage_entered_at=AT,
        )
        if stage == "disbursement":
            ApplicationEvent.objects.create(
                application=application,
                kind=ApplicationEventKind.MOVED,
                actor=admin,
                from_stage="bank_sanction",
                to_stage="disbursement",
                created_at=AT,
            )

    # CFC: a used booking of 2.5 hours, a cancelled one.
    for status in (BookingStatus.USED, BookingStatus.CANCELLED):
        BookingFactory.create(
            producer=producer, status=status, start=AT, end=AT + dt.timedelta(hours=2.5)
        )

    figures = selectors.platform_figures(period="2026-05", district=district)
    assert (
        figures["training_certificates"]
        == Certificate.objects.filter(
            issued_on__month=5, issued_on__year=2026, revoked_at__isnull=True
        ).count()
        == 1
    )
    assert figures["meetings_held"] == Meeting.objects.filter(held=True).count() == 2
    assert figures["meeting_orders_value"] == Decimal("250000.00")
    assert figures["scheme_benefits_sanctioned"] == 1
    assert figures["scheme_benefits_value"] == Decimal("350000.00")
    assert figures["cfc_hours_used"] == Decimal("2.50")
    earlier = selectors.platform_figures(period="2025-05", district=district)
    assert earlier["training_certificates"] == 1 and earlier["cfc_hours_used"] == 0
    # Another district's products see none of it.
    other = DistrictProductFactory.create().district
    assert sum(selectors.platform_figures(period="2026-05", district=other).values()) == 0
