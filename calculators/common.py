"""Small helpers the calculators in ``calculators/catalog/`` share.

Field builders keep every numeric input bounded (so absurd values get a field message
instead of an overflow), formatting shortcuts keep the steps readable, and ``Gate`` checks
an eligibility threshold that comes from a sourced fact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from calculators.countries import DEFAULT_COUNTRY, Country, Rule, country, country_choices
from calculators.facts import get_fact, rate
from calculators.formatting import format_money, format_number, format_percent, format_range
from calculators.spec import Field, Note, Range, Values

COUNT_MAX = 1e12
"""Largest count a reader may enter (views, likes, followers, Diamonds...)."""

MONEY_MAX = 1e9
"""Largest amount of money a reader may enter."""

PRICE_MAX = 1e6
"""Largest price of one item, subscription or sponsored post."""


# --- Fields ------------------------------------------------------------------------------


def count_field(
    name: str,
    label: str,
    default: int | None,
    help_text: str,
    *,
    minimum: float = 0,
    maximum: float = COUNT_MAX,
    optional: bool = False,
) -> Field:
    """A whole-number input: views, followers, subscribers, orders."""
    return Field(
        name,
        label,
        default,
        kind="integer",
        minimum=minimum,
        maximum=maximum,
        step=1,
        help=help_text,
        optional=optional,
    )


def money_field(
    name: str,
    label: str,
    default: float | None,
    help_text: str,
    *,
    maximum: float = MONEY_MAX,
    optional: bool = False,
) -> Field:
    """An amount in US dollars, never negative."""
    return Field(
        name,
        label,
        default,
        kind="money",
        unit="USD",
        minimum=0,
        maximum=maximum,
        step=0.01,
        help=help_text,
        optional=optional,
    )


def percent_field(
    name: str,
    label: str,
    default: float | None,
    help_text: str,
    *,
    maximum: float = 100,
    optional: bool = False,
) -> Field:
    """A percent number between 0 and ``maximum`` (6 means 6%)."""
    return Field(
        name,
        label,
        default,
        kind="percent",
        unit="%",
        minimum=0,
        maximum=maximum,
        step=0.1,
        help=help_text,
        optional=optional,
    )


def toggle_field(name: str, label: str, default: bool, help_text: str) -> Field:
    return Field(name, label, default, kind="toggle", minimum=None, help=help_text)


def choice_field(name: str, label: str, default: str, choices: tuple[tuple[str, str], ...], help_text: str) -> Field:
    return Field(name, label, default, kind="choice", minimum=None, choices=choices, help=help_text)


def age_field(default: int = 25) -> Field:
    return count_field("age", "Your age", default, "In years: every TikTok payout program needs adults.", maximum=120)


COUNTRY_FIELD = "country"
"""The reader's country: every calculator declares it (``country_field``), under this name."""


def country_field() -> Field:
    """Where the reader lives: an ISO 3166-1 alpha-2 code from ``data/countries.toml``, US by default.

    One declaration for every calculator, so the form, the shared link, the command line
    (``--country DE``) and the build carry it the same way.
    """
    return choice_field(
        COUNTRY_FIELD,
        "Where you live",
        DEFAULT_COUNTRY,
        country_choices(),
        "Programs and some rules differ by country ('Where you live' lists them). Figures first shown are for"
        " the United States.",
    )


def where(values: Values) -> Country:
    """The reader's country (validation guarantees a code from the table)."""
    return country(str(values.get(COUNTRY_FIELD, DEFAULT_COUNTRY)))


def toggle(values: Values, name: str) -> bool:
    """A parsed toggle (validation guarantees a bool)."""
    return values.get(name) is True


def choice(values: Values, name: str) -> str:
    """A parsed choice (validation guarantees one of the declared values)."""
    return str(values[name])


# --- Numbers ------------------------------------------------------------------------------


def fraction(percent: float | Range) -> Range:
    """A percent number (or range of them) as a fraction: 6 → 0.06."""
    r = percent if isinstance(percent, Range) else Range.of(percent)
    return r / 100


def spread(quantity: Range, per_unit: Range) -> Range:
    """``quantity × per_unit`` as an honest range when ``per_unit`` may be negative.

    ``per_unit`` runs from worst (low) to best (high); the result's low is the worst
    combination and its high the best, so a loss per unit grows with the quantity. The
    typical stays typical × typical, which always lies between the two.
    """
    worst = min(quantity.low * per_unit.low, quantity.high * per_unit.low)
    best = max(quantity.low * per_unit.high, quantity.high * per_unit.high)
    return Range(worst, quantity.typical * per_unit.typical, best)


def total(ranges: Iterable[Range]) -> Range:
    """Sum of lows, sum of typicals, sum of highs."""
    result = Range.of(0.0)
    for r in ranges:
        result = result + r
    return result


Tiers = tuple[tuple[float, str, str], ...]
"""(exclusive upper follower bound, fact key, how the tier reads), smallest first, last unbounded."""


def tier_for(followers: float, tiers: Tiers) -> tuple[str, str]:
    """The fact key and tier name for an account of this size."""
    for upper, key, name in tiers:
        if followers < upper:
            return key, name
    raise AssertionError("the last tier must be unbounded")  # pragma: no cover


def median3(a: float, b: float, c: float) -> float:
    return sorted((a, b, c))[1]


# --- Text ---------------------------------------------------------------------------------


def usd(value: float) -> str:
    return format_money(value)


def usd_range(r: Range) -> str:
    """ "$400–$1,000", or one amount when the bounds agree."""
    return format_range(r, "usd")


