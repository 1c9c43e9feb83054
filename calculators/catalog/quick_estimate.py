"""The home page's quick estimate: one number in (a month of views), the honest answer out.

Views pay through the Creator Rewards Program only, and only qualified views on eligible
videos: the estimate is the Creator Rewards calculator's own formula (``crp_income``) on the
typical qualified share, with every eligibility gate assumed met, next to what likes pay ($0).
Everything it assumes is said in the notes, and the detailed calculators check it. Where the
reader lives is not assumed: where the country table does not say the program is offered there,
the estimate is $0 and a note gives what the views would pay if it were.
"""

from __future__ import annotations

from calculators.catalog.creator_rewards import crp_income
from calculators.kit import (
    Bar,
    Calculator,
    Chart,
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
    num,
    pct,
    rate,
    rule_text,
    usd3,
    usd_range,
    where,
)


def compute(v: Values) -> Result:
    views = num(v, "monthly_views")
    share = rate("crp_qualified_share").typical
    qualified = views * share / 100
    if_offered = crp_income(qualified)
    here = where(v)
    offered = Offered("creator_rewards", here, "Creator Rewards")
    income = if_offered if offered.met else Range.of(0.0)
    country_notes = [country_note(here, [rule_text(offered.name, offered.rule)])]
    if not offered.met:
        country_notes.insert(
            0,
            Note(
                f"{offered.note().text} If it does, these views would pay {usd_range(if_offered)} a month.",
                "warning",
            ),
        )
    return Result(
        values={"creator_rewards": income, "per_like": rate("pay_per_like")},
        steps=(
            f"Qualified views = {count(views)} views × {pct(share)} (one creator's share) = {count(qualified)}",
            f"Creator Rewards = {count(qualified)} ÷ 1,000 × RPM {fact_text('crp_rpm')} = {usd3(if_offered)}",
            offered.step() + ("" if offered.met else ": $0.00 here"),
            "Likes: no TikTok program pays per like, so $0.",
        ),
        notes=(
            *country_notes,
            Note(
                "This assumes every view is on an original video longer than one minute and that you meet"
                f" Creator Rewards' rules ({fact_text('crp_min_followers')} followers, age"
                f" {fact_text('crp_min_age')}). The Creator Rewards calculator checks each.",
                "info",
            ),
            Note(
                "Brand deals, LIVE gifts, Subscriptions and TikTok Shop are paid for other things than views:"
                " each has its own calculator.",
                "info",
            ),
        ),
        chart=Chart(
            "What these views pay in a month, and what likes pay",
            "usd",
            (Bar("Creator Rewards, if every rule is met", income), Bar("Likes", rate("pay_per_like"))),
        ),
    )


CALCULATOR = Calculator(
    name="quick_estimate",
    title="Quick estimate: what do your views pay?",
    summary="One number: your video views in a month. The detailed calculators take it from there.",
    fields=(
        count_field(
            "monthly_views",
            "Your video views in a month",
            100_000,
            "TikTok Studio shows views for the last 30 days; 12k and 1.5M work too.",
        ),
        country_field(),
    ),
    outputs=(
        Output("creator_rewards", "Creator Rewards, if every rule is met", "usd", headline=True),
        Output("per_like", "What TikTok pays per like", "usd"),
    ),
    compute=compute,
    page="index.md",
)
