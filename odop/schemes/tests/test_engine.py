"""The pure scheme engine (issue 14), without a database: every golden case of every shipped
scheme, the dated change, fact checks, money rounded half-up at the end, the trace, and rules
that must be refused when saved (unknown names, wrong types, attribute access, code)."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from odop.schemes import engine, spec
from odop.schemes.rules import RuleError, rule_compile
from odop.schemes.shipped import shipped_schemes

SHIPPED = {scheme.code: scheme for scheme in shipped_schemes()}
GOLDEN = [
    pytest.param(scheme, version, case, id=f"{scheme.code}-v{version.number}-{case.name}")
    for scheme in shipped_schemes()
    for version in scheme.versions
    for case in version.golden_cases
]


def _values(scheme: spec.SchemeSpec) -> list[spec.ParameterValue]:
    return [value for parameter in scheme.parameters for value in parameter.values]


def _margin(project_cost: str, *, as_of: date, include_proposed: bool = False) -> engine.Decision:
    scheme = SHIPPED["up-odop-margin-money"]
    parameters = engine.parameters_as_of(
        values=_values(scheme), as_of=as_of, include_proposed=include_proposed
    )
    return engine.evaluate(
        version=scheme.versions[0], parameters=parameters, facts={"project_cost": project_cost}
    )


def test_the_five_schemes_of_issue_14_are_shipped_with_sources() -> None:
    assert set(SHIPPED) == {
        "pmfme-individual",
        "pmfme-seed-capital",
        "pmfme-common-infrastructure",
        "up-odop-margin-money",
        "up-odop-mda",
    }
    for scheme in SHIPPED.values():
        assert scheme.sources and all(source["title"] for source in scheme.sources)


@pytest.mark.parametrize(("scheme", "version", "case"), GOLDEN)
def test_golden_case(scheme: spec.SchemeSpec, version: spec.VersionSpec, case: Any) -> None:
    parameters = engine.parameters_as_of(
        values=_values(scheme), as_of=case.as_of, include_proposed=case.include_proposed
    )

    decision = engine.evaluate(version=version, parameters=parameters, facts=case.facts)

    assert (decision.eligible, decision.benefit) == (case.eligible, case.benefit)
    assert (decision.reasons == ()) is case.eligible


def test_every_shipped_version_passes_its_rule_check() -> None:
    for scheme in SHIPPED.values():
        for version in scheme.versions:
            read = engine.version_check(version=version)
            assert read == {parameter.name for parameter in scheme.parameters}


def test_a_wrong_golden_expectation_is_reported() -> None:
    scheme = SHIPPED["pmfme-seed-capital"]
    version = scheme.versions[0]
    case = spec.GoldenCase(
        name="wrong",
        as_of=date(2024, 4, 1),
        facts={"shg_members": 2},
        eligible=True,
        benefit=Decimal("1.00"),
    )
    wrong = spec.VersionSpec(
        number=2,
        facts=version.facts,
        steps=version.steps,
        criteria=version.criteria,
        golden_cases=(case,),
        parameters=version.parameters,
    )

    failures = engine.golden_failures(code=scheme.code, version=wrong, values=_values(scheme))

    assert len(failures) == 1
    assert "benefit=80000.00" in failures[0]


def test_margin_money_third_tier_follows_the_dated_change_only_once_approved() -> None:
    """issue 14: 15% from 2018-09-11; the later 10% is a proposal until an officer approves."""
    assert _margin("12000000", as_of=date(2026, 6, 1)).benefit == Decimal("1800000.00")
    assert _margin("12000000", as_of=date(2026, 6, 1), include_proposed=True).benefit == Decimal(
        "1200000.00"
    )
    assert _margin("12000000", as_of=date(2026, 3, 31), include_proposed=True).benefit == Decimal(
        "1800000.00"
    )


def test_an_approved_later_value_supersedes_the_earlier_one() -> None:
    scheme = SHIPPED["up-odop-margin-money"]
    values = [
        value
        if value.status == spec.ValueStatus.APPROVED
        else spec.ParameterValue(
            name=value.name,
            value=value.value,
            effective_from=value.effective_from,
            effective_to=value.effective_to,
            reference=value.reference,
            status=spec.ValueStatus.APPROVED,
        )
        for value in _values(scheme)
    ]

    before = engine.parameters_as_of(values=values, as_of=date(2026, 3, 31))
    after = engine.parameters_as_of(values=values, as_of=date(2026, 4, 1))

    assert before["tier3_rate"].value == Decimal("0.15")
    assert after["tier3_rate"].value == Decimal("0.10")
    assert after["tier3_rate"].effective_from == date(2026, 4, 1)


def test_a_value_ends_after_its_effective_to() -> None:
    value = spec.ParameterValue(
        name="rate",
        value=Decimal("0.5"),
        effective_from=date(2020, 1, 1),
        effective_to=date(2020, 12, 31),
        reference="Order 1",
        status=spec.ValueStatus.APPROVED,
    )

    assert "rate" in engine.parameters_as_of(values=[value], as_of=date(2020, 12, 31))
    assert engine.parameters_as_of(values=[value], as_of=date(2021, 1, 1)) == {}


def test_a_rejected_value_never_counts() -> None:
    value = spec.ParameterValue(
        name="rate",
        value=Decimal("0.5"),
        effective_from=date(2020, 1, 1),
        effective_to=None,
        reference="Order 1",
        status=spec.ValueStatus.REJECTED,
    )

    assert (
        engine.parameters_as_of(values=[value], as_of=date(2021, 1, 1), include_proposed=True) == {}
    )


def test_a_date_before_any_value_is_refused_with_parameter_not_set() -> None:
    with pytest.raises(engine.ParameterNotSetError) as error:
        _margin("1000000", as_of=date(2018, 9, 10))

    assert error.value.code == "parameter_not_set"


def test_trace_lists_each_parameter_with_its_date_and_reference_then_each_step() -> None:
    decision = _margin("12000000", as_of=date(2024, 4, 1))

    parameters = {entry.name: entry for entry in decision.trace if entry.kind == "parameter"}
    steps = [(entry.name, entry.value) for entry in decision.trace if entry.kind == "step"]
    assert parameters["tier3_rate"].value == "0.15"
    assert parameters["tier3_rate"].effective_from == date(2018, 9, 11)
    assert "cabinet decision, 2018" in parameters["tier3_rate"].reference
    assert len(parameters) == 11
    assert steps[-1] == ("margin_money", "1800000.00")
    assert [name for name, _value in steps] == [
        "tier1_amount",
        "tier2_amount",
        "tier3_amount",
        "tier4_amount",
        "margin_money",
    ]


def test_failed_criteria_give_their_reasons_in_english_and_hindi() -> None:
    scheme = SHIPPED["pmfme-individual"]
    parameters = engine.parameters_as_of(values=_values(scheme), as_of=date(2024, 4, 1))
    facts = {
        "plant_machinery_cost": "500000",
        "civil_work_cost": "0",
        "workers": 12,
        "applicant_age": 16,
        "education_class": 10,
        "family_already_benefited": False,
    }

    decision = engine.evaluate(version=scheme.versions[0], parameters=parameters, facts=facts)

    assert decision.eligible is False
    assert decision.benefit == Decimal("0.00")
    assert [reason.criterion for reason in decision.reasons] == [
        "fewer_than_ten_workers",
        "adult_applicant",
    ]
    assert all(reason.en and reason.hi for reason in decision.reasons)


@pytest.mark.parametrize(
    ("_case", "facts", "codes"),
    [
        ("a fact left out", {}, {"project_cost": "missing_fact"}),
        (
            "a fact not declared",
            {"project_cost": "10", "turnover": "5"},
            {"turnover": "unknown_fact"},
        ),
        ("text for a number", {"project_cost": "ten lakh"}, {"project_cost": "invalid_fact"}),
        ("a boolean for a number", {"project_cost": True}, {"project_cost": "invalid_fact"}),
        ("a fraction of a paisa", {"project_cost": "10.005"}, {"project_cost": "invalid_fact"}),
        ("below the minimum", {"project_cost": "0"}, {"project_cost": "fact_out_of_range"}),
        (
            "above the maximum",
            {"project_cost": "10000000001"},
            {"project_cost": "fact_out_of_range"},
        ),
    ],
)
def test_facts_are_checked_against_their_declarations(
    _case: str, facts: dict[str, Any], codes: dict[str, str]
) -> None:
    with pytest.raises(engine.FactError) as error:
        engine.facts_check(version=SHIPPED["up-odop-margin-money"].versions[0], facts=facts)

    assert {fact: code for fact, code, _message in error.value.problems} == codes


def test_choice_integer_and_boolean_facts_are_typed() -> None:
    mda = SHIPPED["up-odop-mda"].versions[0]
    individual = SHIPPED["pmfme-individual"].versions[0]
    good = {
        "plant_machinery_cost": 1,
        "civil_work_cost": "0",
        "workers": "3",
        "applicant_age": 30,
        "education_class": 8,
        "family_already_benefited": "false",
    }

    assert engine.facts_check(version=individual, facts=good)["family_already_benefited"] is False
    with pytest.raises(engine.FactError) as error:
        engine.facts_check(version=individual, facts={**good, "workers": "3.5"})
    assert error.value.problems[0][:2] == ("workers", "invalid_fact")
    with pytest.raises(engine.FactError) as error:
        engine.facts_check(
            version=mda,
            facts={"fair_level": "district", "stall_charge": 1, "freight": 1, "travel_fare": 1},
        )
    assert error.value.problems[0][:2] == ("fair_level", "invalid_fact")


TYPES = {"cost": "number", "members": "number", "flag": "boolean", "level": "text"}


@pytest.mark.parametrize(
    ("_case", "text", "result", "words"),
    [
        ("an unknown name", "cost * rate", "number", "unknown name “rate”"),
        ("a number plus text", "cost + level", "number", "types do not fit"),
        ("a criterion that gives a number", "cost * 2", "boolean", "must give a yes or no"),
        ("a step that gives yes or no", "cost > 2", "number", "must give a number"),
        ("reading an attribute", "level.length > 2", "boolean", "attributes"),
        ("indexing", "[cost][0]", "number", "not allowed"),
        ("a builtin that is not allowed", "$random(3)", "number", "only $min"),
        ("the time of evaluation", "$today", "number", "only $min"),
        ("a regular expression", "level =~ 'x.*'", "boolean", "not allowed"),
        ("a power", "cost ** 2", "number", "** and //"),
        ("Python code", "__import__('os').system('true')", "number", "unknown name"),
        ("broken syntax", "cost * (2", "number", "cannot be read"),
        ("an empty rule", "  ", "number", "empty"),
        ("a rule too long", "cost + " * 300 + "1", "number", "at most 2000 characters"),
    ],
)
def test_a_bad_rule_is_refused_naming_the_step(
    _case: str, text: str, result: str, words: str
) -> None:
    with pytest.raises(RuleError) as error:
        rule_compile(name="eligible_cost", text=text, types=TYPES, result=result)

    assert error.value.code == "rule_invalid"
    assert error.value.name == "eligible_cost"
    assert error.value.message.startswith("eligible_cost: ")
    assert words in error.value.message


def test_a_good_rule_compiles_and_computes_in_decimal() -> None:
    rule = rule_compile(
        name="s",
        text="$min([cost * 0.35, 1000000]) + (flag ? 1 : 0)",
        types=TYPES,
        result="number",
    )

    value = rule.evaluate({"cost": Decimal("100.30"), "flag": True, "members": 1, "level": "x"})

    assert value == Decimal("36.1050")


def test_a_step_may_not_read_a_later_step() -> None:
    version = SHIPPED["pmfme-seed-capital"].versions[0]
    steps = (
        spec.Step(name="first", rule="second * 2", en="x", hi="x"),
        spec.Step(name="second", rule="shg_members", en="x", hi="x"),
    )
    broken = spec.VersionSpec(
        number=9,
        facts=version.facts,
        steps=steps,
        criteria=(),
        golden_cases=(),
        parameters=version.parameters,
    )

    with pytest.raises(RuleError) as error:
        engine.version_check(version=broken)

    assert error.value.name == "first"


def test_division_by_zero_is_an_evaluation_error_on_the_step() -> None:
    version = SHIPPED["pmfme-seed-capital"].versions[0]
    broken = spec.VersionSpec(
        number=9,
        facts=version.facts,
        steps=(spec.Step(name="share", rule="amount_per_member / shg_members", en="x", hi="x"),),
        criteria=(),
        golden_cases=(),
        parameters=version.parameters,
    )
    parameters = engine.parameters_as_of(
        values=_values(SHIPPED["pmfme-seed-capital"]), as_of=date(2024, 4, 1)
    )

    with pytest.raises(RuleError) as error:
        engine.evaluate(version=broken, parameters=parameters, facts={"shg_members": 0})

    assert (error.value.code, error.value.name) == ("evaluation_failed", "share")


def test_a_negative_benefit_is_an_evaluation_error() -> None:
    version = SHIPPED["pmfme-seed-capital"].versions[0]
    broken = spec.VersionSpec(
        number=9,
        facts=version.facts,
        steps=(spec.Step(name="refund", rule="0 - amount_per_member", en="x", hi="x"),),
        criteria=(),
        golden_cases=(),
        parameters=version.parameters,
    )
    parameters = engine.parameters_as_of(
        values=_values(SHIPPED["pmfme-seed-capital"]), as_of=date(2024, 4, 1)
    )

    with pytest.raises(RuleError) as error:
        engine.evaluate(version=broken, parameters=parameters, facts={"shg_members": 1})

    assert (error.value.code, error.value.name) == ("evaluation_failed", "refund")
