"""The sourced assumptions every calculator and every page quotes, read from ``data/facts.toml``.

One entry per fact, each with its source(s), the source's date and the date a person last
checked it. ``tomllib`` is in the standard library of CPython and of Pyodide, so the browser
needs no extra download to read the same file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import resources

from calculators.fact_schema import CONFIDENCE, DATA_FILE, RATES_FILE, FactDataError, Problem, check, read_toml
from calculators.formatting import format_range, format_value, localize, per_thousand
from calculators.spec import Range, Unit

__all__ = [
    "CONFIDENCE",
    "DATA_FILE",
    "RATES_FILE",
    "Change",
    "Fact",
    "FactDataError",
    "Source",
    "UnknownFactError",
    "facts_read",
    "get_fact",
    "load_facts",
    "parse_facts",
    "parse_facts_text",
    "rate",
]


class UnknownFactError(KeyError):
    """A page or calculator asked for a fact that is not in the data file."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    date: str
    """The page's own date, as precise as the page is: "2025", "2025-11" or "2025-11-26";
    empty for a page that shows none (then ``accessed`` says when someone read it)."""
    accessed: str = ""

    @property
    def when(self) -> str:
        """The date a reader sees beside this source: its own, or when it was read if it has none."""
        return self.date or f"undated, read {self.accessed}"


@dataclass(frozen=True)
class Change:
    """An earlier state of a fact: from ``date`` on, the rule changed as ``change`` says.

    ``before`` is the fact's value until then, when the change was to the figure itself
    (a share, a fee, an age); ``None`` for a change that did not alter the figure (a program
    closing, say). The value after the change is the next entry's ``before``, or the fact's
    current value: it is never written twice.
    """

    date: str
    change: str
    before: Range | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    unit: Unit
    value: Range
    sources: tuple[Source, ...]
    reviewed: dt.date
    confidence: str
    per: str = ""
    note: str = ""
    history: tuple[Change, ...] = ()

    def text(self, part: str = "range") -> str:
        """The value as prose: "$0.40–$1.00 per 1,000 qualified views" or one bound of it."""
        return self.format(self.value, part)

    def format(self, value: Range, part: str = "range") -> str:
        """Any value of this fact (today's, or an earlier one from its history) as prose."""
        if part == "range":
            text = format_range(value, self.unit)
        elif part in ("low", "typical", "high"):
            text = format_value(getattr(value, part), self.unit)
        else:
            raise ValueError(f"fact part must be range, low, typical or high, not {part!r}")
        if self.per:
            if self.unit == "usd_per_1k":
                text = text.removesuffix(per_thousand())
            # The data's "1,000 qualified views" in the reader's marks ("1.000" in Germany).
            per = re.sub(r"\d{1,3}(?:,\d{3})+", lambda found: localize(found.group()), self.per)
            text = f"{text} per {per}"
        return text

    def value_after(self, index: int) -> Range | None:
        """The value that ``history[index]`` changed the fact to (the next recorded value)."""
        for later in self.history[index + 1 :]:
            if later.before is not None:
                return later.before
        return self.value


FACT_FILES = {DATA_FILE: "data/facts.toml", RATES_FILE: "data/exchange_rates.toml"}
"""Every file of facts, as messages name it and as the package holds it: the curated figures, and
the exchange rates (facts in the same form, dated by their source, written by a developer command)."""


@cache
def load_facts() -> dict[str, Fact]:
    """Read and check the data files once per process; a key in two files is an error too."""
    facts: dict[str, Fact] = {}
    for shown, inside in FACT_FILES.items():
        text = resources.files("calculators").joinpath(inside).read_text("utf-8")
        more = parse_facts_text(text, shown)
        twice = sorted(facts.keys() & more.keys())
        if twice:
            raise FactDataError([Problem(None, key, "", f"is also a fact in {DATA_FILE}", shown) for key in twice])
        facts.update(more)
    return facts


def parse_facts_text(text: str, file: str = DATA_FILE) -> dict[str, Fact]:
    """Facts from the text of a data file; a broken file raises one error listing every problem."""
    return parse_facts(read_toml(text, file), text, file)


def parse_facts(data: Mapping[str, object], text: str = "", file: str = DATA_FILE) -> dict[str, Fact]:
    """Facts from parsed TOML, after checking every rule in ``calculators.fact_schema``.

    ``text``, the file the data came from, lets errors name their line.
    """
    problems = check(data, text, file)
    if problems:
        raise FactDataError(problems)
    return {key: _build(key, entry) for key, entry in data.items()}  # type: ignore[arg-type]  # checked


def _build(key: str, entry: Mapping[str, object]) -> Fact:
    """A checked entry as a ``Fact`` (``check`` has made every cast below safe)."""
    return Fact(
        key=key,
        label=str(entry["label"]),
        unit=entry["unit"],  # type: ignore[arg-type]
        value=_range(entry),  # type: ignore[arg-type]
        sources=_sources(entry["sources"]),
        reviewed=entry["reviewed"],  # type: ignore[arg-type]
        confidence=str(entry.get("confidence", "reported")),
        per=str(entry.get("per", "")),
        note=str(entry.get("note", "")),
        history=tuple(
            Change(
                date=str(change["date"]),
                change=str(change["change"]),
                before=_range(change),
                sources=_sources(change["sources"]),
            )
            for change in entry.get("history", [])  # type: ignore[attr-defined]
        ),
    )


def _range(entry: Mapping[str, object]) -> Range | None:
    if "value" in entry:
        return Range.of(float(entry["value"]))  # type: ignore[arg-type]
    if "low" in entry:
        return Range(*(float(entry[k]) for k in ("low", "typical", "high")))  # type: ignore[arg-type]
    return None


def _sources(raw: object) -> tuple[Source, ...]:
    return tuple(
        Source(str(s["title"]), str(s["url"]), str(s.get("date", "")), str(s.get("accessed", "")))
        for s in raw  # type: ignore[attr-defined]
    )


_reads: ContextVar[dict[str, None] | None] = ContextVar("tmg_fact_reads", default=None)
"""The facts read so far by the compute being recorded (insertion-ordered), or ``None``."""


@contextmanager
def facts_read() -> Iterator[dict[str, None]]:
    """Record every fact ``get_fact`` / ``rate`` hands out inside the ``with`` block.

    The engine wraps each compute in it, so a result cites exactly the facts its figures and
    notes were built from, with no list to keep by hand. A context variable, not a global: it
    is per thread and per task, and nested recordings pass what they saw to the outer one.
    Works the same in Pyodide (``contextvars`` is in its standard library).
    """
    outer = _reads.get()
    seen: dict[str, None] = {}
    token = _reads.set(seen)
    try:
        yield seen
    finally:
        _reads.reset(token)
        if outer is not None:
            outer.update(seen)


def get_fact(key: str) -> Fact:
    """One fact by key; an unknown key names the closest known ones."""
    facts = load_facts()
    try:
        fact = facts[key]
    except KeyError:
        close = difflib.get_close_matches(key, facts, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise UnknownFactError(f"Unknown fact {key!r}.{hint}") from None
    reads = _reads.get()
    if reads is not None:
        reads[key] = None
    return fact


def rate(key: str) -> Range:
    """The low / typical / high value of a fact, for compute functions."""
    return get_fact(key).value
