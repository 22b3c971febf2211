"""A small site with numbers that Indian grouping changes (issue 12): ids, LGD codes, stock,
prices and photo sizes of 1,000 or more, one user of every role, a listing with a
1,600 px photo, an outlet holding stock, a gift collection and an export plan with a US-dollar
target. Shared by the page-attribute crawl and the browser crawl (axe-core, phone width)."""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from odop.accounts.models import Role, User
from odop.accounts.services import user_create
from odop.bazaar import services as bazaar_services
from odop.bazaar.models import Listing
from odop.bazaar.tests.factories import ListingFactory, ProducerFactory
from odop.exports.models import TargetKind
from odop.exports.tests.factories import (
    BottleneckFactory,
    ExportPlanFactory,
    ExportTargetFactory,
    TargetProgressFactory,
)
from odop.geography.models import District, State
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.outlets import services as outlet_services
from odop.outlets.models import OutletKind
from odop.producers.models import ProducerStatus
from odop.registry.models import HSCode
from odop.registry.tests.factories import DistrictProductFactory, ProductTypeFactory

PASSWORD = "a-long-test-password"
ROLES = (
    Role.NATIONAL_ADMIN,
    Role.STATE_OFFICER,
    Role.DISTRICT_OFFICER,
    Role.PRODUCER,
    Role.BUYER,
    Role.MISSION_OFFICER,
    Role.ASSESSOR,
)


@dataclass(frozen=True)
class SiteWorld:
    state: State
    district: District
    listing: Listing
    users: dict[str, User]


def photo_upload(*, width: int, height: int) -> SimpleUploadedFile:
    """A real JPEG of the given size."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, format="JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def site_world_create() -> SiteWorld:
    """Write the world (MEDIA_ROOT must point at a scratch directory: the photo is stored)."""
    # Bihar keeps its real LGD code so the home map links its shape.
    state = StateFactory.create(lgd_code=10, name="Bihar")
    district = DistrictFactory.create(lgd_code=1212, name="Patna", state=state)
    other = DistrictFactory.create(lgd_code=2192, name="Bhagalpur", state=state)
    users = {
        role.value: user_create(
            username=f"crawl-{role.value}",
            password=PASSWORD,
            role=role,
            state=state if role == Role.STATE_OFFICER else None,
            district=district if role == Role.DISTRICT_OFFICER else None,
        )
        for role in ROLES
    }
    producer = ProducerFactory.create(
        id=1234,
        name="Patna Sikki Grass Collective",
        district=district,
        user=users[Role.PRODUCER],
        status=ProducerStatus.VERIFIED,
        verified_by=users[Role.DISTRICT_OFFICER],
    )
    ProducerFactory.create(id=1235, name="Danapur Bamboo SHG", district=district)
    sikki = ProductTypeFactory.create(name="Sikki grass craft", slug="sikki-grass-craft")
    product = DistrictProductFactory.create(
        id=1500, name="Sikki Grass Craft", district=district, product_type=sikki
    )
    # The officers' HS-code queue with suggestions and their forms (the page was 407 px wide
    # on a 390 px phone, issue 12).
    for rank, (code, text) in enumerate(
        [
            ("460219", "Basketwork, wickerwork and other articles of vegetable plaiting materials"),
            ("460129", "Mats, matting and screens of vegetable plaiting materials, other"),
        ],
        start=1,
    ):
        hs_code = HSCode.objects.create(code=code, description=text, parent_code=code[:4], level=6)
        ProductHSCode.objects.create(
            product_type=sikki,
            hs_code=hs_code,
            status=HSLinkStatus.SUGGESTED,
            rank=rank,
            score=0.5 / rank,
        )
    DistrictProductFactory.create(id=1501, name="Bhagalpur Silk", district=other)
    listing = ListingFactory.create(
        id=1600,
        producer=producer,
        product=product,
        title="Sikki grass basket",
        story="Woven from golden sikki grass by women of Patna",
        price=Decimal("12345.00"),
        stock=1500,
    )
    bazaar_services.listing_photo_add(
        actor=users[Role.PRODUCER],
        listing=listing,
        upload=photo_upload(width=1600, height=1200),
        caption="Front",
    )
    buyer = users[Role.BUYER]
    bazaar_services.inquiry_create(buyer=buyer, listing=listing, quantity=1200)
    admin = users[Role.NATIONAL_ADMIN]
    mall = outlet_services.outlet_create(
        actor=admin, kind=OutletKind.EKTA_MALL, name="PM Ekta Mall Patna", city="Patna",
        state=state,
    )  # fmt: skip
    outlet_services.outlet_create(
        actor=admin,
        kind=OutletKind.STORE_ABROAD,
        name="ODOP store Tokyo",
        city="Tokyo",
        country="JP",
        mission="Embassy of India, Tokyo",
        managers=[users[Role.MISSION_OFFICER]],
    )
    outlet_services.consignment_place(
        actor=users[Role.PRODUCER], outlet=mall, listing=listing, quantity=1100
    )
    curator = users[Role.MISSION_OFFICER]
    collection = outlet_services.collection_create(actor=curator, title="Diwali gifts")
    outlet_services.collection_item_add(
        actor=curator, collection=collection, listing=listing, quantity=2
    )
    outlet_services.collection_publish(actor=curator, collection=collection)
    plan = ExportPlanFactory.create(id=1800, district=district, created_by=admin)
    target = ExportTargetFactory.create(
        plan=plan, kind=TargetKind.EXPORT_VALUE_USD, target_value=Decimal("5000000")
    )
    TargetProgressFactory.create(
        target=target, date=date(2026, 6, 30), value=Decimal("1250000"), reported_by=admin
    )
    BottleneckFactory.create(plan=plan)
    return SiteWorld(state=state, district=district, listing=listing, users=users)
