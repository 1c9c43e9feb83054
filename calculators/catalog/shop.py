"""TikTok Shop affiliate earnings, or profit on your own products, from the route the sale really takes.

Three routes, because orders and fees arrive differently on each:

- Affiliate: others' products tagged in your videos and LIVEs. orders = product-link clicks ×
  purchase conversion (or your orders); earnings = orders × average order value × commission.
  Gated by TikTok Shop's affiliate age and follower minimums.
- Own products on TikTok Shop: the same product-link clicks; the sale goes through TikTok
  Shop, so its referral fee and refund administration fee apply.
- Own products in your own store: viewers reach it through your bio link, so orders =
  monthly views × profile-visit rate × bio-link click rate × purchase conversion. No TikTok
  fee; your store's own fee is your input. A clickable bio link needs a follower minimum on
  a personal account.

Own-product profit = orders × [AOV × (1 − fee − affiliate %) − product cost − fulfilment]
− refunds − ad spend, where each refunded order loses its net sale (and, on TikTok Shop,
pays the refund administration fee: a share of the referral fee, capped). The reader's own
clicks, rates or orders replace the sourced figures wherever given. Losses are shown as losses.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.kit import (
    PRICE_MAX,
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
    fraction,
    get_fact,
    money_field,
    num,
    optional_num,
    pct,
    pct3,
    percent_field,
    rate,
    rule_text,
    spread,
    usd,
    usd3,
    where,
)

MODES = (
    ("affiliate", "Affiliate: others' products"),
    ("merch", "My products on TikTok Shop"),
    ("store", "My products in my own store"),
)
"""Short enough to read whole in a phone's drop-down (the page's three route boxes say the rest)."""

STORE_FEE_MAX = 100 - rate("affiliate_commission").high
"""With the most a seller can pay affiliates, fees never pass the whole sale."""

ACCOUNTS = (("personal", "Personal account"), ("business", "Business account"))

SHOP_PROGRAMS = {
    "affiliate": ("shop_affiliate", "TikTok Shop affiliate"),
    "merch": ("shop_seller", "Selling on TikTok Shop"),
}
"""The country table's program (``data/countries.toml``) behind each route through TikTok Shop, and its name."""

PRODUCT_LINK_MODES = ("affiliate", "merch")
"""Routes whose orders come from product links inside TikTok (the sale goes through TikTok Shop)."""

FUNNEL = (
    ("visit_rate", "funnel_profile_visit_rate", "Profile visits", "profile_visits"),
    ("click_rate", "funnel_bio_ctr", "Bio-link clicks", "link_clicks"),
    ("conversion_rate", "funnel_purchase_conversion", "Orders", "orders"),
)
"""Rate field, rate fact, stage name and output key of each bio-link funnel stage, in order."""

CONVERSION = FUNNEL[-1]
"""Product-link clicks land on a product page: the same last stage, clicks that buy."""


def funnel(views: float, overrides: dict[str, float | None] | None = None) -> list[tuple[str, Range, Range]]:
    """Each bio-link stage's name, rate (percent) and count, from monthly views down to orders."""
    stages = []
    current = Range.of(views)
    given = overrides or {}
    for field_name, fact, name, _ in FUNNEL:
        own = given.get(field_name)
        stage_rate = Range.of(own) if own is not None else rate(fact)
        current = current * fraction(stage_rate)
        stages.append((name, stage_rate, current))
    return stages


def product_link_orders(clicks: float, conversion_percent: float | None = None) -> tuple[Range, Range]:
    """Orders from product-link clicks, and the conversion used (the reader's, or the sourced range)."""
    conversion = Range.of(conversion_percent) if conversion_percent is not None else rate(CONVERSION[1])
    return fraction(conversion) * clicks, conversion


def affiliate_earnings(orders: Range, aov: float, commission_percent: float) -> Range:
    """orders × average order value × commission."""
    return orders * (aov * commission_percent / 100)


def referral_fee(aov: float, fee_percent: float) -> float:
    return aov * fee_percent / 100


def refund_admin_fee(aov: float, fee_percent: float) -> float:
    """TikTok Shop's refund administration fee on one refunded order: a share of the referral fee, capped."""
    return min(
        referral_fee(aov, fee_percent) * fact_value("shop_refund_admin_fee") / 100, fact_value("shop_refund_admin_cap")
    )


