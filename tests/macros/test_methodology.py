"""The methodology page describes exactly what the calculators do: generated from them, it cannot drift."""

from __future__ import annotations

from html import unescape

from calculators.common import Gate, check_gates
from calculators.engine import evaluate
from calculators.facts import get_fact
from calculators.registry import calculators
from calculators.spec import Calculator, Field, Output, Result, Values, num
from macros.methodology import calculator_methods, explore


def gated(values: Values) -> Result:
    age = Gate("live_min_age", "age", num(values, "age"), "you to be {n} or older")
    _, steps, notes = check_gates([age], "LIVE")
    if values["region"] == "far":
        get_fact("coin_price")  # a branch only one choice reaches
    return Result(values={"x": get_fact("diamond_value").value}, steps=tuple(steps), notes=tuple(notes))


GATED = Calculator(
    name="gated",
    title="Gated",
    summary="A threshold and a branch.",
    fields=(
        Field("age", "Your age", 25, kind="integer"),
        Field("region", "Region", "near", kind="choice", choices=(("near", "Near"), ("far", "Far"))),
    ),
    outputs=(Output("x", "X", "usd", headline=True),),
    compute=gated,
)


def test_thresholds_and_facts_come_from_running_the_calculator() -> None:
    facts, gates = explore(GATED)
    assert gates == ["LIVE needs you to be 18 or older"]
    assert facts == ["live_min_age", "diamond_value", "coin_price"], "the 'far' branch is explored too"


def test_every_calculator_is_described_with_its_inputs_thresholds_facts_and_math() -> None:
    page = unescape(calculator_methods())
    for calc in calculators().values():
        assert f"{{ #calc-{calc.name} }}" in page
        section = page.split(f"#calc-{calc.name} }}", 1)[1].split("\n### ", 1)[0]
        for field in calc.fields:
            assert f"<td>{field.label}</td>" in section, (calc.name, field.name)
        facts, gates = explore(calc)
        for key in facts:
            assert f'href="#fact-{key}"' in section, (calc.name, key)
        for gate in gates:
            assert f"<li>{gate}</li>" in section, (calc.name, gate)
        result = evaluate(calc).result
        assert result is not None
        for step in result.steps:
            assert f"<li>{step}</li>" in section, (calc.name, step)
