"""TikTok Shop affiliate earnings, or own-merch profit, from a views-to-orders funnel.

orders = monthly views × profile-visit rate × bio-link click rate × purchase conversion
(each rate from sourced ranges unless the reader enters their own, or the orders directly).
Affiliate: earnings = orders × average order value × commission.
Own merch: profit = orders × [AOV × (1 − referral fee − affiliate %) − product cost − fulfilment]
− refunds − ad spend, where each refunded order loses its net sale and pays the refund
administration fee (a share of the referral fee, capped). Losses are shown as losses.
"""

from __future__ import annotations

from calculators.kit import (
    PRICE_MAX,
    Bar,
    Calculator,
    Chart,
    Note,
    Output,
    Range,
    Result,
    Values,
    choice,
    choice_field,
    count,
    count3,
    count_field,
    fact_text,
    fact_value,
    fraction,
    get_fact,
    money_field,
    num,
    optional_num,
    pct,
    pct3,
    percent_field,
    rate,
    spread,
    usd,
    usd3,
)

MODES = (("affiliate", "Affiliate (I promote others' products)"), ("merch", "Own merch (I sell my products)"))

FUNNEL = (
    ("visit_rate", "funnel_profile_visit_rate", "Profile visits", "profile_visits"),
    ("click_rate", "funnel_bio_ctr", "Link clicks", "link_clicks"),
    ("conversion_rate", "funnel_purchase_conversion", "Orders", "orders"),
)
"""Rate field, rate fact, stage name and output key of each funnel stage, in order."""


def funnel(views: float, overrides: dict[str, float | None] | None = None) -> list[tuple[str, Range, Range]]:
    """Each stage's name, rate (percent) and count, from monthly views down to orders."""
    stages = []
    current = Range.of(views)
    given = overrides or {}
    for field_name, fact, name, _ in FUNNEL:
        own = given.get(field_name)
        stage_rate = Range.of(own) if own is not None else rate(fact)
        current = current * fraction(stage_rate)
        stages.append((name, stage_rate, current))
    return stages


def affiliate_earnings(orders: Range, aov: float, commission_percent: float) -> Range:
    """orders × average order value × commission."""
    return orders * (aov * commission_percent / 100)


def referral_fee(aov: float, fee_percent: float) -> float:
    return aov * fee_percent / 100


def refund_admin_fee(aov: float, fee_percent: float) -> float:
    """Refund administration fee on one refunded order: a share of the referral fee, capped."""
    return min(
        referral_fee(aov, fee_percent) * fact_value("shop_refund_admin_fee") / 100, fact_value("shop_refund_admin_cap")
    )


def merch_margin(
    aov: float, fee_percent: float, affiliate_percent: float, unit_cost: float, refund_rate: float
) -> float:
    """Profit per order before ad spend, refunds included (may be negative).

    Every order costs the product and fulfilment; a kept order brings AOV less the referral
    fee and affiliate commission; a refunded order brings nothing back and pays the refund
    administration fee (its goods are assumed not resold).
    """
    kept = 1 - refund_rate / 100
    net_sale = aov * (1 - fee_percent / 100 - affiliate_percent / 100)
    return kept * net_sale - unit_cost - refund_rate / 100 * refund_admin_fee(aov, fee_percent)


def _refund_loss(aov: float, fee_percent: float, affiliate_percent: float, refund_rate: float) -> float:
    """Refund loss per order: the refunded share of the net sale plus the refund administration fee."""
    net_sale = aov * (1 - fee_percent / 100 - affiliate_percent / 100)
    return refund_rate / 100 * (net_sale + refund_admin_fee(aov, fee_percent))


