"""Creator Rewards Program: what qualified views on eligible videos pay, with every gate checked.

Income = qualified views ÷ 1,000 × RPM, where qualified views = views on eligible (longer than
one minute) videos × the qualified share. Nothing is paid until every eligibility gate holds.

Each video earns only once it reaches 1,000 qualified views (the methodology page says the
same). The reader enters only the videos that reached it, with their views; the calculator
cannot see single videos, so it checks what it can: if those videos average fewer than 1,000
qualified views, at least one of them cannot have reached it, and the estimate is $0.

The qualified share rests on one creator's report, so the result is also shown across the
reported range of shares (``crp_qualified_share_range``), each bound with its own RPM bound.
The old Creator Fund's rate on the same views is shown for comparison, and an optional goal
turns the formula around: views needed = 1,000 × goal ÷ (RPM × qualified share).
"""

from __future__ import annotations

import math

from calculators.kit import (
    Bar,
    Calculator,
    Chart,
    Gate,
    Group,
    Note,
    Offered,
    Output,
    Range,
    Result,
    Values,
    age_field,
    check_gates,
    count,
    count3,
    count_field,
    country_field,
    country_note,
    fact_text,
    fact_value,
    get_fact,
    money_field,
    num,
    optional_num,
    pct,
    percent_field,
    rate,
    rule_text,
    usd,
    usd3,
    usd_range,
    where,
)

PROGRAM = "Creator Rewards"


def crp_income(qualified_views: float) -> Range:
    """Monthly pay for this many qualified views (eligibility assumed): Q ÷ 1,000 × RPM."""
    return rate("crp_rpm") * (qualified_views / 1000)


def fund_income(views: float) -> Range:
    """What the old Creator Fund paid for the same views: V ÷ 1,000 × Fund rate."""
    return rate("creator_fund_rpm") * (views / 1000)


def views_needed(goal: float, qualified_share_percent: float) -> Range | None:
    """Eligible views a month for a goal: 1,000 × goal ÷ (RPM × q); ``None`` if no number will do.

    The best RPM needs the fewest views, so the range is sorted: low = fewest views.
    """
    q = qualified_share_percent / 100
    if q <= 0:
        return None
    needed = rate("crp_rpm").map(lambda rpm: 1000 * goal / (rpm * q)).ordered()
    return needed if math.isfinite(needed.high) else None


def share_span(views: float, videos: float) -> Range:
    """Pay across the reported qualified shares: low share × low RPM ... high share × high RPM.

    A bound whose videos would average under the qualified-view minimum pays $0, as the
    headline does.
    """
    min_q = fact_value("crp_min_qualified_views")
    shares, rpm = rate("crp_qualified_share_range"), rate("crp_rpm")

    def pay(share: float, per_1k: float) -> float:
        qualified = views * share / 100
        return qualified / 1000 * per_1k if qualified / videos >= min_q else 0.0

    return Range(pay(shares.low, rpm.low), pay(shares.typical, rpm.typical), pay(shares.high, rpm.high))


def eligibility(v: Values) -> tuple[bool, list[str], list[Note]]:
    """Whether the program is offered where the reader lives, and the age, follower and view gates hold.

    The country table decides both whether the program is offered there and any threshold of its
    own (19 in South Korea); the note says which rules were applied, and for which country.
    """
    here = where(v)
    offered = Offered("creator_rewards", here, PROGRAM)
    rule = offered.rule
    own_age = f" in {here.name}" if rule.min_age is not None else ""
    gates_ok, steps, notes = check_gates(
        (
            Gate("crp_min_age", "age", num(v, "age"), "you to be {n} or older" + own_age, at_least=rule.min_age),
            Gate("crp_min_followers", "followers", num(v, "followers")),
            Gate(
                "crp_min_views_30d",
                "video views in the last 30 days",
                num(v, "views_30d"),
                "{n} video views in the last 30 days",
            ),
        ),
        PROGRAM,
    )
    steps.append(offered.step())
    if not offered.met:
        notes.append(offered.note())
    notes.append(country_note(here, [rule_text(PROGRAM, rule)]))
    return gates_ok and offered.met, steps, notes


def below_minimum(per_video: float, min_q: float) -> Note:
    """Why videos that average under the per-video minimum make the estimate $0."""
    return Note(
        f"These videos average {count(per_video)} qualified views each. Each video earns nothing until it"
        f" reaches {count(min_q)} qualified views, so at least one of them cannot have earned, and this"
        f" estimate is $0. Enter only the videos that reached {count(min_q)} qualified views (TikTok Studio"
        " shows them per video), with their views.",
        "warning",
    )


