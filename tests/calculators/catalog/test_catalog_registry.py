"""Every calculator is registered, computes from its defaults and keeps the catalog's rules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from calculators.engine import evaluate
from calculators.facts import get_fact
from calculators.registry import calculators
from calculators.render import render_widget
from calculators.spec import Calculator
from tests.calculators.catalog.catalog_checks import assert_sound

ROOT = Path(__file__).resolve().parents[3]
EXPECTED = {
    "brand_deal",
    "creator_rewards",
    "engagement",
    "income",
    "likes",
    "live_gifts",
    "shop",
    "subscriptions",
}
LOSSES = {"shop": ("profit", "profit_if_eligible")}
ALL = sorted(calculators().values(), key=lambda c: c.name)


def test_python_m_calculators_list_shows_all_eight() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "calculators", "list"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    listed = {line.split()[0] for line in done.stdout.splitlines() if line.strip()}
    assert listed >= EXPECTED


def test_cli_main_list(capsys: pytest.CaptureFixture[str]) -> None:
    from calculators.cli import main

    assert main(["list"]) == 0
    assert {line.split()[0] for line in capsys.readouterr().out.splitlines()} >= EXPECTED


@pytest.mark.parametrize("calc", ALL, ids=lambda c: c.name)
def test_computes_from_defaults(calc: Calculator) -> None:
    evaluation = evaluate(calc, {})
    assert_sound(evaluation, LOSSES.get(calc.name, ()))
    assert evaluation.result is not None
    assert evaluation.result.steps
    assert evaluation.result.chart is not None
    assert 'data-calculator="' + calc.name + '"' in render_widget(calc)


@pytest.mark.parametrize("calc", ALL, ids=lambda c: c.name)
def test_declarations(calc: Calculator) -> None:
    assert (ROOT / "docs" / calc.page).is_file(), calc.page
    for fld in calc.fields:
        if fld.kind not in ("toggle", "choice"):
            assert fld.maximum is not None, f"{calc.name}.{fld.name} needs a maximum"
            assert fld.minimum is not None, f"{calc.name}.{fld.name} needs a minimum"
        if fld.kind == "choice":
            assert fld.default in [value for value, _ in fld.choices]
    evaluation = evaluate(calc, {})
    assert evaluation.result is not None
    for key in evaluation.result.facts:
        get_fact(key)  # every fact a result cites exists
    assert len(set(evaluation.result.facts)) == len(evaluation.result.facts)
