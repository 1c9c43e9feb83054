"""How numbers read on the page: one set of rules for prose, tables, charts and the CLI.

Every figure is formatted for one reader's country (``NumberStyle``: CLDR's decimal and group
marks, where the currency symbol goes, and what a US dollar is worth there). The engine sets
the style for one evaluation with ``using()``; everything else (the build's prose, facts,
tests) gets the stated default, the United States, whose output is what it always was.
Money is computed in US dollars everywhere; only its text changes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from calculators.spec import Range, Unit

BIDI_MARKS = {0x200E: None, 0x200F: None, 0x061C: None}
"""Bidirectional marks (Arabic locales' patterns and symbols carry them) would only scramble an
amount inside the guide's left-to-right English sentences: ``str.translate`` drops them."""

USD_ABROAD = "US$"
"""US dollars written beside another currency: "$" alone is also the peso's, the Canadian dollar's…"""


@dataclass(frozen=True)
class Pattern:
    """A CLDR number pattern reduced to what the formatters use: text around the digits, group sizes."""

    prefix: str = ""
    suffix: str = ""
    primary: int = 3
    secondary: int = 3

    @classmethod
    def parse(cls, pattern: str) -> Pattern:
        """``"#,##0.00\u00a0¤"`` → suffix ``"\u00a0¤"``; ``"¤#,##,##0.00"`` → prefix ``"¤"``, groups 3 then 2."""
        positive = pattern.split(";")[0].translate(BIDI_MARKS)
        digits = [i for i, c in enumerate(positive) if c in "#0,."]
        first, last = digits[0], digits[-1] + 1
        whole = positive[first:last].split(".")[0].split(",")
        primary = len(whole[-1]) if len(whole) > 1 else 0
        secondary = len(whole[-2]) if len(whole) > 2 else primary
        return cls(positive[:first], positive[last:], primary, secondary)


@dataclass(frozen=True)
class NumberStyle:
    """One country's way of writing numbers and money, and its currency's value in US dollars.

    ``per_usd`` is how many units of ``currency`` one US dollar buys (the ECB's euro reference
    rates, crossed); ``None`` where no source publishes a rate: amounts then stay in US dollars.
    """

    country: str = "US"
    currency: str = "USD"
    symbol: str = "$"
    decimal: str = "."
    group: str = ","
    money: Pattern = Pattern(prefix="¤")
    percent: Pattern = Pattern(suffix="%")
    digits: int = 2
    per_usd: float | None = None
    rate_date: str = ""

    @property
    def converts(self) -> bool:
        """Whether money is shown in another currency than US dollars (with US dollars beside it)."""
        return self.currency != "USD" and self.per_usd is not None

    @property
    def usd_symbol(self) -> str:
        return "$" if self.country == "US" else USD_ABROAD


US = NumberStyle()
"""The stated default: a reader in the United States ("$1,234.50")."""

_style: ContextVar[NumberStyle] = ContextVar("tmg_number_style", default=US)


def style() -> NumberStyle:
    """The style in effect: the reader's, inside an evaluation, otherwise the United States'."""
    return _style.get()


@contextmanager
def using(chosen: NumberStyle) -> Iterator[NumberStyle]:
    """Format (and read) numbers for ``chosen`` inside the block; a context variable, so per task."""
    token = _style.set(chosen)
    try:
        yield chosen
    finally:
        _style.reset(token)


def localize(text: str, chosen: NumberStyle | None = None) -> str:
    """A number written the English way ("1,234,567.5") in the style's marks and group sizes."""
    s = chosen or style()
    if s.decimal == "." and s.group == "," and s.money.primary == 3 and s.money.secondary == 3:
        return text
    sign = text[0] if text[:1] in "-−" else ""
    whole, dot, fraction = text[len(sign) :].partition(".")
    digits = whole.replace(",", "")
    grouped = _group(digits, s.money.primary or 3, s.money.secondary or 3, s.group) if "," in whole else whole
    return f"{sign}{grouped}{s.decimal if dot else ''}{fraction}"


def _group(digits: str, primary: int, secondary: int, mark: str) -> str:
    """ "1234567" → "1,234,567" (3 and 3) or "12,34,567" (3, then 2: India's lakh and crore)."""
    if len(digits) <= primary:
        return digits
    head, tail = digits[:-primary], digits[-primary:]
    parts = [tail]
    while len(head) > secondary:
        parts.insert(0, head[-secondary:])
        head = head[:-secondary]
    parts.insert(0, head)
    return mark.join(parts)


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
        return localize(f"{value:,.2f}".rstrip("0").rstrip("."))
    return localize(f"{value:,.{digits}f}")


def _amount(amount: float, digits: int = 2) -> str:
    """An unsigned amount with as many decimals as make sense, the English way: 1,234 · 12.34 · 0.005."""
    if amount >= 1000 or (amount >= 100 and amount.is_integer()) or (digits == 0 and amount >= 1):
        return f"{amount:,.0f}"
    if amount >= 0.1 or amount == 0:
        return f"{amount:,.2f}"
    text = f"{amount:.4f}".rstrip("0")
    return text + "00" if text.endswith(".") else text


def _in_currency(amount: float, symbol: str, s: NumberStyle, digits: int = 2) -> str:
    """An amount with its symbol where the country's CLDR pattern puts it: "$1,234", "1.234 €"."""
    sign = "−" if amount < 0 else ""
    return sign + with_symbol(localize(_amount(abs(amount), digits), s), symbol, s)


def with_symbol(number: str, symbol: str, s: NumberStyle | None = None) -> str:
    """A written number with a currency symbol where the country puts it: "$5", "5 €", "€ 5"."""
    money = (s or style()).money
    return f"{money.prefix.replace('¤', symbol)}{number}{money.suffix.replace('¤', symbol)}"


def format_usd(value: float) -> str:
    """US dollars alone, in the reader's marks: "$1,234" at home, "US$1.234" in Germany."""
    if not math.isfinite(value):
        return "—"
    s = style()
    return _in_currency(value, s.usd_symbol, s)


def format_local(value: float) -> str:
    """A US-dollar amount in the reader's currency alone ("46 €"); US dollars where no rate is known."""
    if not math.isfinite(value):
        return "—"
    s = style()
    if not s.converts or s.per_usd is None:
        return format_usd(value)
    local = value * s.per_usd
    # A converted amount is an estimate's translation: whole units from 100 up ("358 €", not "358,04 €").
    return _in_currency(local, s.symbol, s, 0 if abs(local) >= 100 else s.digits)


def format_money(value: float) -> str:
    """US dollars with as many cents as make sense: $1,234 · $12.34 · $0.005.

    Abroad: the reader's currency first, US dollars beside it: "46 € (US$50)". The two stay
    apart at a normal space, so a narrow table cell wraps between them, never inside an amount.
    """
    if not math.isfinite(value):
        return "—"
    if not style().converts:
        return format_usd(value)
    return f"{format_local(value)} ({format_usd(value)})"


def format_percent(value: float) -> str:
    """Percent numbers (6 means 6%) with up to two decimals: 4.14%, 12%, 0.75%."""
    if not math.isfinite(value):
        return "—"
    s = style()
    text = localize(f"{value:,.2f}".rstrip("0").rstrip("."))
    return f"{s.percent.prefix}{text}{s.percent.suffix}"


def per_thousand() -> str:
    """The suffix of a rate per 1,000 (views): " per 1,000", " per 1.000" in Germany."""
    return f" per {format_number(1000)}"


def format_value(value: float, unit: Unit) -> str:
    """Format one number in the given unit."""
    if unit == "usd":
        return format_money(value)
    if unit == "usd_per_1k":
        return f"{format_money(value)}{per_thousand()}"
    if unit == "percent":
        return format_percent(value)
    if unit == "days":
        return f"{format_number(value)} {'day' if value == 1 else 'days'}"
    if unit == "rate":
        whole, dot, fraction = format_plain(value).partition(".")
        return localize(f"{int(whole):,}{dot}{fraction}")
    return format_number(value)


def _money_range(r: Range, fmt: object) -> str:
    assert callable(fmt)
    low, high = fmt(r.low), fmt(r.high)
    if float(r.low).is_integer() and float(r.high).is_integer():
        # Both ends in whole units read alike: "$10–$100", not "$10.00–$100".
        low, high = _whole(low), _whole(high)
    return f"{low}–{high}"


def _whole(text: str) -> str:
    s = style()
    for zeros in (f"{s.decimal}00",):
        if zeros in text:
            head, _, tail = text.rpartition(zeros)
            if not tail[:1].isdigit():
                return head + tail
    return text


def format_range(r: Range, unit: Unit) -> str:
    """ "$400–$1,000" or "$700" when the three bounds agree; abroad "358–895 € (US$400–US$1,000)"."""
    if r.low == r.high:
        return format_value(r.typical, unit)
    if unit in ("usd", "usd_per_1k"):
        if style().converts:
            text = f"{_money_range(r, format_local)} ({_money_range(r, format_usd)})"
        elif unit == "usd_per_1k":
            text = f"{format_usd(r.low)}–{format_usd(r.high)}"
        else:
            text = _money_range(r, format_usd)
        return f"{text}{per_thousand()}" if unit == "usd_per_1k" else text
    return f"{format_value(r.low, unit)}–{format_value(r.high, unit)}"


def figure_parts(value: float, unit: Unit) -> tuple[str, str]:
    """A figure for a narrow table cell: the text, and US dollars to show beneath it ("" if none).

    Abroad, "₹4,900 (US$51.60)" is too wide for three columns on a 390 px phone; the two amounts
    go on two lines instead.
    """
    if unit in ("usd", "usd_per_1k") and style().converts and math.isfinite(value):
        per = per_thousand() if unit == "usd_per_1k" else ""
        return f"{format_local(value)}{per}", f"{format_usd(value)}{per}"
    return format_figure(value, unit), ""


def format_figure(value: float, unit: Unit) -> str:
    """A calculator's output: as ``format_value``, but counts are whole ("0.42 orders" is not an order).

    A count between 0 and 1 reads "under 1": rounding it to 0 would say nothing happens.
    """
    if unit == "count" and math.isfinite(value):
        if 0 < abs(value) < 1:
            return "under 1"
        return format_number(round(value))
    return format_value(value, unit)