def merch_margin(
    aov: float,
    fee_percent: float,
    affiliate_percent: float,
    unit_cost: float,
    refund_rate: float,
    *,
    tiktok_shop: bool = True,
) -> float:
    """Profit per order before ad spend, refunds included (may be negative).

    Every order costs the product and fulfilment; a kept order brings AOV less the sales fee
    and affiliate commission; a refunded order brings nothing back (its goods are assumed not
    resold) and, on TikTok Shop, pays the refund administration fee.
    """
    kept = 1 - refund_rate / 100
    net_sale = aov * (1 - fee_percent / 100 - affiliate_percent / 100)
    admin = refund_admin_fee(aov, fee_percent) if tiktok_shop else 0.0
    return kept * net_sale - unit_cost - refund_rate / 100 * admin


def _refund_loss(
    aov: float, fee_percent: float, affiliate_percent: float, refund_rate: float, tiktok_shop: bool
) -> float:
    """Refund loss per order: the refunded share of the net sale plus any refund administration fee."""
    net_sale = aov * (1 - fee_percent / 100 - affiliate_percent / 100)
    admin = refund_admin_fee(aov, fee_percent) if tiktok_shop else 0.0
    return refund_rate / 100 * (net_sale + admin)


def _gates(v: Values, mode: str) -> tuple[Gate, ...]:
    """The sourced gates of each route: affiliate age and followers; a clickable bio link."""
    if mode == "affiliate":
        return (
            Gate("affiliate_min_age", "age", num(v, "age"), "you to be {n} or older"),
            Gate("affiliate_min_followers", "followers", num(v, "followers")),
        )
    if mode == "store" and choice(v, "account") == "personal":
        return (
            Gate("bio_link_min_followers", "followers", num(v, "followers"), "{n} followers on a personal account"),
        )
    return ()


def compute(v: Values) -> Result:
    """Orders by the route the sale takes, the route's gates, then the commission or the profit."""
    mode = choice(v, "mode")
    aov = num(v, "aov")
    steps: list[str] = []
    values: dict[str, Range] = {}
    notes: list[Note] = []
    orders = _orders(v, mode, steps, values, notes)
    values["orders"] = orders
    gmv = orders * aov
    values["gmv"] = gmv
    steps.append(f"Sales (GMV) = orders × {usd(aov)} average order = {usd3(gmv)}")

    gates_ok, gate_steps, gate_notes = check_gates(_gates(v, mode), _program(mode))
    offered, country_notes = where_you_sell(v, mode)
    if offered is not None:
        gate_steps.append(offered.step())
        if not offered.met:
            gate_notes.append(offered.note())
        gates_ok = gates_ok and offered.met
    notes = gate_notes + country_notes + notes
    if mode == "affiliate":
        earned, bars = _affiliate(v, orders, gmv, steps, notes)
        key = "earnings"
    else:
        earned, bars = _own_products(v, mode, orders, gmv, steps, notes, values)
        key = "profit"
    steps += gate_steps
    if gates_ok:
        values[key] = earned
    else:
        values[key] = Range.of(0.0)
        values[f"{key}_if_eligible"] = earned
        steps.append("Estimate: $0.00 (a gate is not met)")
    notes.append(Note("Likes and views do not pay in Shop: only orders do. Income tax is not included.", "info"))
    return Result(
        values=values,
        steps=tuple(steps),
        notes=tuple(notes),
        chart=Chart("A month of sales: where the money goes", "usd", tuple(bars)),
    )


def where_you_sell(v: Values, mode: str) -> tuple[Offered | None, list[Note]]:
    """Whether the route's TikTok Shop program is offered where the reader lives, and the note saying so.

    Selling in your own store is no TikTok program, so no country rule applies to it. TikTok
    Shop's fees here are the US ones: where the reader sells elsewhere, the note says so.
    """
    here = where(v)
    if mode == "store":
        text = f"Rules for {here.name}: your own store is not a TikTok program, so no country rule applies to it."
        return None, [Note(text, "info")]
    program, name = SHOP_PROGRAMS[mode]
    offered = Offered(program, here, name)
    applied = [rule_text(name, offered.rule)]
    if mode == "merch" and here.code != "US":
        applied.append(f"fees — the US ones (none found for {here.name})")
    return offered, [country_note(here, applied)]


def _program(mode: str) -> str:
    return {"affiliate": "TikTok Shop affiliate", "store": "A clickable bio link"}.get(mode, "TikTok Shop")


def _orders(v: Values, mode: str, steps: list[str], values: dict[str, Range], notes: list[Note]) -> Range:
    """Orders a month: the reader's own count, else from product-link clicks or through the bio link."""
    given_orders = optional_num(v, "orders")
    if given_orders is not None:
        steps.append(f"Orders per month: {count(given_orders)} (your number; clicks and rates are skipped)")
        return Range.of(given_orders)
    if mode in PRODUCT_LINK_MODES:
        return _product_link_orders(v, steps, notes)
    return _bio_funnel(v, steps, values, notes)


