"""Officers' corrections of the registry."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from odop.accounts.models import User
from odop.registry.models import (
    DistrictProduct,
)
from odop.registry.permissions import can_change_district_product

# ---------------------------------------------------------------- officers' edits


@transaction.atomic
def district_product_update(
    *,
    actor: User,
    product: DistrictProduct,
    description: str | None = None,
    sector: str | None = None,
    category: str | None = None,
) -> DistrictProduct:
    """An officer corrects a product's description, sector or category (history records who).

    Only officers whose scope covers the product's district may (see permissions).
    """
    if not can_change_district_product(actor, product):
        raise PermissionDenied
    product = DistrictProduct.objects.select_for_update().get(pk=product.pk)
    changed = []
    for name, value in (("description", description), ("sector", sector), ("category", category)):
        if value is not None and getattr(product, name) != value:
            setattr(product, name, value)
            changed.append(name)
    if not changed:
        return product
    product._history_user = actor  # type: ignore[attr-defined]
    product.full_clean()
    product.save(update_fields=[*changed, "updated_at"])
    return product
