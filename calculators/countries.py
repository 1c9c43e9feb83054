"""Where each TikTok program is offered, and the rules that differ by country: ``data/countries.toml``.

TikTok publishes no list of where its programs run, and secondary sources disagree (Italy and
Spain for Creator Rewards), so the table says, per country and program, what the sources say:
offered, not in the sources' lists, disputed, or no source found; never a guess. Each cell has
its sources and review date like a fact (``facts.toml``), and the same rules for sources and
dates are checked here, with errors that name the file, the country, the program and the line.

The calculators compute a program as offered only where the table says "available"; the
reader's country is the ``country`` field every calculator declares (``common.country_field``).
Stdlib only: the same file is read in CPython and in Pyodide.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from calculators import fact_schema
from calculators.fact_schema import CONFIDENCE, SOURCE_KEYS, LazyLines
from calculators.facts import Source

__all__ = [
    "DATA_FILE",
    "DEFAULT_COUNTRY",
    "STATUSES",
    "Country",
    "CountryDataError",
    "Program",
    "Rule",
    "UnknownCountryError",
    "country",
    "country_choices",
    "load_countries",
    "parse_countries_text",
    "programs",
]

DATA_FILE = "calculators/data/countries.toml"
"""How the data file is named in messages (relative to the project root)."""

DEFAULT_COUNTRY = "US"
"""The country the built pages and the command line assume until the reader picks one: the
market nearly every source describes."""

STATUSES = {
    "available": "offered",
    "not_listed": "not in the sources' lists",
    "disputed": "sources disagree",
    "unknown": "no source found",
}
"""What a cell's status means, as a reader reads it after the program's name."""

SHARE_RULES = ("us_ca", "elsewhere")
"""Which Subscription share applies: the US and Canada's, or the one for everywhere else."""

CELL_KEYS = frozenset({"status", "note", "confidence", "sources", "reviewed", "min_age", "share_rule"})
CODE = re.compile(r"[A-Z]{2}")
SOURCE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
PROGRAM_NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Program:
    key: str
    label: str


@dataclass(frozen=True)
class Rule:
    """One cell: what the sources say about one program in one country."""

    program: str
    status: str
    note: str
    sources: tuple[Source, ...]
    reviewed: dt.date
    confidence: str = "reported"
    min_age: int | None = None
    """Years, where the country's minimum differs from the program's usual one."""
    share_rule: str = ""
    """Subscriptions: ``us_ca`` or ``elsewhere``."""
    inherited: bool = False
    """True when the country has no cell of its own and the program's default holds."""

    @property
    def offered(self) -> bool:
        return self.status == "available"

    @property
    def status_text(self) -> str:
        return STATUSES[self.status]


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    rules: Mapping[str, Rule] = field(default_factory=dict)

    def rule(self, program: str) -> Rule:
        try:
            return self.rules[program]
        except KeyError:
            known = ", ".join(self.rules)
            raise KeyError(f"{DATA_FILE} has no program {program!r} (it has {known})") from None


class CountryDataError(ValueError):
    """The country table breaks its rules; the message names the file, the line, the country and the key."""


class UnknownCountryError(KeyError):
    """A calculator, page or command asked for a country that is not in the table."""

    def __str__(self) -> str:
        return str(self.args[0])


Path = tuple[str | int, ...]


@dataclass
class _Checker:
    """Collects every broken rule in the file, each with its line."""

    lines: LazyLines
    problems: list[str] = field(default_factory=list)

    def add(self, path: Path, message: str) -> None:
        line = self.lines.line_of(path)
        where = f"{DATA_FILE}:{line}" if line else DATA_FILE
        self.problems.append(f"{where}: {_entry(path)}: {message}")

    def reporter(self, base: Path) -> fact_schema._Reporter:
        """A reporter for ``fact_schema``'s checks, which give paths inside one entry."""
        return lambda path, message: self.add((*base, *path), message)


def _entry(path: Path) -> str:
    """ "country 'DE', program 'creator_rewards', key 'status'" for a path into the data."""
    parts: list[str] = []
    kind, *rest = [str(p) for p in path] or [""]
    if kind == "countries" and rest:
        parts.append(f"country {rest[0]!r}")
        rest = rest[1:]
        if rest and rest[0] != "name":
            parts.append(f"program {rest[0]!r}")
            rest = rest[1:]
    elif kind == "programs" and rest:
        parts.append(f"program {rest[0]!r}")
        rest = rest[1:]
        if rest and rest[0] == "default":
            parts.append("default")
            rest = rest[1:]
    elif kind == "sources" and rest:
        parts.append(f"source {rest[0]!r}")
        rest = rest[1:]
    elif kind:
        parts.append(f"table {kind!r}")
    if rest:
        parts.append(f"key {'.'.join(rest)!r}")
    return ", ".join(parts)


