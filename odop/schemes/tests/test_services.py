"""Scheme services (issue 14): loading the shipped schemes (idempotent), every golden case
through the stored rules, maker-checker on parameter values with history rows, bad rules
refused when saved, publishing refused while a golden case fails."""

import copy
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.core.errors import error_code
from odop.geography.tests.factories import DistrictFactory, StateFactory
from odop.schemes import selectors, services
from odop.schemes.models import (
    Parameter,
    ParameterValue,
    ParameterValueEvent,
    ParameterValueStatus,
    Scheme,
    SchemeVersion,
    SchemeVersionEvent,
    SchemeVersionStatus,
)
from odop.schemes.shipped import shipped_scheme_data, shipped_schemes
from odop.schemes.tests.factories import national_admin, shipped_schemes_loaded, state_officer

pytestmark = pytest.mark.django_db


def _pending_tier3() -> ParameterValue:
    return ParameterValue.objects.get(
        parameter__scheme__code="up-odop-margin-money",
        parameter__name="tier3_rate",
        status=ParameterValueStatus.PROPOSED,
    )


def _margin_money(project_cost: str, as_of: date) -> Decimal:
    scheme = Scheme.objects.get(code="up-odop-margin-money")
    return selectors.scheme_evaluate(
        scheme=scheme, as_of=as_of, facts={"project_cost": project_cost}
    ).benefit


def test_schemes_load_stores_the_five_schemes_published_and_is_idempotent() -> None:
    # given
    shipped_schemes_loaded()
    counts = (
        Scheme.objects.count(),
        SchemeVersion.objects.count(),
        ParameterValue.objects.count(),
        SchemeVersionEvent.objects.count(),
        ParameterValueEvent.objects.count(),
    )

    # when
    call_command("schemes_load", stdout=open("/dev/null", "w"))  # noqa: SIM115

    # then
    assert counts[0] == 5
    assert set(SchemeVersion.objects.values_list("status", flat=True)) == {"published"}
    after = (
        Scheme.objects.count(),
        SchemeVersion.objects.count(),
        ParameterValue.objects.count(),
        SchemeVersionEvent.objects.count(),
        ParameterValueEvent.objects.count(),
    )
    assert after == counts
    assert Scheme.objects.get(code="up-odop-mda").state.lgd_code == 9
    assert Scheme.objects.get(code="pmfme-individual").state is None
    assert _pending_tier3().value == Decimal("0.100000")


def test_every_golden_case_passes_through_the_stored_rules() -> None:
    shipped_schemes_loaded()
    for scheme_spec in shipped_schemes():
        scheme = Scheme.objects.get(code=scheme_spec.code)
        for case in scheme_spec.versions[-1].golden_cases:
            if case.include_proposed:
                continue  # covered by the approval test below, once approved
            decision = selectors.scheme_evaluate(scheme=scheme, as_of=case.as_of, facts=case.facts)
            assert (decision.eligible, decision.benefit) == (case.eligible, case.benefit), case


def test_the_proposed_ten_percent_counts_only_after_a_second_officer_approves_it() -> None:
    """issue 14: the later 10% third tier is a dated proposal awaiting an officer."""
    # given
    up = shipped_schemes_loaded()
    officer = state_officer(up)
    assert _margin_money("12000000", date(2026, 6, 1)) == Decimal("1800000.00")

    # when
    services.parameter_value_approve(actor=officer, value=_pending_tier3(), note="Order checked")

    # then
    assert _margin_money("12000000", date(2026, 6, 1)) == Decimal("1200000.00")
    assert _margin_money("12000000", date(2026, 3, 31)) == Decimal("1800000.00")
    assert _margin_money("9000000", date(2026, 6, 1)) == Decimal("1000000.00")
    event = ParameterValueEvent.objects.filter(value__parameter__name="tier3_rate").last()
    assert event is not None
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        officer,
        "proposed",
        "approved",
        "Order checked",
    )


def test_nobody_approves_their_own_proposal_and_nothing_changes() -> None:
    # given
    shipped_schemes_loaded()
    admin = national_admin()
    parameter = Parameter.objects.get(scheme__code="pmfme-seed-capital", name="amount_per_member")
    value = services.parameter_value_propose(
        actor=admin,
        parameter=parameter,
        value=Decimal("50000"),
        effective_from=date(2027, 4, 1),
        effective_to=None,
        reference="MoFPI order (test)",
    )

    # when
    with pytest.raises(ValidationError) as error:
        services.parameter_value_approve(actor=admin, value=value)

    # then
    assert error_code(error.value) == "own_proposal"
    value.refresh_from_db()
    assert value.status == ParameterValueStatus.PROPOSED
    assert value.events.count() == 1
    scheme = Scheme.objects.get(code="pmfme-seed-capital")
    decision = selectors.scheme_evaluate(
        scheme=scheme, as_of=date(2027, 5, 1), facts={"shg_members": 1}
    )
    assert decision.benefit == Decimal("40000.00")


