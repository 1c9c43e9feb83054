"""How numbers read on the page: one set of rules for prose, tables, charts and the CLI."""

from __future__ import annotations

import math

from calculators.spec import Range, Unit


def format_plain(value: float) -> str:
    """A number as a reader would type it back: no grouping, no trailing zeros."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.12g}"


def format_number(value: float, digits: int = 0) -> str:
    """Grouped thousands: 1234567 → "1,234,567"; small non-integers keep significant digits."""
    if not math.isfinite(value):
        return "—"
    if digits == 0 and 0 < abs(value) < 10 and not float(value).is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,.{digits}f}"


def format_money(value: float) -> str:
    """US dollars with as many cents as make sense: $1,234 · $12.34 · $0.005."""
    if not math.isfinite(value):
        return "—"
    sign = "−" if value < 0 else ""
    amount = abs(value)
    if amount >= 1000 or (amount >= 100 and amount.is_integer()):
        text = f"{amount:,.0f}"
    elif amount >= 0.1 or amount == 0:
        text = f"{amount:,.2f}"
    else:
        text = f"{amount:.4f}".rstrip("0")
        if text.endswith("."):
            text += "00"
    return f"{sign}${text}"


def format_percent(value: float) -> str:
    """Percent numbers (6 means 6%) with up to two decimals: 4.14%, 12%, 0.75%."""
    if not math.isfinite(value):
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def format_value(value: float, unit: Unit) -> str:
    """Format one number in the given unit."""
    if unit == "usd":
        return format_money(value)
    if unit == "usd_per_1k":
        return f"{format_money(value)} per 1,000"
    if unit == "percent":
        return format_percent(value)
    if unit == "days":
        return f"{format_number(value)} {'day' if value == 1 else 'days'}"
    return format_number(value)


def format_range(r: Range, unit: Unit) -> str:
    """ "$400–$1,000" or "$700" when the three bounds agree."""
    if r.low == r.high:
        return format_value(r.typical, unit)
    if unit == "usd_per_1k":
        return f"{format_money(r.low)}–{format_money(r.high)} per 1,000"
    if unit == "usd" and float(r.low).is_integer() and float(r.high).is_integer():
        # Both ends in whole dollars read alike: "$10–$100", not "$10.00–$100".
        return f"{format_money(r.low).removesuffix('.00')}–{format_money(r.high).removesuffix('.00')}"
    return f"{format_value(r.low, unit)}–{format_value(r.high, unit)}"


def format_figure(value: float, unit: Unit) -> str:
    """A calculator's output: as ``format_value``, but counts are whole ("0.42 orders" is not an order).

    A count between 0 and 1 reads "under 1": rounding it to 0 would say nothing happens.
    """
    if unit == "count" and math.isfinite(value):
        if 0 < abs(value) < 1:
            return "under 1"
        return format_number(round(value))
    return format_value(value, unit)
