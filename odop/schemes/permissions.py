"""Who may see schemes and change their rules. Every view and service goes through these.

Schemes with a published version are public (anyone may read the rules and run the
calculator). Versions are created and published by national admins. A parameter value is
proposed and approved by national admins or by an officer of the scheme's State (for a State
scheme), and never approved by the officer who proposed it (maker-checker).
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.schemes.models import (
    ParameterValue,
    ParameterValueStatus,
    Scheme,
    SchemeVersion,
    SchemeVersionStatus,
)


def _scheme_officer_scope(user: User) -> Q:
    """The schemes whose rules `user` helps keep: all for national admins, their State's."""
    if user.is_national_admin:
        return Q()
    if user.role == Role.STATE_OFFICER and user.state_id is not None:
        return Q(state_id=user.state_id)
    return Q(pk__in=[])


def schemes_visible_to(user: User | AnonymousUser) -> QuerySet[Scheme]:
    """Schemes with a published version for everyone; officers also see the drafts they keep."""
    published = Exists(
        SchemeVersion.objects.filter(scheme=OuterRef("pk"), status=SchemeVersionStatus.PUBLISHED)
    )
    signed_in = signed_in_user(user)
    if signed_in is None:
        return Scheme.objects.filter(published)
    return Scheme.objects.filter(Q(published) | _scheme_officer_scope(signed_in))


def access_scheme(user: User | AnonymousUser, code: str) -> Scheme:
    """The scheme if `user` may see it, else 404 (the same answer as for no such code)."""
    try:
        return schemes_visible_to(user).get(code=code)
    except Scheme.DoesNotExist as error:
        raise Http404 from error


def can_manage_versions(user: User | AnonymousUser) -> bool:
    """Creating, changing and publishing scheme versions: national admins."""
    signed_in = signed_in_user(user)
    return bool(signed_in and signed_in.is_national_admin)


def can_propose_parameter_value(user: User | AnonymousUser, scheme: Scheme) -> bool:
    """National admins for every scheme; a State officer for the schemes of their State."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return False
    if signed_in.is_national_admin:
        return True
    return (
        signed_in.role == Role.STATE_OFFICER
        and scheme.state_id is not None
        and signed_in.state_id == scheme.state_id
    )


def parameter_values_visible_to(user: User | AnonymousUser) -> QuerySet[ParameterValue]:
    """Values of the schemes `user` helps keep (proposals are not public until approved)."""
    signed_in = signed_in_user(user)
    values = ParameterValue.objects.select_related("parameter__scheme")
    if signed_in is None:
        return values.none()
    scope = _scheme_officer_scope(signed_in)
    return values.filter(parameter__scheme__in=Scheme.objects.filter(scope))


def access_parameter_value(user: User | AnonymousUser, value_id: int) -> ParameterValue:
    """The parameter value if `user` keeps its scheme, else 404."""
    try:
        return parameter_values_visible_to(user).get(pk=value_id)
    except ParameterValue.DoesNotExist as error:
        raise Http404 from error


def can_decide_parameter_value(user: User | AnonymousUser, value: ParameterValue) -> bool:
    """Approve or reject a proposal: an officer who may propose for the scheme, other than
    the one who proposed it."""
    signed_in = signed_in_user(user)
    return bool(
        signed_in
        and value.status == ParameterValueStatus.PROPOSED
        and value.proposed_by_id != signed_in.pk
        and can_propose_parameter_value(signed_in, value.parameter.scheme)
    )
