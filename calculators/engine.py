"""Running a calculator on raw input: parse, compute, and never raise at the reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from calculators.changes import recent_notes
from calculators.facts import facts_read
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


def evaluate(
    calc: Calculator | str, raw: Mapping[str, object] | None = None, *, today: dt.date | None = None
) -> Evaluation:
    """Parse ``raw`` (strings or numbers; missing keys take defaults) and compute.

    The result cites exactly the facts the compute read (``facts_read``), in the order it read
    them, so no calculator keeps its sources list by hand and none cites a fact its figures and
    notes do not use. A change to one of those facts in the last 90 days
    (``calculators.changes``, as of ``today``) adds a note next to the figures.
    """
    calculator = get_calculator(calc) if isinstance(calc, str) else calc
    values, errors = parse_inputs(calculator, raw or {})
    # A field that does not apply (coins in Diamonds mode, an unticked method's fields) is
    # hidden on the page; whatever it holds, the result is computed with its default.
    for name in calculator.inapplicable(values):
        values[name] = calculator.field(name).default
        errors.pop(name, None)
    if errors:
        return Evaluation(calculator, values, errors, None)
    try:
        with facts_read() as used:
            result = calculator.compute(values)
    except InputError as exc:
        return Evaluation(calculator, values, {exc.field: exc.message}, None)
    cited = tuple(used)
    notes = (*result.notes, *recent_notes(cited, today))
    return Evaluation(calculator, values, {}, replace(result, facts=cited, notes=notes))
