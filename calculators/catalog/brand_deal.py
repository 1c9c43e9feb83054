"""Brand deals: three ways to price a sponsored post, their middle, then extras and commission.

1. Views (CPM): median views ÷ 1,000 × CPM: the best base, since views are what a brand buys.
2. Followers: followers ÷ 1,000 × rate per 1K followers × an engagement multiplier.
3. Tier table: the published price range for accounts of your size.
The base fee per deliverable is the middle of the three methods for each bound (their median:
one method far off the others cannot drag it). Then
gross = base × (1 + usage-rights uplift + exclusivity uplift) × deliverables, and
net = gross × (1 − agency commission).
"""

from __future__ import annotations

from calculators.common import (
    count,
    count_field,
    fact_text,
    flag,
    fraction,
    median3,
    pct,
    pct3,
    percent_field,
    tier_for,
    toggle_field,
    usd3,
)
from calculators.facts import get_fact, rate
from calculators.spec import Bar, Calculator, Chart, Note, Output, Range, Result, Values, num, optional_num

TIERS: tuple[tuple[float, str, str], ...] = (
    (10_000, "brand_tier_nano", "nano (under 10K followers)"),
    (100_000, "brand_tier_micro", "micro (10K–100K)"),
    (500_000, "brand_tier_mid", "mid-tier (100K–500K)"),
    (1_000_000, "brand_tier_macro", "macro (500K–1M)"),
    (float("inf"), "brand_tier_mega", "mega (1M and more)"),
)
"""Upper follower bound (exclusive), price fact, and how the tier reads."""

NANO_FLOOR = 1_000
"""The sources' nano tier starts at 1K followers; below it the nano price is a ceiling."""

MULTIPLIER_MIN, MULTIPLIER_MAX = 0.5, 1.5
"""The guide's own bounds on the engagement multiplier, so one number cannot halve or triple a price."""


def engagement_multiplier(er_views: float | None) -> float:
    """Your engagement rate by views ÷ the typical benchmark, kept within 0.5–1.5; 1 when unknown."""
    if er_views is None:
        return 1.0
    ratio = er_views / rate("er_views_benchmark").typical
    return min(MULTIPLIER_MAX, max(MULTIPLIER_MIN, ratio))


def multiplier_step(er_views: float | None) -> str:
    """The engagement multiplier with the reader's numbers, for "the math"."""
    if er_views is None:
        return "Engagement multiplier = 1 (no engagement rate entered: priced at the typical rate)"
    bench = rate("er_views_benchmark").typical
    return (
        f"Engagement multiplier = your {pct(er_views)} by views ÷ typical {pct(bench)} = {er_views / bench:.2f},"
        f" kept within {MULTIPLIER_MIN}–{MULTIPLIER_MAX} = {engagement_multiplier(er_views):.2f}"
    )


def cpm_fee(median_views: float) -> Range:
    """Views method: median views ÷ 1,000 × CPM."""
    return rate("brand_cpm") * (median_views / 1000)


def follower_fee(followers: float, multiplier: float = 1.0) -> Range:
    """Followers method: followers ÷ 1,000 × rate per 1K followers × engagement multiplier."""
    return rate("brand_rate_per_1k_followers") * (followers / 1000 * multiplier)


def tier(followers: float) -> tuple[str, str]:
    """The price fact and tier name for an account of this size."""
    return tier_for(followers, TIERS)


def median_of(a: Range, b: Range, c: Range) -> Range:
    """The middle of three ranges, bound by bound."""
    return Range(
        median3(a.low, b.low, c.low),
        median3(a.typical, b.typical, c.typical),
        median3(a.high, b.high, c.high),
    )


