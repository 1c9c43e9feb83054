"""The sourced assumptions every calculator and every page quotes, read from ``data/facts.toml``.

One entry per fact, each with its source(s), the source's date and the date a person last
checked it. ``tomllib`` is in the standard library of CPython and of Pyodide, so the browser
needs no extra download to read the same file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import get_args

from calculators.formatting import format_range, format_value
from calculators.spec import Range, Unit

CONFIDENCE = ("official", "reported", "derived", "unverified")
"""How much weight a fact can bear: from TikTok itself, from third parties, arithmetic, or none."""


class UnknownFactError(KeyError):
    """A page or calculator asked for a fact that is not in the data file."""

    def __str__(self) -> str:
        return str(self.args[0])


class FactDataError(ValueError):
    """The data file breaks its own schema; the message names the entry and the field."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    date: str
    """As precise as the source is: "2025", "2025-11" or "2025-11-26"."""


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

    def text(self, part: str = "range") -> str:
        """The value as prose: "$0.40–$1.00 per 1,000 qualified views" or one bound of it."""
        if part == "range":
            text = format_range(self.value, self.unit)
        elif part in ("low", "typical", "high"):
            text = format_value(getattr(self.value, part), self.unit)
        else:
            raise ValueError(f"fact part must be range, low, typical or high, not {part!r}")
        if self.per:
            if self.unit == "usd_per_1k":
                text = text.removesuffix(" per 1,000")
            text = f"{text} per {self.per}"
        return text

    @property
    def source_date(self) -> str:
        """The newest of the sources' dates, which is what a reader wants to know first.

        Dates are ISO prefixes ("2025", "2025-11"), so they sort as text; "undated" sources
        only count when no source has a date.
        """
        dated = [source.date for source in self.sources if source.date[:1].isdigit()]
        return max(dated) if dated else self.sources[0].date


@cache
def load_facts() -> dict[str, Fact]:
    """Read and check the data file once per process."""
    text = resources.files("calculators").joinpath("data/facts.toml").read_text("utf-8")
    return parse_facts(tomllib.loads(text))


def parse_facts(data: dict[str, object]) -> dict[str, Fact]:
    """Build facts from parsed TOML, failing loudly on the first entry that breaks the schema."""
    facts: dict[str, Fact] = {}
    for key, entry in data.items():
        if not isinstance(entry, dict):
            raise FactDataError(f"fact {key!r} must be a table")
        facts[key] = _parse_fact(key, entry)
    return facts


def _parse_fact(key: str, entry: dict[str, object]) -> Fact:
    def need(name: str) -> object:
        if name not in entry:
            raise FactDataError(f"fact {key!r} is missing {name!r}")
        return entry[name]

    unit = need("unit")
    if unit not in get_args(Unit):
        raise FactDataError(f"fact {key!r} has unknown unit {unit!r}; use one of {get_args(Unit)}")
    if "value" in entry:
        value = Range.of(_number(key, "value", entry["value"]))
    else:
        value = Range(*(_number(key, part, need(part)) for part in ("low", "typical", "high")))
        if not value.low <= value.typical <= value.high:
            raise FactDataError(f"fact {key!r} needs low <= typical <= high")
    reviewed = need("reviewed")
    if not isinstance(reviewed, dt.date):
        raise FactDataError(f"fact {key!r}: reviewed must be a TOML date like 2026-11-26")
    confidence = entry.get("confidence", "reported")
    if confidence not in CONFIDENCE:
        raise FactDataError(f"fact {key!r}: confidence must be one of {CONFIDENCE}")
    raw_sources = need("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise FactDataError(f"fact {key!r} needs at least one [[{key}.sources]] entry")
    sources = []
    for raw in raw_sources:
        if not isinstance(raw, dict) or not all(k in raw for k in ("title", "url", "date")):
            raise FactDataError(f"fact {key!r}: every source needs title, url and date")
        if not str(raw["url"]).startswith("https://"):
            raise FactDataError(f"fact {key!r}: source url must start with https://")
        sources.append(Source(str(raw["title"]), str(raw["url"]), str(raw["date"])))
    return Fact(
        key=key,
        label=str(need("label")),
        unit=unit,  # type: ignore[arg-type]  # checked against Unit above
        value=value,
        sources=tuple(sources),
        reviewed=reviewed,
        confidence=str(confidence),
        per=str(entry.get("per", "")),
        note=str(entry.get("note", "")),
    )


def _number(key: str, name: str, raw: object) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise FactDataError(f"fact {key!r}: {name} must be a number, not {raw!r}")
    return float(raw)


def get_fact(key: str) -> Fact:
    """One fact by key; an unknown key names the closest known ones."""
    facts = load_facts()
    try:
        return facts[key]
    except KeyError:
        close = difflib.get_close_matches(key, facts, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise UnknownFactError(f"Unknown fact {key!r}.{hint}") from None


def rate(key: str) -> Range:
    """The low / typical / high value of a fact, for compute functions."""
    return get_fact(key).value