def _three(r: Range, fmt: Callable[[float], str]) -> str:
    """ "low / typical / high" in one format, or one value when the bounds agree."""
    if r.is_single:
        return fmt(r.typical)
    return " / ".join(fmt(v) for v in (r.low, r.typical, r.high))


def usd3(r: Range) -> str:
    """ "$400 / $700 / $1,000" (low / typical / high), or one amount when they agree."""
    return _three(r, format_money)


def count(value: float) -> str:
    return format_number(value)


def count3(r: Range) -> str:
    return _three(r, format_number)


def pct(value: float) -> str:
    return format_percent(value)


def pct3(r: Range) -> str:
    return _three(r, format_percent)


def fact_text(key: str) -> str:
    """A fact as prose: "$0.40–$1.00 per 1,000 qualified views"."""
    return get_fact(key).text()


def fact_value(key: str) -> float:
    """The typical value of a fact that has one value (a threshold, a fixed share)."""
    return rate(key).typical


# --- Eligibility gates -----------------------------------------------------------------------


@dataclass(frozen=True)
class Gate:
    """One eligibility threshold from a fact: the reader's value must reach the fact's value."""

    fact: str
    what: str
    """What is measured, as it reads after "your": "age", "followers"."""
    yours: float
    need: str = "{n} {what} or more"
    """The requirement as prose; ``{n}`` is the threshold, ``{what}`` the measure."""
    at_least: float | None = None
    """The threshold where the reader's country sets its own (19 in South Korea), else the fact's."""

    @property
    def needed(self) -> float:
        usual = fact_value(self.fact)  # read either way: the result cites the usual rule too
        return usual if self.at_least is None else self.at_least

    @property
    def met(self) -> bool:
        return self.yours >= self.needed

    @property
    def requirement(self) -> str:
        return self.need.format(n=count(self.needed), what=self.what)

    def step(self, program: str) -> str:
        mark = "met" if self.met else "NOT met"
        # "the form has", not "you entered": the value may be the page's assumption (render.py says which).
        return f"{program} needs {self.requirement}: the form has {count(self.yours)}, {mark}"

    def note(self, program: str) -> Note:
        return Note(
            f"{program} needs {self.requirement}; the form has {count(self.yours)}, so this estimate is $0"
            " until you get there.",
            "warning",
        )


_gates_seen: ContextVar[list[tuple[str, Gate]] | None] = ContextVar("tmg_gates_seen", default=None)


@contextmanager
def gates_checked() -> Iterator[list[tuple[str, Gate]]]:
    """Record the (program, gate) pairs every ``check_gates`` inside the block checks.

    The methodology page lists each calculator's eligibility thresholds from this record, so it
    says exactly what the code checks (content review 2026-12-02, 3.5).
    """
    seen: list[tuple[str, Gate]] = []
    token = _gates_seen.set(seen)
    try:
        yield seen
    finally:
        _gates_seen.reset(token)


def check_gates(gates: Iterable[Gate], program: str) -> tuple[bool, list[str], list[Note]]:
    """Whether every gate holds, with a step per gate and a note per unmet gate.

    Each gate's fact is read for its step, so the result cites it (``facts_read``).
    """
    gates = tuple(gates)
    seen = _gates_seen.get()
    if seen is not None:
        seen.extend((program, gate) for gate in gates)
    steps = [g.step(program) for g in gates]
    notes = [g.note(program) for g in gates if not g.met]
    return not notes, steps, notes


# --- The reader's country ------------------------------------------------------------------------

_STATUS_NOTES = {
    "not_listed": "{program}: {country} is not among the countries the sources list for it, so this estimate is $0"
    " unless your TikTok app offers it to you.",
    "disputed": "{program} in {country}: the sources disagree on whether it is offered. {note} This estimate is $0"
    " unless your TikTok app offers it to you.",
    "unknown": "{program} in {country}: no source found on whether it is offered, so this estimate is $0 unless"
    " your TikTok app offers it to you.",
}


@dataclass(frozen=True)
class Offered:
    """A gate from the country table: the program must be offered where the reader lives.

    Only "available" counts as offered; a country the sources do not list, or disagree on, or
    say nothing about gets $0 and a note that says which, never an estimate as if it were offered.
    """

    program: str
    """The program's key in ``data/countries.toml``."""
    country: Country
    name: str
    """The program as the calculator calls it ("Creator Rewards")."""

    @property
    def rule(self) -> Rule:
        return self.country.rule(self.program)

    @property
    def met(self) -> bool:
        return self.rule.offered

    def step(self) -> str:
        mark = "met" if self.met else "NOT met"
        return f"{self.name} must be offered where you live ({self.country.name}): {self.rule.status_text}, {mark}"

    def note(self) -> Note:
        text = _STATUS_NOTES[self.rule.status].format(program=self.name, country=self.country.name, note=self.rule.note)
        return Note(text, "warning")


def country_note(where_: Country, applied: Iterable[str]) -> Note:
    """Which of the country table's rules a result applied, said once: "Rules for Germany: ..."."""
    return Note(
        f"Rules for {where_.name}: " + "; ".join(applied) + ". The 'Where you live' page gives each country's sources.",
        "info",
    )


def rule_text(name: str, rule: Rule) -> str:
    """One applied rule in words: "Creator Rewards — offered, from age 19"."""
    text = f"{name} — {rule.status_text}"
    if rule.min_age is not None:
        text += f", from age {rule.min_age}"
    return text