def parse_countries_text(text: str) -> dict[str, Country]:
    """Countries from the text of the data file; a broken file raises one error listing every problem."""
    return _parse(text)[0]


def _parse(text: str) -> tuple[dict[str, Country], dict[str, Program]]:
    try:
        data = fact_schema.read_toml(text)
    except fact_schema.FactDataError as exc:
        raise CountryDataError(str(exc).replace(fact_schema.DATA_FILE, DATA_FILE)) from None
    checker = _Checker(LazyLines(text))
    _check(data, checker)
    if checker.problems:
        if len(checker.problems) == 1:
            raise CountryDataError(checker.problems[0])
        listed = "\n".join(f"  {p}" for p in checker.problems)
        raise CountryDataError(f"{len(checker.problems)} problems in {DATA_FILE}:\n{listed}")
    return _build(data)


@cache
def _load() -> tuple[dict[str, Country], dict[str, Program]]:
    text = resources.files("calculators").joinpath("data/countries.toml").read_text("utf-8")
    return _parse(text)


def load_countries() -> dict[str, Country]:
    """Every country by code, in the file's order; the file is read and checked once per process."""
    return _load()[0]


def country(code: str) -> Country:
    """One country by its code ("DE"); an unknown code names the closest known ones."""
    known = load_countries()
    try:
        return known[code]
    except KeyError:
        close = difflib.get_close_matches(str(code).upper(), known, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise UnknownCountryError(f"No country {code!r} in {DATA_FILE}.{hint}") from None


def country_choices() -> tuple[tuple[str, str], ...]:
    """(code, name) for the form's menu, sorted by name as readers look for it."""
    return tuple(sorted(((c.code, c.name) for c in load_countries().values()), key=lambda pair: pair[1]))


def programs() -> dict[str, Program]:
    """The programs the table covers, in the file's order."""
    return _load()[1]


def __getattr__(name: str) -> object:
    """``COUNTRIES``: every country by code, read on first use (a broken file fails where it is used)."""
    if name == "COUNTRIES":
        return load_countries()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- Checking -------------------------------------------------------------------------------


def _check(data: Mapping[str, object], checker: _Checker) -> None:
    for key in sorted(set(data) - {"sources", "programs", "countries"}):
        checker.add((key,), "unknown table; the file has [sources.*], [programs.*] and [countries.*]")
    sources = _table(data, "sources", checker)
    progs = _table(data, "programs", checker)
    countries = _table(data, "countries", checker)
    for sid, source in sources.items():
        _check_source(sid, source, checker)
    cited: set[str] = set()
    for name, program in progs.items():
        at: Path = ("programs", name)
        if not PROGRAM_NAME.fullmatch(name):
            checker.add(at, "a program's name is lowercase letters, digits and _")
        if not isinstance(program, Mapping):
            checker.add(at, "must be a table")
            continue
        for key in sorted(set(program) - {"label", "default"}):
            checker.add((*at, key), "unknown key; a program has label and [programs.<name>.default]")
        _text(program, "label", at, checker, required=True)
        if not isinstance(program.get("default"), Mapping):
            checker.add(at, "needs [programs.<name>.default]: what holds in a country with no cell of its own")
            continue
        _check_cell(program["default"], (*at, "default"), name, sources, cited, checker)
        if name == "subscriptions" and "share_rule" not in program["default"]:
            checker.add((*at, "default"), f"needs share_rule ({' or '.join(SHARE_RULES)})")
    for code, entry in countries.items():
        at = ("countries", code)
        if not CODE.fullmatch(code):
            checker.add(at, "a country is its ISO 3166-1 alpha-2 code in capitals, like DE")
        if not isinstance(entry, Mapping):
            checker.add(at, "must be a table: [countries.XX] with its name")
            continue
        _text(entry, "name", at, checker, required=True)
        if "name" not in entry:
            checker.add(at, "is missing 'name'")
        for key, cell in entry.items():
            if key == "name":
                continue
            if key not in progs:
                checker.add((*at, key), f"unknown program; the programs are {', '.join(progs)}")
            elif not isinstance(cell, Mapping):
                checker.add((*at, key), f"must be a table: [countries.{code}.{key}]")
            else:
                _check_cell(cell, (*at, key), key, sources, cited, checker)
    if countries and DEFAULT_COUNTRY not in countries:
        checker.add(("countries",), f"needs the default country, {DEFAULT_COUNTRY}")
    for sid in sorted(set(sources) - cited):
        checker.add(("sources", sid), "no cell cites this source: cite it or remove it")


def _table(data: Mapping[str, object], name: str, checker: _Checker) -> Mapping[str, Any]:
    table = data.get(name)
    if not isinstance(table, Mapping) or not table:
        checker.add((name,), f"needs at least one [{name}.<name>] table")
        return {}
    return table


def _check_source(sid: str, source: object, checker: _Checker) -> None:
    at: Path = ("sources", sid)
    if not SOURCE_ID.fullmatch(sid):
        checker.add(at, "a source's ID is letters, digits and _, starting with a letter (S5, affiliate_us)")
    if not isinstance(source, Mapping):
        checker.add(at, "must be a table with title, url and date")
        return
    report = checker.reporter(at)
    for key in sorted(set(source) - SOURCE_KEYS):
        report((key,), f"unknown key; a source has {', '.join(sorted(SOURCE_KEYS))}")
    for key in ("title", "url"):
        if key not in source:
            report((), f"a source is missing {key!r}")
    _text(source, "title", at, checker, required=True)
    if "url" in source:
        fact_schema._check_url(source["url"], ("url",), report)
    given = [key for key in ("date", "accessed") if key in source]
    if len(given) != 1:
        report((), "a source needs its own date, or when it was read for a page with none: date or accessed, once")
    else:
        fact_schema._check_date(source[given[0]], (given[0],), report, required=True)


def _check_cell(
    cell: Mapping[str, object],
    at: Path,
    program: str,
    sources: Mapping[str, object],
    cited: set[str],
    checker: _Checker,
) -> None:
    for key in sorted(set(cell) - CELL_KEYS):
        checker.add((*at, key), f"unknown key; a cell has {', '.join(sorted(CELL_KEYS))}")
    status = cell.get("status")
    if status not in STATUSES:
        checker.add((*at, "status") if "status" in cell else at, f"status must be one of {', '.join(STATUSES)}")
    _text(cell, "note", at, checker, required=True)
    if "note" not in cell:
        checker.add(at, "needs a note: what the sources say, in words")
    confidence = cell.get("confidence", "reported")
    if confidence not in CONFIDENCE:
        checker.add((*at, "confidence"), f"must be one of {', '.join(CONFIDENCE)}, not {confidence!r}")
    reviewed = cell.get("reviewed")
    if not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime):
        checker.add((*at, "reviewed") if "reviewed" in cell else at, "reviewed must be a TOML date like 2026-12-02")
    ids = cell.get("sources", [])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        checker.add((*at, "sources"), 'must be a list of source IDs, like sources = ["S2", "S5"]')
        ids = []
    for sid in ids:
        if sid in sources:
            cited.add(sid)
        else:
            checker.add((*at, "sources"), f"no source {sid!r} in [sources]")
    if status in STATUSES and status != "unknown" and not ids:
        checker.add(at, f"a status of {status!r} needs its sources; with none, the status is 'unknown'")
    age = cell.get("min_age")
    if "min_age" in cell and (isinstance(age, bool) or not isinstance(age, int) or not 0 < age <= 120):
        checker.add((*at, "min_age"), f"must be a whole number of years, like 19, not {age!r}")
    if "share_rule" in cell:
        if program != "subscriptions":
            checker.add((*at, "share_rule"), "only Subscriptions has a share rule")
        elif cell["share_rule"] not in SHARE_RULES:
            checker.add((*at, "share_rule"), f"must be {' or '.join(SHARE_RULES)}, not {cell['share_rule']!r}")


