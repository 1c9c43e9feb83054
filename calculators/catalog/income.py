"""A month of TikTok income across the methods a creator uses, in one picture.

Each method is computed by its own calculator's function (imported, never copied):
Creator Rewards from qualified views, LIVE gifts from Diamonds, Subscription from
subscribers × price, brand deals from a fee per post or the brand-deal calculator's price by
views (``brand_deal.price_post``, the same price the brand-deal page quotes), Shop affiliate
commission from orders. The total is the sum of lows, the sum of typicals and the sum of
highs: outer bounds, since every method rarely has its best (or worst) month at once.
"""

from __future__ import annotations

from calculators.catalog import brand_deal, creator_rewards, live_gifts, shop, subscriptions
from calculators.kit import (
    PRICE_MAX,
    AppliesWhen,
    Bar,
    Calculator,
    Chart,
    Country,
    Group,
    Note,
    Offered,
    Output,
    Range,
    Result,
    Values,
    count,
    count_field,
    country_field,
    country_note,
    fact_text,
    money_field,
    num,
    optional_num,
    pct,
    pct3,
    percent_field,
    rate,
    rule_text,
    toggle,
    toggle_field,
    total,
    usd,
    usd3,
    where,
)

METHODS = (
    ("rewards", "Creator Rewards"),
    ("gifts", "LIVE gifts"),
    ("subscriptions", "Subscription"),
    ("brand", "Brand deals"),
    ("shop", "Shop affiliate"),
)
"""Output key and name of each method, in the order the form lists them."""

PROGRAMS = {
    "rewards": "creator_rewards",
    "gifts": "live_gifts",
    "subscriptions": "subscriptions",
    "shop": "shop_affiliate",
}
"""The country table's program (``data/countries.toml``) behind each method; brand deals have none."""


def _rewards(v: Values) -> tuple[Range, list[str]]:
    q = num(v, "qualified_views")
    income = creator_rewards.crp_income(q)
    return income, [f"Creator Rewards = {count(q)} qualified views ÷ 1,000 × RPM = {usd3(income)}"]


def _gifts(v: Values) -> tuple[Range, list[str]]:
    d = num(v, "diamonds")
    income = live_gifts.diamonds_to_usd(d)
    return income, [f"LIVE gifts = {count(d)} Diamonds × Diamond value = {usd3(income)}"]


def _subscriptions(v: Values) -> tuple[Range, list[str]]:
    """The share where the reader lives (the US and Canada's, or everywhere else's): base to base + bonus."""
    subs, price = num(v, "subscribers"), num(v, "sub_price")
    fee = subscriptions.DEFAULT_STORE_FEE
    region = where(v).rule("subscriptions").share_rule
    base = subscriptions.creator_share(region, bonus=False)
    share = Range(base, base, subscriptions.creator_share(region, bonus=True))
    income = subscriptions.subscription_income(subs, price, fee, share)
    step = (
        f"Subscription = {count(subs)} × {usd(price)} × (1 − {pct(fee)} app-store fee, an assumption)"
        f" × your share {pct3(share)} ({subscriptions.REGIONS[region]}, with the bonus at the high end)"
        f" = {usd3(income)}"
    )
    return income, [step]


def _brand(v: Values) -> tuple[Range, list[str]]:
    posts, fee = num(v, "sponsored_posts"), optional_num(v, "post_fee")
    if fee is not None:
        income = Range.of(fee * posts)
        return income, [f"Brand deals = {count(posts)} post(s) × {usd(fee)} = {usd3(income)}"]
    views = num(v, "median_views")
    per_post = brand_deal.price_post(views).headline
    income = per_post * posts
    step = (
        f"Brand deals = {count(posts)} post(s) × {usd3(per_post)} per post (the brand-deal calculator's price by"
        f" views: {count(views)} median views ÷ 1,000 × CPM) = {usd3(income)}"
    )
    return income, [step]


def _shop(v: Values) -> tuple[Range, list[str]]:
    orders, aov, commission = num(v, "shop_orders"), num(v, "aov"), num(v, "commission")
    income = shop.affiliate_earnings(Range.of(orders), aov, commission)
    step = (
        f"Shop affiliate = {count(orders)} orders × {usd(aov)} × {pct(commission)} commission (sellers set it"
        f" at {fact_text('affiliate_commission')}) = {usd3(income)}"
    )
    return income, [step]


PARTS = {
    "rewards": _rewards,
    "gifts": _gifts,
    "subscriptions": _subscriptions,
    "brand": _brand,
    "shop": _shop,
}


def _method(v: Values, key: str, name: str, here: Country) -> tuple[Range, list[str], Offered | None]:
    """One ticked method's monthly income; a program not offered where the reader lives counts $0."""
    income, steps = PARTS[key](v)
    if key not in PROGRAMS:
        return income, steps, None
    offered = Offered(PROGRAMS[key], here, name)
    if not offered.met:
        # Never counted as if offered: the step keeps what it would add.
        steps.append(f"{offered.step()}: counted as $0.00 here")
        income = Range.of(0.0)
    return income, steps, offered


