"""Who may see a grievance and who may act on it. Every view and service goes through these.

A grievance is seen by the person who filed it, the producer it was filed for, and the officers
whose scope covers its district (`officer_scope`: the district's officers, the State's, the
national admins). It is answered only by the officers of the level it sits at (district, State
or national) for its district, and never by the person who filed it or the producer it is for.
Its public number shows status and dates to anyone (`grievance_track` in the selectors), nothing
personal.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.core import bounds
from odop.geography.models import District
from odop.geography.permissions import officer_covers_district, officer_scope
from odop.grievances.models import Grievance, GrievanceSetting, GrievanceStatus, Level
from odop.grievances.workflow import WAITING_STATUSES
from odop.producers.models import Producer


def grievances_visible_to(user: User | AnonymousUser) -> QuerySet[Grievance]:
    """The filer's own, the producer's (filed for them), and those of an officer's scope."""
    grievances = Grievance.objects.select_related("category", "district__state")
    signed_in = signed_in_user(user)
    if signed_in is None:
        return grievances.none()
    own = Q(filed_by=signed_in) | Q(producer__user=signed_in)
    if signed_in.is_officer:
        return grievances.filter(own | officer_scope(signed_in))
    return grievances.filter(own)


def access_grievance(user: User | AnonymousUser, grievance_id: int) -> Grievance:
    """The grievance if `user` may see it, else 404 (the same answer as for no such id, or an
    id too large for the database)."""
    if not 1 <= grievance_id <= bounds.ID_MAX:
        raise Http404
    try:
        return grievances_visible_to(user).get(pk=grievance_id)
    except Grievance.DoesNotExist as error:
        raise Http404 from error


def is_party(user: User, grievance: Grievance) -> bool:
    """True for the person who filed the grievance or the producer it was filed for."""
    if grievance.filed_by_id == user.pk:
        return True
    return grievance.producer is not None and grievance.producer.user_id == user.pk


def officer_answers_at(user: User, *, level: str, district: District) -> bool:
    """True for an officer of exactly `level` whose scope includes `district`."""
    if level == Level.DISTRICT:
        return user.role == Role.DISTRICT_OFFICER and user.district_id == district.pk
    if level == Level.STATE:
        return user.role == Role.STATE_OFFICER and user.state_id == district.state_id
    return user.is_national_admin


def handling_scope(user: User) -> Q:
    """The grievances `user` answers, as a filter: those at their level in their scope, filed
    by others (the queue). Other roles get a filter that matches nothing."""
    if user.role == Role.DISTRICT_OFFICER:
        scope = Q(level=Level.DISTRICT, district_id=user.district_id)
    elif user.role == Role.STATE_OFFICER:
        scope = Q(level=Level.STATE, district__state_id=user.state_id)
    elif user.is_national_admin:
        scope = Q(level=Level.NATIONAL)
    else:
        return Q(pk__in=[])
    return scope & ~Q(filed_by=user) & ~Q(producer__user=user)


def can_handle_grievance(user: User | AnonymousUser, grievance: Grievance) -> bool:
    """Reply, give an interim reply or escalate: an officer of the grievance's level for its
    district, while a reply is awaited, who is not a party to it."""
    signed_in = signed_in_user(user)
    return bool(
        signed_in
        and grievance.status in WAITING_STATUSES
        and not is_party(signed_in, grievance)
        and officer_answers_at(signed_in, level=grievance.level, district=grievance.district)
    )


def can_rate_grievance(user: User | AnonymousUser, grievance: Grievance) -> bool:
    """Rate the reply: the filer or the producer it was filed for, once, after the first reply
    (the appeal's reply is final)."""
    signed_in = signed_in_user(user)
    return bool(
        signed_in
        and grievance.status == GrievanceStatus.ANSWERED
        and is_party(signed_in, grievance)
    )


def can_file_for_producer(user: User | AnonymousUser, producer: Producer) -> bool:
    """File on a producer's behalf: an officer whose scope covers the producer's district."""
    return officer_covers_district(user, producer.district)


def can_decide_setting(user: User | AnonymousUser, setting: GrievanceSetting) -> bool:
    """Approve or reject a proposed setting: a national admin other than the proposer."""
    signed_in = signed_in_user(user)
    return bool(
        signed_in and signed_in.is_national_admin and setting.proposed_by_id != signed_in.pk
    )


def can_propose_setting(user: User | AnonymousUser) -> bool:
    """Propose a new dated value of a grievance setting: national admins (a national rule)."""
    signed_in = signed_in_user(user)
    return bool(signed_in and signed_in.is_national_admin)
