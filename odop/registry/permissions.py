"""Who may see and change the registry. The registry is public; changes are officers' work."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.geography.permissions import officer_covers_district, officer_scope
from odop.registry.models import DataQualityFinding, DistrictProduct, GIEntry, ProductType


def district_products_visible_to(user: User | AnonymousUser) -> QuerySet[DistrictProduct]:
    """Every district product is public open data."""
    return DistrictProduct.objects.select_related(
        "district__state", "product_type", "ministry", "gi_entry"
    )


def access_district_product(user: User | AnonymousUser, product_id: int) -> DistrictProduct:
    """The district product with this id, or 404."""
    try:
        return district_products_visible_to(user).get(pk=product_id)
    except DistrictProduct.DoesNotExist as error:
        raise Http404 from error


def product_types_visible_to(user: User | AnonymousUser) -> QuerySet[ProductType]:
    """Every product type is public."""
    return ProductType.objects.all()


def access_product_type(user: User | AnonymousUser, slug: str) -> ProductType:
    """The product type with this slug, or 404."""
    try:
        return product_types_visible_to(user).get(slug=slug)
    except ProductType.DoesNotExist as error:
        raise Http404 from error


def gi_entries_visible_to(user: User | AnonymousUser) -> QuerySet[GIEntry]:
    """The GI registry is public."""
    return GIEntry.objects.prefetch_related("states")


def access_gi_entry(user: User | AnonymousUser, entry_id: int) -> GIEntry:
    """The GI entry with this id, or 404."""
    try:
        return gi_entries_visible_to(user).get(pk=entry_id)
    except GIEntry.DoesNotExist as error:
        raise Http404 from error


def findings_visible_to(user: User | AnonymousUser) -> QuerySet[DataQualityFinding]:
    """Data-quality findings are an officers' work list: every officer sees all of them (a
    State's findings often involve another State's codes); the public sees none."""
    if user.is_authenticated and isinstance(user, User) and (user.is_officer or user.is_superuser):
        return DataQualityFinding.objects.all()
    return DataQualityFinding.objects.none()


def can_view_findings(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and isinstance(user, User) and (user.is_officer or user.is_superuser)
    )


def can_change_district_product(user: User | AnonymousUser, product: DistrictProduct) -> bool:
    """National admins: any product. State officers: their State's. District officers: their
    district's. Everyone else: none."""
    if not user.is_authenticated or not isinstance(user, User):
        return False
    if user.is_national_admin:
        return True
    if user.role == Role.STATE_OFFICER:
        return user.state_id == product.district.state_id
    if user.role == Role.DISTRICT_OFFICER:
        return user.district_id == product.district_id
    return False


def can_import_reference(user: User | AnonymousUser) -> bool:
    """Only national admins replace the national reference data."""
    return bool(user.is_authenticated and isinstance(user, User) and user.is_national_admin)


def gi_queue_products_visible_to(user: User | AnonymousUser) -> QuerySet[DistrictProduct]:
    """Products whose GI link an officer may decide: a national admin's, every product; a
    State officer's, their State's; a district officer's, their district's. Not only those the
    national list calls GI: the list is wrong both ways, and the registry's GIs that it calls
    non-GI are decided here too. Nobody else sees the GI queue."""
    signed_in = signed_in_user(user)
    if signed_in is None or not can_view_gi_queue(signed_in):
        return DistrictProduct.objects.none()
    return district_products_visible_to(signed_in).filter(officer_scope(signed_in))


def access_gi_queue_product(user: User | AnonymousUser, product_id: int) -> DistrictProduct:
    """The product with this id in the officer's scope, or 404."""
    try:
        return gi_queue_products_visible_to(user).get(pk=product_id)
    except DistrictProduct.DoesNotExist as error:
        raise Http404 from error


def can_decide_gi_link(user: User | AnonymousUser, product: DistrictProduct) -> bool:
    """Officers covering the product's district decide its GI link."""
    return officer_covers_district(user, product.district)


def can_view_gi_queue(user: User | AnonymousUser) -> bool:
    """National admins, State officers and district officers work the GI queue."""
    signed_in = signed_in_user(user)
    return signed_in is not None and (
        signed_in.is_national_admin or signed_in.role in (Role.STATE_OFFICER, Role.DISTRICT_OFFICER)
    )
