"""LIVE gifts: Diamonds or viewer spend to dollars, the cut taken once, withdrawal limits."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.catalog.live_gifts import CALCULATOR, coins_to_usd, diamonds_to_usd, withdrawal_days
from calculators.cli import main
from calculators.engine import evaluate
from tests.calculators.catalog.catalog_checks import (
    PROPERTY_EXAMPLES,
    approx,
    assert_sound,
    at_least,
    cli_error,
    cli_json,
    notes_text,
    steps_text,
    valid_inputs,
    values,
)

NAME = "live_gifts"


def test_10000_diamonds_are_50_dollars() -> None:
    # 1 Diamond ≈ $0.005 (unofficial, 2024).
    out = values(NAME, mode="diamonds", diamonds=10_000)
    approx(out["earned"], 50, 50, 50)
    approx(diamonds_to_usd(10_000), 50, 50, 50)


def test_diamonds_are_not_cut_a_second_time() -> None:
    out = values(NAME, mode="diamonds", diamonds=2_000)
    assert out["earned"].typical == pytest.approx(10)  # not $5, as a second 50% cut would give
    assert "no cut is taken off them again" in notes_text(NAME, mode="diamonds")
    assert "viewer_spend" not in out


def test_bbc_test_106_dollars_of_gifts_paid_about_33() -> None:
    # BBC (Oct 2022): $106 of gifts → $33.03, about 31%; the commonly cited high is 50%.
    out = values(NAME, mode="usd", viewer_usd=106)
    approx(out["earned"], 106 * 0.31, 106 * 0.40, 106 * 0.50)
    assert out["earned"].low == pytest.approx(33.03, abs=0.2)
    approx(out["viewer_spend"], 106, 106, 106)


def test_spend_is_cut_once_and_diamonds_shown_only_as_a_check() -> None:
    out = values(NAME, mode="usd", viewer_usd=100)
    # $100 × 40% = $40, not $40 × 50% again; as Diamonds at $0.005 that is 8,000.
    assert out["earned"].typical == pytest.approx(40)
    assert out["diamonds_equiv"].typical == pytest.approx(8_000)
    assert "cut is taken once" in notes_text(NAME, mode="usd")


def test_coins_are_priced_at_what_viewers_pay() -> None:
    approx(coins_to_usd(100), 1.06, 1.39, 1.41)
    out = values(NAME, mode="coins", coins=10_000)
    approx(out["viewer_spend"], 106, 139, 141)
    approx(out["earned"], 106 * 0.31, 139 * 0.40, 141 * 0.50)
    assert "coins ×" in steps_text(NAME, mode="coins")


def test_withdrawal_days_at_1000_dollars_a_day() -> None:
    assert withdrawal_days(0) == 0
    assert withdrawal_days(1000) == 1
    assert withdrawal_days(1000.01) == 2
    out = values(NAME, mode="diamonds", diamonds=2_500_000)  # $12,500
    approx(out["withdraw_days"], 13, 13, 13)


@pytest.mark.parametrize(
    ("diamonds", "text"),
    [
        (1_000, "below the smallest reported withdrawal minimum"),  # $5
        (10_000, "reaches the $10.00 withdrawal minimum one source reports but not the $100"),  # $50
        (20_000, "above every reported withdrawal minimum"),  # $100
    ],
)
def test_withdrawal_minimum_conflict_is_explained(diamonds: int, text: str) -> None:
    assert text in notes_text(NAME, mode="diamonds", diamonds=diamonds)


@pytest.mark.parametrize(("change", "needed"), [({"age": 17}, "18 or older"), ({"followers": 999}, "1,000 followers")])
def test_unmet_gate_means_zero(change: dict[str, Any], needed: str) -> None:
    out = values(NAME, mode="diamonds", diamonds=10_000, **change)
    approx(out["earned"], 0, 0, 0)
    approx(out["earned_if_eligible"], 50, 50, 50)
    assert needed in notes_text(NAME, mode="diamonds", **change)


def test_gates_met_at_the_thresholds() -> None:
    out = values(NAME, mode="diamonds", diamonds=10_000, age=18, followers=1_000)
    approx(out["earned"], 50, 50, 50)
    assert "earned_if_eligible" not in out


def test_zero_gifts() -> None:
    out = values(NAME, mode="coins", coins=0)
    approx(out["earned"], 0, 0, 0)
    approx(out["withdraw_days"], 0, 0, 0)


def test_likes_are_not_gifts() -> None:
    assert "tapping like is free and pays nothing" in notes_text(NAME)


def test_absurd_and_bad_values() -> None:
    evaluation = evaluate(CALCULATOR, {"diamonds": "1e308", "mode": "likes"})
    assert set(evaluation.errors) == {"diamonds", "mode"}


def test_huge_inputs_at_the_maxima() -> None:
    for mode in ("diamonds", "coins", "usd"):
        raw: dict[str, Any] = {f.name: f.maximum for f in CALCULATOR.fields if f.maximum is not None}
        assert_sound(evaluate(CALCULATOR, {**raw, "mode": mode}))


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(valid_inputs(CALCULATOR))
def test_any_valid_input_gives_a_sound_result(raw: dict[str, Any]) -> None:
    assert_sound(evaluate(CALCULATOR, raw))


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(valid_inputs(CALCULATOR), st.integers(0, 10**9))
def test_more_diamonds_never_earn_less(raw: dict[str, Any], extra: int) -> None:
    raw = {**raw, "mode": "diamonds"}
    before = evaluate(CALCULATOR, raw).result
    after = evaluate(CALCULATOR, {**raw, "diamonds": min(raw["diamonds"] + extra, 10**12)}).result
    assert before is not None
    assert after is not None
    at_least(after.values["earned"], before.values["earned"])
    at_least(after.values["withdraw_days"], before.values["withdraw_days"])


def test_cli_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([NAME, "--diamonds", "10000"]) == 0
    out = capsys.readouterr().out
    assert "Your LIVE gift earnings" in out
    assert "$50.00" in out


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli_json(capsys, NAME, "--mode", "usd", "--viewer-usd", "$106")
    earned = data["outputs"]["earned"]
    assert (earned["low"], earned["high"]) == pytest.approx((32.86, 53.0))
    assert data["facts"][:2] == ["gift_creator_share", "diamond_value"]


def test_cli_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    err = cli_error(capsys, NAME, "--diamonds", "-5")
    assert "--diamonds: Enter 0 or more." in err