def _product_link_orders(v: Values, steps: list[str], notes: list[Note]) -> Range:
    """Orders from product-link clicks (affiliate and TikTok Shop routes), at the reader's conversion if given."""
    clicks = num(v, "product_clicks")
    own = optional_num(v, "conversion_rate")
    orders, conversion = product_link_orders(clicks, own)
    steps.append(f"Orders = {count(clicks)} product-link clicks × {pct3(conversion)} who buy = {count3(orders)}")
    if own is None:
        notes.append(
            Note(
                f"No TikTok-specific conversion with a stated method was found, so the {fact_text(CONVERSION[1])}"
                " of shop visitors who buy in e-commerce generally is used. TikTok Studio shows your product-link"
                " clicks and orders: enter them for your own figure.",
                "info",
            )
        )
    return orders


def _bio_funnel(v: Values, steps: list[str], values: dict[str, Range], notes: list[Note]) -> Range:
    """Orders from views through profile visits and bio-link clicks (own-store route)."""
    views = num(v, "monthly_views")
    overrides = {name: optional_num(v, name) for name, _, _, _ in FUNNEL}
    previous = f"{count(views)} views"
    orders = Range.of(0.0)
    for (_, _, _, key), (name, stage_rate, stage_count) in zip(FUNNEL, funnel(views, overrides), strict=True):
        steps.append(f"{name} = {previous} × {pct3(stage_rate)} = {count3(stage_count)}")
        previous = count3(stage_count) if stage_count.is_single else f"({count3(stage_count)})"
        values[key] = stage_count
        orders = stage_count
    notes.append(
        Note(
            "The bio-link rates are low-confidence marketing figures and the sources conflict (link clicks:"
            f" {fact_text('funnel_bio_ctr')} of profile visits), hence the wide range. Enter your own rates, or"
            " your orders, if you know them.",
            "info",
        )
    )
    return orders


def _affiliate(v: Values, orders: Range, gmv: Range, steps: list[str], notes: list[Note]) -> tuple[Range, list[Bar]]:
    """The affiliate's commission on the sales they drive, with the US pilot for small accounts."""
    commission = num(v, "commission")
    earned = affiliate_earnings(orders, num(v, "aov"), commission)
    steps.append(f"Your commission = {usd3(gmv)} × {pct(commission)} = {usd3(earned)}")
    notes.append(Note(f"Affiliate commission: {get_fact('affiliate_commission').note}", "info"))
    if where(v).code == "US" and num(v, "followers") < fact_value("affiliate_pilot_followers_us"):
        notes.append(
            Note(
                f"In the US, affiliates under {fact_text('affiliate_pilot_followers_us')} followers start in a"
                " 30-day pilot with limited features (TikTok, 2025); some guides still give that as the US"
                " minimum.",
                "info",
            )
        )
    return earned, [Bar("Sales you drive (GMV)", gmv), Bar("Your commission", earned)]


@dataclass(frozen=True)
class OwnMonth:
    """A month of selling your own products on one route, each figure cautious to generous."""

    on_tiktok: bool
    """Sold through TikTok Shop (its referral and refund fees) rather than your own store."""
    fee: Range
    """The sales fee in percent: TikTok Shop's referral fee, or your store's (your input)."""
    unit_cost: float
    margin: Range
    """Profit per order before ad spend (``merch_margin``): worst at the highest fee."""
    fees: Range
    costs: Range
    refunds: Range
    profit: Range


def own_month(v: Values, on_tiktok: bool, orders: Range) -> OwnMonth:
    """Fees, product and fulfilment, refunds and profit for ``orders`` of your own products."""
    aov = num(v, "aov")
    affiliate_paid, refund_rate = num(v, "affiliate_paid"), num(v, "refund_rate")
    unit_cost = num(v, "product_cost") + num(v, "fulfilment")
    # TikTok Shop's referral fee only where the sale goes through TikTok Shop; an own store's fee is the reader's.
    fee = rate("shop_referral_fee") if on_tiktok else Range.of(num(v, "store_fee"))
    # Per-order margin: worst at the highest fee, best at the lowest.
    margin = Range(
        *(
            merch_margin(aov, f, affiliate_paid, unit_cost, refund_rate, tiktok_shop=on_tiktok)
            for f in (fee.high, fee.typical, fee.low)
        )
    )
    # Fees grow with the fee rate; refund losses shrink with it (a smaller net sale is given back).
    return OwnMonth(
        on_tiktok=on_tiktok,
        fee=fee,
        unit_cost=unit_cost,
        margin=margin,
        fees=orders * fee.map(lambda f: referral_fee(aov, f) + aov * affiliate_paid / 100),
        costs=orders * unit_cost,
        refunds=orders
        * Range(
            *(_refund_loss(aov, f, affiliate_paid, refund_rate, on_tiktok) for f in (fee.high, fee.typical, fee.low))
        ),
        profit=spread(orders, margin) - num(v, "ad_spend"),
    )


