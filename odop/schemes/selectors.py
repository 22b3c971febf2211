"""Reads of schemes: lists for the API and pages, and the evaluation of a published version.

Evaluation is a read: it loads the published version and the parameter values into the
engine's dataclasses and calls the pure `odop.schemes.engine.evaluate`.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.core.errors import field_error
from odop.schemes import engine, spec, stages
from odop.schemes.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Parameter,
    ParameterValue,
    ParameterValueStatus,
    Scheme,
    SchemeVersion,
    SchemeVersionStatus,
)
from odop.schemes.numbers import application_number_is_valid
from odop.schemes.permissions import applications_visible_to, schemes_visible_to
from odop.schemes.rules import RuleError


def scheme_list(*, user: User | AnonymousUser) -> QuerySet[Scheme]:
    """The schemes `user` may see, each with its versions (two queries in all)."""
    return schemes_visible_to(user).prefetch_related(
        Prefetch("versions", queryset=SchemeVersion.objects.order_by("number"))
    )


def scheme_version_published(*, scheme: Scheme) -> SchemeVersion | None:
    """The version in force (at most one is published), or None."""
    return scheme.versions.filter(status=SchemeVersionStatus.PUBLISHED).first()


def version_spec(*, version: SchemeVersion) -> spec.VersionSpec:
    """A stored version as the engine reads it (its rules were checked when saved)."""
    names = list(
        Parameter.objects.filter(scheme_id=version.scheme_id).values_list("name", flat=True)
    )
    return spec.version_from_dict(version_data(version=version), parameters=names)


def version_data(*, version: SchemeVersion) -> dict[str, Any]:
    """A stored version in the layout of the scheme files."""
    return {
        "number": version.number,
        "facts": version.facts,
        "steps": version.steps,
        "criteria": version.criteria,
        "golden_cases": version.golden_cases,
    }


def parameter_values(*, scheme: Scheme) -> list[spec.ParameterValue]:
    """Every dated value of the scheme's parameters, whatever its status (the engine picks)."""
    return [
        spec.ParameterValue(
            name=row.parameter.name,
            # The column keeps six places; the trace shows 0.15, not 0.150000.
            value=Decimal(format(row.value.normalize(), "f")),
            effective_from=row.effective_from,
            effective_to=row.effective_to,
            reference=row.reference,
            status=spec.ValueStatus(row.status),
        )
        for row in ParameterValue.objects.filter(parameter__scheme=scheme).select_related(
            "parameter"
        )
    ]


def parameter_list(*, scheme: Scheme) -> QuerySet[Parameter]:
    """The scheme's parameters with their values, oldest first."""
    return scheme.parameters.prefetch_related(
        Prefetch("values", queryset=ParameterValue.objects.order_by("effective_from", "pk"))
    )


def fact_errors(error: engine.FactError) -> ValidationError:
    """A FactError as a ValidationError on `facts`, one coded message per problem."""
    return ValidationError(
        {"facts": [ValidationError(message, code=code) for _fact, code, message in error.problems]}
    )


def scheme_evaluate(*, scheme: Scheme, as_of: date, facts: Mapping[str, Any]) -> engine.Decision:
    """What the scheme's published version gives for `facts` with the values approved on `as_of`.

    Raises ValidationError: on `facts` (`missing_fact`, `unknown_fact`, `invalid_fact`,
    `fact_out_of_range`), on `as_of` (`parameter_not_set`: no approved value on that date), or
    `no_published_version` / `evaluation_failed`.
    """
    version = scheme_version_published(scheme=scheme)
    if version is None:
        raise ValidationError(
            _("This scheme has no published version yet."), code="no_published_version"
        )
    parameters = engine.parameters_as_of(values=parameter_values(scheme=scheme), as_of=as_of)
    try:
        return engine.evaluate(
            version=version_spec(version=version), parameters=parameters, facts=facts
        )
    except engine.FactError as error:
        raise fact_errors(error) from error
    except engine.ParameterNotSetError as error:
        raise field_error("as_of", error.message, error.code) from error
    except RuleError as error:
        raise ValidationError(error.message, code=error.code) from error


def parameter_values_pending(*, scheme: Scheme) -> QuerySet[ParameterValue]:
    """The scheme's proposals awaiting a decision, oldest first, with who proposed them."""
    return (
        ParameterValue.objects.filter(
            parameter__scheme=scheme, status=ParameterValueStatus.PROPOSED
        )
        .select_related("parameter", "proposed_by")
        .order_by("created_at", "pk")
    )


# ---------------------------------------------------------------- applications


def application_list(*, user: User) -> QuerySet[Application]:
    """The applications `user` may see, newest first."""
    return applications_visible_to(user).order_by("-created_at", "-pk")


def _queue_condition(user: User) -> Q:
    """The (scheme, stage, escalation level) combinations `user`'s role answers for, as one
    filter: the stage's owner from level 0, the officers up its chain from their level."""
    condition = Q(pk__in=[])
    for code in Scheme.objects.values_list("code", flat=True):
        for stage in stages.stages_for(code):
            chain = stages.ESCALATION_CHAINS[stage.owner]
            if user.role in chain:
                condition |= Q(
                    scheme__code=code,
                    stage=stage.code,
                    escalation_level__gte=chain.index(user.role),
                )
    return condition


def application_queue(*, user: User) -> QuerySet[Application]:
    """The applications waiting for `user` to act, most overdue first (their own excluded)."""
    return (
        applications_visible_to(user)
        .filter(status=ApplicationStatus.IN_PROGRESS)
        .filter(_queue_condition(user))
        .exclude(Q(applicant=user) | Q(producer__user=user))
        .order_by("stage_due_by", "pk")
    )


def application_by_number(*, number: str) -> Application | None:
    """The application with this public number (for the public tracking page), or None."""
    if not application_number_is_valid(number):
        return None
    return Application.objects.select_related("scheme").filter(number=number).first()


def application_history(*, application: Application) -> QuerySet[ApplicationEvent]:
    return application.events.order_by("created_at", "pk")


@dataclass(frozen=True)
class ApplicationCount:
    district: str
    district_lgd_code: int
    scheme: str
    received: int
    approved: int
    pending: int
    overdue: int


def application_counts(*, user: User, now: dt.datetime | None = None) -> list[ApplicationCount]:
    """Applications received, approved, pending and overdue by district and scheme, over the
    applications `user` may see (an officer's scope). One grouped query."""
    return application_counts_of(applications=applications_visible_to(user), now=now)


def application_counts_of(
    *, applications: QuerySet[Application], now: dt.datetime | None = None
) -> list[ApplicationCount]:
    """Received, approved, pending and overdue of `applications` by district and scheme (a
    place's applications for the MIS, or a user's visible ones). One grouped query."""
    now = now or timezone.now()
    in_progress = Q(status=ApplicationStatus.IN_PROGRESS)
    rows = (
        applications.order_by()
        .values("district__name", "district__lgd_code", "scheme__code")
        .annotate(
            received=Count("pk"),
            approved=Count("pk", filter=Q(status=ApplicationStatus.APPROVED)),
            pending=Count("pk", filter=in_progress),
            overdue=Count("pk", filter=in_progress & Q(stage_due_by__lt=now)),
        )
        .order_by("district__name", "scheme__code")
    )
    return [
        ApplicationCount(
            district=row["district__name"],
            district_lgd_code=row["district__lgd_code"],
            scheme=row["scheme__code"],
            received=row["received"],
            approved=row["approved"],
            pending=row["pending"],
            overdue=row["overdue"],
        )
        for row in rows
    ]
