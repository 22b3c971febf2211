"""Who sees which MIS: the one gate of the reports app.

The public reports and maps are aggregates for the nation and each State: everyone may read
them. The officers' dashboard is scoped by the one officer-scope rule of geography: a national
admin sees the nation (and may open any State), a State officer their State, a district officer
their district. Anyone else gets a 404, as for an object they cannot see.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.geography.models import State
from odop.geography.permissions import access_state
from odop.reports.sections import MisScope

DASHBOARD_ROLES = frozenset({Role.NATIONAL_ADMIN, Role.STATE_OFFICER, Role.DISTRICT_OFFICER})


def can_see_dashboard(user: User | AnonymousUser) -> bool:
    """National admins, State officers and district officers have an MIS dashboard."""
    signed_in = signed_in_user(user)
    return signed_in is not None and (
        signed_in.is_national_admin or signed_in.role in DASHBOARD_ROLES
    )


def can_pick_state(user: User | AnonymousUser) -> bool:
    """Only a national admin's dashboard covers several States, so only they pick one."""
    signed_in = signed_in_user(user)
    return signed_in is not None and signed_in.is_national_admin


def access_dashboard_scope(user: User | AnonymousUser, state_code: int | None) -> MisScope:
    """The scope of `user`'s dashboard; a national admin may narrow it to one State by LGD
    code. Http404 for anyone without a dashboard, for an unknown State, and for an officer
    asking for a State that is not theirs (checked before any lookup by the code)."""
    signed_in = signed_in_user(user)
    if signed_in is None or not can_see_dashboard(signed_in):
        raise Http404
    if signed_in.is_national_admin:
        return MisScope(state=access_state(signed_in, state_code)) if state_code else MisScope()
    if signed_in.role == Role.STATE_OFFICER:
        if signed_in.state is None or state_code not in (None, signed_in.state.lgd_code):
            raise Http404
        return MisScope(state=signed_in.state)
    district = signed_in.district
    if district is None or state_code not in (None, district.state.lgd_code):
        raise Http404
    return MisScope(state=district.state, district=district)


def access_report_state(user: User | AnonymousUser, state_code: int | None) -> State | None:
    """The State of a public report (None: the nation). Http404 for an unknown code."""
    return access_state(user, state_code) if state_code is not None else None
