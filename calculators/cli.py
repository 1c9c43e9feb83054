"""The command line: ``python -m calculators list`` and ``python -m calculators <name> --<input> <value>``.

Input flags are generated from each calculator's declared fields, so the CLI never needs
editing when a calculator is added. Values are parsed by the same code as the web form.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence

from calculators.engine import Evaluation, evaluate
from calculators.facts import get_fact
from calculators.formatting import format_value
from calculators.locales import DEFAULT_COUNTRY
from calculators.registry import UnknownCalculatorError, calculators, get_calculator
from calculators.spec import Calculator, Field, Result, Value
from calculators.validation import as_text, reading

EXIT_BAD_INPUT = 2

DEVELOPER_COMMANDS = {"new": "scaffold", "check-facts": "freshness"}
"""Commands run from a clone of the project, by module of ``calculators/dev/`` (not in the wheel)."""


def developer_command(command: str, args: list[str]) -> int:
    """Run a ``calculators.dev`` command, imported only now: readers' copies do not have the package."""
    module = f"calculators.dev.{DEVELOPER_COMMANDS[command]}"
    try:
        run = importlib.import_module(module).main
    except ModuleNotFoundError as exc:
        if exc.name is None or not module.startswith(exc.name):
            raise
        print(f"error: `{command}` is a developer command: run it in a clone of the project", file=sys.stderr)
        return EXIT_BAD_INPUT
    return int(run(args))


def flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _calculator_parser(calc: Calculator) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"python -m calculators {calc.name}",
        description=f"{calc.title}: {calc.summary}",
        # "--lik 5" must not quietly mean "--likes 5": a flag added later would change what it means.
        allow_abbrev=False,
    )
    for fld in calc.fields:
        extra = f" Choices: {', '.join(v for v, _ in fld.choices)}." if fld.choices else ""
        unit = f" [{fld.unit}]" if fld.unit else ""
        parser.add_argument(
            flag(fld.name),
            dest=fld.name,
            metavar="VALUE",
            default=None,
            # argparse treats "%" in help as a format code; units such as "%" must be doubled.
            help=f"{fld.label}{unit}. {fld.help}{extra} Default: {as_text(fld, fld.default) or 'none'}.".replace(
                "%", "%%"
            ),
        )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


def with_negative_values(args: Sequence[str], calc: Calculator) -> list[str]:
    """``--likes -1k`` as ``--likes=-1k``: argparse would take "-1k" for an unknown flag.

    The calculator then says what is wrong with the value ("Enter 0 or more."), as it does for
    ``--likes=-1k``. A flag after a flag (``--likes --json``) is left for argparse to report.
    """
    valued = {flag(f.name) for f in calc.fields}
    flags = valued | {"--json", "-h", "--help"}
    joined: list[str] = []
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if token in valued and rest and rest[0].startswith("-") and rest[0].split("=")[0] not in flags:
            token = f"{token}={rest.pop(0)}"
        joined.append(token)
    return joined


def error_for_cli(calc: Calculator, name: str, message: str, typed: object) -> str:
    """A field's message as a command line needs it: a choice lists the values to type, not labels.

    The web form shows labels in a menu, so validation names labels; here the reader types a value.
    """
    fld = next((f for f in calc.fields if f.name == name), None)
    if fld is None or fld.kind != "choice" or typed in [value for value, _ in fld.choices]:
        return message
    values = ", ".join(value for value, _ in fld.choices)
    meanings = "; ".join(f"{value}: {label}" for value, label in fld.choices)
    return f"Choose one of: {values} ({meanings})."


def to_json(evaluation: Evaluation) -> dict[str, object]:
    """The machine-readable form of an evaluation (also what tests compare across runtimes)."""
    calc = evaluation.calculator
    result = evaluation.result
    data: dict[str, object] = {
        "calculator": calc.name,
        "inputs": {f.name: evaluation.values.get(f.name) for f in calc.fields},
        "errors": evaluation.errors,
    }
    if result is not None:
        data["outputs"] = {
            out.key: {
                "label": out.label,
                "unit": out.unit,
                "low": result.values[out.key].low,
                "typical": result.values[out.key].typical,
                "high": result.values[out.key].high,
            }
            for out in calc.outputs
            if out.key in result.values
        }
        data["notes"] = [{"level": n.level, "text": n.text} for n in result.notes]
        data["steps"] = list(result.steps)
        data["facts"] = list(result.facts)
    return data