def _own_products(
    v: Values,
    mode: str,
    orders: Range,
    gmv: Range,
    steps: list[str],
    notes: list[Note],
    values: dict[str, Range],
) -> tuple[Range, list[Bar]]:
    """Profit on your own products: the month's figures, their steps, a loss warning first, the route's notes."""
    month = own_month(v, mode == "merch", orders)
    values.update({"fees": month.fees, "costs": month.costs, "refunds": month.refunds})
    steps += _own_steps(v, month)
    profit = month.profit
    if profit.typical < 0:
        notes.insert(0, Note(f"At these numbers you lose about {usd(-profit.typical)} a month.", "warning"))
    elif profit.low < 0:
        notes.insert(0, Note("In the cautious case this month runs at a loss: check costs and ad spend.", "warning"))
    notes += _own_notes(v, month, orders, gmv)
    bars = [
        Bar("Sales (GMV)", gmv),
        Bar("TikTok and affiliate fees" if month.on_tiktok else "Store and affiliate fees", month.fees),
        Bar("Product and fulfilment", month.costs),
        Bar("Refunds", month.refunds),
        Bar("Ad spend", Range.of(num(v, "ad_spend"))),
        Bar("Profit (a loss shows at zero)", profit),
    ]
    return profit, bars


def _own_steps(v: Values, month: OwnMonth) -> list[str]:
    """The math of an own-product month, fee by fee."""
    aov, affiliate_paid, refund_rate = num(v, "aov"), num(v, "affiliate_paid"), num(v, "refund_rate")
    on_tiktok, unit_cost = month.on_tiktok, month.unit_cost
    fee_name = "TikTok referral fee" if on_tiktok else "Store and payment fee"
    refund_text = (
        f"give back their net sale and pay the refund fee ({fact_text('shop_refund_admin_fee')} of the referral"
        f" fee, at most {fact_text('shop_refund_admin_cap')})"
        if on_tiktok
        else "give back their net sale"
    )
    return [
        f"{fee_name} {pct3(month.fee)} + affiliate commission {pct(affiliate_paid)} of each order = {usd3(month.fees)}",
        f"Product and fulfilment = orders × {usd(unit_cost)} = {usd3(month.costs)}",
        f"Refunds: {pct(refund_rate)} of orders {refund_text} = {usd3(month.refunds)}",
        f"Profit per order = {pct(100 - refund_rate)} kept × {usd(aov)} × (1 − fee − {pct(affiliate_paid)})"
        f" − {usd(unit_cost)}{' − refund fees' if on_tiktok else ''} = {usd3(month.margin)}",
        f"Profit = orders × profit per order − {usd(num(v, 'ad_spend'))} ads = {usd3(month.profit)}",
    ]


def _own_notes(v: Values, month: OwnMonth, orders: Range, gmv: Range) -> list[Note]:
    """Where the fee comes from, all-in costs beside one analysis (TikTok Shop) or the store's terms."""
    notes = []
    if month.on_tiktok:
        notes.append(Note(get_fact("shop_referral_fee").note, "info"))
        if gmv.typical > 0:
            product_costs = orders.typical * num(v, "product_cost")
            all_in = (gmv.typical - month.profit.typical - product_costs) / gmv.typical * 100
            notes.append(
                Note(
                    f"Fees, fulfilment, refunds and ads (product cost aside) come to {pct(all_in)} of your sales in"
                    " the typical case; one 2026 analysis put US sellers' all-in costs on that basis at about"
                    f" {fact_text('shop_all_in_cost')}.",
                    "info",
                )
            )
    else:
        notes.append(
            Note(
                "Sales in your own store pay no TikTok Shop fee. Your store's and payment provider's fee is your"
                f" input ({pct(month.fee.typical)} here), not a sourced figure.",
                "info",
            )
        )
        if choice(v, "account") == "business":
            notes.append(
                Note(
                    "A Business account gets a clickable bio link at any size (a personal account needs"
                    f" {fact_text('bio_link_min_followers')} followers), but only personal accounts can join the"
                    " Creator Rewards Program, and Business accounts have a restricted music library.",
                    "info",
                )
            )
    notes.append(
        Note(
            "Refunded goods are assumed lost (not resold)"
            + (
                ", and the refund fee is counted once per order as if each order were one product (the cap is per SKU)."
                if month.on_tiktok
                else "."
            ),
            "info",
        )
    )
    return notes