def across_shares(views: float, videos: float, values: dict[str, Range], steps: list[str]) -> str:
    """Add the pay across the reported qualified shares (``share_span``); return the sentence for the notes."""
    span = share_span(views, videos)
    values["income_share_span"] = span
    shares = rate("crp_qualified_share_range")
    steps.append(
        f"Across reported qualified shares: {count(views)} × {pct(shares.low)} ÷ 1,000 × {usd(rate('crp_rpm').low)}"
        f" = {usd(span.low)} to {count(views)} × {pct(shares.high)} ÷ 1,000 × {usd(rate('crp_rpm').high)}"
        f" = {usd(span.high)}"
    )
    return (
        f"If {pct(shares.low)}–{pct(shares.high)} of these views qualify, as one aggregator reports for average"
        " creators,"
        f" the same views pay {usd_range(span)}: the qualified share moves the"
        " estimate about as much as the rate does. Your own share is in TikTok Studio."
    )


def toward_goal(goal: float, share: float, values: dict[str, Range], steps: list[str], notes: list[Note]) -> None:
    """Add the views a monthly goal needs (``views_needed``), or say that no number of views will do."""
    needed = views_needed(goal, share)
    if needed is None:
        notes.append(Note(f"With a qualified share of {pct(share)}, no number of views reaches a goal.", "warning"))
        return
    values["views_needed"] = needed
    steps.append(
        f"Views needed for {usd(goal)} a month = 1,000 × {usd(goal)} ÷ (RPM × {pct(share)})"
        f" = {count3(needed)} (fewest at the highest RPM)"
    )
    notes.append(
        Note(
            f"To earn {usd(goal)} a month you would need about {count(needed.typical)} views on eligible"
            f" videos ({count(needed.low)}–{count(needed.high)}), and every gate met.",
            "info",
        )
    )


def program_notes(share: float, span_text: str) -> list[Note]:
    """What always holds: which videos count, where the rates come from, the Fund claim, likes."""
    fund_multiple = rate("crp_rpm").typical * share / 100 / rate("creator_fund_rpm").typical
    return [
        Note(
            f"Only original videos longer than {count(fact_value('crp_min_video_seconds'))} seconds, posted after"
            " you join, count (no duets, stitches or sponsored videos). A qualified view comes from the For You"
            f" feed, lasts at least {fact_text('crp_qualified_watch_seconds')} seconds and counts once per viewer.",
            "info",
        ),
        Note(
            "TikTok publishes no rate: the RPM range comes from aggregators and creators' reports, and the"
            f" qualified share of {fact_text('crp_qualified_share')} from one creator. "
            + get_fact("crp_qualified_share").note
            + (" " + span_text if span_text else ""),
            "info",
        ),
        Note(
            f"TikTok said the program could pay up to {fact_text('crp_vs_fund_claim')} times the old Creator Fund;"
            f" at the typical rates here it pays {fund_multiple:.1f} times as much for the same views.",
            "info",
        ),
        Note(
            "Likes are not paid for. Engagement (likes, comments, shares) is one of the things TikTok says"
            " sets your RPM, along with originality, watch time and search value.",
            "info",
        ),
    ]


def chart(values: dict[str, Range], eligible: bool, if_eligible: Range) -> Chart:
    """The estimate beside what every gate met would pay, the share span and the old Fund."""
    bars = [Bar("Creator Rewards, your estimate", values["monthly_income"])]
    if not eligible:
        bars.append(Bar("Creator Rewards if every gate were met", if_eligible))
    if "income_share_span" in values:
        bars.append(Bar("Same views, reported range of qualified shares", values["income_share_span"]))
    bars.append(Bar("Old Creator Fund, same views", values["fund_income"]))
    return Chart("Creator Rewards and the old Creator Fund for the same monthly views", "usd", tuple(bars))


