"""Brand deals: one price per sponsored post, by views, with followers and tier as cross-checks.

``price_post`` is the guide's ONE pricing function; the income overview calls it too, so a
creator gets the same price on both pages.

1. Views (CPM): median views ÷ 1,000 × CPM. The price the page recommends and the headline:
   views are what a brand buys, and TikTok does not recommend videos by follower count.
2. Followers: followers ÷ 1,000 × rate per 1K followers × an engagement multiplier. A cross-check.
3. Tier table: the published price range for accounts of your size. A cross-check.
When a cross-check's typical is more than ``DISAGREE_FACTOR`` times above or below the views
price, a plain note says so and why. Then
gross = price × (1 + usage-rights uplift + exclusivity uplift) × deliverables, and
net = gross × (1 − agency commission).
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.kit import (
    AppliesWhen,
    Bar,
    Calculator,
    Chart,
    Group,
    Note,
    Output,
    Range,
    Result,
    Values,
    count,
    count_field,
    country_field,
    fact_text,
    fraction,
    get_fact,
    num,
    optional_num,
    pct,
    pct3,
    percent_field,
    rate,
    tier_for,
    toggle,
    toggle_field,
    usd3,
)

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

DISAGREE_FACTOR = 3.0
"""A cross-check this many times above or below the views price gets a plain note: the guide's own
threshold, below the 10–20x by which the published tier tables disagree with each other and at
the 3–5x follower bias for large accounts that the content review measured (2026-12-02)."""


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
        f"Engagement multiplier = your {pct(er_views)} by views ÷ {pct(bench)} (brand accounts' typical)"
        f" = {er_views / bench:.2f},"
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


@dataclass(frozen=True)
class PostPrice:
    """One sponsored post priced by views (the headline) with the two cross-checks beside it."""

    median_views: float
    followers: float | None
    multiplier: float
    by_views: Range
    by_followers: Range | None
    tier_key: str | None
    tier_name: str | None
    by_tier: Range | None

    @property
    def headline(self) -> Range:
        """The price to quote: by views, the method the brand-deal page recommends."""
        return self.by_views

    def cross_checks(self) -> list[tuple[str, Range]]:
        checks = []
        if self.by_followers is not None:
            checks.append(("by followers", self.by_followers))
        if self.by_tier is not None and self.tier_name is not None:
            checks.append((f"the tier table for {self.tier_name} accounts", self.by_tier))
        return checks

    def disagreements(self) -> list[tuple[str, Range, float]]:
        """Cross-checks whose typical is more than ``DISAGREE_FACTOR`` times off the views price.

        The factor is cross-check ÷ views (``inf`` when the views price is zero).
        """
        views = self.by_views.typical
        found = []
        for name, check in self.cross_checks():
            factor = check.typical / views if views > 0 else float("inf")
            if factor > DISAGREE_FACTOR or factor < 1 / DISAGREE_FACTOR:
                found.append((name, check, factor))
        return found


def price_post(median_views: float, followers: float | None = None, er_views: float | None = None) -> PostPrice:
    """The guide's one price for a sponsored post: by views, with followers and tier as cross-checks."""
    mult = engagement_multiplier(er_views)
    tier_key, tier_name = tier(followers) if followers is not None else (None, None)
    return PostPrice(
        median_views=median_views,
        followers=followers,
        multiplier=mult,
        by_views=cpm_fee(median_views),
        by_followers=follower_fee(followers, mult) if followers is not None else None,
        tier_key=tier_key,
        tier_name=tier_name,
        by_tier=rate(tier_key) if tier_key is not None else None,
    )


def disagreement_note(price: PostPrice) -> Note | None:
    """A plain note when followers or the tier table put the post far from the views price."""
    found = price.disagreements()
    if not found:
        return None
    parts = []
    for name, check, factor in found:
        if factor == float("inf"):
            how = "a price where views give none"
        elif factor == 0:
            how = "nothing at all"
        elif factor > 1:
            how = f"{count(round(factor, 1))} times as much"
        else:
            how = f"{count(round(1 / factor, 1))} times less"
        parts.append(f"{name} gives {usd3(check)}, {how}")
    return Note(
        f"The cross-checks disagree a lot with the price by views ({usd3(price.by_views)}): "
        + "; ".join(parts)
        + ". The guide quotes the views price, because views are what a brand buys. Followers who no longer"
        " watch raise the follower and tier prices; a small account whose videos travel far is underpriced by them."
        " Quote from your views, and use a higher cross-check as room to negotiate, not as a promise.",
        "warning",
    )


def options(v: Values, base: Range, deliverables: float) -> tuple[Range, str]:
    """Gross for all deliverables with the usage-rights and exclusivity uplifts; and its step."""
    uplift = Range.of(0.0)
    extras = []
    if toggle(v, "usage_rights"):
        uplift = uplift + fraction(rate("brand_usage_rights_uplift"))
        extras.append(f"usage rights +{pct3(rate('brand_usage_rights_uplift'))}")
    if toggle(v, "exclusivity"):
        uplift = uplift + fraction(rate("brand_exclusivity_uplift"))
        extras.append(f"exclusivity +{pct3(rate('brand_exclusivity_uplift'))}")
    gross = base * (uplift + 1) * deliverables
    extras_text = f" × (1 + {' + '.join(extras)})" if extras else ""
    return gross, f"Gross = {usd3(base)}{extras_text} × {count(deliverables)} deliverable(s) = {usd3(gross)}"


