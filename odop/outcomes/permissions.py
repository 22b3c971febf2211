"""Who may see and write outcome returns and policies. Every view and service goes through these.

Returns are officers' working data: a national admin sees and uploads every district's, a
State officer their State's, a district officer their district's (the geography app's one
officer scope rule). Policies are public records; a national admin keeps every policy (central
ones only they), a State officer their State's, and both link the district products a policy
covers within that scope.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.geography.models import District, State
from odop.geography.permissions import officer_covers_district, officer_scope
from odop.outcomes.models import OutcomeReturn, OutcomeUpload, Policy


def can_upload_returns(user: User | AnonymousUser) -> bool:
    """National admins, State officers and district officers (each within their scope)."""
    signed_in = signed_in_user(user)
    return bool(
        signed_in
        and (
            signed_in.is_national_admin
            or (signed_in.role == Role.STATE_OFFICER and signed_in.state_id is not None)
            or (signed_in.role == Role.DISTRICT_OFFICER and signed_in.district_id is not None)
        )
    )


def can_return_for_district(user: User | AnonymousUser, district: District) -> bool:
    """A return row for `district` is the uploader's to give (the officer scope rule)."""
    return can_upload_returns(user) and officer_covers_district(user, district)


def outcome_returns_visible_to(user: User | AnonymousUser) -> QuerySet[OutcomeReturn]:
    """The returns of the districts an officer covers; nobody else sees any."""
    signed_in = signed_in_user(user)
    rows = OutcomeReturn.objects.select_related("district__state", "district_product__product_type")
    if signed_in is None or not can_upload_returns(signed_in):
        return rows.none()
    return rows.filter(officer_scope(signed_in))


def outcome_uploads_visible_to(user: User | AnonymousUser) -> QuerySet[OutcomeUpload]:
    """An officer's own uploads; national admins see every upload."""
    signed_in = signed_in_user(user)
    if signed_in is None or not can_upload_returns(signed_in):
        return OutcomeUpload.objects.none()
    if signed_in.is_national_admin:
        return OutcomeUpload.objects.all()
    return OutcomeUpload.objects.filter(uploaded_by=signed_in)


def policies_visible_to(user: User | AnonymousUser) -> QuerySet[Policy]:
    """Every policy is a public record."""
    return Policy.objects.select_related("state")


def access_policy(user: User | AnonymousUser, policy_id: int) -> Policy:
    """The policy with this id, or 404."""
    try:
        return policies_visible_to(user).get(pk=policy_id)
    except Policy.DoesNotExist as error:
        raise Http404 from error


def can_manage_policy_of(user: User | AnonymousUser, state: State | None) -> bool:
    """Record or change a policy of `state` (None: a central policy, national admins only)."""
    signed_in = signed_in_user(user)
    if signed_in is None:
        return False
    if signed_in.is_national_admin:
        return True
    return (
        state is not None
        and signed_in.role == Role.STATE_OFFICER
        and signed_in.state_id == state.pk
    )


def can_manage_policy(user: User | AnonymousUser, policy: Policy) -> bool:
    return can_manage_policy_of(user, policy.state)


def policy_product_scope(user: User, policy: Policy) -> Q:
    """The district products `user` may link to `policy`: the policy's State's (any State's for
    a central policy), within the officer's own scope."""
    scope = officer_scope(user)
    if policy.state_id is not None:
        scope &= Q(district__state_id=policy.state_id)
    return scope


def can_manage_policies(user: User | AnonymousUser) -> bool:
    """Keeps some policies: a national admin, or a State officer with a State."""
    signed_in = signed_in_user(user)
    return bool(
        signed_in
        and (
            signed_in.is_national_admin
            or (signed_in.role == Role.STATE_OFFICER and signed_in.state_id is not None)
        )
    )


def policies_kept_by(user: User) -> QuerySet[Policy]:
    """The policies `user` records and links products to: all for a national admin, their
    State's for a State officer, none for anyone else."""
    if user.is_national_admin:
        return policies_visible_to(user)
    if user.role == Role.STATE_OFFICER and user.state_id is not None:
        return policies_visible_to(user).filter(state_id=user.state_id)
    return Policy.objects.none()