def compute(v: Values) -> Result:
    views, followers = num(v, "median_views"), num(v, "followers")
    er = optional_num(v, "engagement_rate")
    deliverables = num(v, "deliverables")
    mult = engagement_multiplier(er)
    by_views = cpm_fee(views)
    by_followers = follower_fee(followers, mult)
    tier_key, tier_name = tier(followers)
    by_tier = rate(tier_key)
    base = median_of(by_views, by_followers, by_tier)
    bench = rate("er_views_benchmark").typical

    steps = [
        f"By views: {count(views)} ÷ 1,000 × CPM {usd3(rate('brand_cpm'))} = {usd3(by_views)}",
        multiplier_step(er),
        f"By followers: {count(followers)} ÷ 1,000 × {usd3(rate('brand_rate_per_1k_followers'))} × {mult:.2f}"
        f" = {usd3(by_followers)}",
        f"By tier: {tier_name} accounts are quoted {usd3(by_tier)} per sponsored post",
        f"Base fee per deliverable = the middle of the three methods, bound by bound = {usd3(base)}",
    ]
    facts = ["brand_cpm", "brand_rate_per_1k_followers", "er_views_benchmark", tier_key]

    uplift = Range.of(0.0)
    extras = []
    if flag(v, "usage_rights"):
        uplift = uplift + fraction(rate("brand_usage_rights_uplift"))
        extras.append(f"usage rights +{pct3(rate('brand_usage_rights_uplift'))}")
        facts.append("brand_usage_rights_uplift")
    if flag(v, "exclusivity"):
        uplift = uplift + fraction(rate("brand_exclusivity_uplift"))
        extras.append(f"exclusivity +{pct3(rate('brand_exclusivity_uplift'))}")
        facts.append("brand_exclusivity_uplift")
    gross = base * (uplift + 1) * deliverables
    extras_text = f" × (1 + {' + '.join(extras)})" if extras else ""
    steps.append(f"Gross = {usd3(base)}{extras_text} × {count(deliverables)} deliverable(s) = {usd3(gross)}")

    values = {
        "net": gross,
        "gross": gross,
        "base_fee": base,
        "fee_views": by_views,
        "fee_followers": by_followers,
        "fee_tier": by_tier,
    }
    if flag(v, "agency"):
        commission = num(v, "agency_percent")
        values["net"] = gross * (1 - commission / 100)
        values["commission"] = gross * (commission / 100)
        steps.append(f"Net = {usd3(gross)} × (1 − {pct(commission)} agency commission) = {usd3(values['net'])}")
        facts.append("agency_commission")
    else:
        steps.append("No agency or manager: you keep the gross (before tax)")

    notes = [
        Note(
            f"Tiers used here: {'; '.join(name for _, _, name in TIERS)}. The sources name the tiers but not"
            " all their edges; these are the usual ones. " + get_fact(tier_key).note,
            "info",
        ),
        Note(
            "The three methods often disagree a lot; the base fee takes their middle. The views method is the"
            " one to trust most: TikTok recommends videos on what viewers do, not on follower counts.",
            "info",
        ),
        Note(
            f"The engagement multiplier is the guide's own rule: your engagement rate by views divided by the"
            f" typical {pct(bench)}, kept between {MULTIPLIER_MIN} and {MULTIPLIER_MAX}. Likes are not paid for"
            " themselves; they only help a brand see your audience is active.",
            "info",
        ),
        Note(
            f"For scale: the average brand payment to a TikTok creator was {fact_text('brand_avg_payment')}"
            " (Lumanu, early 2025), an average pulled up by a few large deals.",
            "info",
        ),
        Note("Fees are before income tax and any costs of making the video.", "info"),
    ]
    facts.append("brand_avg_payment")
    if followers < NANO_FLOOR:
        notes.insert(0, Note("Under 1K followers is below the smallest published tier; treat it as a ceiling.", "info"))
    if flag(v, "agency") and not (
        rate("agency_commission").low <= num(v, "agency_percent") <= rate("agency_commission").high
    ):
        notes.append(
            Note(f"Agency commissions are usually {fact_text('agency_commission')}; check your contract.", "info")
        )
    bars = (
        Bar("By views (CPM)", by_views),
        Bar("By followers × engagement", by_followers),
        Bar(f"Tier table: {tier_name}", by_tier),
        Bar("Base fee (middle of the three)", base),
    )
    return Result(
        values=values,
        steps=tuple(steps),
        notes=tuple(notes),
        facts=tuple(facts),
        chart=Chart("Price of one sponsored post by each method", "usd", bars),
    )


CALCULATOR = Calculator(
    name="brand_deal",
    title="Brand deal calculator",
    summary=(
        "What to quote a brand: three pricing methods side by side (views, followers with engagement, tier"
        " table), plus usage rights, exclusivity, deliverables and agency commission."
    ),
    fields=(
        count_field(
            "median_views", "Median views per video", 20_000, "The middle value of your last 10–20 videos' views."
        ),
        count_field("followers", "Followers", 50_000, "Your follower count today."),
        percent_field(
            "engagement_rate",
            "Engagement rate by views (optional)",
            None,
            "(Likes + comments + shares) ÷ views × 100. Leave empty to price at the typical rate.",
            maximum=1000,
            optional=True,
        ),
        toggle_field("usage_rights", "Brand may reuse the video (usage rights)", False, "E.g. in its own ads."),
        toggle_field("exclusivity", "Exclusivity (no competing brands for a while)", False, ""),
        count_field(
            "deliverables",
            "Number of videos (deliverables)",
            1,
            "Sponsored videos in the deal.",
            minimum=1,
            maximum=1000,
        ),
        toggle_field("agency", "An agency or manager takes a commission", False, ""),
        percent_field(
            "agency_percent",
            "Agency commission",
            rate("agency_commission").typical,
            "Used only when the box above is ticked.",
        ),
    ),
    outputs=(
        Output("net", "What you keep", "usd", headline=True),
        Output("gross", "Fee the brand pays", "usd"),
        Output("commission", "Agency commission", "usd"),
        Output("base_fee", "Base fee per video (middle of the methods)", "usd"),
        Output("fee_views", "By views (CPM)", "usd"),
        Output("fee_followers", "By followers × engagement", "usd"),
        Output("fee_tier", "Tier table", "usd"),
    ),
    compute=compute,
    page="monetization/brand-deals.md",
)
