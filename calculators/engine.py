"""Running a calculator on raw input: parse, compute, and never raise at the reader."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from calculators.registry import get_calculator
from calculators.spec import Calculator, InputError, Result, Values
from calculators.validation import parse_inputs


@dataclass(frozen=True)
class Evaluation:
    """Parsed values, per-field messages, and the result when every field was valid."""

    calculator: Calculator
    values: Values
    errors: dict[str, str]
    result: Result | None

    @property
    def ok(self) -> bool:
        return self.result is not None


def evaluate(calc: Calculator | str, raw: Mapping[str, object] | None = None) -> Evaluation:
    """Parse ``raw`` (strings or numbers; missing keys take defaults) and compute."""
    calculator = get_calculator(calc) if isinstance(calc, str) else calc
    values, errors = parse_inputs(calculator, raw or {})
    if errors:
        return Evaluation(calculator, values, errors, None)
    try:
        result = calculator.compute(values)
    except InputError as exc:
        return Evaluation(calculator, values, {exc.field: exc.message}, None)
    return Evaluation(calculator, values, {}, result)