def compute(v: Values) -> Result:
    mode = choice(v, "mode")
    views, aov = num(v, "monthly_views"), num(v, "aov")
    given_orders = optional_num(v, "orders")
    steps: list[str] = []
    facts: list[str] = []
    values: dict[str, Range] = {}
    notes: list[Note] = []
    if given_orders is not None:
        orders = Range.of(given_orders)
        steps.append(f"Orders per month: {count(given_orders)} (your number; the funnel is skipped)")
    else:
        overrides = {name: optional_num(v, name) for name, _, _, _ in FUNNEL}
        previous = f"{count(views)} views"
        orders = Range.of(0.0)
        stages = zip(FUNNEL, funnel(views, overrides), strict=True)
        for (field_name, fact, _, key), (name, stage_rate, stage_count) in stages:
            steps.append(f"{name} = {previous} × {pct3(stage_rate)} = {count3(stage_count)}")
            previous = count3(stage_count) if stage_count.is_single else f"({count3(stage_count)})"
            values[key] = stage_count
            if overrides[field_name] is None:
                facts.append(fact)
            orders = stage_count
        notes.append(
            Note(
                "The funnel rates are low-confidence marketing figures for link-in-bio traffic, and the sources"
                f" conflict (link clicks: {fact_text('funnel_bio_ctr')} of profile visits), hence the wide range."
                " Enter your own rates, or your orders, if you know them; product links inside videos can convert"
                " differently.",
                "info",
            )
        )
    values["orders"] = orders
    gmv = orders * aov
    values["gmv"] = gmv
    steps.append(f"Sales (GMV) = orders × {usd(aov)} average order = {usd3(gmv)}")

    if mode == "affiliate":
        commission = num(v, "commission")
        earned = affiliate_earnings(orders, aov, commission)
        values["earnings"] = earned
        steps.append(f"Your commission = {usd3(gmv)} × {pct(commission)} = {usd3(earned)}")
        facts.append("affiliate_commission")
        notes.insert(0, Note(f"Affiliate commission: {get_fact('affiliate_commission').note}", "info"))
        bars = [Bar("Sales you drive (GMV)", gmv), Bar("Your commission", earned)]
    else:
        earned, bars = _merch(v, orders, gmv, steps, notes, values)
        facts += ["shop_referral_fee", "shop_refund_admin_fee", "shop_refund_admin_cap", "shop_all_in_cost"]
    notes.append(Note("Likes and views do not pay in Shop: only orders do. Income tax is not included.", "info"))
    return Result(
        values=values,
        steps=tuple(steps),
        notes=tuple(notes),
        facts=tuple(facts),
        chart=Chart("A month of TikTok Shop sales: where the money goes", "usd", tuple(bars)),
    )


def _merch(
    v: Values, orders: Range, gmv: Range, steps: list[str], notes: list[Note], values: dict[str, Range]
) -> tuple[Range, list[Bar]]:
    aov = num(v, "aov")
    affiliate_paid, refund_rate = num(v, "affiliate_paid"), num(v, "refund_rate")
    unit_cost = num(v, "product_cost") + num(v, "fulfilment")
    ad_spend = num(v, "ad_spend")
    fee = rate("shop_referral_fee")
    # Per-order margin: worst at the highest fee, best at the lowest.
    margin = Range(
        merch_margin(aov, fee.high, affiliate_paid, unit_cost, refund_rate),
        merch_margin(aov, fee.typical, affiliate_paid, unit_cost, refund_rate),
        merch_margin(aov, fee.low, affiliate_paid, unit_cost, refund_rate),
    )
    profit = spread(orders, margin) - ad_spend
    # Fees grow with the referral fee; refund losses shrink with it (a smaller net sale is given back).
    fees = orders * fee.map(lambda f: referral_fee(aov, f) + aov * affiliate_paid / 100)
    costs = orders * unit_cost
    refunds = orders * Range(
        *(_refund_loss(aov, f, affiliate_paid, refund_rate) for f in (fee.high, fee.typical, fee.low))
    )
    values.update({"fees": fees, "costs": costs, "refunds": refunds, "profit": profit})
    steps += [
        f"TikTok referral fee {pct3(fee)} + affiliate commission {pct(affiliate_paid)} of each order = {usd3(fees)}",
        f"Product and fulfilment = orders × {usd(unit_cost)} = {usd3(costs)}",
        f"Refunds: {pct(refund_rate)} of orders give back their net sale and pay the refund fee"
        f" ({fact_text('shop_refund_admin_fee')} of the referral fee, at most {fact_text('shop_refund_admin_cap')})"
        f" = {usd3(refunds)}",
        f"Profit per order = {pct(100 - refund_rate)} kept × {usd(aov)} × (1 − fee − {pct(affiliate_paid)})"
        f" − {usd(unit_cost)} − refund fees = {usd3(margin)}",
        f"Profit = orders × profit per order − {usd(ad_spend)} ads = {usd3(profit)}",
    ]
    if profit.typical < 0:
        notes.insert(0, Note(f"At these numbers you lose about {usd(-profit.typical)} a month.", "warning"))
    elif profit.low < 0:
        notes.insert(0, Note("In the cautious case this month runs at a loss: check costs and ad spend.", "warning"))
    notes.append(Note(get_fact("shop_referral_fee").note, "info"))
    if gmv.typical > 0:
        product_costs = orders.typical * num(v, "product_cost")
        all_in = (gmv.typical - profit.typical - product_costs) / gmv.typical * 100
        notes.append(
            Note(
                f"Fees, fulfilment, refunds and ads (product cost aside) come to {pct(all_in)} of your sales in the"
                " typical case; one 2026 analysis put US sellers' all-in costs on that basis at about"
                f" {fact_text('shop_all_in_cost')}.",
                "info",
            )
        )
    notes.append(
        Note(
            "Refunded goods are assumed lost (not resold), and the refund fee is counted once per order as if"
            " each order were one product (the cap is per SKU).",
            "info",
        )
    )
    bars = [
        Bar("Sales (GMV)", gmv),
        Bar("TikTok and affiliate fees", fees),
        Bar("Product and fulfilment", costs),
        Bar("Refunds", refunds),
        Bar("Ad spend", Range.of(ad_spend)),
        Bar("Profit (a loss shows at zero)", profit),
    ]
    return profit, bars


