"""Helpers the calculator tests share: valid-input strategies, result invariants, CLI runs."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import strategies as st

from calculators.cli import main
from calculators.engine import Evaluation, evaluate
from calculators.registry import get_calculator
from calculators.spec import Calculator, Field, Range

PROPERTY_EXAMPLES = 60
"""Hypothesis examples per property: enough to find edge cases, small enough to stay fast."""


def field_values(fld: Field) -> st.SearchStrategy[Any]:
    """Any value the field accepts, bounds included."""
    strategy: st.SearchStrategy[Any]
    if fld.kind == "toggle":
        strategy = st.booleans()
    elif fld.kind == "choice":
        strategy = st.sampled_from([value for value, _ in fld.choices])
    else:
        assert fld.maximum is not None, f"{fld.name} needs a maximum"
        low = fld.minimum if fld.minimum is not None else 0
        if fld.kind == "integer":
            strategy = st.integers(math.ceil(low), math.floor(fld.maximum))
        else:
            strategy = st.floats(low, fld.maximum, allow_nan=False, allow_infinity=False)
    return st.none() | strategy if fld.optional else strategy


def valid_inputs(calc: Calculator, **fixed: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Inputs for every field of ``calc`` within its declared bounds; ``fixed`` overrides some."""
    return st.fixed_dictionaries({f.name: fixed.get(f.name, field_values(f)) for f in calc.fields})


def run(name: str, **raw: object) -> Evaluation:
    """Evaluate a calculator and insist that it computed."""
    evaluation = evaluate(get_calculator(name), raw)
    assert evaluation.ok, evaluation.errors
    return evaluation


def values(name: str, **raw: object) -> dict[str, Range]:
    result = run(name, **raw).result
    assert result is not None
    return dict(result.values)


def notes_text(name: str, **raw: object) -> str:
    result = run(name, **raw).result
    assert result is not None
    return "\n".join(note.text for note in result.notes)


def steps_text(name: str, **raw: object) -> str:
    result = run(name, **raw).result
    assert result is not None
    return "\n".join(result.steps)


def assert_sound(evaluation: Evaluation, losses: tuple[str, ...] = ()) -> None:
    """Computed; every output declared, finite and ordered; money never negative unless a loss."""
    assert evaluation.ok, evaluation.errors
    assert evaluation.result is not None
    declared = {out.key: out for out in evaluation.calculator.outputs}
    for key, r in evaluation.result.values.items():
        assert key in declared, f"undeclared output {key}"
        assert all(math.isfinite(x) for x in (r.low, r.typical, r.high)), (key, r)
        assert r.low <= r.typical <= r.high, (key, r)
        if declared[key].unit == "usd" and key not in losses:
            assert r.low >= 0, (key, r)
    assert any(out.key in evaluation.result.values for out in evaluation.calculator.outputs if out.headline)


def approx(r: Range, low: float, typical: float, high: float) -> None:
    assert (r.low, r.typical, r.high) == pytest.approx((low, typical, high))


def at_least(bigger: Range, smaller: Range) -> None:
    """Every bound of ``bigger`` is at least the same bound of ``smaller`` (up to rounding)."""
    for b, s in zip(
        (bigger.low, bigger.typical, bigger.high), (smaller.low, smaller.typical, smaller.high), strict=True
    ):
        assert b >= s - 1e-9 * max(1.0, abs(s)), (bigger, smaller)


def cli_json(capsys: pytest.CaptureFixture[str], name: str, *args: str) -> dict[str, Any]:
    """Run ``python -m calculators NAME ARGS --json`` and parse what it printed."""
    assert main([name, *args, "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def cli_error(capsys: pytest.CaptureFixture[str], name: str, *args: str) -> str:
    """Run a command that must fail on input; return its stderr."""
    assert main([name, *args]) == 2
    return capsys.readouterr().err
