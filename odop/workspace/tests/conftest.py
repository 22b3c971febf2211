"""A world for "My work" (issue 12): two States, work waiting in each, one user per role.

Bihar (10): Patna (212) and Bhagalpur (192); Odisha (21): Baleshwar (346). Every kind of work
exists both in the viewer's scope and outside it, so a test can show that nobody sees another
scope's items."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.models import Inquiry, ListingStatus, Order, OrderStatus, Quote
from odop.bazaar.tests.factories import ListingFactory
from odop.exports.models import PlanStatus
from odop.exports.tests.factories import BottleneckFactory, ExportPlanFactory
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.outlets.models import GiftCollection, Outlet, OutletKind, OutletStock
from odop.producers.models import Certification, CertificationKind, ProducerStatus
from odop.producers.tests.factories import ProducerFactory
from odop.registry.models import HSCode
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory
from odop.selection import services as selection_services
from odop.selection.models import Candidate, CandidateStatus, CommitteeMember, ScorecardVersion

S = CandidateStatus
TODAY = dt.date(2026, 12, 3)


def _candidate(name: str, district: object, status: S, proposer: object, **fields: object):
    return Candidate.objects.create(
        name=name,
        district=district,
        status=status,
        scorecard=ScorecardVersion.objects.order_by("pk").first(),
        proposed_by=proposer,
        **fields,
    )


@pytest.fixture
def world(db: None) -> SimpleNamespace:
    selection_services.scorecards_install()
    bihar = StateFactory.create(lgd_code=10, name="Bihar")
    odisha = StateFactory.create(lgd_code=21, name="Odisha")
    patna = DistrictFactory.create(lgd_code=212, name="Patna", state=bihar)
    bhagalpur = DistrictFactory.create(lgd_code=192, name="Bhagalpur", state=bihar)
    baleshwar = DistrictFactory.create(lgd_code=346, name="Baleshwar", state=odisha)
    users = {
        "national_admin": UserFactory.create(role=Role.NATIONAL_ADMIN),
        "state_officer": UserFactory.create(role=Role.STATE_OFFICER, state=bihar),
        "state_officer_other": UserFactory.create(role=Role.STATE_OFFICER, state=odisha),
        "district_officer": UserFactory.create(role=Role.DISTRICT_OFFICER, district=patna),
        "district_officer_other": UserFactory.create(
            role=Role.DISTRICT_OFFICER, district=baleshwar
        ),
        "assessor": UserFactory.create(role=Role.ASSESSOR),
        "assessor_other": UserFactory.create(role=Role.ASSESSOR),
        "producer": UserFactory.create(role=Role.PRODUCER),
        "producer_pending": UserFactory.create(role=Role.PRODUCER),
        "buyer": UserFactory.create(role=Role.BUYER),
        "buyer_other": UserFactory.create(role=Role.BUYER),
        "mission_officer": UserFactory.create(role=Role.MISSION_OFFICER),
    }
    officer = users["district_officer"]
    past = timezone.now() - dt.timedelta(days=3)

    # selection: work at each level, in both States
    _candidate("Patna draft makhana", patna, S.DRAFT, officer)
    _candidate("Patna proposed litchi", patna, S.PROPOSED, officer)
    _candidate("Bhagalpur scored silk", bhagalpur, S.SCORED, officer)
    _candidate("Baleshwar scored fish", baleshwar, S.SCORED, officer)
    _candidate("Patna approved sikki", patna, S.STATE_APPROVED, officer)
    scoring = _candidate("Patna scoring jaggery", patna, S.SCORING, officer, stage_due_at=past)
    elsewhere = _candidate("Baleshwar scoring horn", baleshwar, S.SCORING, officer)
    CommitteeMember.objects.create(candidate=scoring, assessor=users["assessor"], added_by=officer)
    CommitteeMember.objects.create(
        candidate=elsewhere, assessor=users["assessor_other"], added_by=officer
    )

    # producers: one verified seller in Patna, one awaiting verification in each State
    producer = ProducerFactory.create(
        name="Patna Sikki Collective",
        district=patna,
        user=users["producer"],
        status=ProducerStatus.VERIFIED,
        verified_by=officer,
    )
    ProducerFactory.create(name="Patna newcomer", district=patna, user=users["producer_pending"])
    ProducerFactory.create(name="Baleshwar newcomer", district=baleshwar)
    Certification.objects.create(
        producer=producer,
        kind=CertificationKind.FSSAI,
        number="12345678901234",
        valid_until=dt.date(2020, 3, 31),
    )
    Certification.objects.create(
        producer=producer,
        kind=CertificationKind.HANDLOOM_MARK,
        number="HLM-1",
        valid_until=TODAY + dt.timedelta(days=400),
    )

    # HS codes: a suggestion to confirm in each State
    hs = HSCode.objects.create(code="080290", description="Other nuts", level=6)
    for district, name in ((patna, "Makhana"), (baleshwar, "Horn craft")):
        kind = ProductTypeFactory.create(name=name)
        DistrictProductFactory.create(district=district, product_type=kind)
        ProductHSCode.objects.create(
            product_type=kind, hs_code=hs, status=HSLinkStatus.SUGGESTED, rank=1, score=0.5
        )

    # export plans: a draft with an overdue bottleneck in each State
    for district in (patna, baleshwar):
        plan = ExportPlanFactory.create(district=district, status=PlanStatus.DRAFT)
        BottleneckFactory.create(
            plan=plan,
            description=f"No testing lab near {district.name}",
            due_date=TODAY - dt.timedelta(days=10),
        )

    # the bazaar: the buyer's inquiry, quote, orders; another buyer's inquiry
    listing = ListingFactory.create(producer=producer, title="Sikki basket", stock=50)
    ListingFactory.create(producer=producer, title="Sikki coaster", status=ListingStatus.DRAFT)
    buyer = users["buyer"]
    Inquiry.objects.create(listing=listing, buyer=buyer, quantity=5, message="Five, please")
    quoted = Inquiry.objects.create(
        listing=listing, buyer=buyer, quantity=10, message="Ten?", status="quoted"
    )
    Quote.objects.create(
        inquiry=quoted,
        unit_price=Decimal("200.00"),
        quantity=10,
        valid_until=TODAY + dt.timedelta(days=30),
        created_by=users["producer"],
    )
    Inquiry.objects.create(
        listing=listing, buyer=users["buyer_other"], quantity=2, message="Other buyer"
    )
    for status in (OrderStatus.PLACED, OrderStatus.SHIPPED):
        Order.objects.create(
            listing=listing,
            buyer=buyer,
            quantity=2,
            unit_price=Decimal("250.00"),
            total=Decimal("500.00"),
            status=status,
        )

    # outlets and gifting
    mall = Outlet.objects.create(
        kind=OutletKind.EKTA_MALL, name="PM Ekta Mall Patna", city="Patna", state=bihar
    )
    Outlet.objects.create(
        kind=OutletKind.EKTA_MALL, name="PM Ekta Mall Bhubaneswar", city="Bhubaneswar", state=odisha
    )
    tokyo = Outlet.objects.create(
        kind=OutletKind.STORE_ABROAD, name="ODOP Store Tokyo", city="Tokyo", country="JP"
    )
    tokyo.managers.add(users["mission_officer"])
    OutletStock.objects.create(outlet=tokyo, listing=listing, quantity=7)
    OutletStock.objects.create(outlet=mall, listing=listing, quantity=0)
    GiftCollection.objects.create(title="Diwali gifts for Tokyo", owner=users["mission_officer"])

    return SimpleNamespace(
        bihar=bihar,
        odisha=odisha,
        patna=patna,
        baleshwar=baleshwar,
        users=users,
        producer=producer,
        listing=listing,
        scoring=scoring,
        elsewhere=elsewhere,
    )
