"""Subscription: monthly subscribers × price, less the app-store fee, times the creator's share.

monthly = subscribers × price × (1 − app-store fee) × share. The share depends on where the
reader lives (the US and Canada have their own, by the country table in ``data/countries.toml``)
and on the bonus tier, all from sourced facts; the app-store fee is
the reader's input because TikTok publishes none. Outside the US and Canada the bonus has
published conditions (followers and views in the last month), checked like every other gate:
a reader who ticks the bonus without meeting them gets the base share. In the US and Canada
TikTok ties the bonus to in-app challenges it has not published, so the reader's word stands.

Where the table has no source saying Subscription is offered (every country but the US and
Canada), the estimate is $0 and the figure "once you are eligible" shows what it would pay.
"""

from __future__ import annotations

from calculators.kit import (
    PRICE_MAX,
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
    count,
    count_field,
    country_field,
    country_note,
    fact_text,
    fact_value,
    get_fact,
    money_field,
    num,
    pct,
    percent_field,
    rate,
    rule_text,
    toggle,
    toggle_field,
    usd,
    usd_range,
    where,
)

PROGRAM = "Subscription"

REGIONS = {"us_ca": "the US and Canada share", "elsewhere": "the share outside the US and Canada"}
"""The table's share rules (``share_rule``), as the steps and notes name them."""

DEFAULT_STORE_FEE = 30.0
"""An assumption the reader can change, not a sourced figure (see the field's help)."""


def bonus_gates(followers: float, views_30d: float) -> tuple[Gate, ...]:
    """The bonus's published conditions outside the US and Canada."""
    return (
        Gate("sub_bonus_min_followers", "followers", followers),
        Gate(
            "sub_bonus_min_views_month",
            "video views in the last month",
            views_30d,
            "{n} video views in the last month",
        ),
    )


def creator_share(region: str, bonus: bool) -> float:
    """The creator's share in percent: the region's base, plus the bonus when it applies."""
    base = fact_value("sub_share_us_ca" if region == "us_ca" else "sub_share_base")
    return base + (fact_value("sub_bonus_share") if bonus else 0.0)


def subscription_income(subscribers: float, price: float, store_fee: float, share: Range | float) -> Range:
    """subscribers × price × (1 − store fee) × share; fees and shares in percent."""
    share_range = share if isinstance(share, Range) else Range.of(share)
    return share_range * (subscribers * price * (1 - store_fee / 100) / 100)


def gates(v: Values) -> tuple[Gate, ...]:
    """Subscription's own conditions: age, followers and video views in the last 30 days."""
    return (
        Gate("sub_min_age", "age", num(v, "age"), "you to be {n} or older"),
        Gate("sub_min_followers", "followers", num(v, "followers")),
        Gate(
            "sub_min_views_30d",
            "video views in the last 30 days",
            num(v, "views_30d"),
            "{n} video views in the last 30 days",
        ),
    )


def bonus_applies(v: Values, region: str) -> tuple[bool, list[str], list[Note]]:
    """Whether the bonus the reader ticked counts, with a step per published condition and a note per unmet one.

    Outside the US and Canada the bonus's conditions are published and checked; in the US and
    Canada they are not (in-app challenges), so the reader's word stands.
    """
    wants_bonus = toggle(v, "bonus")
    if not wants_bonus or region == "us_ca":
        return wants_bonus, [], []
    conditions = bonus_gates(num(v, "followers"), num(v, "views_30d"))
    steps = [g.step("The bonus") for g in conditions]
    notes = [
        Note(
            f"The bonus needs {g.requirement}; you entered {count(g.yours)}, so this estimate uses the"
            f" {pct(fact_value('sub_share_base'))} base share without it.",
            "warning",
        )
        for g in conditions
        if not g.met
    ]
    return all(g.met for g in conditions), steps, notes


def share_step(region: str, bonus: bool, share: float) -> str:
    """How the share was reached: the region's base, and the bonus when it applies."""
    base_key = "sub_share_us_ca" if region == "us_ca" else "sub_share_base"
    share_text = pct(fact_value(base_key)) + (f" + {pct(fact_value('sub_bonus_share'))} bonus" if bonus else "")
    return f"Your share ({REGIONS[region]}) = " + (
        f"{share_text} = {pct(share)}" if bonus else f"{pct(share)}, the base share"
    )


