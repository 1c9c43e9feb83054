"""Shop: orders from product-link clicks (TikTok Shop) or the bio-link funnel (own store), then
affiliate commission or own-product profit (losses shown), with the affiliate and bio-link gates."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.catalog.shop import (
    CALCULATOR,
    affiliate_earnings,
    funnel,
    merch_margin,
    product_link_orders,
    refund_admin_fee,
)
from calculators.cli import main
from calculators.engine import evaluate
from calculators.spec import Range
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

NAME = "shop"
LOSSES = ("profit", "profit_if_eligible")
STORE = {"mode": "store", "account": "personal"}


def test_funnel_from_sourced_rates() -> None:
    # Visits 2/3.5/5%, bio-link clicks 1/3/20%, purchase 0.7/1.6/2.95%.
    stages = funnel(1_000_000)
    assert [name for name, _, _ in stages] == ["Profile visits", "Bio-link clicks", "Orders"]
    approx(stages[0][2], 20_000, 35_000, 50_000)
    approx(stages[1][2], 200, 1_050, 10_000)
    approx(stages[2][2], 1.4, 16.8, 295)


def test_own_rates_replace_the_sourced_ones() -> None:
    out = values(NAME, **STORE, monthly_views=100_000, visit_rate=10, click_rate=10, conversion_rate=10)
    approx(out["orders"], 100, 100, 100)
    result = evaluate(CALCULATOR, {**STORE, "visit_rate": 10}).result
    assert result is not None
    assert "funnel_profile_visit_rate" not in result.facts
    assert "funnel_bio_ctr" in result.facts


def test_affiliate_sales_come_from_product_link_clicks_not_the_bio_funnel() -> None:
    # Affiliates sell through product links in videos and LIVEs (TikTok Shop Creator Eligibility
    # Policy, 2025): orders = clicks × the 0.7 / 1.6 / 2.95% of shop visitors who buy. At 00b7255 the
    # affiliate estimate ran views through profile visits and bio-link clicks: a 210× range by default.
    approx(affiliate_earnings(Range.of(100), 30, 15), 450, 450, 450)
    out = values(NAME, mode="affiliate", product_clicks=1_000, aov=30, commission=15)
    approx(out["orders"], 7, 16, 29.5)
    approx(out["earnings"], 7 * 4.5, 16 * 4.5, 29.5 * 4.5)
    assert "profit" not in out
    assert "profile_visits" not in out
    assert "product-link clicks" in steps_text(NAME, mode="affiliate")
    # Views no longer move an affiliate estimate; the default range spans the conversion's 2.95 ÷ 0.7.
    assert values(NAME, mode="affiliate", monthly_views=10**9)["earnings"] == values(NAME, mode="affiliate")["earnings"]
    default = values(NAME, mode="affiliate")["earnings"]
    assert default.high / default.low == pytest.approx(2.95 / 0.7)


def test_own_conversion_replaces_the_sourced_one() -> None:
    orders, used = product_link_orders(2_000, 2.5)
    approx(orders, 50, 50, 50)
    approx(used, 2.5, 2.5, 2.5)
    result = evaluate(CALCULATOR, {"mode": "affiliate", "product_clicks": 2_000, "conversion_rate": 2.5}).result
    assert result is not None
    assert "funnel_purchase_conversion" not in result.facts


@pytest.mark.parametrize("mode", ["affiliate", "merch", "store"])
def test_given_orders_skip_clicks_and_the_funnel(mode: str) -> None:
    out = values(NAME, mode=mode, orders=100, aov=30, commission=10, account="business")
    approx(out["orders"], 100, 100, 100)
    assert "profile_visits" not in out
    assert "clicks and rates are skipped" in steps_text(NAME, mode=mode, orders=100)
    if mode == "affiliate":
        approx(out["earnings"], 300, 300, 300)


def test_default_commission_is_the_typical_15_percent() -> None:
    assert CALCULATOR.field("commission").default == 15
    assert CALCULATOR.field("commission").maximum == 80


@pytest.mark.parametrize(
    ("change", "needed"),
    [({"age": 17}, "18 or older"), ({"followers": 999}, "1,000 followers")],
)
def test_affiliate_needs_18_and_1000_followers(change: dict[str, Any], needed: str) -> None:
    # TikTok Shop Creator Eligibility Policy (US, 2025) and Thailand guidelines (2025): 1,000 followers, 18+.
    out = values(NAME, mode="affiliate", orders=100, aov=30, commission=10, **change)
    approx(out["earnings"], 0, 0, 0)
    approx(out["earnings_if_eligible"], 300, 300, 300)
    assert needed in notes_text(NAME, mode="affiliate", **change)
    met = values(NAME, mode="affiliate", orders=100, aov=30, commission=10, age=18, followers=1_000)
    approx(met["earnings"], 300, 300, 300)


def test_us_pilot_below_5000_followers_is_explained() -> None:
    # US: "New creators under 5000 followers start in a 30-day Pilot Program with limited features."
    assert "30-day pilot" in notes_text(NAME, mode="affiliate", followers=4_999)
    assert "30-day pilot" not in notes_text(NAME, mode="affiliate", followers=5_000)


def test_personal_account_needs_1000_followers_for_a_bio_link() -> None:
    # A clickable bio link: 1,000 followers on a personal account; a Business account at any size.
    raw = {**STORE, "orders": 100, "aov": 50, "product_cost": 20, "fulfilment": 5, "refund_rate": 0}
    out = values(NAME, **{**raw, "followers": 999})
    approx(out["profit"], 0, 0, 0)
    approx(out["profit_if_eligible"], 2_500, 2_500, 2_500)
    assert "1,000 followers on a personal account" in notes_text(NAME, **{**raw, "followers": 999})
    business = values(NAME, **{**raw, "followers": 10, "account": "business"})
    approx(business["profit"], 2_500, 2_500, 2_500)
    assert "only personal accounts can join" in notes_text(NAME, **{**raw, "followers": 10, "account": "business"})
    approx(values(NAME, **{**raw, "followers": 1_000})["profit"], 2_500, 2_500, 2_500)


def test_referral_fee_only_where_the_sale_goes_through_tiktok_shop() -> None:
    # Own store through the bio link: no TikTok referral fee (6–8% applies to TikTok Shop orders only).
    # At 00b7255 the bio-link merch estimate charged TikTok Shop's referral fee.
    raw = {"orders": 100, "aov": 50, "product_cost": 20, "fulfilment": 5, "refund_rate": 0}
    store = values(NAME, **STORE, **raw)
    approx(store["profit"], 2_500, 2_500, 2_500)
    approx(store["fees"], 0, 0, 0)
    approx(values(NAME, **STORE, **raw, store_fee=3)["profit"], 2_350, 2_350, 2_350)
    result = evaluate(CALCULATOR, {**STORE, **raw}).result
    assert result is not None
    assert "shop_referral_fee" not in result.facts
    # On TikTok Shop: 100 × [50 × (1 − 8% or 6%) − 25]
    out = values(NAME, mode="merch", **raw)
    approx(out["profit"], 2_100, 2_200, 2_200)
    approx(out["fees"], 300, 300, 400)
    approx(out["costs"], 2_500, 2_500, 2_500)
    assert "earnings" not in out


def test_refund_admin_fee_is_20_percent_of_the_referral_fee_capped_at_5_dollars() -> None:
    assert refund_admin_fee(50, 6) == pytest.approx(0.6)
    assert refund_admin_fee(1_000, 6) == 5


def test_refunds_lose_the_net_sale_and_pay_the_admin_fee() -> None:
    # 10% refunded: kept 90% × 50 × 0.94 − 25 − 10% × $0.60 = 42.30 − 25 − 0.06
    assert merch_margin(50, 6, 0, 25, 10) == pytest.approx(17.24)
    out = values(NAME, mode="merch", orders=100, aov=50, product_cost=20, fulfilment=5, refund_rate=10)
    assert out["profit"].typical == pytest.approx(1_724)
    assert out["refunds"].typical == pytest.approx(100 * 0.1 * (47 + 0.6))


def test_losses_are_shown_as_losses() -> None:
    raw = {"mode": "merch", "orders": 10, "aov": 20, "product_cost": 30, "ad_spend": 500}
    out = values(NAME, **raw)
    assert out["profit"].high < 0
    assert "you lose about" in notes_text(NAME, **raw)


def test_a_loss_per_order_grows_with_orders() -> None:
    out = values(NAME, mode="merch", product_clicks=10_000, aov=10, product_cost=20, fulfilment=0, refund_rate=0)
    # Each order loses about $10.60 or more: the worst case is the most orders.
    assert out["profit"].low == pytest.approx(295 * (10 * 0.92 - 20))
    assert out["profit"].high == pytest.approx(70 * (10 * 0.94 - 20))


def test_merch_notes_compare_all_in_costs() -> None:
    assert "all-in costs" in notes_text(NAME, mode="merch")
    assert "Check the current rate" in notes_text(NAME, mode="merch")


@pytest.mark.parametrize("mode", ["merch", "store"])
def test_zero_clicks_and_views(mode: str) -> None:
    out = values(NAME, monthly_views=0, product_clicks=0, mode=mode)
    approx(out["orders"], 0, 0, 0)
    approx(out["profit"], 0, 0, 0)


def test_absurd_values() -> None:
    evaluation = evaluate(CALCULATOR, {"product_clicks": "1e308", "commission": 81, "aov": "free"})
    assert set(evaluation.errors) == {"product_clicks", "commission", "aov"}
    evaluation = evaluate(CALCULATOR, {"mode": "store", "monthly_views": "1e308", "refund_rate": 120})
    assert set(evaluation.errors) == {"monthly_views", "refund_rate"}


def test_a_field_of_another_route_is_ignored_not_checked() -> None:
    """The own-store views are hidden on the affiliate route (issue 12): what is typed there changes nothing."""
    assert evaluate(CALCULATOR, {"monthly_views": "1e308"}).errors == {}
    assert values(NAME, monthly_views=5) == values(NAME)


@pytest.mark.parametrize("mode", ["affiliate", "merch", "store"])
def test_huge_inputs_at_the_maxima(mode: str) -> None:
    raw = {f.name: f.maximum for f in CALCULATOR.fields if f.maximum is not None}
    assert_sound(evaluate(CALCULATOR, {**raw, "mode": mode}), LOSSES)
    assert_sound(evaluate(CALCULATOR, {**raw, "mode": mode, "orders": None}), LOSSES)


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(valid_inputs(CALCULATOR))
def test_any_valid_input_gives_a_sound_result(raw: dict[str, Any]) -> None:
    assert_sound(evaluate(CALCULATOR, raw), LOSSES)


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(valid_inputs(CALCULATOR, mode=st.just("affiliate"), orders=st.none()), st.integers(0, 10**9))
def test_more_clicks_never_lower_affiliate_earnings(raw: dict[str, Any], extra: int) -> None:
    before = evaluate(CALCULATOR, raw).result
    after = evaluate(CALCULATOR, {**raw, "product_clicks": min(raw["product_clicks"] + extra, 10**12)}).result
    assert before is not None
    assert after is not None
    at_least(after.values["earnings"], before.values["earnings"])


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(valid_inputs(CALCULATOR, mode=st.sampled_from(["merch", "store"])), st.floats(0, 1e6))
def test_more_ad_spend_never_raises_profit(raw: dict[str, Any], extra: float) -> None:
    before = evaluate(CALCULATOR, raw).result
    after = evaluate(CALCULATOR, {**raw, "ad_spend": min(raw["ad_spend"] + extra, 1e9)}).result
    assert before is not None
    assert after is not None
    for key in ("profit", "profit_if_eligible"):
        if key in before.values:
            at_least(before.values[key], after.values[key])


def test_cli_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([NAME, "--mode", "merch", "--orders", "100", "--aov", "50", "--refund-rate", "0"]) == 0
    out = capsys.readouterr().out
    assert "Profit per month (negative = loss)" in out
    assert "$3,100 / $3,200 / $3,200" in out  # default costs $10 + $5 per order


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli_json(capsys, NAME, "--mode", "store", "--monthly-views", "1m")
    orders = data["outputs"]["orders"]
    assert (orders["low"], orders["typical"], orders["high"]) == pytest.approx((1.4, 16.8, 295))
    assert "funnel_purchase_conversion" in data["facts"]
    data = cli_json(capsys, NAME, "--product-clicks", "1k")
    orders = data["outputs"]["orders"]
    assert (orders["low"], orders["typical"], orders["high"]) == pytest.approx((7, 16, 29.5))


def test_cli_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    err = cli_error(capsys, NAME, "--mode", "merch", "--refund-rate", "120")
    assert "--refund-rate: Enter 100 or less." in err
