"""Tests of the $name calculator, generated with it: add known cases from your sources."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators.dev.templates.calculator as calculator
from calculators import evaluate
from calculators.cli import main
from calculators.facts import rate

CALCULATOR = calculator.CALCULATOR
FACT = calculator.FACT


def test_defaults_give_a_result_with_its_steps_and_chart() -> None:
    evaluation = evaluate(CALCULATOR)
    assert evaluation.ok, evaluation.errors
    assert evaluation.result is not None
    assert evaluation.result.steps
    assert evaluation.result.chart is not None


def test_a_known_case_follows_the_sourced_rate() -> None:
    result = evaluate(CALCULATOR, {"views": "10k"}).result
    assert result is not None
    benchmark = rate(FACT)
    assert result.values["interactions"].typical == pytest.approx(10_000 * benchmark.typical / 100)
    assert result.facts == (FACT,)


@given(st.integers(min_value=1, max_value=10**12))
def test_every_valid_input_gives_an_ordered_non_negative_range(views: int) -> None:
    result = evaluate(CALCULATOR, {"views": views}).result
    assert result is not None
    interactions = result.values["interactions"]
    assert 0 <= interactions.low <= interactions.typical <= interactions.high


@pytest.mark.parametrize("views", ["0", "-5", "lots", "1.5"])
def test_bad_input_gets_a_message_for_its_field(views: str) -> None:
    evaluation = evaluate(CALCULATOR, {"views": views})
    assert not evaluation.ok
    assert set(evaluation.errors) == {"views"}


def test_the_command_line_lists_and_computes_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    assert "$name" in capsys.readouterr().out
    assert main(["$name", "--views", "25000"]) == 0
    assert "Expected likes, comments and shares" in capsys.readouterr().out