def share_notes(store_fee: float, region: str, bonus: bool, share: float, any_share: Range) -> list[Note]:
    """The store fee as the reader's input, the region's reading of the share, the bonus's terms, all regions."""
    notes = [
        Note(
            f"The app-store fee ({pct(store_fee)}) is your input: TikTok publishes no figure, and what Apple"
            " or Google keep depends on how subscribers pay. Set it to 0 if it does not apply.",
            "info",
        )
    ]
    if region == "us_ca":
        notes.append(Note(get_fact("sub_share_us_ca").note, "info"))
    else:
        notes.append(
            Note(
                "Outside the US and Canada the sources do not say whether the share is of the price before or"
                " after app-store fees; this estimate takes the fee off first, the cautious reading.",
                "info",
            )
        )
    if bonus:
        conditions = (
            " In the US and Canada TikTok ties the bonus to in-app challenges it has not published, so this"
            " takes your word that you qualify."
            if region == "us_ca"
            else " You meet its published conditions outside the US and Canada (followers and views last month)."
        )
        notes.append(
            Note(
                f"The bonus is 'up to' {pct(fact_value('sub_bonus_share'))}, so {pct(share)} is the most you keep."
                + conditions,
                "info",
            )
        )
    notes.append(
        Note(
            f"Across regions and bonus tiers the share runs {usd_range(any_share)} for these subscribers"
            f" ({pct(rate('subscription_creator_share').low)}–{pct(rate('subscription_creator_share').high)}"
            " of what is left after the store).",
            "info",
        )
    )
    return notes


def compute(v: Values) -> Result:
    """What subscribers pay, less the store fee, times the share (bonus checked), then the gates."""
    subscribers, price, store_fee = num(v, "subscribers"), num(v, "price"), num(v, "store_fee")
    here = where(v)
    offered = Offered("subscriptions", here, PROGRAM)
    region = offered.rule.share_rule
    gross = subscribers * price
    after_store = gross * (1 - store_fee / 100)
    bonus, bonus_steps, bonus_notes = bonus_applies(v, region)
    share = creator_share(region, bonus)
    income_if_eligible = subscription_income(subscribers, price, store_fee, share)
    any_share = subscription_income(subscribers, price, store_fee, rate("subscription_creator_share"))
    steps = [
        f"Subscribers pay = {count(subscribers)} × {usd(price)} = {usd(gross)} a month",
        f"After the app-store fee = {usd(gross)} × (1 − {pct(store_fee)}) = {usd(after_store)}",
        *bonus_steps,
        share_step(region, bonus, share),
    ]
    gates_ok, gate_steps, notes = check_gates(gates(v), PROGRAM)
    steps += [*gate_steps, offered.step()]
    if not offered.met:
        notes.append(offered.note())
    gates_ok = gates_ok and offered.met
    income = income_if_eligible if gates_ok else Range.of(0.0)
    steps.append(
        f"Per month = {usd(after_store)} × {pct(share)} = {usd(income_if_eligible.typical)}"
        + ("" if gates_ok else " if eligible; $0.00 until every gate is met")
    )
    values = {
        "monthly_income": income,
        "yearly_income": income * 12,
        "gross": Range.of(gross),
        "after_store": Range.of(after_store),
        "share": Range.of(share),
    }
    if not gates_ok:
        values["income_if_eligible"] = income_if_eligible
    bars = (
        Bar("Your estimate per month", income),
        Bar("Any region or bonus tier, same subscribers", any_share),
    )
    return Result(
        values=values,
        steps=tuple(steps),
        notes=tuple(
            notes
            + bonus_notes
            + [country_note(here, [f"{rule_text(PROGRAM, offered.rule)}, at {REGIONS[region]}"])]
            + share_notes(store_fee, region, bonus, share, any_share)
        ),
        chart=Chart("Subscription income per month", "usd", bars),
    )


CALCULATOR = Calculator(
    name="subscriptions",
    title="Subscription calculator",
    summary="Monthly income from paying subscribers, after the app-store fee and TikTok's share where you live.",
    fields=(
        count_field("subscribers", "Paying subscribers", 200, "Subscribers who pay each month."),
        money_field("price", "Monthly price", 4.99, "What one subscription costs per month.", maximum=PRICE_MAX),
        percent_field(
            "store_fee",
            "App-store fee",
            DEFAULT_STORE_FEE,
            "Your input, not a sourced figure: the part Apple or Google keep on in-app purchases.",
        ),
        toggle_field(
            "bonus",
            "I qualify for the bonus tier",
            False,
            f"Outside the US and Canada it needs {fact_text('sub_bonus_min_followers')} followers and"
            f" {fact_text('sub_bonus_min_views_month')} video views in the last month (checked against your"
            " numbers below); in the US and Canada, in-app challenges.",
        ),
        age_field(),
        count_field("followers", "Followers", 50_000, "Your follower count today."),
        count_field("views_30d", "Video views in the last 30 days", 400_000, "All your videos (TikTok Studio)."),
        country_field(),
    ),
    outputs=(
        Output("monthly_income", "Subscription income per month", "usd", headline=True),
        Output("income_if_eligible", "Per month once you are eligible", "usd"),
        Output("yearly_income", "Per year at this level", "usd"),
        Output("gross", "What subscribers pay per month", "usd"),
        Output("after_store", "After the app-store fee", "usd"),
        Output("share", "Your share of that", "percent"),
    ),
    compute=compute,
    page="monetization/live-gifts.md",
    primary=("subscribers", "price"),
)