def _country_notes(here: Country, offered: list[Offered]) -> list[Note]:
    """Which country rules the total applied, and the methods it counted as $0 because of them."""
    notes = [country_note(here, [rule_text(o.name, o.rule) for o in offered])] if offered else []
    missing = [o for o in offered if not o.met]
    if missing:
        listed = "; ".join(f"{o.name} ({o.rule.status_text})" for o in missing)
        text = (
            f"Counted as $0 for {here.name}: {listed}. The math shows what each would add if your TikTok app"
            " offers it to you."
        )
        notes.insert(0, Note(text, "warning"))
    return notes


def compute(v: Values) -> Result:
    values: dict[str, Range] = {}
    steps: list[str] = []
    bars: list[Bar] = []
    here = where(v)
    offered: list[Offered] = []
    for key, name in METHODS:
        if not toggle(v, f"use_{key}"):
            continue
        income, part_steps, rule = _method(v, key, name, here)
        offered += [rule] if rule else []
        values[key] = income
        steps += part_steps
        bars.append(Bar(name, income))
    monthly = total(values.values())
    used = [name for key, name in METHODS if key in values]
    steps.append(
        "Total = sum of the lows / typicals / highs"
        + (f" ({', '.join(used)})" if used else " (no method ticked)")
        + f" = {usd3(monthly)}"
    )
    values["total"] = monthly
    values["yearly"] = monthly * 12
    bars.append(Bar("Total per month", monthly))
    notes = [
        *_country_notes(here, offered),
        Note(
            "Ranges do not simply add: the low total assumes every method has a weak month at once, the high one"
            " that all have a great month, which rarely happens. Read the typical figure, and the range as the"
            " outer limits.",
            "info",
        ),
        Note(
            "This overview assumes you meet each program's eligibility rules on age, followers and views; where you"
            " live is applied. The calculator on each method's page checks them all and explains its numbers in full.",
            "info",
        ),
        Note("Before income tax, agency commission and the costs of making videos or products.", "info"),
        Note("Likes add nothing here: no method pays per like.", "info"),
    ]
    if not used:
        notes.insert(0, Note("Tick at least one method to see a total.", "warning"))
    return Result(
        values=values,
        steps=tuple(steps),
        notes=tuple(notes),
        chart=Chart("Your month of TikTok income, by method", "usd", tuple(bars)),
    )


CALCULATOR = Calculator(
    name="income",
    title="Monthly income overview",
    summary=(
        "The TikTok income methods you use, each estimated with its own calculator's formula, in one monthly total."
    ),
    fields=(
        toggle_field("use_rewards", "Creator Rewards", True, ""),
        count_field(
            "qualified_views",
            "Qualified views per month",
            100_000,
            "From your Creator Rewards dashboard (only eligible videos).",
        ),
        toggle_field("use_gifts", "LIVE gifts", True, ""),
        count_field("diamonds", "Diamonds per month", 10_000, "From your LIVE rewards balance."),
        toggle_field("use_subscriptions", "Subscription", False, ""),
        count_field("subscribers", "Paying subscribers", 100, ""),
        money_field("sub_price", "Subscription price per month", 4.99, "", maximum=PRICE_MAX),
        toggle_field("use_brand", "Brand deals", True, ""),
        count_field("sponsored_posts", "Sponsored posts per month", 1, "", maximum=1000),
        money_field(
            "post_fee",
            "Fee per sponsored post (optional)",
            None,
            "Leave empty to estimate it from your median views.",
            maximum=PRICE_MAX,
            optional=True,
        ),
        count_field("median_views", "Median views per video", 20_000, "Used when no fee is entered."),
        toggle_field("use_shop", "TikTok Shop affiliate", False, ""),
        count_field("shop_orders", "Affiliate orders per month", 20, ""),
        money_field("aov", "Average order value", 30, "", maximum=PRICE_MAX),
        percent_field(
            "commission",
            "Your affiliate commission",
            rate("affiliate_commission").typical,
            "",
            maximum=rate("affiliate_commission").high,
        ),
        country_field(),
    ),
    outputs=(
        Output("total", "Total per month", "usd", headline=True),
        Output("yearly", "Per year at this pace", "usd"),
        *(Output(key, name, "usd") for key, name in METHODS),
    ),
    compute=compute,
    page="monetization/income.md",
    groups=(
        Group("Creator Rewards", ("use_rewards", "qualified_views")),
        Group("LIVE gifts", ("use_gifts", "diamonds")),
        Group("Subscription", ("use_subscriptions", "subscribers", "sub_price")),
        Group("Brand deals", ("use_brand", "sponsored_posts", "post_fee", "median_views")),
        Group("TikTok Shop affiliate", ("use_shop", "shop_orders", "aov", "commission")),
    ),
    applies=(
        AppliesWhen(("qualified_views",), "use_rewards", (True,)),
        AppliesWhen(("diamonds",), "use_gifts", (True,)),
        AppliesWhen(("subscribers", "sub_price"), "use_subscriptions", (True,)),
        AppliesWhen(("sponsored_posts", "post_fee", "median_views"), "use_brand", (True,)),
        AppliesWhen(("shop_orders", "aov", "commission"), "use_shop", (True,)),
    ),
)
