"""LIVE gifts: Diamonds or viewer spending turned into dollars, cut applied exactly once.

Two ways in. From Diamonds: USD = Diamonds × Diamond value (Diamonds already are the
creator's side, so no cut is applied). From what viewers spent, in coins or dollars:
USD = spend × the creator's share (coins are first priced at what viewers pay for them).
Then: does the amount reach the withdrawal minimum, and how many days does it take to
withdraw at the daily maximum.
"""

from __future__ import annotations

import math

from calculators.kit import (
    Bar,
    Calculator,
    Chart,
    Gate,
    Note,
    Output,
    Range,
    Result,
    Values,
    age_field,
    check_gates,
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
    pct,
    pct3,
    rate,
    usd,
    usd3,
    usd_range,
)

PROGRAM = "Receiving LIVE gifts"

MODES = (
    ("diamonds", "From Diamonds I received"),
    ("coins", "From coins viewers spent"),
    ("usd", "From dollars viewers spent"),
)


def diamonds_to_usd(diamonds: float) -> Range:
    """Diamonds × Diamond value. No cut here: Diamonds are already what the creator gets."""
    return rate("diamond_value") * diamonds


def coins_to_usd(coins: float) -> Range:
    """What viewers paid for this many coins: coins × coin price."""
    return rate("coin_price") * coins


def creator_share_of_spend(spend: Range) -> Range:
    """The creator's part of viewer spending: spend × share, applied once."""
    return spend * fraction(rate("gift_creator_share"))


def withdrawal_days(amount: float) -> float:
    """Days to withdraw ``amount`` at the daily maximum (whole days)."""
    return float(math.ceil(max(0.0, amount) / fact_value("withdrawal_max_per_day")))


def compute(v: Values) -> Result:
    mode = choice(v, "mode")
    steps: list[str] = []
    facts: list[str] = []
    values: dict[str, Range] = {}
    if mode == "diamonds":
        diamonds = num(v, "diamonds")
        earned = diamonds_to_usd(diamonds)
        steps.append(f"Your earnings = {count(diamonds)} Diamonds × {fact_text('diamond_value')} = {usd3(earned)}")
        cut_note = (
            "Diamonds already are your side after TikTok's cut, so no cut is taken off them again (some"
            f" calculators take another {pct(100 - rate('gift_creator_share').high)} off; that counts the cut twice)."
        )
        facts += ["diamond_value", "gift_creator_share"]
        spend = None
    else:
        if mode == "coins":
            coins = num(v, "coins")
            spend = coins_to_usd(coins)
            steps.append(f"Viewers paid = {count(coins)} coins × {usd3(rate('coin_price'))} per coin = {usd3(spend)}")
            facts.append("coin_price")
        else:
            spend = Range.of(num(v, "viewer_usd"))
            steps.append(f"Viewers paid {usd(spend.typical)} for the gifts they sent")
        earned = creator_share_of_spend(spend)
        diamonds_equiv = earned / fact_value("diamond_value")
        steps += [
            f"Your earnings = {usd3(spend)} × your share {pct3(rate('gift_creator_share'))} = {usd3(earned)}",
            f"That is about {count3(diamonds_equiv)} Diamonds at {fact_text('diamond_value')} (shown only as a"
            " check: the share above already is the whole cut)",
        ]
        cut_note = (
            "TikTok's cut is taken once, through your share of what viewers spent; the result is not converted"
            " through Diamonds and cut again, which some calculators do."
        )
        facts += ["gift_creator_share", "diamond_value"]
        values["viewer_spend"] = spend
        values["diamonds_equiv"] = diamonds_equiv

    gates_ok, gate_steps, notes, gate_facts = check_gates(
        (
            Gate("live_min_age", "age", num(v, "age"), "you to be {n} or older"),
            Gate("live_min_followers", "followers", num(v, "followers"), "{n} followers to go LIVE"),
        ),
        PROGRAM,
    )
    steps += gate_steps
    facts += gate_facts
    amount = earned if gates_ok else Range.of(0.0)
    if not gates_ok:
        steps.append("Estimate: $0.00 (a gate is not met)")
        values["earned_if_eligible"] = earned
    values["earned"] = amount

    days = amount.map(withdrawal_days)
    values["withdraw_days"] = days
    minimum = rate("withdrawal_min")
    steps.append(
        f"Days to withdraw at {fact_text('withdrawal_max_per_day')} at most = {usd3(amount)} ÷"
        f" {usd(fact_value('withdrawal_max_per_day'))}, rounded up = {count3(days)}"
    )
    facts += ["withdrawal_max_per_day", "withdrawal_min", "withdrawal_max_days"]
    notes += [
        _withdrawal_note(amount.typical, minimum),
        Note(
            f"Withdrawals are capped at {fact_text('withdrawal_max_per_day')} and can take up to"
            f" {fact_text('withdrawal_max_days')} to arrive; TikTok charges no fee, your payment provider might.",
            "info",
        ),
        Note(cut_note, "info"),
    ]
    if spend is not None:
        notes.append(Note(get_fact("gift_creator_share").note, "info"))
    notes += [
        Note(
            f"TikTok publishes no Diamond rate and says Diamonds depend on how popular the LIVE is: the"
            f" {fact_text('diamond_value')} used here is unofficial.",
            "info",
        ),
        Note(
            "Gifts are not likes: tapping like is free and pays nothing; only gifts bought with coins do.",
            "info",
        ),
    ]
    bars = []
    if spend is not None:
        bars.append(Bar("What viewers spent", spend))
    bars.append(Bar("What you earn", amount))
    return Result(
        values=values,
        steps=tuple(steps),
        notes=tuple(notes),
        facts=tuple(facts),
        chart=Chart("LIVE gifts: what viewers spend and what reaches you", "usd", tuple(bars)),
    )


