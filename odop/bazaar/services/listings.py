"""Write-side of listings: create, edit, stock counts, status moves, photos.

Part of `odop.bazaar.services` (re-exported there); see that package's docstring.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.bazaar import permissions
from odop.bazaar.models import Listing, ListingEvent, ListingPhoto, ListingStatus
from odop.bazaar.photos import photo_prepare
from odop.bazaar.workflow import LISTING_TRANSITIONS
from odop.core.errors import field_error, permission_require
from odop.core.models import row_create
from odop.producers.models import Producer
from odop.registry.models import DistrictProduct, HSCode

# ---------------------------------------------------------------- listings

LISTING_FIELDS = (
    "title",
    "story",
    "price",
    "unit",
    "minimum_order",
    "monthly_capacity",
    "lead_time_days",
    "hs_code",
    "gtin",
    "country_of_origin",
    "export_ready",
)


def listing_search_document(listing: Listing) -> str:
    """The text the storefront searches: the listing's own words and where it comes from."""
    product = listing.product
    parts = [
        listing.title,
        listing.story,
        product.name,
        product.product_type.name,
        product.get_sector_display() if product.sector else "",
        product.district.name,
        product.district.state.name,
        listing.producer.name,
    ]
    return "\n".join(part for part in parts if part)


def _hs_code_check(code: str) -> None:
    """An HS code must exist in the HS 2022 nomenclature (its first six digits, for the
    eight-digit national tariff lines India adds)."""
    if code and not HSCode.objects.filter(code=code[:6]).exists():
        raise field_error(
            "hs_code",
            _("%(code)s is not in the HS 2022 nomenclature.") % {"code": code},
            "hs_code_unknown",
        )


def _listing_facets_copy(listing: Listing) -> None:
    product = listing.product
    listing.district = product.district
    listing.state = product.district.state
    listing.sector = product.sector
    listing.is_gi = product.is_gi
    listing.search_document = listing_search_document(listing)


@transaction.atomic
def listing_create(
    *, actor: User, producer: Producer, product: DistrictProduct, stock: int = 0, **fields: Any
) -> Listing:
    """A producer (or an officer helping them) lists one product of the producer's district.
    The listing starts as a draft; `listing_transition` publishes it."""
    permission_require(permissions.can_create_listing(actor, producer))
    unknown = set(fields) - set(LISTING_FIELDS)
    if unknown:
        raise TypeError(f"unknown listing fields: {sorted(unknown)}")
    if product.district_id != producer.district_id:
        raise field_error(
            "product", _("List a product of the producer's own district."), "product_other_district"
        )
    listing = Listing(producer=producer, product=product, stock=stock, **fields)
    _listing_facets_copy(listing)
    listing.full_clean()
    _hs_code_check(listing.hs_code)
    listing.save()
    row_create(ListingEvent, listing=listing, to_status=listing.status, actor=actor)
    return listing


@transaction.atomic
def listing_update(*, actor: User, listing: Listing, **fields: Any) -> Listing:
    """Change a listing's trade facts (not its status or stock: their own services)."""
    permission_require(permissions.can_edit_listing(actor, listing))
    unknown = set(fields) - set(LISTING_FIELDS)
    if unknown:
        raise TypeError(f"unknown listing fields: {sorted(unknown)}")
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    for name, value in fields.items():
        setattr(listing, name, value)
    _listing_facets_copy(listing)
    listing.full_clean()
    _hs_code_check(listing.hs_code)
    listing.save()
    return listing


@transaction.atomic
def listing_stock_set(*, actor: User, listing: Listing, stock: int) -> Listing:
    """The seller counts their stock. Locks the row so it cannot interleave with an order."""
    permission_require(permissions.can_edit_listing(actor, listing))
    if stock < 0:
        raise field_error("stock", _("Stock cannot be negative."), "stock_negative")
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    listing.stock = stock
    listing.full_clean()
    listing.save(update_fields=["stock", "updated_at"])
    return listing


@transaction.atomic
def listing_transition(
    *, actor: User, listing: Listing, to_status: ListingStatus | str, note: str = ""
) -> Listing:
    """Publish, pause or return a listing to draft, as `LISTING_TRANSITIONS` allows."""
    permission_require(permissions.can_edit_listing(actor, listing))
    listing = Listing.objects.select_for_update().select_related("producer").get(pk=listing.pk)
    target = ListingStatus(to_status)
    if target not in LISTING_TRANSITIONS[ListingStatus(listing.status)]:
        raise ValidationError(
            _("A %(from)s listing cannot become %(to)s.")
            % {"from": listing.get_status_display(), "to": target.label},
            code="invalid_transition",
        )
    event = ListingEvent(
        listing=listing, from_status=listing.status, to_status=target, actor=actor, note=note
    )
    listing.status = target
    if target == ListingStatus.PUBLISHED and listing.published_at is None:
        listing.published_at = timezone.now()
    listing.save(update_fields=["status", "published_at", "updated_at"])
    event.save()
    return listing


@transaction.atomic
def listing_photo_add(
    *, actor: User, listing: Listing, upload: UploadedFile, caption: str = ""
) -> ListingPhoto:
    """Add a photo: checked by content and size (`photos.photo_prepare`), with a thumbnail."""
    permission_require(permissions.can_edit_listing(actor, listing))
    prepared = photo_prepare(upload)
    photo = ListingPhoto(
        listing=listing, width=prepared.width, height=prepared.height, caption=caption
    )
    photo.image.save(prepared.image_name, prepared.image, save=False)
    photo.thumbnail.save(prepared.thumbnail_name, prepared.thumbnail, save=False)
    photo.save()
    return photo


@transaction.atomic
def listing_photo_delete(*, actor: User, photo: ListingPhoto) -> None:
    """The listing's owner deletes one of its photos (issue 12).

    The row's history keeps who deleted which photo and when; the image files are removed
    from storage only once the deletion has committed (a rolled-back delete keeps them).
    """
    permission_require(permissions.can_delete_listing_photo(actor, photo.listing))
    photo = ListingPhoto.objects.select_for_update().get(pk=photo.pk)
    storage = photo.image.storage
    names = [name for name in (photo.image.name, photo.thumbnail.name) if name]
    photo._history_user = actor  # type: ignore[attr-defined]  # simple_history's "who"
    photo.delete()

    def files_delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(files_delete)
