"""The home page's quick estimate is the Creator Rewards calculator's own figure, with its gates met."""

from __future__ import annotations

import pytest

from calculators.engine import evaluate
from tests.calculators.catalog.catalog_checks import approx, values

NAME = "quick_estimate"


@pytest.mark.parametrize("views", [0, 12_000, 1_000_000, 250_000_000])
def test_it_is_what_the_creator_rewards_calculator_says_when_every_gate_is_met(views: int) -> None:
    quick = values(NAME, monthly_views=views)["creator_rewards"]
    # Enough videos that each passes the per-video minimum, every gate met: "if every rule is met".
    detailed = evaluate(
        "creator_rewards",
        {"monthly_views": views, "eligible_videos": 1, "followers": 10**7, "views_30d": 10**12, "age": 30},
    )
    assert detailed.result is not None
    income = detailed.result.values["monthly_income"] if views else detailed.result.values["income_if_eligible"]
    approx(quick, income.low, income.typical, income.high)


def test_the_source_case_a_million_views() -> None:
    """1,000,000 views × 43% qualified (the one creator's report) × $0.40–$1.00 per 1,000 = $172–$430."""
    approx(values(NAME, monthly_views=1_000_000)["creator_rewards"], 172, 301, 430)


def test_likes_pay_nothing() -> None:
    approx(values(NAME)["per_like"], 0, 0, 0)
