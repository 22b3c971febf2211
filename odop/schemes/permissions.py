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
from odop.geography.permissions import officer_covers_district, officer_scope
from odop.producers.models import Producer
from odop.schemes import stages
from odop.schemes.models import (
    Application,
    ApplicationStatus,
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


# ---------------------------------------------------------------- applications


def applications_visible_to(user: User | AnonymousUser) -> QuerySet[Application]:
    """A producer's own applications (and those they submitted); officers the applications
    of the districts they cover; a bank officer those of their district. Nobody else."""
    signed_in = signed_in_user(user)
    applications = Application.objects.select_related("scheme", "producer", "district")
    if signed_in is None:
        return applications.none()
    if signed_in.is_officer:
        return applications.filter(officer_scope(signed_in))
    if signed_in.role == Role.BANK_OFFICER and signed_in.district_id is not None:
        return applications.filter(district_id=signed_in.district_id)
    return applications.filter(Q(producer__user=signed_in) | Q(applicant=signed_in))


def access_application(user: User | AnonymousUser, application_id: int) -> Application:
    """The application if `user` may see it, else 404 (the same answer as for no such id)."""
    try:
        return applications_visible_to(user).get(pk=application_id)
    except Application.DoesNotExist as error:
        raise Http404 from error


def can_apply_on_behalf(user: User | AnonymousUser, producer: Producer) -> bool:
    """An officer covering the producer's district may apply for them (with their consent)."""
    return officer_covers_district(user, producer.district)


def is_own_application(user: User, application: Application) -> bool:
    """The producer's own account, or whoever submitted it: they never move it themselves."""
    return application.applicant_id == user.pk or application.producer.user_id == user.pk


def can_move_application(user: User | AnonymousUser, application: Application) -> bool:
    """Move an application on (or refuse it): an officer of the role that owns its stage, or
    one the overdue stage escalated to, covering its district; never on one's own."""
    signed_in = signed_in_user(user)
    if signed_in is None or application.status != ApplicationStatus.IN_PROGRESS:
        return False
    if is_own_application(signed_in, application):
        return False
    stage = stages.stage_of(application.scheme.code, application.stage)
    if stage is None:
        return False
    roles = stages.responsible_roles(stage, application.escalation_level)
    if signed_in.role not in roles:
        return False
    if signed_in.role == Role.BANK_OFFICER:
        return signed_in.district_id == application.district_id
    return officer_covers_district(signed_in, application.district)


def can_attach_document(user: User | AnonymousUser, application: Application) -> bool:
    """The producer, whoever applied for them, an officer covering the district, or a bank
    officer of the district (the sanction letter), while the application is in progress."""
    signed_in = signed_in_user(user)
    if signed_in is None or application.status != ApplicationStatus.IN_PROGRESS:
        return False
    if signed_in.role == Role.BANK_OFFICER:
        return signed_in.district_id == application.district_id
    return is_own_application(signed_in, application) or officer_covers_district(
        signed_in, application.district
    )


def can_see_application_counts(user: User | AnonymousUser) -> bool:
    """Counts by district and scheme: officers (narrowed to their scope) and bank officers."""
    signed_in = signed_in_user(user)
    return bool(signed_in and (signed_in.is_officer or signed_in.role == Role.BANK_OFFICER))
