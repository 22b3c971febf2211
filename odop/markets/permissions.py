"""Who may see and decide the HS codes of product types. Codes are public; deciding is officers'.

A product type spans States ("Mango" is chosen by dozens of districts), so the choice made here
is: national admins may decide any type's code, and a State or district officer may decide the
code of a type that at least one district product in their scope belongs to. The code is one per
type, so an officer's decision applies to every district of that type; the history records who
made it.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from odop.accounts.models import Role, User
from odop.markets.models import ProductHSCode
from odop.registry.models import DistrictProduct, ProductType


def product_hs_codes_visible_to(user: User | AnonymousUser) -> QuerySet[ProductHSCode]:
    """Every product type's suggested, confirmed and rejected codes are public."""
    return ProductHSCode.objects.select_related("hs_code", "product_type", "confirmed_by")


def product_types_decidable_by(user: User | AnonymousUser) -> QuerySet[ProductType]:
    """The product types whose code `user` may decide: all for a national admin, those with a
    district product in the officer's State or district, none for anyone else."""
    if not user.is_authenticated or not isinstance(user, User):
        return ProductType.objects.none()
    if user.is_national_admin:
        return ProductType.objects.all()
    in_scope = DistrictProduct.objects.none()
    if user.role == Role.STATE_OFFICER and user.state_id is not None:
        in_scope = DistrictProduct.objects.filter(district__state_id=user.state_id)
    elif user.role == Role.DISTRICT_OFFICER and user.district_id is not None:
        in_scope = DistrictProduct.objects.filter(district_id=user.district_id)
    return ProductType.objects.filter(pk__in=in_scope.values("product_type_id"))


def can_decide_hs_code(user: User | AnonymousUser, product_type: ProductType) -> bool:
    """National admins: any type. State officers: a type with a product in their State. District
    officers: a type their district has chosen. Everyone else: none."""
    return product_types_decidable_by(user).filter(pk=product_type.pk).exists()
