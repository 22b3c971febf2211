"""Writes of policies: record a policy, link and unlink the district products it covers.

Every write checks its permission again (a call from a command or another service cannot skip
the rule), runs in one transaction and leaves history rows (django-simple-history). Returns
are written by `outcomes.returns`.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.core.errors import permission_require
from odop.core.models import row_create
from odop.geography.models import State
from odop.outcomes import permissions
from odop.outcomes.models import Policy, PolicyProduct
from odop.registry.models import DistrictProduct


@transaction.atomic
def policy_create(
    *,
    actor: User,
    state: State | None,
    name: str,
    effective_from: date,
    state_category: str = "",
    effective_to: date | None = None,
    incentives: str = "",
    notification_url: str = "",
) -> Policy:
    """Record a State's policy (a central one when `state` is None: national admins only)."""
    permission_require(permissions.can_manage_policy_of(actor, state))
    return row_create(
        Policy,
        state=state,
        name=name.strip(),
        state_category=state_category.strip(),
        effective_from=effective_from,
        effective_to=effective_to,
        incentives=incentives.strip(),
        notification_url=notification_url.strip(),
        created_by=actor,
    )


@transaction.atomic
def policy_products_link(
    *, actor: User, policy: Policy, district_product_ids: Iterable[int]
) -> list[PolicyProduct]:
    """Link district products to a policy; all or none. Products already linked are left as
    they are. 400 `product_out_of_scope` names every id that is not a product of the policy's
    State within the officer's scope (or does not exist)."""
    permission_require(permissions.can_manage_policy(actor, policy))
    wanted = sorted(set(district_product_ids))
    if not wanted:
        raise ValidationError(
            {"district_products": _("Name at least one district product.")}, code="required"
        )
    allowed = set(
        DistrictProduct.objects.filter(permissions.policy_product_scope(actor, policy))
        .filter(pk__in=wanted)
        .values_list("pk", flat=True)
    )
    outside = [pk for pk in wanted if pk not in allowed]
    if outside:
        raise ValidationError(
            {
                "district_products": ValidationError(
                    _("Not products this policy can cover in your scope: %(ids)s.")
                    % {"ids": ", ".join(map(str, outside))},
                    code="product_out_of_scope",
                )
            }
        )
    linked = set(policy.links.values_list("district_product_id", flat=True))
    created = [
        PolicyProduct(policy=policy, district_product_id=pk, linked_by=actor)
        for pk in wanted
        if pk not in linked
    ]
    for link in created:
        link.save()  # one by one: each link leaves its history row and bumps the page cache
    return created


@transaction.atomic
def policy_products_unlink(
    *, actor: User, policy: Policy, district_product_ids: Iterable[int]
) -> int:
    """Remove products from a policy's coverage; returns how many links were removed."""
    permission_require(permissions.can_manage_policy(actor, policy))
    removed = 0
    for link in policy.links.filter(district_product_id__in=list(district_product_ids)):
        link.delete()
        removed += 1
    return removed
