"""The methodology page's account of each calculator, generated from the calculators themselves.

Hand-written, that page drifted: it promised checks and costs the code did not have (content
review 2026-12-02, 3.5). Here every line comes from a calculator's own declarations or from
running it: its inputs with their defaults and limits, the eligibility thresholds it checks
(``gates_checked``), the facts it reads (``facts_read``) and the math it shows at its defaults.
Each calculator is run at its defaults and once per choice and per toggle state, so thresholds
and facts that only one branch uses are listed too.
"""

from __future__ import annotations

from calculators.common import gates_checked
from calculators.engine import evaluate
from calculators.facts import facts_read, get_fact
from calculators.formatting import format_number
from calculators.registry import calculators
from calculators.spec import Calculator, Field
from calculators.validation import as_text
from macros.figures import text
from site_build.deferred import defer


def input_variants(calc: Calculator) -> list[dict[str, object]]:
    """Defaults, then each choice value and each toggle state on its own: the branches a reader can pick."""
    variants: list[dict[str, object]] = [{}]
    for field in calc.fields:
        if field.kind == "choice":
            variants += [{field.name: value} for value, _ in field.choices if value != field.default]
        elif field.kind == "toggle":
            variants.append({field.name: "false" if field.default else "true"})
    return variants


def explore(calc: Calculator) -> tuple[list[str], list[str]]:
    """The facts a calculator reads and the thresholds it checks ("Program: requirement"), in first-seen order."""
    facts: dict[str, None] = {}
    gates: dict[str, None] = {}
    for raw in input_variants(calc):
        with facts_read() as read, gates_checked() as checked:
            evaluation = evaluate(calc, raw)
        if evaluation.result is None:
            continue
        facts.update(read)
        facts.update(dict.fromkeys(evaluation.result.facts))
        gates.update(dict.fromkeys(f"{program} needs {gate.requirement}" for program, gate in checked))
    return list(facts), list(gates)


def _limits(field: Field) -> str:
    if field.kind == "choice":
        return "one of: " + ", ".join(label for _, label in field.choices)
    if field.kind == "toggle":
        return "yes or no"
    low = "" if field.minimum is None else format_number(field.minimum)
    high = "" if field.maximum is None else format_number(field.maximum)
    if low and high:
        span = f"{low} to {high}"
    elif low:
        span = f"{low} or more"
    elif high:
        span = f"up to {high}"
    else:
        span = "any number"
    span = f"{span} {field.unit}".strip()
    return f"{span}; may be left empty" if field.optional else span


def _default(field: Field) -> str:
    if field.kind == "choice":
        return dict(field.choices).get(str(field.default), str(field.default))
    if field.kind == "toggle":
        return "yes" if field.default else "no"
    if field.default is None:
        return "empty"
    if isinstance(field.default, int | float):
        return f"{format_number(field.default)} {field.unit}".strip()
    return as_text(field, field.default)


def _section(calc: Calculator) -> str:
    facts, gates = explore(calc)
    rows = "".join(
        f"<tr><td>{text(f.label)}</td><td>{text(_default(f))}</td><td>{text(_limits(f))}</td></tr>" for f in calc.fields
    )
    inputs = (
        '<table><thead><tr><th scope="col">You enter</th><th scope="col">Default</th>'
        f'<th scope="col">Allowed</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    gate_items = "".join(f"<li>{text(g)}</li>" for g in gates)
    gate_part = (
        f"<p><strong>Eligibility it checks</strong> (below a threshold the estimate is $0, with the reason):</p>"
        f"<ul>{gate_items}</ul>"
        if gates
        else "<p><strong>Eligibility it checks:</strong> none (no program threshold applies).</p>"
    )
    fact_items = "".join(f'<li><a href="#fact-{key}">{text(get_fact(key).label)}</a></li>' for key in facts)
    evaluation = evaluate(calc)
    steps = evaluation.result.steps if evaluation.result else ()
    step_items = "".join(f"<li>{text(step)}</li>" for step in steps)
    return (
        f"<p>{text(calc.summary)}</p>{inputs}{gate_part}"
        f"<p><strong>Sourced figures it reads</strong> (each in the table below):</p><ul>{fact_items}</ul>"
        f"<details><summary>The math at the defaults</summary><ol>{step_items}</ol></details>"
    )


def calculator_methods() -> str:
    """One section per calculator: a Markdown heading (for the table of contents) and its details."""
    parts = []
    for calc in calculators().values():
        link = f"On its page: [{text(calc.title)}]({calc.page}).\n\n" if calc.page else ""
        parts.append(f"### {text(calc.title)} {{ #calc-{calc.name} }}\n\n{link}" + defer(_section(calc)))
    return "\n\n".join(parts)