def compute(v: Values) -> Result:
    """Qualified views × RPM when every gate holds and the videos can reach the minimum; else $0."""
    views, share = num(v, "monthly_views"), num(v, "qualified_share")
    videos = num(v, "eligible_videos")
    goal = optional_num(v, "goal")
    qualified = views * share / 100
    per_video = qualified / videos
    min_q = fact_value("crp_min_qualified_views")
    if_eligible = crp_income(qualified)
    fund = fund_income(views)

    gates_ok, gate_steps, notes = eligibility(v)
    videos_ok = per_video >= min_q
    if not videos_ok:
        notes.append(below_minimum(per_video, min_q))
    eligible = gates_ok and videos_ok
    income = if_eligible if eligible else Range.of(0.0)

    steps = [
        f"Qualified views = {count(views)} views on eligible videos × {pct(share)} = {count(qualified)}",
        f"Per video = {count(qualified)} ÷ {count(videos)} videos = {count(per_video)} qualified views on average"
        f" (each video earns from {count(min_q)}: {'possible' if videos_ok else 'NOT met by at least one'})",
        *gate_steps,
        f"If eligible: {count(qualified)} ÷ 1,000 × RPM {usd3(rate('crp_rpm'))} = {usd3(if_eligible)}",
        f"Estimate: {usd3(income)}" + ("" if eligible else " (a gate is not met)"),
        f"Old Creator Fund for comparison: {count(views)} ÷ 1,000 × {usd3(rate('creator_fund_rpm'))} = {usd3(fund)}",
    ]
    values: dict[str, Range] = {
        "monthly_income": income,
        "qualified_views": Range.of(qualified),
        "qualified_per_video": Range.of(per_video),
        "fund_income": fund,
    }
    if not eligible:
        values["income_if_eligible"] = if_eligible
    span_text = across_shares(views, videos, values, steps) if eligible else ""
    if goal is not None:
        toward_goal(goal, share, values, steps, notes)

    if views > num(v, "views_30d"):
        notes.append(
            Note(
                "The form has more views on eligible videos than video views in the last 30 days; eligible"
                " videos are part of all your videos, so check both numbers.",
                "warning",
            )
        )
    if eligible:
        notes.insert(
            0,
            Note(
                f"Every gate is met with the values in the form: about {usd(income.typical)} a month"
                f" ({usd(income.low)}–{usd(income.high)}).",
                "success",
            ),
        )
    notes += program_notes(share, span_text)
    return Result(values=values, steps=tuple(steps), notes=tuple(notes), chart=chart(values, eligible, if_eligible))


CALCULATOR = Calculator(
    name="creator_rewards",
    title="Creator Rewards calculator",
    summary=(
        "What a month of qualified views on videos longer than one minute pays in the Creator Rewards Program,"
        " with every eligibility gate checked, next to the old Creator Fund."
    ),
    fields=(
        count_field(
            "monthly_views",
            "Views per month on eligible videos",
            300_000,
            "Views on your original videos longer than one minute, posted since you joined, that each reached"
            f" {count(fact_value('crp_min_qualified_views'))} qualified views: a video under that earns nothing, so"
            " leave it out.",
        ),
        percent_field(
            "qualified_share",
            "Share of those views that qualify",
            rate("crp_qualified_share").typical,
            "Your Creator Rewards dashboard shows qualified views; the default is one creator's report.",
        ),
        count_field(
            "eligible_videos",
            "Number of those videos",
            12,
            f"Each video needs {count(fact_value('crp_min_qualified_views'))} qualified views to earn; if these"
            " average fewer, at least one of them cannot have reached it.",
            minimum=1,
            maximum=1e6,
        ),
        age_field(),
        count_field("followers", "Followers", 50_000, "Your follower count today."),
        count_field(
            "views_30d",
            "Video views in the last 30 days",
            400_000,
            "All your videos, of any length (from TikTok Studio's analytics).",
        ),
        money_field(
            "goal",
            "Income goal per month (optional)",
            None,
            "Leave empty, or enter an amount to see the eligible views a month it would take.",
            optional=True,
        ),
        country_field(),
    ),
    outputs=(
        Output("monthly_income", "Creator Rewards per month", "usd", headline=True),
        Output("income_if_eligible", "Per month if every gate were met", "usd"),
        Output("income_share_span", "Same views, reported range of qualified shares", "usd"),
        Output("qualified_views", "Qualified views per month", "count"),
        Output("qualified_per_video", "Qualified views per video, on average", "count"),
        Output("views_needed", "Eligible views a month for your goal", "count"),
        Output("fund_income", "Old Creator Fund, same views (closed)", "usd"),
    ),
    compute=compute,
    page="monetization/creator-rewards.md",
    primary=("monthly_views", "qualified_share", "eligible_videos"),
    groups=(Group("Eligibility", ("age", "followers", "views_30d")),),
)
