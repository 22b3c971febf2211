"""Who may see and do what with export plans and first-time exporters.

* Officers act within their scope: a district officer on their district's plans and
  exporters, a State officer on their State's, a national admin on all.
* Adopted and archived plans are public, but only their summary: targets, progress figures
  and exporter counts. The committee (members' names), meetings and minutes, the bottleneck
  register (owners are named people) and who reported a reading are for officers of the
  scope only: they hold personal data and deliberations, not open data.
* A producer sees their own exporter record (linked by `user`) and may tick its readiness
  checklist (self-declaration); stage moves are officers' work. Buyers, Mission officers and
  assessors have no part here beyond the public summary.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from odop.accounts.models import Role, User, signed_in_user
from odop.exports.models import (
    Bottleneck,
    BottleneckStatus,
    ExporterCandidate,
    ExporterStage,
    ExportPlan,
    PlanStatus,
)
from odop.geography.models import District
from odop.geography.permissions import officer_covers_district, officer_scope

PUBLIC_PLAN_STATUSES = (PlanStatus.ADOPTED, PlanStatus.ARCHIVED)


def _scope(user: User) -> Q:
    """The districts an officer covers, as a filter on `district`."""
    return officer_scope(user)


def covers_district(user: User | AnonymousUser, district: District) -> bool:
    """True for an officer whose scope includes `district`."""
    return officer_covers_district(user, district)


# ---------------------------------------------------------------- plans


def plans_visible_to(user: User | AnonymousUser) -> QuerySet[ExportPlan]:
    """Adopted and archived plans for everyone; drafts too for officers of the scope."""
    plans = ExportPlan.objects.select_related("district__state")
    public = Q(status__in=PUBLIC_PLAN_STATUSES)
    signed_in = signed_in_user(user)
    if signed_in is None:
        return plans.filter(public)
    return plans.filter(public | _scope(signed_in))


def access_plan(user: User | AnonymousUser, plan_id: int) -> ExportPlan:
    """The plan if `user` may see it, else 404 (the same answer as for no such id)."""
    try:
        return plans_visible_to(user).get(pk=plan_id)
    except ExportPlan.DoesNotExist as error:
        raise Http404 from error


def can_create_plan(user: User | AnonymousUser, district: District) -> bool:
    """Officers covering the district draw up its plan."""
    return covers_district(user, district)


def can_manage_plan(user: User | AnonymousUser, plan: ExportPlan) -> bool:
    """Officers covering the district change the plan: targets, progress, bottlenecks,
    committee, meetings and its status. An archived plan is closed to changes."""
    return plan.status != PlanStatus.ARCHIVED and covers_district(user, plan.district)


def can_view_plan_internals(user: User | AnonymousUser, plan: ExportPlan) -> bool:
    """The committee, meetings with minutes and the bottleneck register: officers of the
    scope only (see the module docstring)."""
    return covers_district(user, plan.district)


def can_move_bottleneck(
    user: User | AnonymousUser, bottleneck: Bottleneck, to_status: BottleneckStatus
) -> bool:
    """Officers who manage the plan; the named owner (a signed-in user) may also report
    progress on it (open ↔ in progress, resolved) but not drop it."""
    if can_manage_plan(user, bottleneck.plan):
        return True
    signed_in = signed_in_user(user)
    return (
        signed_in is not None
        and bottleneck.owner_user_id == signed_in.pk
        and bottleneck.plan.status != PlanStatus.ARCHIVED
        and to_status != BottleneckStatus.DROPPED
    )


# ---------------------------------------------------------------- first-time exporters


def exporters_visible_to(user: User | AnonymousUser) -> QuerySet[ExporterCandidate]:
    """Officers see the exporters of their scope, a producer their own record, nobody else
    any (names, IEC and GSTIN are a firm's data; the public sees counts only)."""
    exporters = ExporterCandidate.objects.select_related("district__state", "user")
    signed_in = signed_in_user(user)
    if signed_in is None:
        return exporters.none()
    if signed_in.is_officer:
        return exporters.filter(_scope(signed_in))
    if signed_in.role == Role.PRODUCER:
        # Their account on the record, or on the producer record it names (issue 11).
        return exporters.filter(Q(user=signed_in) | Q(producer__user=signed_in))
    return exporters.none()


def access_exporter(user: User | AnonymousUser, exporter_id: int) -> ExporterCandidate:
    """The exporter record if `user` may see it, else 404."""
    try:
        return exporters_visible_to(user).get(pk=exporter_id)
    except ExporterCandidate.DoesNotExist as error:
        raise Http404 from error


def can_create_exporter(user: User | AnonymousUser, district: District) -> bool:
    """Officers covering the district enrol producers in the pipeline."""
    return covers_district(user, district)


def can_move_exporter(
    user: User | AnonymousUser, exporter: ExporterCandidate, to_stage: ExporterStage
) -> bool:
    """Stage moves are for officers covering the district (they check the documents)."""
    return covers_district(user, exporter.district)


def can_update_checklist(user: User | AnonymousUser, exporter: ExporterCandidate) -> bool:
    """Officers covering the district, and the producer on their own record."""
    if covers_district(user, exporter.district):
        return True
    signed_in = signed_in_user(user)
    return signed_in is not None and exporter.user_id == signed_in.pk
