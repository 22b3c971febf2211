"""Who may see and change places. States and districts are public; spellings are officers' work."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.geography.models import District, State


def states_visible_to(user: User | AnonymousUser) -> QuerySet[State]:
    """Every State is public open data."""
    return State.objects.all()


def districts_visible_to(user: User | AnonymousUser) -> QuerySet[District]:
    """Every district, provisional ones included, is public open data."""
    return District.objects.select_related("state")


def access_state(user: User | AnonymousUser, lgd_code: int) -> State:
    """The State with this LGD code, or 404."""
    try:
        return states_visible_to(user).get(lgd_code=lgd_code)
    except State.DoesNotExist as error:
        raise Http404 from error


def access_district(user: User | AnonymousUser, lgd_code: int) -> District:
    """The district with this LGD code, or 404."""
    try:
        return districts_visible_to(user).get(lgd_code=lgd_code)
    except District.DoesNotExist as error:
        raise Http404 from error


def officer_covers_district(user: User | AnonymousUser, district: District) -> bool:
    """True for an officer whose scope includes `district`: a national admin anywhere, a State
    officer in their State, a district officer in their district. Every app's officer checks
    use this one rule."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return False
    if signed_in.is_national_admin:
        return True
    if signed_in.role == Role.STATE_OFFICER:
        return signed_in.state_id == district.state_id
    if signed_in.role == Role.DISTRICT_OFFICER:
        return signed_in.district_id == district.pk
    return False


def officer_scope(user: User, *, district_field: str = "district") -> Q:
    """The districts an officer covers, as a filter on `district_field` of another model
    (`officer_covers_district` as a query). Other roles get a filter that matches nothing."""
    if user.is_national_admin:
        return Q(pk__isnull=False)  # not Q(): an empty Q vanishes from `public | scope`
    if user.role == Role.STATE_OFFICER:
        return Q(**{f"{district_field}__state_id": user.state_id})
    if user.role == Role.DISTRICT_OFFICER:
        return Q(**{f"{district_field}_id": user.district_id})
    return Q(pk__in=[])


def can_add_district_alias(user: User | AnonymousUser, district: District) -> bool:
    """Officers whose scope includes the district. Producers, buyers and Mission officers never."""
    return officer_covers_district(user, district)


def can_use_resolver(user: User | AnonymousUser) -> bool:
    """The resolver page is for officers (it is a work tool, not open data)."""
    return bool(user.is_authenticated and isinstance(user, User) and user.is_officer) or bool(
        getattr(user, "is_superuser", False)
    )
