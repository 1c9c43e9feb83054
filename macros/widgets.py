"""Macros that place calculators on a page."""

from __future__ import annotations

from html import escape

from calculators.engine import evaluate
from calculators.formatting import format_range, format_value
from calculators.registry import calculators, get_calculator
from calculators.render import render_widget
from site_build.deferred import defer


def calculator(name: str, wake: str | None = None) -> str:
    """The calculator ``name`` with its default inputs, results computed at build time.

    ``wake="touch"``: Python starts only when the reader touches it (see ``render_widget``).
    """
    if wake not in (None, "touch"):
        raise ValueError(f"calculator({name!r}): wake must be 'touch' or left out, not {wake!r}")
    return defer(render_widget(get_calculator(name), wake=wake))


def calculator_list() -> str:
    """A Markdown list of every calculator, linking to the page it lives on."""
    lines = []
    for calc in calculators().values():
        title = escape(calc.title)
        link = f"[{title}]({calc.page})" if calc.page else title
        lines.append(f"- {link}: {escape(calc.summary)}")
    return "\n".join(lines)


def calculator_figure(name: str, output: str, part: str = "range", /, **inputs: object) -> str:
    """One figure computed by calculator ``name`` for ``inputs`` (the rest at their defaults).

    For prose that quotes a calculator's answer ("1 million views pays $172–$430"), so the page
    cannot drift from the calculator: the number is never typed by hand. Inputs the calculator
    rejects, an unknown output or part, or an output the result lacks fail the build with a
    message naming them.
    """
    calc = get_calculator(name)
    unit = calc.output(output).unit
    evaluation = evaluate(calc, inputs)
    if evaluation.result is None:
        raise ValueError(f"calculator_figure({name!r}, {output!r}): inputs rejected: {evaluation.errors}")
    if output not in evaluation.result.values:
        raise ValueError(f"calculator_figure({name!r}, {output!r}): no such figure for inputs {inputs}")
    value = evaluation.result.values[output]
    if part == "range":
        return escape(format_range(value, unit))
    if part in ("low", "typical", "high"):
        return escape(format_value(getattr(value, part), unit))
    raise ValueError(f"calculator_figure part must be range, low, typical or high, not {part!r}")