def test_a_second_national_admin_approves_and_the_new_value_applies_from_its_date() -> None:
    shipped_schemes_loaded()
    parameter = Parameter.objects.get(scheme__code="pmfme-seed-capital", name="amount_per_member")
    value = services.parameter_value_propose(
        actor=national_admin(),
        parameter=parameter,
        value=Decimal("50000"),
        effective_from=date(2027, 4, 1),
        effective_to=None,
        reference="MoFPI order (test)",
    )

    services.parameter_value_approve(actor=national_admin(), value=value)

    scheme = Scheme.objects.get(code="pmfme-seed-capital")
    benefits = [
        selectors.scheme_evaluate(scheme=scheme, as_of=day, facts={"shg_members": 2}).benefit
        for day in (date(2027, 3, 31), date(2027, 4, 1))
    ]
    assert benefits == [Decimal("80000.00"), Decimal("100000.00")]


@pytest.mark.parametrize(
    ("_case", "who", "may_propose", "may_approve"),
    [
        ("a national admin", "admin", True, True),
        ("an officer of the scheme's State", "up_officer", True, True),
        ("an officer of another State", "other_officer", False, False),
        ("a district officer of the scheme's State", "district_officer", False, False),
        ("a producer", "producer", False, False),
    ],
)
def test_who_may_propose_and_approve_a_state_scheme_value(
    _case: str, who: str, may_propose: bool, may_approve: bool
) -> None:
    # given
    up = shipped_schemes_loaded()
    people = {
        "admin": national_admin(),
        "up_officer": state_officer(up),
        "other_officer": state_officer(StateFactory.create()),
        "district_officer": UserFactory.create(
            role=Role.DISTRICT_OFFICER, district=DistrictFactory.create(state=up)
        ),
        "producer": UserFactory.create(role=Role.PRODUCER),
    }
    parameter = Parameter.objects.get(scheme__code="up-odop-mda", name="state_stall_cap")
    proposal = dict(
        parameter=parameter,
        value=Decimal("60000"),
        effective_from=date(2027, 1, 1),
        effective_to=None,
        reference="UP order (test)",
    )

    # when / then
    if may_propose:
        services.parameter_value_propose(actor=people[who], **proposal)
    else:
        with pytest.raises(PermissionDenied):
            services.parameter_value_propose(actor=people[who], **proposal)
    pending = _pending_tier3()
    if may_approve:
        assert services.parameter_value_approve(actor=people[who], value=pending).status == (
            ParameterValueStatus.APPROVED
        )
    else:
        with pytest.raises(PermissionDenied):
            services.parameter_value_approve(actor=people[who], value=pending)
        assert _pending_tier3().status == ParameterValueStatus.PROPOSED


def test_a_state_officer_cannot_keep_a_central_scheme() -> None:
    up = shipped_schemes_loaded()
    parameter = Parameter.objects.get(scheme__code="pmfme-individual", name="subsidy_cap")

    with pytest.raises(PermissionDenied):
        services.parameter_value_propose(
            actor=state_officer(up),
            parameter=parameter,
            value=Decimal("1500000"),
            effective_from=date(2027, 1, 1),
            effective_to=None,
            reference="x",
        )


def test_a_rejected_proposal_never_applies_and_cannot_be_approved_later() -> None:
    up = shipped_schemes_loaded()
    pending = _pending_tier3()

    services.parameter_value_reject(actor=state_officer(up), value=pending, note="No order")

    assert _margin_money("12000000", date(2026, 6, 1)) == Decimal("1800000.00")
    with pytest.raises(ValidationError) as error:
        services.parameter_value_approve(actor=national_admin(), value=pending)
    assert error_code(error.value) == "invalid_transition"


@pytest.mark.parametrize(
    ("_case", "changes", "field", "code"),
    [
        ("a fraction for a whole number", {"value": Decimal("10.5")}, "value", "not_whole"),
        ("an end before the start", {"effective_to": date(2026, 1, 1)}, None, "dates_out_of_order"),
        ("a negative value", {"value": Decimal("-1")}, "value", None),
    ],
)
def test_a_bad_proposal_is_refused_and_nothing_is_stored(
    _case: str, changes: dict[str, Any], field: str | None, code: str | None
) -> None:
    shipped_schemes_loaded()
    parameter = Parameter.objects.get(scheme__code="pmfme-individual", name="workers_limit")
    before = ParameterValue.objects.count()
    proposal = {
        "value": Decimal("12"),
        "effective_from": date(2027, 1, 1),
        "effective_to": None,
        "reference": "MoFPI order (test)",
        **changes,
    }

    with pytest.raises(ValidationError) as error:
        services.parameter_value_propose(actor=national_admin(), parameter=parameter, **proposal)

    if code:
        assert code in str(error.value.error_dict) or error_code(error.value) == code
    if field:
        assert field in error.value.error_dict
    assert ParameterValue.objects.count() == before


