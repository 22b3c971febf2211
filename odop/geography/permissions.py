"""Who may see and change places. States and districts are public; spellings are officers' work."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from odop.accounts.models import Role, User
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


def can_add_district_alias(user: User | AnonymousUser, district: District) -> bool:
    """National admins anywhere; a State officer in their State; a district officer for their
    district. Producers, buyers and Mission officers never."""
    if not user.is_authenticated or not isinstance(user, User):
        return False
    if user.is_national_admin:
        return True
    if user.role == Role.STATE_OFFICER:
        return user.state_id == district.state_id
    if user.role == Role.DISTRICT_OFFICER:
        return user.district_id == district.pk
    return False


def can_use_resolver(user: User | AnonymousUser) -> bool:
    """The resolver page is for officers (it is a work tool, not open data)."""
    return bool(user.is_authenticated and isinstance(user, User) and user.is_officer) or bool(
        getattr(user, "is_superuser", False)
    )
