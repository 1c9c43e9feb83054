"""Likes: always $0 directly, then engagement and its effect on a follower-based price (reused logic)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from calculators.catalog import brand_deal, engagement
from calculators.catalog.likes import CALCULATOR
from calculators.cli import main
from calculators.engine import evaluate
from calculators.facts import get_fact
from calculators.spec import Values
from tests.calculators.catalog.catalog_checks import (
    PROPERTY_EXAMPLES,
    approx,
    assert_sound,
    cli_error,
    cli_json,
    notes_text,
    steps_text,
    valid_inputs,
    values,
)

NAME = "likes"


def test_likes_pay_nothing_and_the_note_says_why() -> None:
    out = values(NAME, likes=1_000_000)
    approx(out["direct_pay"], 0, 0, 0)
    text = notes_text(NAME, likes=1_000_000)
    assert "TikTok pays nothing for likes" in text
    assert "No TikTok program pays per like" in text
    result = evaluate(CALCULATOR, {}).result
    assert result is not None
    assert "pay_per_like" in result.facts


def test_the_zero_is_derived_not_official() -> None:
    """Neither TikTok page cited says anything about likes: the $0 is the guide's reading (issue #11)."""
    fact = get_fact("pay_per_like")
    assert fact.confidence == "derived"
    assert "not a TikTok statement" in fact.note


def test_engagement_comes_from_the_engagement_calculator() -> None:
    raw: Values = {"likes": 4_200, "comments": 180, "shares": 95, "views": 60_000, "videos": 10, "followers": 25_000}
    out = values(NAME, **raw)
    reference = engagement.compute(raw)
    assert out["er_views"] == reference.values["er_views"]
    assert out["er_followers"] == reference.values["er_followers"]
    assert out["er_views"].typical == pytest.approx(4_475 / 60_000 * 100)


def test_engagement_moves_the_follower_price_through_the_brand_deal_logic() -> None:
    out = values(NAME, likes=4_200, comments=180, shares=95, views=60_000, followers=25_000)
    mult = brand_deal.engagement_multiplier(out["er_views"].typical)
    assert mult == 1.5  # 7.46% is above 1.5 × the typical 4.14%
    assert out["brand_fee_typical"] == brand_deal.follower_fee(25_000)
    approx(out["brand_fee_yours"], 125 * 1.5, 250 * 1.5, 375 * 1.5)
    assert "Your engagement adds to the follower cross-check of a sponsorship price" in notes_text(NAME)
    assert "The price the brand-deal calculator quotes is by views, which likes do not change" in notes_text(NAME)
    assert "Engagement multiplier" in steps_text(NAME)


def test_low_engagement_takes_from_the_price() -> None:
    out = values(NAME, likes=100, comments=0, shares=0, views=10_000, followers=10_000)
    assert out["brand_fee_yours"].typical < out["brand_fee_typical"].typical
    assert "takes from" in notes_text(NAME, likes=100, comments=0, shares=0, views=10_000, followers=10_000)


def test_rate_by_followers_is_per_post_the_issue_case() -> None:
    """Issue #11: the likes calculator showed the same summed 63% as the engagement calculator."""
    raw = {"likes": 30_000, "comments": 900, "shares": 600, "views": 1_000_000, "videos": 30, "followers": 50_000}
    assert values(NAME, **raw)["er_followers"].typical == pytest.approx(2.1)
    assert "your rate per post of 2.1% is below the 8.43%" in notes_text(NAME, **raw)


def test_optional_inputs_left_out() -> None:
    out = values(NAME, likes=500, views=None, followers=None, comments=None, shares=None)
    assert set(out) == {"direct_pay"}
    assert "Add the views" in notes_text(NAME, views=None)
    out = values(NAME, likes=500, views=10_000, followers=None, comments=None, shares=None)
    assert out["er_views"].typical == pytest.approx(5)
    assert "brand_fee_yours" not in out
    assert "Add your followers" in notes_text(NAME, followers=None)


def test_zero_likes_and_more_likes_than_views() -> None:
    approx(values(NAME, likes=0)["direct_pay"], 0, 0, 0)
    assert "More likes than views is unusual" in notes_text(NAME, likes=100, views=10)


def test_absurd_values() -> None:
    evaluation = evaluate(CALCULATOR, {"likes": "1e308", "views": 0})
    assert set(evaluation.errors) == {"likes", "views"}


def test_huge_inputs_at_the_maxima() -> None:
    raw = {f.name: f.maximum for f in CALCULATOR.fields if f.maximum is not None}
    assert_sound(evaluate(CALCULATOR, raw))
    assert_sound(evaluate(CALCULATOR, {**raw, "views": 1}))


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(valid_inputs(CALCULATOR))
def test_any_valid_input_gives_a_sound_result_and_zero_pay(raw: dict[str, Any]) -> None:
    evaluation = evaluate(CALCULATOR, raw)
    assert_sound(evaluation)
    assert evaluation.result is not None
    assert evaluation.result.values["direct_pay"].high == 0


def test_cli_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([NAME, "--likes", "1m"]) == 0
    out = capsys.readouterr().out
    assert "What TikTok pays for these likes" in out
    assert "$0.00" in out


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli_json(capsys, NAME, "--likes", "4200", "--views", "60000")
    assert data["outputs"]["direct_pay"]["high"] == 0
    assert data["outputs"]["er_views"]["typical"] == pytest.approx(7.4583, abs=1e-3)


def test_cli_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    err = cli_error(capsys, NAME, "--views", "0")
    assert "--views: Enter 1 or more." in err
