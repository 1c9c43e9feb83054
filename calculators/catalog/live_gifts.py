"""LIVE gifts: what viewers spent, in dollars or coins, or the Diamonds received, turned into dollars.

One chain, entered wherever the reader's number sits in it:
dollars spent ÷ coin price = coins; coins × Diamonds per coin = Diamonds;
Diamonds × Diamond value = the creator's dollars.
TikTok publishes none of these rates. In the guide's reading TikTok's cut is taken once, where
gifts become Diamonds (never more than one Diamond per coin, so never more Diamonds than
coins), and Diamonds are paid out at their value with no further cut. The source of the
Diamond value takes a further 50% off; that figure is shown next to the estimate. Then: does
the amount reach the withdrawal minimum, and how many days the daily maximum spreads it over.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.kit import (
    AppliesWhen,
    Bar,
    Calculator,
    Chart,
    Gate,
    Note,
    Offered,
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
    country_field,
    country_note,
    fact_text,
    fact_value,
    money_field,
    num,
    pct,
    pct3,
    rate,
    rule_text,
    usd,
    usd3,
    usd_range,
    where,
)

PROGRAM = "Receiving LIVE gifts"

MODES = (
    ("diamonds", "From Diamonds I received"),
    ("coins", "From coins viewers spent"),
    ("usd", "From dollars viewers spent"),
)

FURTHER_CUT_LABEL = f"With a further {fact_text('diamond_further_cut')} cut (one source's reading)"


def diamonds_to_usd(diamonds: float | Range) -> Range:
    """Diamonds × Diamond value, with no further cut (the guide's reading, see the module docstring)."""
    return rate("diamond_value") * diamonds


def coins_to_usd(coins: float) -> Range:
    """What viewers paid for this many coins: coins × coin price."""
    return rate("coin_price") * coins


def usd_to_coins(spend: float) -> Range:
    """Coins bought with ``spend`` dollars: fewest at the highest coin price (the cautious end)."""
    price = rate("coin_price")
    return Range(spend / price.high, spend / price.typical, spend / price.low)


def coins_to_diamonds(coins: float | Range) -> Range:
    """Diamonds for gifts worth ``coins``: never more than one Diamond per coin."""
    return rate("coin_to_diamond") / 100 * coins


def share_of_spend() -> Range:
    """Percent of viewer spending that reaches the creator along the chain, cautious to generous."""
    ratio, price, value = rate("coin_to_diamond") / 100, rate("coin_price"), fact_value("diamond_value")
    return (
        Range(ratio.low * value / price.high, ratio.typical * value / price.typical, ratio.high * value / price.low)
        * 100
    )


def with_further_cut(earned: Range) -> Range:
    """The other reading of the Diamond value: a further cut taken off it (Eklipse)."""
    return earned * (1 - fact_value("diamond_further_cut") / 100)


def withdrawal_days(amount: float) -> float:
    """Days to withdraw ``amount`` at the daily maximum (whole days)."""
    return float(math.ceil(max(0.0, amount) / fact_value("withdrawal_max_per_day")))


@dataclass(frozen=True)
class Chain:
    """The reader's number carried along the chain to the creator's dollars, with its steps and notes."""

    earned: Range
    spend: Range | None
    """What viewers paid; ``None`` when the reader started from the Diamonds received."""
    values: dict[str, Range]
    steps: list[str]
    notes: list[Note]


def from_diamonds(diamonds: Range) -> Chain:
    """Diamonds mode: Diamonds × Diamond value, with the further-cut reading named beside it."""
    earned = diamonds_to_usd(diamonds)
    further = with_further_cut(earned)
    step = f"Your earnings = {count(diamonds.typical)} Diamonds × {fact_text('diamond_value')} = {usd3(earned)}"
    note = Note(
        "This guide reads the Diamond value as what you are paid: TikTok's cut was taken when the gifts"
        f" became Diamonds, so none is taken again. The source of that value, Eklipse, takes a further"
        f" {fact_text('diamond_further_cut')} off; by its reading these Diamonds pay {usd3(further)}. The"
        " guide's reading fits the BBC's test (31% of gift spending reached the creator) and TikTok's"
        " statement that its cut is 'significantly less than 70%'; the further cut would leave creators"
        " under a quarter of what viewers spend.",
        "info",
    )
    return Chain(earned, None, {}, [step], [note])


def from_spending(v: Values, mode: str) -> Chain:
    """Coins or dollars mode: what viewers paid, the coins it bought, their Diamonds, then dollars."""
    if mode == "coins":
        coins = Range.of(num(v, "coins"))
        spend = coins_to_usd(coins.typical)
        first = f"Viewers paid = {count(coins.typical)} coins × {usd3(rate('coin_price'))} per coin = {usd3(spend)}"
    else:
        spend = Range.of(num(v, "viewer_usd"))
        coins = usd_to_coins(spend.typical)
        price = rate("coin_price")
        first = (
            f"Coins bought = {usd(spend.typical)} ÷"
            f" {usd3(Range(price.high, price.typical, price.low))} per coin = {count3(coins)}"
        )
    diamonds = coins_to_diamonds(coins)
    earned = diamonds_to_usd(diamonds)
    share = share_of_spend()
    steps = [
        first,
        f"Diamonds = {count3(coins)} coins × {count3(rate('coin_to_diamond'))} Diamonds per 100 coins"
        f" = {count3(diamonds)} (never more Diamonds than coins)",
        f"Your earnings = {count3(diamonds)} Diamonds × {fact_text('diamond_value')} = {usd3(earned)}",
        f"That is {pct3(share)} of what viewers spent",
    ]
    values = {"viewer_spend": spend, "diamonds": diamonds, "share_of_spend": share}
    return Chain(earned, spend, values, steps, spending_notes(earned, share))


def spending_notes(earned: Range, share: Range) -> list[Note]:
    """The coin-to-Diamond conflict, and the BBC's test as a check on the share of spending."""
    ratio = rate("coin_to_diamond")
    return [
        Note(
            "TikTok publishes no coin-to-Diamond rate and the sources conflict: one says 2 coins make 1"
            f" Diamond ({count(ratio.low)} per 100 coins), while the commonly cited 50% share of spending"
            f" means about 1 Diamond per coin ({count(ratio.high)}). {count(ratio.typical)} is the guide's"
            f" middle. The low end, {usd(earned.low)}, is also what you get if the Diamond value is cut a"
            " further 50%, as one source does.",
            "info",
        ),
        Note(
            f"Check: the BBC's test found {pct(rate('gift_creator_share').low)} of gift spending reached the"
            f" creator, inside the {pct(share.low)}–{pct(share.high)} this estimate spans; TikTok said only"
            " that its cut is 'significantly less than 70%'.",
            "info",
        ),
    ]


def gates(v: Values) -> tuple[Gate, ...]:
    """Receiving gifts needs the minimum age; going LIVE needs the minimum followers."""
    return (
        Gate("gift_min_age", "age", num(v, "age"), "you to be {n} or older"),
        Gate("live_min_followers", "followers", num(v, "followers"), "{n} followers to go LIVE"),
    )


def where_you_live(v: Values) -> tuple[Offered, list[Note]]:
    """Whether gifts are offered where the reader lives, and what the table says about payouts there.

    TikTok's wallet page gives the withdrawal limits without naming countries; where the table
    has no source on payouts for the reader's country, a note says the limits shown are that page's.
    """
    here = where(v)
    offered = Offered("live_gifts", here, PROGRAM)
    payouts = here.rule("payouts")
    notes = [country_note(here, [rule_text(PROGRAM, offered.rule), rule_text("Payouts", payouts)])]
    if not payouts.offered:
        notes.append(
            Note(
                f"How payouts work in {here.name}: no source found. The withdrawal limits below are from TikTok's"
                " wallet page, which names no countries; your app's wallet shows yours.",
                "info",
            )
        )
    return offered, notes


def withdrawal(amount: Range) -> tuple[Range, str, list[Note]]:
    """Days to withdraw ``amount`` at the daily maximum, its step, and the withdrawal notes."""
    days = amount.map(withdrawal_days)
    minimum = rate("withdrawal_min")
    step = (
        f"Days to withdraw at {fact_text('withdrawal_max_per_day')} at most = {usd3(amount)} ÷"
        f" {usd(fact_value('withdrawal_max_per_day'))}, rounded up = {count3(days)}"
    )
    notes = [
        _withdrawal_note(amount.typical, minimum),
        Note(
            f"Withdrawals are capped at {fact_text('withdrawal_max_per_day')} and can take up to"
            f" {fact_text('withdrawal_max_days')} to arrive; TikTok charges no fee, your payment provider might.",
            "info",
        ),
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
    return days, step, notes


def compute(v: Values) -> Result:
    """The chain from the reader's number, the gates, then how the withdrawal limits spread it."""
    mode = choice(v, "mode")
    chain = from_diamonds(Range.of(num(v, "diamonds"))) if mode == "diamonds" else from_spending(v, mode)
    offered, country_notes = where_you_live(v)
    gates_ok, gate_steps, gate_notes = check_gates(gates(v), PROGRAM)
    gate_steps.append(offered.step())
    if not offered.met:
        gate_notes.append(offered.note())
    gates_ok = gates_ok and offered.met
    steps = chain.steps + gate_steps
    values = dict(chain.values)
    amount = chain.earned if gates_ok else Range.of(0.0)
    if not gates_ok:
        steps.append("Estimate: $0.00 (a gate is not met)")
        values["earned_if_eligible"] = chain.earned
    values["earned"] = amount
    days, days_step, withdrawal_notes = withdrawal(amount)
    values["withdraw_days"] = days
    steps.append(days_step)
    bars = [Bar("What you earn", amount)]
    if chain.spend is None:
        values["earned_further_cut"] = with_further_cut(amount)
        bars.append(Bar(FURTHER_CUT_LABEL, values["earned_further_cut"]))
    else:
        bars.insert(0, Bar("What viewers spent", chain.spend))
    return Result(
        values=values,
        steps=tuple(steps),
        notes=tuple(gate_notes + country_notes + chain.notes + withdrawal_notes),
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
        " TikTok's cut taken once, the coin-to-Diamond conflict shown, and the withdrawal limits."
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
        country_field(),
    ),
    outputs=(
        Output("earned", "Your LIVE gift earnings", "usd", headline=True),
        Output("earned_if_eligible", "Earnings if you could go LIVE", "usd"),
        Output("earned_further_cut", FURTHER_CUT_LABEL, "usd"),
        Output("viewer_spend", "What viewers spent", "usd"),
        Output("diamonds", "Diamonds you receive (never more than the coins)", "count"),
        Output("share_of_spend", "Share of viewer spending that reaches you", "percent"),
        Output("withdraw_days", "Days to withdraw at the daily maximum", "days"),
    ),
    compute=compute,
    page="monetization/live-gifts.md",
    primary=("mode", "diamonds", "coins", "viewer_usd"),
    applies=(
        AppliesWhen(("diamonds",), "mode", ("diamonds",)),
        AppliesWhen(("coins",), "mode", ("coins",)),
        AppliesWhen(("viewer_usd",), "mode", ("usd",)),
    ),
)