CALCULATOR = Calculator(
    name="shop",
    title="TikTok Shop and merch calculator",
    summary=(
        "Affiliate commission from product-link clicks, or profit on your own products sold on TikTok Shop or in"
        " your own store, after fees, product costs, refunds and ads, with the affiliate and bio-link gates."
    ),
    fields=(
        choice_field("mode", "What you sell, and where", "affiliate", MODES, "The route decides the fees and gates."),
        count_field(
            "product_clicks",
            "Product-link clicks per month",
            3_000,
            "Taps on the product links in your videos and LIVEs (TikTok Studio shows them). Product-link routes.",
        ),
        count_field(
            "monthly_views",
            "Views per month",
            300_000,
            "Own-store route: views on the videos that send people to your bio link.",
        ),
        count_field(
            "orders",
            "Orders per month (optional)",
            None,
            "If you know your orders, enter them: the clicks and rates are skipped.",
            optional=True,
        ),
        percent_field("conversion_rate", "Clicks that buy (optional)", None, "Empty: sourced range.", optional=True),
        percent_field(
            "visit_rate",
            "Viewers who visit your profile (optional)",
            None,
            "Own-store route. Empty: sourced range.",
            optional=True,
        ),
        percent_field(
            "click_rate",
            "Profile visitors who click your bio link (optional)",
            None,
            "Own-store route. Empty: sourced range.",
            optional=True,
        ),
        money_field("aov", "Average order value", 30, "What a customer pays per order.", maximum=PRICE_MAX),
        percent_field(
            "commission",
            "Your affiliate commission",
            rate("affiliate_commission").typical,
            "Affiliate route: the share of each sale the seller pays you.",
            maximum=rate("affiliate_commission").high,
        ),
        money_field(
            "product_cost",
            "Product cost per order",
            10,
            "Own products: making or buying one order's goods.",
            maximum=PRICE_MAX,
        ),
        money_field("fulfilment", "Fulfilment per order", 5, "Own products: packing and shipping.", maximum=PRICE_MAX),
        percent_field(
            "store_fee",
            "Store and payment fee",
            0,
            "Own-store route: your store's and payment provider's cut, your input (TikTok takes none there).",
            maximum=STORE_FEE_MAX,
        ),
        percent_field(
            "affiliate_paid",
            "Commission you pay affiliates",
            0,
            "Own products: if other creators sell them for you.",
            maximum=rate("affiliate_commission").high,
        ),
        percent_field("refund_rate", "Orders refunded", 5, "Own products: your input, not a sourced figure."),
        money_field("ad_spend", "Ad spend per month", 0, "Own products: promotion you pay for."),
        age_field(),
        count_field("followers", "Followers", 10_000, "Affiliates and personal-account bio links need a minimum."),
        choice_field(
            "account",
            "Account type",
            "personal",
            ACCOUNTS,
            "Own-store route: a personal account needs a follower minimum for a clickable bio link.",
        ),
        country_field(),
    ),
    outputs=(
        Output("earnings", "Affiliate earnings per month", "usd", headline=True),
        Output("profit", "Profit per month (negative = loss)", "usd", headline=True),
        Output("earnings_if_eligible", "Affiliate earnings once you are eligible", "usd"),
        Output("profit_if_eligible", "Profit once you have a clickable bio link", "usd"),
        Output("profile_visits", "Profile visits", "count"),
        Output("link_clicks", "Bio-link clicks", "count"),
        Output("orders", "Orders", "count"),
        Output("gmv", "Sales (GMV)", "usd"),
        Output("fees", "Fees", "usd"),
        Output("costs", "Product and fulfilment", "usd"),
        Output("refunds", "Refunds", "usd"),
    ),
    compute=compute,
    page="monetization/shop.md",
    primary=("mode", "product_clicks", "monthly_views", "orders", "aov"),
    applies=(
        AppliesWhen(("product_clicks",), "mode", ("affiliate", "merch")),
        AppliesWhen(("monthly_views", "visit_rate", "click_rate", "store_fee", "account"), "mode", ("store",)),
        AppliesWhen(("commission",), "mode", ("affiliate",)),
        AppliesWhen(
            ("product_cost", "fulfilment", "affiliate_paid", "refund_rate", "ad_spend"), "mode", ("merch", "store")
        ),
    ),
)
