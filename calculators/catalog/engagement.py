"""Engagement rate, by views and by followers, each against the benchmark that uses its definition.

Two definitions circulate and are often mixed up; this calculator always shows both and
says which is which.

- By views: interactions ÷ views. A ratio of totals, so it does not matter how many videos
  the totals cover (HypeAuditor's definition, over the last 30 posts).
- By followers: an average PER POST. The follower benchmarks (The Influencer Marketing
  Factory, 15,000 creator profiles) divide one post's interactions by the followers, so the
  totals are first divided by the number of videos; without that, the "last 30 videos" the
  page suggests would read 30 times too high.

The by-views benchmarks come from studies of brand accounts, and the notes say so: no
study of creators by views with a stated method was found.
"""

from __future__ import annotations

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
    get_fact,
    num,
    optional_num,
    pct,
    rate,
    tier_for,
)

FOLLOWER_TIERS: tuple[tuple[float, str, str], ...] = (
    (10_000, "er_followers_0_10k", "up to 10K followers"),
    (100_000, "er_followers_10k_100k", "10K–100K followers"),
    (500_000, "er_followers_100k_500k", "100K–500K followers"),
    (1_000_000, "er_followers_500k_1m", "500K–1M followers"),
    (5_000_000, "er_followers_1m_5m", "1M–5M followers"),
    (10_000_000, "er_followers_5m_10m", "5M–10M followers"),
    (float("inf"), "er_followers_10m_plus", "10M+ followers"),
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


def creator_span() -> str:
    """The lowest to the highest creator benchmark by followers, as prose: "3.07%–9.38%"."""
    typicals = [rate(key).typical for _, key, _ in FOLLOWER_TIERS]
    return f"{pct(min(typicals))}–{pct(max(typicals))}"


def rate_by_followers(interactions: float, videos: float, followers: float) -> float:
    """Engagement per post by followers: interactions ÷ videos ÷ followers × 100."""
    return interactions / videos / followers * 100


def by_followers(
    interactions: float, videos: float, followers: float, values: dict[str, Range], steps: list[str]
) -> tuple[Note, list[Bar]]:
    """Add the rate by followers, per post; return its comparison with the follower tier's benchmark."""
    er_followers = rate_by_followers(interactions, videos, followers)
    key, tier = follower_tier(followers)
    bench_followers = rate(key)
    values["er_followers"] = Range.of(er_followers)
    steps.append(
        f"Engagement rate by followers, per post = {count(interactions)} ÷ {count(videos)}"
        f" video(s) ÷ {count(followers)} followers × 100 = {pct(er_followers)}"
    )
    note = Note(
        f"By followers, your rate per post of {pct(er_followers)} is"
        f" {compare(er_followers, bench_followers)} the {pct(bench_followers.typical)}"
        f" one study found for creators with {tier}. That study counts likes and comments only, so with"
        " shares included yours reads a little higher.",
        "info",
    )
    return note, [
        Bar("Your rate by followers, per post", Range.of(er_followers)),
        Bar(f"Creators with {tier}", bench_followers),
    ]


def compute(v: Values) -> Result:
    """Interactions ÷ views, and per post ÷ followers when given, each beside its published benchmark."""
    likes, comments, shares = num(v, "likes"), num(v, "comments"), num(v, "shares")
    views, videos = num(v, "views"), num(v, "videos")
    followers = optional_num(v, "followers")
    interactions = likes + comments + shares
    er_views = interactions / views * 100
    bench_views = rate("er_views_benchmark")
    values = {"interactions": Range.of(interactions), "er_views": Range.of(er_views)}
    steps = [
        f"Interactions = likes + comments + shares = {count(likes)} + {count(comments)}"
        f" + {count(shares)} = {count(interactions)} over {count(videos)} video(s)",
        f"Engagement rate by views = {count(interactions)} ÷ {count(views)} × 100 = {pct(er_views)}",
    ]
    notes = [
        Note(
            f"By views, your rate of {pct(er_views)} is {compare(er_views, bench_views)} the"
            f" {pct(bench_views.low)}–{pct(bench_views.high)} that studies of"
            " brand accounts report. Brand accounts are not creators: by followers, brand accounts average"
            f" {get_fact('er_followers_brand_accounts').text()}, creators {creator_span()}.",
            "success" if er_views >= bench_views.low else "info",
        )
    ]
    bars = [
        Bar("Your rate by views", Range.of(er_views)),
        Bar("Brand accounts by views", bench_views),
    ]
    if likes > views:
        notes.append(Note("More likes than views is unusual: check that both cover the same videos.", "warning"))
    if followers:
        note, follower_bars = by_followers(interactions, videos, followers, values, steps)
        notes.append(note)
        bars += follower_bars
    else:
        notes.append(Note("Add your follower count to see the rate by followers as well.", "info"))
    notes.append(
        Note(
            "Likes and other interactions are not paid for directly; a higher rate helps reach and"
            " sponsorship value. The benchmarks come from different studies, samples and years.",
            "info",
        )
    )
    return Result(
        values=values,
        steps=tuple(steps),
        notes=tuple(notes),
        chart=Chart("Your engagement rate and published benchmarks", "percent", tuple(bars)),
    )


def videos_field() -> Field:
    """How many videos the totals cover: the follower rate is per post (shared with the likes calculator)."""
    return count_field(
        "videos",
        "Number of videos",
        10,
        "How many videos your likes, comments, shares and views add up over (your last 10 to 30).",
        minimum=1,
        maximum=1e6,
    )


CALCULATOR = Calculator(
    name="engagement",
    title="Engagement rate calculator",
    summary=(
        "Your likes, comments and shares as a share of views, and per post as a share of followers, next to"
        " published benchmarks."
    ),
    fields=(
        count_field("likes", "Likes", 4_200, "Total likes on the videos you are measuring."),
        count_field("comments", "Comments", 180, "Total comments on the same videos."),
        count_field("shares", "Shares", 95, "Total shares of the same videos."),
        count_field("views", "Views", 60_000, "Total views of the same videos (at least 1).", minimum=1),
        videos_field(),
        count_field(
            "followers", "Followers", 25_000, "Optional: your follower count, for the rate by followers.", optional=True
        ),
        country_field(),
    ),
    outputs=(
        Output("er_views", "Engagement rate by views", "percent", headline=True),
        Output("er_followers", "Engagement rate by followers, per post", "percent"),
        Output("interactions", "Interactions (likes + comments + shares)", "count"),
    ),
    compute=compute,
    page="likes/engagement-rate.md",
    primary=("likes", "views"),
)
