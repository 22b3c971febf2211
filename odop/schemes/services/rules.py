"""Writes to schemes: versions checked when saved and published only when their golden cases
pass, parameter values under maker-checker, and the loading of the shipped scheme files.

Every status change goes through `_version_move` or `_value_move`, which refuse moves the
workflow does not list and write the history row in the same transaction.
"""

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.core.errors import field_error
from odop.geography.models import State
from odop.schemes import engine, spec
from odop.schemes.models import (
    Parameter,
    ParameterType,
    ParameterValue,
    ParameterValueEvent,
    ParameterValueStatus,
    Scheme,
    SchemeVersion,
    SchemeVersionEvent,
    SchemeVersionStatus,
)
from odop.schemes.permissions import (
    can_decide_parameter_value,
    can_manage_versions,
    can_propose_parameter_value,
)
from odop.schemes.rules import RuleError
from odop.schemes.selectors import parameter_values, version_data
from odop.schemes.shipped import shipped_scheme_data
from odop.schemes.workflow import VALUE_TRANSITIONS, VERSION_TRANSITIONS

SHIPPED = _("Loaded from the scheme file shipped with the platform.")


def scheme_version_validate(*, scheme: Scheme, data: dict[str, Any]) -> spec.VersionSpec:
    """The version `data` as the engine reads it, every rule checked.

    Raises ValidationError on `rules` naming the step, criterion or fact that is wrong:
    `spec_invalid` (layout), `rule_invalid` (syntax, unknown name, wrong type, a forbidden
    construct such as reading an attribute).
    """
    names = list(scheme.parameters.values_list("name", flat=True))
    try:
        version = spec.version_from_dict(data, parameters=names)
        engine.version_check(version=version)
    except spec.SpecError as error:
        raise field_error("rules", error.message, error.code) from error
    except RuleError as error:
        raise field_error("rules", error.message, error.code) from error
    return version


def _version_move(
    *, version: SchemeVersion, to: SchemeVersionStatus, actor: User | None, note: str = ""
) -> None:
    current = SchemeVersionStatus(version.status)
    if to not in VERSION_TRANSITIONS[current]:
        raise ValidationError(
            _("A %(from)s version cannot become %(to)s.") % {"from": current.label, "to": to.label},
            code="invalid_transition",
        )
    version.status = to
    fields = ["status", "updated_at"]
    if to == SchemeVersionStatus.PUBLISHED:
        version.published_at = timezone.now()
        fields.append("published_at")
    version.save(update_fields=fields)
    SchemeVersionEvent.objects.create(
        version=version, actor=actor, from_status=current, to_status=to, note=note
    )


@transaction.atomic
def scheme_version_save(
    *, actor: User | None, scheme: Scheme, data: dict[str, Any]
) -> SchemeVersion:
    """Create the version `data["number"]`, or change it while it is a draft.

    Precondition: `actor` is None only for the shipped files (`schemes_load`). Raises
    PermissionDenied for anyone but a national admin, ValidationError (`rules`) for a bad
    rule, `version_not_draft` for a published or retired version. Nothing is saved on error.
    """
    if actor is not None and not can_manage_versions(actor):
        raise PermissionDenied
    checked = scheme_version_validate(scheme=scheme, data=data)
    fields = {key: data[key] for key in ("facts", "steps", "criteria", "golden_cases")}
    version = (
        SchemeVersion.objects.select_for_update()
        .filter(scheme=scheme, number=checked.number)
        .first()
    )
    if version is None:
        version = SchemeVersion(scheme=scheme, number=checked.number, **fields)
        version.full_clean()
        version.save()
        SchemeVersionEvent.objects.create(
            version=version, actor=actor, to_status=SchemeVersionStatus.DRAFT
        )
        return version
    if version.status != SchemeVersionStatus.DRAFT:
        raise field_error(
            "number",
            _("Version %(number)s is no longer a draft: give the change a new number.")
            % {"number": checked.number},
            "version_not_draft",
        )
    for key, value in fields.items():
        setattr(version, key, value)
    version.full_clean()
    version.save(update_fields=[*fields, "updated_at"])
    return version


