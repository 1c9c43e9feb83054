"""The entry point the browser's Web Worker calls inside Pyodide.

Reader input arrives as a plain dict of strings (converted with ``pyodide.toPy``), never
as Python source, and the answer leaves as a JSON string so nothing Python-side leaks into
JavaScript objects that would need to be freed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from calculators.engine import evaluate
from calculators.registry import UnknownCalculatorError, get_calculator
from calculators.render import render_answer, render_picks, render_results
from calculators.validation import as_text, read_back


def update(name: str, raw: Mapping[str, object]) -> str:
    """Evaluate one calculator; JSON with per-field ``errors``, results ``html`` and ``values``."""
    try:
        calc = get_calculator(str(name))
    except UnknownCalculatorError as exc:
        return json.dumps({"fatal": str(exc)})
    given = {str(k): v for k, v in dict(raw).items()} if isinstance(raw, Mapping) else {}
    # The form sends every field. One still holding the text it was built with is the field's
    # default, whatever the reader's country: the built page's "4.99" is US$4.99 everywhere,
    # and in Germany a "." before 3 digits groups thousands ("1.125" would become 1125).
    built = {f.name: as_text(f, f.default) for f in calc.fields}
    given = {name: text for name, text in given.items() if name not in built or text != built[name]}
    evaluation = evaluate(calc, given)
    values = {f.name: as_text(f, evaluation.values[f.name]) for f in calc.fields if f.name in evaluation.values}
    with evaluation.formatting():
        # How each number was read ("= 300,000"), and buttons for an entry that reads two ways.
        read = {
            f.name: read_back(f, given.get(f.name, as_text(f, f.default)), evaluation.values[f.name])
            for f in calc.fields
            if f.name in evaluation.values and f.name not in evaluation.errors
        }
        picks = {f.name: render_picks(f, given.get(f.name)) for f in calc.fields if f.name in evaluation.errors}
    return json.dumps(
        {
            "errors": evaluation.errors,
            "html": render_results(evaluation) if evaluation.ok else None,
            "answer": render_answer(evaluation) if evaluation.ok else None,
            "values": values,
            "read": {name: text for name, text in read.items() if text},
            "picks": {name: html for name, html in picks.items() if html},
            # What the money fields are read in: the reader's currency, or US dollars without a rate.
            "currency": evaluation.style.currency if evaluation.style.converts else "USD",
        }
    )
