"""A demo buyer-seller meet for `make run` (demo mode only, issue 16).

One meet a month from the day of seeding in the demo State, six half-hour slots, three tables,
the bazaar's demo sellers registered (and approved) with the HS codes of their listings, the two
demo buyers (one from the UAE, so the export lines have something to count), the schedule made,
and a block of stalls with the first seller's stall allocated. Every write goes through the
services, as the national admin. Names say "Demo"; nothing here is a real event.
"""

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Final

from django.db import transaction
from django.utils import timezone

from odop.accounts.models import User
from odop.events import services
from odop.events.hs_codes import hs_codes_known
from odop.events.models import Event, EventKind, RegistrationStatus, Side
from odop.geography.models import District, State
from odop.producers.models import Producer

DEMO_EVENT: Final = "Demo buyer-seller meet"
# username: (HS codes offered, most meetings); the bazaar's demo sellers' listings.
DEMO_SELLERS: Final = {
    "demo-producer": (["7418", "8306"], 4),  # hand-engraved brass
    "demo-producer-2": (["6214"], 4),  # tussar silk stoles
    "demo-producer-3": (["2008"], 4),  # roasted makhana
}
# username: (company, country, HS codes sought, most meetings)
DEMO_BUYERS: Final = {
    "demo-buyer": ("Demo Home Stores", "IN", ["7418", "6214"], 4),
    "demo-buyer-2": ("Demo Gulf Trading LLC", "AE", ["2008", "8306", "6214"], 4),
}
SLOTS: Final = 6


@transaction.atomic
def events_demo_ensure(*, state: State | None, district: District | None) -> Event | None:
    """The demo meet (nothing without the demo national admin). Idempotent: an existing demo
    meet is left as it is."""
    admin = User.objects.filter(username="demo-national").first()
    if admin is None:
        return None
    event = Event.objects.filter(name=DEMO_EVENT).first()
    if event is not None:
        return event
    try:
        hs_codes_known()
    except FileNotFoundError:  # no HS nomenclature to check codes against: no demo meet
        return None
    day = timezone.localdate() + dt.timedelta(days=30)
    zone = zoneinfo.ZoneInfo("Asia/Kolkata")
    first = dt.datetime.combine(day, dt.time(10), tzinfo=zone)
    event = services.event_create(
        actor=admin,
        name=DEMO_EVENT,
        kind=EventKind.BUYER_SELLER_MEET,
        organiser_name="Demo organiser (DPIIT)",
        venue="Demo convention centre",
        country="IN",
        city="New Delhi",
        starts_on=day,
        ends_on=day,
        time_zone="Asia/Kolkata",
        tables=3,
        slot_starts=[first + dt.timedelta(minutes=30 * n) for n in range(SLOTS)],
        state=state,
        districts=[district] if district else [],
    )
    labels = [slot.label for slot in event.slots.all()]
    for username, (codes, cap) in DEMO_SELLERS.items():
        producer = Producer.objects.filter(user__username=username).first()
        if producer is None or not producer.is_verified or producer.user is None:
            continue
        registration = services.registration_create(
            actor=producer.user,
            event=event,
            side=Side.SELLER,
            hs_codes=codes,
            available=labels,
            max_meetings=cap,
        )
        services.registration_decide(actor=admin, registration=registration, approve=True)
    for username, (company, country, codes, cap) in DEMO_BUYERS.items():
        buyer = User.objects.filter(username=username).first()
        if buyer is None:
            continue
        services.registration_create(
            actor=buyer,
            event=event,
            side=Side.BUYER,
            hs_codes=codes,
            available=labels,
            max_meetings=cap,
            company=company,
            country=country,
        )
    stalls = services.stalls_lay_out(
        actor=admin, event=event, prefix="A", rows=2, columns=4, area_m2=Decimal("9.00"), hall="1"
    )
    first_seller = (
        event.registrations.filter(side=Side.SELLER, status=RegistrationStatus.APPROVED)
        .order_by("pk")
        .first()
    )
    if first_seller is not None:
        services.stall_allocate(actor=admin, stall=stalls[0], registration=first_seller)
    return event