@transaction.atomic
def scheme_version_publish(*, actor: User | None, version: SchemeVersion) -> SchemeVersion:
    """Publish a draft once every golden case passes; the version it replaces is retired.

    Golden cases run with the scheme's stored parameter values (approved ones, plus pending
    proposals for cases marked `include_proposed`). Raises `golden_case_failed` listing every
    case that fails, and nothing changes.
    """
    if actor is not None and not can_manage_versions(actor):
        raise PermissionDenied
    version = SchemeVersion.objects.select_for_update().get(pk=version.pk)
    scheme = version.scheme
    checked = scheme_version_validate(scheme=scheme, data=version_data(version=version))
    failures = engine.golden_failures(
        code=scheme.code, version=checked, values=parameter_values(scheme=scheme)
    )
    if not checked.golden_cases:
        failures = [_("A version needs golden test cases before it is published.")]
    if failures:
        raise ValidationError(
            [ValidationError(failure, code="golden_case_failed") for failure in failures]
        )
    for previous in SchemeVersion.objects.select_for_update().filter(
        scheme=scheme, status=SchemeVersionStatus.PUBLISHED
    ):
        _version_move(version=previous, to=SchemeVersionStatus.RETIRED, actor=actor)
    _version_move(version=version, to=SchemeVersionStatus.PUBLISHED, actor=actor)
    return version


def _value_checked(*, parameter: Parameter, value: Decimal) -> None:
    if parameter.type == ParameterType.INTEGER and value != value.to_integral_value():
        raise field_error("value", _("This parameter takes whole numbers."), "not_whole")


@transaction.atomic
def parameter_value_propose(
    *,
    actor: User,
    parameter: Parameter,
    value: Decimal,
    effective_from: date,
    effective_to: date | None,
    reference: str,
) -> ParameterValue:
    """Propose a dated value with the order that sets it; it counts only once approved.

    Raises PermissionDenied unless `actor` may keep the scheme's rules, ValidationError for a
    value out of range, a fraction for a whole-number parameter (`not_whole`), dates out of
    order or an empty reference.
    """
    if not can_propose_parameter_value(actor, parameter.scheme):
        raise PermissionDenied
    _value_checked(parameter=parameter, value=value)
    row = ParameterValue(
        parameter=parameter,
        value=value,
        effective_from=effective_from,
        effective_to=effective_to,
        reference=reference.strip(),
        status=ParameterValueStatus.PROPOSED,
        proposed_by=actor,
    )
    row.full_clean()
    row.save()
    ParameterValueEvent.objects.create(
        value=row, actor=actor, to_status=ParameterValueStatus.PROPOSED
    )
    return row


def _value_move(
    *, row: ParameterValue, to: ParameterValueStatus, actor: User | None, note: str
) -> None:
    current = ParameterValueStatus(row.status)
    if to not in VALUE_TRANSITIONS[current]:
        raise ValidationError(
            _("A %(from)s value cannot become %(to)s.") % {"from": current.label, "to": to.label},
            code="invalid_transition",
        )
    row.status = to
    row.decided_by = actor
    row.decided_at = timezone.now()
    row.full_clean()
    row.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    ParameterValueEvent.objects.create(
        value=row, actor=actor, from_status=current, to_status=to, note=note
    )


def _decide(
    *, actor: User, value: ParameterValue, to: ParameterValueStatus, note: str
) -> ParameterValue:
    row = ParameterValue.objects.select_for_update().select_related("parameter__scheme")
    locked = row.get(pk=value.pk)
    if locked.status != ParameterValueStatus.PROPOSED:
        raise ValidationError(_("This value has already been decided."), code="invalid_transition")
    if locked.proposed_by_id == actor.pk:
        raise ValidationError(_("Nobody approves their own proposal."), code="own_proposal")
    if not can_decide_parameter_value(actor, locked):
        raise PermissionDenied
    _value_move(row=locked, to=to, actor=actor, note=note)
    return locked


@transaction.atomic
def parameter_value_approve(
    *, actor: User, value: ParameterValue, note: str = ""
) -> ParameterValue:
    """Approve a proposal: from its date it is the value evaluations use.

    Raises `own_proposal` when `actor` proposed it, `invalid_transition` when it is no longer
    a proposal, a ValidationError when an approved value already starts on the same date,
    PermissionDenied when `actor` does not keep the scheme's rules.
    """
    return _decide(actor=actor, value=value, to=ParameterValueStatus.APPROVED, note=note)


