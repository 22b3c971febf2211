"""Demo sellers and buyers for `make run` (demo mode only).

Three producers in real ODOP districts, each selling that district's real national-list
product, verified, with published listings; two buyers. Their accounts are added to
`.demo-accounts.json` (roles `producer` and `buyer`). Names say "Demo" and the prices, stock
and stories are illustrations, not market data. Every write goes through the services, as a
real onboarding would: the national demo admin registers (with a recorded consent) and
verifies the producers.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from odop.accounts.models import Role, User
from odop.accounts.services import DemoAccount, DemoPlan, demo_accounts_add
from odop.bazaar import services
from odop.bazaar.models import Listing, ListingStatus
from odop.producers.models import Producer, ProducerKind
from odop.registry.models import DistrictProduct


@dataclass(frozen=True)
class DemoSeller:
    username: str
    district: str  # LGD name
    product: str  # as the national list names it
    producer: str
    kind: ProducerKind
    pin_code: str
    title: str
    story: str
    price: Decimal
    unit: str
    stock: int


DEMO_SELLERS = (
    DemoSeller(
        username="demo-producer",
        district="MORADABAD",
        product="Moradabad Metal Craft",
        producer="Demo Brassware Works, Moradabad",
        kind=ProducerKind.MSME,
        pin_code="244001",
        title="Hand-engraved brass flower vase",
        story="Demo listing. Cast and hand-engraved brass from Moradabad's metal craft cluster.",
        price=Decimal("1450.00"),
        unit="piece",
        stock=40,
    ),
    DemoSeller(
        username="demo-producer-2",
        district="BHAGALPUR",
        product="Bhagalpur Silk",
        producer="Demo Tussar Weavers Cooperative, Bhagalpur",
        kind=ProducerKind.COOPERATIVE,
        pin_code="812001",
        title="Bhagalpuri tussar silk stole",
        story="Demo listing. Tussar silk woven on handlooms by a weavers' cooperative.",
        price=Decimal("1850.00"),
        unit="piece",
        stock=25,
    ),
    DemoSeller(
        username="demo-producer-3",
        district="MADHUBANI",
        product="Makhana",
        producer="Demo Makhana FPO, Madhubani",
        kind=ProducerKind.FPO,
        pin_code="847211",
        title="Roasted makhana (fox nuts), 250 g",
        story="Demo listing. Fox nuts from Madhubani's ponds, popped and roasted by an FPO.",
        price=Decimal("240.00"),
        unit="piece",
        stock=300,
    ),
)
DEMO_BUYERS = ("demo-buyer", "demo-buyer-2")


@transaction.atomic
def bazaar_demo_ensure() -> list[DemoAccount]:
    """Create the demo sellers (with verified producers and published listings) and buyers,
    skipping sellers whose district or product the reference data lacks. Idempotent."""
    admin = User.objects.filter(username="demo-national").first()
    sellers = []
    for seller in DEMO_SELLERS:
        product = DistrictProduct.objects.filter(
            district__name_lgd__iexact=seller.district, name=seller.product
        ).first()
        if product is not None:
            sellers.append((seller, product))
    plan: DemoPlan = [(seller.username, Role.PRODUCER, None, None) for seller, _ in sellers]
    plan += [(username, Role.BUYER, None, None) for username in DEMO_BUYERS]
    accounts = demo_accounts_add(plan=plan)
    if admin is None:
        return accounts
    for seller, product in sellers:
        user = User.objects.get(username=seller.username)
        producer = Producer.objects.filter(user=user).first()
        if producer is None:
            producer = services.producer_register(
                actor=admin,
                district=product.district,
                name=seller.producer,
                kind=seller.kind,
                pin_code=seller.pin_code,
                consent_note="Demo data: no real producer.",
            )
            services.producer_account_link(actor=admin, producer=producer, user=user)
            services.producer_verify(actor=admin, producer=producer)
        if not Listing.objects.filter(producer=producer).exists():
            listing = services.listing_create(
                actor=user,
                producer=producer,
                product=product,
                title=seller.title,
                story=seller.story,
                price=seller.price,
                unit=seller.unit,
                stock=seller.stock,
            )
            services.listing_transition(
                actor=user, listing=listing, to_status=ListingStatus.PUBLISHED
            )
    return accounts
