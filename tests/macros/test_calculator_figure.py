"""Prose quotes a calculator's answer through ``calculator_figure``: the figure is computed, never typed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calculators.engine import evaluate
from macros.faq import parse_faq
from macros.widgets import calculator_figure

ROOT = Path(__file__).resolve().parents[2]
ONE_MILLION: dict[str, object] = {"monthly_views": 1_000_000, "views_30d": 1_000_000}


def test_the_figure_is_the_calculators_own_result() -> None:
    result = evaluate("creator_rewards", ONE_MILLION).result
    assert result is not None
    income = result.values["monthly_income"]
    assert calculator_figure("creator_rewards", "monthly_income", **ONE_MILLION) == "$172–$430"
    assert calculator_figure("creator_rewards", "monthly_income", "typical", **ONE_MILLION) == "$301"
    assert (income.low, income.high) == pytest.approx((172, 430))


def test_bad_calls_fail_the_build_with_a_message_naming_them() -> None:
    with pytest.raises(ValueError, match="inputs rejected"):
        calculator_figure("creator_rewards", "monthly_income", monthly_views=-1)
    with pytest.raises(KeyError, match="no output 'nope'"):
        calculator_figure("creator_rewards", "nope")
    with pytest.raises(ValueError, match="no such figure"):
        calculator_figure("creator_rewards", "views_needed")  # only computed for a goal
    with pytest.raises(ValueError, match="part must be"):
        calculator_figure("creator_rewards", "monthly_income", "middle")


def test_the_faq_answers_one_million_views_with_computed_figures() -> None:
    """Issue #11: "How much does TikTok pay for 1 million views?" gave no number; now every dollar figure
    in the answer comes from the Creator Rewards calculator, none is typed by hand."""
    entries = {e.question: e.answer for e in parse_faq((ROOT / "docs" / "faq.md").read_text("utf-8"))}
    answer = entries["How much does TikTok pay for 1 million views?"]
    assert answer.count('calculator_figure("creator_rewards"') == 3
    assert "qualified_share=100" in answer
    assert "income_share_span" in answer
    outside_macros = re.sub(r"\{\{.*?\}\}", "", answer, flags=re.DOTALL)
    assert not re.search(r"\$\s?\d", outside_macros), outside_macros