@transaction.atomic
def parameter_value_reject(*, actor: User, value: ParameterValue, note: str = "") -> ParameterValue:
    """Reject a proposal (the same people as approve it); it never takes effect."""
    return _decide(actor=actor, value=value, to=ParameterValueStatus.REJECTED, note=note)


@dataclass(frozen=True, slots=True)
class LoadOutcome:
    """What `schemes_load` did for one scheme file."""

    code: str
    created: bool
    values_added: int
    versions_published: tuple[int, ...]
    state_missing: bool = False  # a State scheme whose State is not imported yet


def _scheme_upsert(scheme_spec: spec.SchemeSpec) -> tuple[Scheme, bool]:
    state = (
        State.objects.filter(lgd_code=scheme_spec.state_lgd_code).first()
        if scheme_spec.state_lgd_code is not None
        else None
    )
    scheme, created = Scheme.objects.update_or_create(
        code=scheme_spec.code,
        defaults={
            "name": scheme_spec.name["en"],
            "name_hi": scheme_spec.name["hi"],
            "sponsor": scheme_spec.sponsor["en"],
            "sponsor_hi": scheme_spec.sponsor["hi"],
            "description": scheme_spec.description["en"],
            "description_hi": scheme_spec.description["hi"],
            "state": state,
            "sources": list(scheme_spec.sources),
        },
    )
    return scheme, created


def _parameters_load(scheme: Scheme, scheme_spec: spec.SchemeSpec) -> int:
    """Store the shipped parameters and those of their values not stored yet."""
    added = 0
    for parameter_spec in scheme_spec.parameters:
        parameter, _created = Parameter.objects.update_or_create(
            scheme=scheme,
            name=parameter_spec.name,
            defaults={
                "type": parameter_spec.type.value,
                "label": parameter_spec.en,
                "label_hi": parameter_spec.hi,
            },
        )
        for shipped in parameter_spec.values:
            if parameter.values.filter(
                effective_from=shipped.effective_from,
                value=shipped.value,
                reference=shipped.reference,
            ).exists():
                continue  # stored before (and perhaps approved or rejected since)
            status = ParameterValueStatus(shipped.status.value)
            row = ParameterValue(
                parameter=parameter,
                value=shipped.value,
                effective_from=shipped.effective_from,
                effective_to=shipped.effective_to,
                reference=shipped.reference,
                status=status,
                # The shipped values were reviewed as code, with their sources; a shipped
                # proposal still waits for an officer like any other.
                decided_at=timezone.now() if status != ParameterValueStatus.PROPOSED else None,
            )
            row.full_clean()
            row.save()
            ParameterValueEvent.objects.create(value=row, to_status=status, note=SHIPPED)
            added += 1
    return added


@transaction.atomic
def schemes_load() -> list[LoadOutcome]:
    """Store the shipped schemes (`odop/schemes/data/*.json`); running it again changes nothing.

    A version already published must equal its file: a changed rule needs a new version
    number (raises `version_not_draft`), so a published decision never changes under anyone.
    """
    outcomes = []
    for data in shipped_scheme_data():
        scheme_spec = spec.scheme_from_dict(data)
        scheme, created = _scheme_upsert(scheme_spec)
        added = _parameters_load(scheme, scheme_spec)
        published = []
        for version_dict in data["versions"]:
            stored = SchemeVersion.objects.filter(
                scheme=scheme, number=version_dict["number"]
            ).first()
            if stored is not None and stored.status != SchemeVersionStatus.DRAFT:
                if json.dumps(version_data(version=stored), sort_keys=True) != json.dumps(
                    version_dict, sort_keys=True
                ):
                    raise field_error(
                        "number",
                        _("%(code)s version %(number)s is published and differs from its file.")
                        % {"code": scheme.code, "number": version_dict["number"]},
                        "version_not_draft",
                    )
                continue
            version = scheme_version_save(actor=None, scheme=scheme, data=version_dict)
            scheme_version_publish(actor=None, version=version)
            published.append(version.number)
        outcomes.append(
            LoadOutcome(
                code=scheme.code,
                created=created,
                values_added=added,
                versions_published=tuple(published),
                state_missing=scheme_spec.state_lgd_code is not None and scheme.state is None,
            )
        )
    return outcomes
