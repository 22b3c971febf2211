"""Demo outlets for `make run` (demo mode only, issue 12): an outlet with a named manager.

A PM Ekta Mall in the demo State (Lucknow, Uttar Pradesh) managed by the demo outlet manager,
and an ODOP store abroad (Tokyo) managed by the demo Mission officer, each holding a few units
of the demo sellers' listings on consignment, so a newcomer can report a sale or take stock
back. Every write goes through the services (the national demo admin opens the outlets, the
sellers place their stock). Names say "Demo"; quantities are illustrations.
"""

from dataclasses import dataclass

from django.db import transaction

from odop.accounts.models import User
from odop.bazaar.models import Listing, ListingStatus
from odop.geography.models import State
from odop.outlets import services
from odop.outlets.models import Outlet, OutletKind, StockMove


@dataclass(frozen=True)
class DemoOutlet:
    kind: OutletKind
    name: str
    city: str
    country: str
    mission: str
    manager: str  # the demo account named as its manager
    in_demo_state: bool  # an outlet in India is in the demo State
    stock: tuple[tuple[str, int], ...]  # (seller's username, units placed) once


DEMO_OUTLETS = (
    DemoOutlet(
        kind=OutletKind.EKTA_MALL,
        name="Demo PM Ekta Mall",
        city="Lucknow",
        country="IN",
        mission="",
        manager="demo-outlet-manager",
        in_demo_state=True,
        stock=(("demo-producer", 5),),
    ),
    DemoOutlet(
        kind=OutletKind.STORE_ABROAD,
        name="Demo ODOP store, Tokyo",
        city="Tokyo",
        country="JP",
        mission="Embassy of India, Tokyo",
        manager="demo-mission",
        in_demo_state=False,
        stock=(("demo-producer", 3), ("demo-producer-2", 2)),
    ),
)


@transaction.atomic
def outlets_demo_ensure(*, state: State | None) -> list[Outlet]:
    """Open the demo outlets (if missing) with their managers and first stock. Idempotent:
    an outlet is found by kind and name, its manager added only if missing, and stock placed
    only in an outlet that has no stock movement yet. Needs the demo national admin; an
    outlet in India is skipped without a demo State, stock without its seller's listing."""
    admin = User.objects.filter(username="demo-national").first()
    if admin is None:
        return []
    outlets = []
    for demo in DEMO_OUTLETS:
        if demo.in_demo_state and state is None:
            continue
        manager = User.objects.filter(username=demo.manager).first()
        outlet = Outlet.objects.filter(kind=demo.kind, name=demo.name).first()
        if outlet is None:
            outlet = services.outlet_create(
                actor=admin,
                kind=demo.kind,
                name=demo.name,
                city=demo.city,
                state=state if demo.in_demo_state else None,
                country=demo.country,
                mission=demo.mission,
                managers=[manager] if manager else [],
            )
        elif manager is not None and not outlet.managers.filter(pk=manager.pk).exists():
            outlet.managers.add(manager)
        if not StockMove.objects.filter(outlet=outlet).exists():
            for username, units in demo.stock:
                seller = User.objects.filter(username=username).first()
                listing = Listing.objects.filter(
                    producer__user=seller, status=ListingStatus.PUBLISHED
                ).first()
                if seller is not None and listing is not None and listing.stock >= units:
                    services.consignment_place(
                        actor=seller,
                        outlet=outlet,
                        listing=listing,
                        quantity=units,
                        note="Demo stock",
                    )
        outlets.append(outlet)
    return outlets