def after_agency(v: Values, gross: Range, values: dict[str, Range]) -> str:
    """Put what the creator keeps in ``values["net"]`` (and any commission); return its step."""
    if not toggle(v, "agency"):
        return "No agency or manager: you keep the gross (before tax)"
    commission = num(v, "agency_percent")
    values["net"] = gross * (1 - commission / 100)
    values["commission"] = gross * (commission / 100)
    return f"Net = {usd3(gross)} × (1 − {pct(commission)} agency commission) = {usd3(values['net'])}"


def method_notes(tier_key: str, bench: float) -> list[Note]:
    """Where the tiers, the methods and the multiplier (``bench``: the typical engagement rate of brand
    accounts) come from; the average payment for scale."""
    return [
        Note(
            f"Tiers used here: {'; '.join(name for _, _, name in TIERS)}. The sources name the tiers but not"
            " all their edges; these are the usual ones. " + get_fact(tier_key).note,
            "info",
        ),
        Note(
            "The price is by views, the method to trust most: TikTok recommends videos on what viewers do, not on"
            " follower counts. Followers and the tier table are shown as cross-checks.",
            "info",
        ),
        Note(
            f"The engagement multiplier (follower cross-check only) is the guide's own rule: your engagement rate"
            f" by views divided by {pct(bench)}, the typical of studies of brand accounts, kept between"
            f" {MULTIPLIER_MIN} and {MULTIPLIER_MAX}. Likes are not paid for themselves; they only help a brand see"
            " your audience is active.",
            "info",
        ),
        Note(
            f"For scale: the average brand payment to a TikTok creator was {fact_text('brand_avg_payment')}"
            " (Lumanu, early 2025), an average pulled up by a few large deals.",
            "info",
        ),
        Note("Fees are before income tax and any costs of making the video.", "info"),
    ]


def compute(v: Values) -> Result:
    """The price by views, cross-checked by followers and by tier; uplifts, deliverables and agency."""
    views, followers = num(v, "median_views"), num(v, "followers")
    er = optional_num(v, "engagement_rate")
    deliverables = num(v, "deliverables")
    price = price_post(views, followers, er)
    mult = price.multiplier
    by_views, base = price.by_views, price.headline
    by_followers, by_tier = price.by_followers, price.by_tier
    tier_key, tier_name = price.tier_key, price.tier_name
    # This page always asks for followers, so both cross-checks exist.
    assert by_followers is not None
    assert by_tier is not None
    assert tier_key is not None
    bench = rate("er_views_benchmark").typical

    steps = [
        f"By views: {count(views)} ÷ 1,000 × CPM {usd3(rate('brand_cpm'))} = {usd3(by_views)}",
        f"Price per video = the price by views = {usd3(base)}",
        "Cross-checks:",
        multiplier_step(er),
        f"By followers: {count(followers)} ÷ 1,000 × {usd3(rate('brand_rate_per_1k_followers'))} × {mult:.2f}"
        f" = {usd3(by_followers)}",
        f"By tier: {tier_name} accounts are quoted {usd3(by_tier)} per sponsored post",
    ]
    gross, gross_step = options(v, base, deliverables)
    values = {
        "net": gross,
        "gross": gross,
        "base_fee": base,
        "fee_views": by_views,
        "fee_followers": by_followers,
        "fee_tier": by_tier,
    }
    steps += [gross_step, after_agency(v, gross, values)]

    notes = method_notes(tier_key, bench)
    if followers < NANO_FLOOR:
        notes.insert(0, Note("Under 1K followers is below the smallest published tier; treat it as a ceiling.", "info"))
    if toggle(v, "agency") and not (
        rate("agency_commission").low <= num(v, "agency_percent") <= rate("agency_commission").high
    ):
        notes.append(
            Note(f"Agency commissions are usually {fact_text('agency_commission')}; check your contract.", "info")
        )
    disagreement = disagreement_note(price)
    if disagreement is not None:
        notes.insert(0, disagreement)
    bars = (
        Bar("Price by views (CPM)", by_views),
        Bar("Cross-check: followers × engagement", by_followers),
        Bar(f"Cross-check: tier table, {tier_name}", by_tier),
    )
    return Result(
        values=values,
        steps=tuple(steps),
        notes=tuple(notes),
        chart=Chart("Price of one sponsored post by each method", "usd", bars),
    )


CALCULATOR = Calculator(
    name="brand_deal",
    title="Brand deal calculator",
    summary=(
        "What to quote a brand: a price by views, checked against followers with engagement and the tier"
        " table, plus usage rights, exclusivity, deliverables and agency commission."
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
        country_field(),
    ),
    outputs=(
        Output("net", "What you keep", "usd", headline=True),
        Output("gross", "Fee the brand pays", "usd"),
        Output("commission", "Agency commission", "usd"),
        Output("base_fee", "Price per video, by views", "usd"),
        Output("fee_views", "By views (CPM)", "usd"),
        Output("fee_followers", "Cross-check: by followers × engagement", "usd"),
        Output("fee_tier", "Cross-check: tier table", "usd"),
    ),
    compute=compute,
    page="monetization/brand-deals.md",
    primary=("median_views", "followers", "deliverables"),
    groups=(Group("Agency", ("agency", "agency_percent")),),
    applies=(AppliesWhen(("agency_percent",), "agency", (True,)),),
)