def _withdrawal_note(amount: float, minimum: Range) -> Note:
    if amount >= minimum.high:
        return Note(f"{usd(amount)} is above every reported withdrawal minimum ({usd_range(minimum)}).", "success")
    if amount >= minimum.low:
        return Note(
            f"{usd(amount)} reaches the {usd(minimum.low)} withdrawal minimum one source reports but not the"
            f" {usd(minimum.high)} another reports; TikTok says only that thresholds apply.",
            "info",
        )
    return Note(
        f"{usd(amount)} is below the smallest reported withdrawal minimum ({usd(minimum.low)}): the balance"
        " stays in your account until it reaches it.",
        "warning",
    )


CALCULATOR = Calculator(
    name="live_gifts",
    title="LIVE gifts calculator",
    summary=(
        "What LIVE gifts are worth to you, from the Diamonds you received or from what viewers spent, with"
        " TikTok's cut taken once and the withdrawal limits."
    ),
    fields=(
        choice_field("mode", "Start from", "diamonds", MODES, "Use the number you know."),
        count_field("diamonds", "Diamonds received", 20_000, "From your LIVE rewards balance (Diamonds mode)."),
        count_field("coins", "Coins viewers spent on gifts", 50_000, "The coin value of the gifts (coins mode)."),
        money_field(
            "viewer_usd",
            "Dollars viewers spent on gifts",
            100,
            "What viewers paid for the coins they gifted (dollars mode).",
        ),
        age_field(),
        count_field("followers", "Followers", 50_000, "Going LIVE needs a minimum number of followers."),
    ),
    outputs=(
        Output("earned", "Your LIVE gift earnings", "usd", headline=True),
        Output("earned_if_eligible", "Earnings if you could go LIVE", "usd"),
        Output("viewer_spend", "What viewers spent", "usd"),
        Output("diamonds_equiv", "Equivalent Diamonds (a check, not a second cut)", "count"),
        Output("withdraw_days", "Days to withdraw at the daily maximum", "days"),
    ),
    compute=compute,
    page="monetization/live-gifts.md",
)