CALCULATOR = Calculator(
    name="shop",
    title="TikTok Shop and merch calculator",
    summary=(
        "From monthly views to orders, then affiliate commission or own-merch profit after TikTok's fees,"
        " product costs, refunds and ads."
    ),
    fields=(
        choice_field("mode", "What you sell", "affiliate", MODES, "Affiliate commission, or your own products."),
        count_field("monthly_views", "Views per month", 300_000, "Views on the videos that promote the products."),
        count_field(
            "orders",
            "Orders per month (optional)",
            None,
            "If you know your orders, enter them and the funnel below is skipped.",
            optional=True,
        ),
        percent_field(
            "visit_rate", "Viewers who visit your profile (optional)", None, "Empty: sourced range.", optional=True
        ),
        percent_field(
            "click_rate",
            "Profile visitors who click your link (optional)",
            None,
            "Empty: sourced range.",
            optional=True,
        ),
        percent_field("conversion_rate", "Clicks that buy (optional)", None, "Empty: sourced range.", optional=True),
        money_field("aov", "Average order value", 30, "What a customer pays per order.", maximum=PRICE_MAX),
        percent_field(
            "commission",
            "Your affiliate commission",
            rate("affiliate_commission").typical,
            "Affiliate mode: the share of each sale the seller pays you.",
            maximum=rate("affiliate_commission").high,
        ),
        money_field(
            "product_cost",
            "Product cost per order",
            10,
            "Own merch: making or buying one order's goods.",
            maximum=PRICE_MAX,
        ),
        money_field("fulfilment", "Fulfilment per order", 5, "Own merch: packing and shipping.", maximum=PRICE_MAX),
        percent_field(
            "affiliate_paid",
            "Commission you pay affiliates",
            0,
            "Own merch: if other creators sell your products.",
            maximum=rate("affiliate_commission").high,
        ),
        percent_field("refund_rate", "Orders refunded", 5, "Own merch: your input, not a sourced figure."),
        money_field("ad_spend", "Ad spend per month", 0, "Own merch: promotion you pay for."),
    ),
    outputs=(
        Output("earnings", "Affiliate earnings per month", "usd", headline=True),
        Output("profit", "Profit per month (negative = loss)", "usd", headline=True),
        Output("profile_visits", "Profile visits", "count"),
        Output("link_clicks", "Link clicks", "count"),
        Output("orders", "Orders", "count"),
        Output("gmv", "Sales (GMV)", "usd"),
        Output("fees", "TikTok and affiliate fees", "usd"),
        Output("costs", "Product and fulfilment", "usd"),
        Output("refunds", "Refunds", "usd"),
    ),
    compute=compute,
    page="monetization/shop.md",
)
