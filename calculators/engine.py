"""Running a calculator on raw input: parse, compute, and never raise at the reader."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace

from calculators.changes import recent_notes
from calculators.facts import facts_read
from calculators.formatting import US, NumberStyle, format_value, using, with_symbol
from calculators.locales import DEFAULT_COUNTRY, style_for, usd_rate_facts
from calculators.registry import get_calculator
from calculators.spec import Calculator, InputError, Note, Result, Values
from calculators.validation import parse_inputs


@dataclass(frozen=True)
class Evaluation:
    """Parsed values, per-field messages, and the result when every field was valid."""

    calculator: Calculator
    values: Values
    errors: dict[str, str]
    result: Result | None
    style: NumberStyle = US
    """How the reader's country writes numbers and money: what shows this evaluation uses it."""

    @property
    def ok(self) -> bool:
        return self.result is not None

    @contextmanager
    def formatting(self) -> Iterator[NumberStyle]:
        """Format (and read back) in the reader's style inside the block: renderers and the CLI use it."""
        with using(self.style) as chosen:
            yield chosen


def reader_country(raw: Mapping[str, object] | None) -> str:
    """The reader's country as given (``country``, ISO 3166-1 alpha-2), else the stated default."""
    given = raw.get("country", DEFAULT_COUNTRY) if isinstance(raw, Mapping) else DEFAULT_COUNTRY
    return str(given).strip().upper() or DEFAULT_COUNTRY


def significant(value: float, digits: int = 4) -> float:
    """``value`` to ``digits`` significant digits, but never rounding away whole units (157.25, 0.8951, 18148)."""
    if value <= 0:
        return value
    return round(value, max(0, digits - 1 - math.floor(math.log10(value))))


def currency_notes(chosen: NumberStyle) -> tuple[Note, ...]:
    """What a reader outside the US must know about the money on the page (nothing for the US)."""
    if chosen.country == DEFAULT_COUNTRY:
        return ()
    origin = (
        "Most reported rates and earnings come from US creators and US audiences; the sources give"
        " none by audience country, so these are the same rates converted."
    )
    if not chosen.converts:
        if chosen.currency == "USD":
            return (Note(origin),)
        return (
            Note(
                f"The European Central Bank publishes no reference rate for {chosen.currency}, so amounts"
                f" stay in US dollars (US$), and money you type is read as US dollars. {origin}"
            ),
        )
    one = with_symbol(format_value(significant(chosen.per_usd or 0), "rate"), chosen.symbol, chosen)
    dollar = with_symbol("1", chosen.usd_symbol, chosen)
    return (
        Note(
            f"Amounts in {chosen.currency} at the European Central Bank's reference rate of"
            f" {chosen.rate_date} ({dollar} = {one}), US dollars beside them; money you type"
            f" is read in {chosen.currency} (start it with US$ for US dollars). {origin}"
        ),
    )


def evaluate(
    calc: Calculator | str, raw: Mapping[str, object] | None = None, *, today: dt.date | None = None
) -> Evaluation:
    """Parse ``raw`` (strings or numbers; missing keys take defaults) and compute.

    The result cites exactly the facts the compute read (``facts_read``), in the order it read
    them, so no calculator keeps its sources list by hand and none cites a fact its figures and
    notes do not use. A change to one of those facts in the last 90 days
    (``calculators.changes``, as of ``today``) adds a note next to the figures. For a reader
    outside the US (``raw["country"]``), the exchange rates the amounts are converted at are
    cited too, and a note says where the rates and the reported figures come from.
    """
    calculator = get_calculator(calc) if isinstance(calc, str) else calc
    # The reader's country sets how numbers are read and written for this one evaluation, and
    # money typed is in its currency: values reach compute in US dollars, whatever the country.
    chosen = style_for(reader_country(raw))
    with using(chosen):
        values, errors = parse_inputs(calculator, raw or {})
        # A field that does not apply (coins in Diamonds mode, an unticked method's fields) is
        # hidden on the page; whatever it holds, the result is computed with its default.
        for name in calculator.inapplicable(values):
            values[name] = calculator.field(name).default
            errors.pop(name, None)
        if errors:
            return Evaluation(calculator, values, errors, None, chosen)
        try:
            with facts_read() as used:
                result = calculator.compute(values)
        except InputError as exc:
            return Evaluation(calculator, values, {exc.field: exc.message}, None, chosen)
        rates = usd_rate_facts(chosen.currency) if chosen.converts else ()
        cited = tuple(dict.fromkeys([*used, *rates]))
        notes = (*result.notes, *recent_notes(cited, today), *currency_notes(chosen))
    return Evaluation(calculator, values, {}, replace(result, facts=cited, notes=notes), chosen)