def _draft(code: str, **changes: Any) -> dict[str, Any]:
    data = next(d for d in shipped_scheme_data() if d["code"] == code)
    version = copy.deepcopy(data["versions"][0])
    version["number"] = 2
    version.update(changes)
    return version


@pytest.mark.parametrize(
    ("_case", "rule", "words"),
    [
        ("an unknown name", "shg_members * amount_per_person", "seed_capital: unknown name"),
        ("a yes-or-no step", "shg_members > 2", "seed_capital: the rule must give a number"),
        ("text in arithmetic", 'shg_members * "forty"', "seed_capital: the types"),
        ("reading an attribute", "shg_members.to_str", "seed_capital: reading attributes"),
    ],
)
def test_a_bad_rule_is_refused_when_saved_naming_the_step(
    _case: str, rule: str, words: str
) -> None:
    # given
    shipped_schemes_loaded()
    scheme = Scheme.objects.get(code="pmfme-seed-capital")
    data = _draft("pmfme-seed-capital")
    data["steps"][0]["rule"] = rule

    # when
    with pytest.raises(ValidationError) as error:
        services.scheme_version_save(actor=national_admin(), scheme=scheme, data=data)

    # then
    assert error.value.error_dict["rules"][0].code == "rule_invalid"
    assert words in error.value.error_dict["rules"][0].message
    assert scheme.versions.count() == 1


def test_publishing_runs_the_golden_cases_and_refuses_when_one_fails() -> None:
    # given
    shipped_schemes_loaded()
    admin = national_admin()
    scheme = Scheme.objects.get(code="pmfme-seed-capital")
    data = _draft("pmfme-seed-capital")
    data["golden_cases"][1]["benefit"] = "400000.01"
    version = services.scheme_version_save(actor=admin, scheme=scheme, data=data)

    # when
    with pytest.raises(ValidationError) as error:
        services.scheme_version_publish(actor=admin, version=version)

    # then
    assert [each.code for each in error.value.error_list] == ["golden_case_failed"]
    assert "ten members" in error.value.error_list[0].message
    version.refresh_from_db()
    assert version.status == SchemeVersionStatus.DRAFT
    assert scheme.versions.get(number=1).status == SchemeVersionStatus.PUBLISHED


def test_publishing_a_passing_version_retires_the_previous_one_with_history() -> None:
    shipped_schemes_loaded()
    admin = national_admin()
    scheme = Scheme.objects.get(code="pmfme-seed-capital")
    version = services.scheme_version_save(
        actor=admin, scheme=scheme, data=_draft("pmfme-seed-capital")
    )

    services.scheme_version_publish(actor=admin, version=version)

    statuses = dict(scheme.versions.values_list("number", "status"))
    assert statuses == {1: "retired", 2: "published"}
    moves = list(
        SchemeVersionEvent.objects.filter(version__scheme=scheme).values_list(
            "version__number", "from_status", "to_status"
        )
    )
    assert moves[-3:] == [(2, "", "draft"), (1, "published", "retired"), (2, "draft", "published")]
    with pytest.raises(ValidationError) as error:
        services.scheme_version_save(actor=admin, scheme=scheme, data=_draft("pmfme-seed-capital"))
    assert error_code(error.value) == "version_not_draft"


def test_only_national_admins_manage_versions() -> None:
    up = shipped_schemes_loaded()
    scheme = Scheme.objects.get(code="up-odop-mda")

    with pytest.raises(PermissionDenied):
        services.scheme_version_save(
            actor=state_officer(up), scheme=scheme, data=_draft("up-odop-mda")
        )


def test_evaluation_refuses_missing_and_unknown_facts_with_codes() -> None:
    shipped_schemes_loaded()
    scheme = Scheme.objects.get(code="up-odop-mda")

    with pytest.raises(ValidationError) as error:
        selectors.scheme_evaluate(
            scheme=scheme, as_of=date(2024, 4, 1), facts={"fair_level": "state", "colour": "red"}
        )

    codes = sorted(each.code or "" for each in error.value.error_dict["facts"])
    assert codes == ["missing_fact", "missing_fact", "missing_fact", "unknown_fact"]


def test_schemes_load_links_the_state_once_it_is_imported() -> None:
    # given: the schemes loaded before Uttar Pradesh was imported
    first = {outcome.code: outcome.state_missing for outcome in services.schemes_load()}
    assert Scheme.objects.get(code="up-odop-mda").state is None

    # when
    shipped_schemes_loaded()

    # then
    assert first["up-odop-mda"] is True
    assert first["pmfme-individual"] is False
    assert Scheme.objects.get(code="up-odop-mda").state.lgd_code == 9