def _text(entry: Mapping[str, object], key: str, at: Path, checker: _Checker, required: bool = False) -> None:
    fact_schema._check_text(entry, key, checker.reporter(at), required=required)


# --- Building -------------------------------------------------------------------------------


def _build(data: Mapping[str, Any]) -> tuple[dict[str, Country], dict[str, Program]]:
    sources = {
        sid: Source(str(s["title"]), str(s["url"]), str(s.get("date", "")), str(s.get("accessed", "")))
        for sid, s in data["sources"].items()
    }
    defaults = {name: _rule(name, p["default"], sources, inherited=True) for name, p in data["programs"].items()}
    countries: dict[str, Country] = {}
    for code, entry in data["countries"].items():
        rules = {}
        for name, default in defaults.items():
            cell = entry.get(name)
            if cell is None:
                rules[name] = default
            else:
                rule = _rule(name, cell, sources)
                if name == "subscriptions" and not rule.share_rule:
                    rule = replace(rule, share_rule=default.share_rule)
                rules[name] = rule
        countries[code] = Country(code, str(entry["name"]), rules)
    return countries, {name: Program(name, str(p["label"])) for name, p in data["programs"].items()}


def _rule(program: str, cell: Mapping[str, Any], sources: Mapping[str, Source], inherited: bool = False) -> Rule:
    return Rule(
        program=program,
        status=str(cell["status"]),
        note=str(cell["note"]),
        sources=tuple(sources[sid] for sid in cell.get("sources", [])),
        reviewed=cell["reviewed"],
        confidence=str(cell.get("confidence", "reported")),
        min_age=cell.get("min_age"),
        share_rule=str(cell.get("share_rule", "")),
        inherited=inherited,
    )