def _shown(evaluation: Evaluation, fld: Field) -> str:
    """An input as the summary lists it: a choice by its meaning and the value to type ("Nigeria (NG)");
    money abroad in the reader's currency, as typed (compute has it in US dollars)."""
    value: Value = evaluation.values.get(fld.name)
    if fld.kind == "money" and isinstance(value, int | float) and evaluation.style.country != DEFAULT_COUNTRY:
        return reading(fld, value)
    text = as_text(fld, value)
    if fld.kind == "choice" and text in dict(fld.choices):
        return f"{dict(fld.choices)[text]} ({text})"
    return text or "(not given)"


def to_text(evaluation: Evaluation) -> str:
    calc = evaluation.calculator
    result = evaluation.result
    assert result is not None
    with evaluation.formatting():
        return _text(evaluation, calc, result)


def _text(evaluation: Evaluation, calc: Calculator, result: Result) -> str:
    lines = [calc.title, "=" * len(calc.title)]
    lines += [f"  {f.label}: {_shown(evaluation, f)}" for f in calc.fields]
    lines.append("")
    width = max(len(out.label) for out in calc.outputs)
    for out in calc.outputs:
        value = result.values.get(out.key)
        if value is None:
            text = "not available for these inputs"
        elif value.is_single:
            text = format_value(value.typical, out.unit)
        else:
            text = " / ".join(format_value(getattr(value, p), out.unit) for p in ("low", "typical", "high"))
            text += "  (low / typical / high)"
        lines.append(f"{out.label.ljust(width)}  {text}")
    if result.notes:
        lines += ["", "Notes:"] + [f"  - {note.text}" for note in result.notes]
    if result.steps:
        lines += ["", "The math:"] + [f"  {i}. {step}" for i, step in enumerate(result.steps, 1)]
    if result.facts:
        lines += ["", "Sources:"]
        for key in result.facts:
            fact = get_fact(key)
            urls = ", ".join(f"{s.url} ({s.when})" for s in fact.sources)
            lines.append(f"  - {fact.label}: {fact.text()} - {urls}; reviewed {fact.reviewed}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(
            "usage: python -m calculators list\n"
            "       python -m calculators <name> [--<input> VALUE ...] [--json]\n"
            "       python -m calculators <name> --help\n"
            "       python -m calculators new <name> [--page PATH]      (a new calculator, see CONTRIBUTING.md)\n"
            "       python -m calculators check-facts [--max-age-months N] [--today YYYY-MM-DD]"
        )
        return 0 if args else EXIT_BAD_INPUT
    command, rest = args[0], args[1:]
    if command in DEVELOPER_COMMANDS:
        return developer_command(command, rest)
    if command == "list":
        for calc in calculators().values():
            print(f"{calc.name:<18} {calc.title}")
        return 0
    try:
        calc = get_calculator(command)
    except UnknownCalculatorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    options = vars(_calculator_parser(calc).parse_args(with_negative_values(rest, calc)))
    as_json = options.pop("json")
    raw = {name: value for name, value in options.items() if value is not None}
    evaluation = evaluate(calc, raw)
    for name in sorted(set(raw) & calc.inapplicable(evaluation.values)):
        # As on the page, where such a field is hidden: said, so a typed value is never silently lost.
        print(f"note: {flag(name)} does not apply to the other values given and was ignored", file=sys.stderr)
    if not evaluation.ok:
        for name, message in evaluation.errors.items():
            print(f"error: {flag(name)}: {error_for_cli(calc, name, message, raw.get(name))}", file=sys.stderr)
        if as_json:
            print(json.dumps(to_json(evaluation), indent=2))
        return EXIT_BAD_INPUT
    print(json.dumps(to_json(evaluation), indent=2) if as_json else to_text(evaluation))
    return 0
