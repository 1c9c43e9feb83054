"""What are my likes worth? Directly: nothing. Indirectly: engagement, and what it does to a price.

Direct pay = likes × pay per like, and no TikTok program pays per like, so it is $0. What
likes do is raise the engagement rate (computed by the engagement calculator, per post by
followers), which nudges the brand-deal calculator's follower cross-check through its
engagement multiplier. The price that calculator quotes is by views, which likes do not
change, and the notes say so. Both are imported, so the formulas live in one place.
"""

from __future__ import annotations

from calculators.catalog import brand_deal, engagement
from calculators.kit import (
    Bar,
    Calculator,
    Chart,
    Field,
    Note,
    Output,
    Range,
    Result,
    Values,
    count,
    count_field,
    country_field,
    fact_text,
    get_fact,
    num,
    optional_num,
    rate,
    usd,
    usd3,
)


def brand_cross_check(
    followers: float, er_views: float, values: dict[str, Range], steps: list[str], notes: list[Note], bars: list[Bar]
) -> None:
    """Add what this engagement does to the follower cross-check of a sponsored post (``brand_deal``)."""
    mult = brand_deal.engagement_multiplier(er_views)
    yours = brand_deal.follower_fee(followers, mult)
    typical = brand_deal.follower_fee(followers)
    values["brand_fee_yours"] = yours
    values["brand_fee_typical"] = typical
    steps += [
        brand_deal.multiplier_step(er_views),
        f"Follower cross-check of a sponsored post, at typical engagement = {count(followers)} ÷ 1,000 ×"
        f" {usd3(rate('brand_rate_per_1k_followers'))} = {usd3(typical)}",
        f"At your engagement = {usd3(typical)} × {mult:.2f} = {usd3(yours)}",
    ]
    change = "adds to" if mult > 1 else ("takes from" if mult < 1 else "leaves unchanged")
    notes.insert(
        1,
        Note(
            f"Where likes do count: brands look at engagement. Your engagement {change} the follower"
            f" cross-check of a sponsorship price ({usd(typical.typical)} at typical engagement,"
            f" {usd(yours.typical)} at yours). The price the brand-deal calculator quotes is by views, which"
            " likes do not change. Engagement is also one of the factors TikTok says sets Creator Rewards pay.",
            "success" if mult >= 1 else "info",
        ),
    )
    bars += [
        Bar("Follower cross-check, typical engagement", typical),
        Bar("Follower cross-check, your engagement", yours),
    ]


def compute(v: Values) -> Result:
    """What likes pay directly (nothing), then what the engagement they make up does for a brand's price."""
    likes = num(v, "likes")
    views, followers = optional_num(v, "views"), optional_num(v, "followers")
    videos = num(v, "videos")
    comments, shares = optional_num(v, "comments") or 0.0, optional_num(v, "shares") or 0.0
    per_like = rate("pay_per_like")
    direct = per_like * likes
    values: dict[str, Range] = {"direct_pay": direct}
    steps = [f"Direct pay = {count(likes)} likes × {fact_text('pay_per_like')} = {usd(direct.typical)}"]
    notes = [
        Note(
            f"TikTok pays nothing for likes: {usd(direct.typical)} for {count(likes)} of them. "
            + get_fact("pay_per_like").note,
            "info",
        )
    ]
    bars = [Bar("What TikTok pays for your likes", direct)]

    if views is None:
        notes.append(
            Note(
                "Add the views of the same videos to see your engagement rate and what it does to a brand's price.",
                "info",
            )
        )
    else:
        counts = {"likes": likes, "comments": comments, "shares": shares, "views": views}
        rates = engagement.compute({**counts, "videos": videos, "followers": followers})
        values.update(rates.values)
        steps += rates.steps
        notes += rates.notes
        if followers is None:
            notes.append(Note("Add your followers to see how your engagement moves a sponsorship price check.", "info"))
        else:
            brand_cross_check(followers, rates.values["er_views"].typical, values, steps, notes, bars)
    return Result(
        values=values,
        steps=tuple(steps),
        notes=tuple(notes),
        chart=Chart("Likes pay nothing directly; engagement moves what brands pay", "usd", tuple(bars)),
    )


def _optional_count(name: str, label: str, default: int, help_text: str, minimum: float = 0) -> Field:
    return count_field(name, label, default, help_text, minimum=minimum, optional=True)


CALCULATOR = Calculator(
    name="likes",
    title="What are my likes worth?",
    summary=(
        "Likes are not paid for: this shows the $0 honestly, then what your likes do instead: your engagement rate"
        " and how it moves a sponsorship price check."
    ),
    fields=(
        count_field("likes", "Likes", 4_200, "Total likes on the videos you are measuring."),
        _optional_count("views", "Views (optional)", 60_000, "Views of the same videos, for the engagement rate.", 1),
        engagement.videos_field(),
        _optional_count("followers", "Followers (optional)", 25_000, "For the rate by followers and a brand price."),
        _optional_count("comments", "Comments (optional)", 180, "Comments on the same videos."),
        _optional_count("shares", "Shares (optional)", 95, "Shares of the same videos."),
        country_field(),
    ),
    outputs=(
        # The page's question is what likes are worth: to a brand, something; from TikTok, $0.
        Output("brand_fee_yours", "Follower cross-check of a sponsored post, your engagement", "usd", headline=True),
        Output("direct_pay", "What TikTok pays for these likes", "usd", headline=True),
        Output("er_views", "Engagement rate by views", "percent"),
        Output("interactions", "Interactions (likes + comments + shares)", "count"),
        Output("er_followers", "Engagement rate by followers, per post", "percent"),
        Output("brand_fee_typical", "Follower cross-check of a sponsored post, typical engagement", "usd"),
    ),
    compute=compute,
    page="likes/index.md",
    primary=("likes", "views", "followers"),
)
