"""Engagement rate, by views and by followers, against sourced benchmarks.

Two definitions circulate and are often mixed up; this calculator always shows both and
says which is which. Benchmarks come from different studies and are not comparable with
each other, which the notes say too.
"""

from __future__ import annotations

from calculators.common import count_field, tier_for
from calculators.facts import get_fact, rate
from calculators.formatting import format_number, format_percent
from calculators.spec import Bar, Calculator, Chart, Note, Output, Range, Result, Values, num, optional_num

FOLLOWER_TIERS: tuple[tuple[float, str, str], ...] = (
    (10_000, "er_followers_0_10k", "up to 10K followers"),
    (100_000, "er_followers_10k_100k", "10K–100K followers"),
    (500_000, "er_followers_100k_500k", "100K–500K followers"),
    (1_000_000, "er_followers_500k_1m", "500K–1M followers"),
    (5_000_000, "er_followers_1m_5m", "1M–5M followers"),
    (float("inf"), "er_followers_10m_plus", "5M+ followers"),
)
"""Upper follower bound (exclusive), benchmark fact, and how the tier reads."""


def follower_tier(followers: float) -> tuple[str, str]:
    """The benchmark fact and tier name for an account of this size."""
    return tier_for(followers, FOLLOWER_TIERS)


def compare(yours: float, benchmark: Range) -> str:
    if yours < benchmark.low:
        return "below"
    if yours > benchmark.high:
        return "above"
    return "within"


def compute(v: Values) -> Result:
    likes, comments, shares = num(v, "likes"), num(v, "comments"), num(v, "shares")
    views = num(v, "views")
    followers = optional_num(v, "followers")
    interactions = likes + comments + shares
    er_views = interactions / views * 100
    bench_views = rate("er_views_benchmark")
    values = {"interactions": Range.of(interactions), "er_views": Range.of(er_views)}
    steps = [
        f"Interactions = likes + comments + shares = {format_number(likes)} + {format_number(comments)}"
        f" + {format_number(shares)} = {format_number(interactions)}",
        f"Engagement rate by views = {format_number(interactions)} ÷ {format_number(views)} × 100"
        f" = {format_percent(er_views)}",
    ]
    notes = [
        Note(
            f"By views, your rate of {format_percent(er_views)} is {compare(er_views, bench_views)} the"
            f" {format_percent(bench_views.low)}–{format_percent(bench_views.high)} that studies of"
            " brand accounts report.",
            "success" if er_views >= bench_views.low else "info",
        )
    ]
    facts = ["er_views_benchmark"]
    bars = [
        Bar("Your rate by views", Range.of(er_views)),
        Bar("Benchmark by views", bench_views),
    ]
    if likes > views:
        notes.append(Note("More likes than views is unusual: check that both cover the same videos.", "warning"))
    if followers:
        followers_f = followers
        er_followers = interactions / followers_f * 100
        key, tier = follower_tier(followers_f)
        bench_followers = rate(key)
        values["er_followers"] = Range.of(er_followers)
        steps.append(
            f"Engagement rate by followers = {format_number(interactions)} ÷ {format_number(followers_f)} × 100"
            f" = {format_percent(er_followers)}"
        )
        notes.append(
            Note(
                f"By followers, your rate of {format_percent(er_followers)} compares with"
                f" {format_percent(bench_followers.typical)} reported for creators with {tier}"
                f" ({compare(er_followers, bench_followers)} it).",
                "info",
            )
        )
        facts.append(key)
        bars += [
            Bar("Your rate by followers", Range.of(er_followers)),
            Bar(f"Benchmark by followers ({tier})", bench_followers),
        ]
    else:
        notes.append(Note("Add your follower count to see the rate by followers as well.", "info"))
    notes.append(
        Note(
            "Likes and other interactions are not paid for directly; a higher rate helps reach and"
            " sponsorship value. " + get_fact("er_views_benchmark").note,
            "info",
        )
    )
    return Result(
        values=values,
        steps=tuple(steps),
        notes=tuple(notes),
        facts=tuple(facts),
        chart=Chart("Your engagement rate and published benchmarks", "percent", tuple(bars)),
    )


CALCULATOR = Calculator(
    name="engagement",
    title="Engagement rate calculator",
    summary="Your likes, comments and shares as a share of views and of followers, next to published benchmarks.",
    fields=(
        count_field("likes", "Likes", 4_200, "Total likes on the videos you are measuring."),
        count_field("comments", "Comments", 180, "Total comments on the same videos."),
        count_field("shares", "Shares", 95, "Total shares of the same videos."),
        count_field("views", "Views", 60_000, "Total views of the same videos (at least 1).", minimum=1),
        count_field(
            "followers", "Followers", 25_000, "Optional: your follower count, for the rate by followers.", optional=True
        ),
    ),
    outputs=(
        Output("er_views", "Engagement rate by views", "percent", headline=True),
        Output("er_followers", "Engagement rate by followers", "percent"),
        Output("interactions", "Interactions (likes + comments + shares)", "count"),
    ),
    compute=compute,
    page="likes/engagement-rate.md",
)
