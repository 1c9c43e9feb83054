"""The rules every entry of ``data/facts.toml`` must follow, with errors that point at the line.

A wrong figure that looks right is worse than a crash: a percent of −4,400, a source dated
"last tuesday" or a range silently dropped because a ``value`` sits next to it would all reach
readers unnoticed (reliability review, 2026-12-02, #2). So the data is checked where it is
read, by the code that reads it, in CPython and in Pyodide alike: no build, test or browser can
use a fact that breaks these rules.

``tomllib`` keeps no positions, so :func:`locate` finds each table and key in the file's text;
a message reads ``calculators/data/facts.toml:193: fact 'crp_rpm', key 'low': …``, which
editors and CI logs turn into a link. Every problem in the file is reported at once.

Stdlib only, like the rest of ``calculators``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import get_args
from urllib.parse import urlsplit

from calculators.spec import Unit

DATA_FILE = "calculators/data/facts.toml"
"""How the data file is named in messages (relative to the project root)."""

RATES_FILE = "calculators/data/exchange_rates.toml"
"""The exchange rates, facts in the same form (written by ``python -m calculators.dev.exchange_rates``)."""

CONFIDENCE = ("official", "reported", "derived", "unverified")
"""How much weight a fact can bear: from TikTok itself, from third parties, arithmetic, or none."""

UNIT_BOUNDS: dict[str, tuple[float, float]] = {
    "percent": (0, 100),
    "rate": (0, math.inf),
    "usd": (0, math.inf),
    "usd_per_1k": (0, math.inf),
    "count": (0, math.inf),
    "days": (0, math.inf),
}
"""What a value in each unit may be unless the fact declares its own ``bounds`` (a percent
uplift of 200 does exist): shares are 0–100 %, money, counts and durations are never negative."""

FACT_KEYS = frozenset(
    {"label", "unit", "value", "low", "typical", "high", "bounds", "per", "note", "confidence", "reviewed"}
    | {"sources", "history"}
)
SOURCE_KEYS = frozenset({"title", "url", "date", "accessed"})
HISTORY_KEYS = frozenset({"date", "change", "value", "low", "typical", "high", "sources"})
RANGE_KEYS = ("low", "typical", "high")

CONTROL = re.compile(r"[\x00-\x1f\x7f]")
"""What one line of plain text may not hold: a line break or any other control character."""

FACT_NAME = re.compile(r"[a-z][a-z0-9_]*")
"""Fact names appear in URLs (``#fact-…``) and Python code: lowercase words joined by ``_``."""

PARTIAL_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
"""A date as precise as its source: "2025", "2025-11" or "2025-11-26"."""

URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
"""The characters RFC 3986 allows in a URL; anything else (a space, a quote, ``<``) is a typo or
an attack, and has no business inside an ``href``."""


@dataclass(frozen=True)
class Problem:
    """One broken rule, where it is broken."""

    line: int | None
    fact: str
    key: str
    message: str
    file: str = DATA_FILE

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        key = f", key {self.key!r}" if self.key else ""
        return f"{where}: fact {self.fact!r}{key}: {self.message}"


class FactDataError(ValueError):
    """The data file breaks its own schema; the message names the file, the line, the fact and the key."""

    def __init__(self, problems: list[Problem] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.file = next((p.file for p in self.problems if isinstance(p, Problem)), DATA_FILE)
        if isinstance(problems, str):
            text = problems
        elif len(self.problems) == 1:
            text = str(self.problems[0])
        else:
            listed = "\n".join(f"  {p}" for p in self.problems)
            text = f"{len(self.problems)} problems in {self.file}:\n{listed}"
        super().__init__(text)


Path = tuple[str | int, ...]
"""Where a thing is in the data: ``("crp_rpm", "sources", 1, "date")``."""

_Reporter = Callable[[Path, str], None]
"""Records one problem at a path inside the fact being checked."""


def locate(text: str) -> dict[Path, int]:
    """The 1-based line of each table and key in the TOML text.

    Covers the layout ``facts.toml`` uses: ``[fact]`` tables, ``[[fact.sources]]`` and
    ``[[fact.history]]`` arrays of tables (and ``[[fact.history.sources]]``), and ``key = …``
    lines, skipping the inside of multi-line strings. Anything else (an inline table, say)
    falls back to the nearest enclosing line, which is still the right place to look.
    """
    lines: dict[Path, int] = {}
    current: Path = ()
    counts: dict[Path, int] = {}
    in_string = ""
    for number, line in enumerate(text.splitlines(), 1):
        if in_string:
            if line.count(in_string) % 2 == 1:
                in_string = ""
            continue
        stripped = line.strip()
        header = re.fullmatch(r"(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(#.*)?", stripped)
        if header:
            names = header.group(2).split(".")
            if header.group(1) == "[[":
                parent = _resolve(names[:-1], counts)
                array = (*parent, names[-1])
                counts[array] = counts.get(array, -1) + 1
                current = (*array, counts[array])
            else:
                current = _resolve(names, counts)
            lines.setdefault(current, number)
            continue
        assignment = re.match(r"([A-Za-z0-9_-]+)\s*=\s*(.*)", stripped)
        if assignment and current:
            lines.setdefault((*current, assignment.group(1)), number)
            rest = assignment.group(2)
            for quote in ('"""', "'''"):
                if rest.startswith(quote) and rest.count(quote) == 1:
                    in_string = quote
    return lines


def _resolve(names: list[str], counts: dict[Path, int]) -> Path:
    """A dotted table name as a path, with arrays of tables pointing at their latest element."""
    path: Path = ()
    for name in names:
        path = (*path, name)
        if path in counts:
            path = (*path, counts[path])
    return path


class LazyLines:
    """The line map of ``locate``, made only when a problem needs a line.

    A data file that passes every check (every load in the browser, where the build has checked
    it already) never needs it, and on a phone-class CPU the map is part of the first result's wait.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def lines(self) -> dict[Path, int]:
        return locate(self.text) if self.text else {}

    def line_of(self, path: Path) -> int | None:
        return line_of(self.lines, path)


def line_of(lines: Mapping[Path, int], path: Path) -> int | None:
    """The line of ``path``, or of the nearest enclosing table that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


def read_toml(text: str, file: str = DATA_FILE) -> dict[str, object]:
    """Parse the file, naming it (and the fact around the error) when the TOML itself is broken.

    Without this, a syntax error or a duplicated table surfaces as a bare ``TOMLDecodeError``
    that the site build reports against whichever page asked for a fact first.
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"\(at line (\d+), column (\d+)\)$", message)
        if not found:
            raise FactDataError(f"{file}: not valid TOML: {message}") from None
        line = int(found.group(1))
        message = message[: found.start()].rstrip()
        fact = _fact_above(text, line)
        where = f" (in fact {fact!r})" if fact else ""
        raise FactDataError(
            f"{file}:{line}:{found.group(2)}: not valid TOML{where}: {message}."
            " Dates without quotes must be real days (2026-11-01); a fact's [name] may appear only once."
        ) from None


def _fact_above(text: str, line: int) -> str:
    """The fact whose table holds ``line``: the nearest ``[name]`` or ``[[name.…]]`` above it."""
    for candidate in reversed(text.splitlines()[:line]):
        header = re.fullmatch(r"\[\[?\s*([A-Za-z0-9_-]+)[^\]]*\]\]?\s*(#.*)?", candidate.strip())
        if header:
            return header.group(1)
    return ""


def check(data: Mapping[str, object], text: str = "", file: str = DATA_FILE) -> list[Problem]:
    """Every broken rule in the parsed data file; ``text`` (the file itself) gives the lines."""
    lines = LazyLines(text)
    problems: list[Problem] = []
    for name, entry in data.items():

        def problem(path: Path, message: str, name: str = name) -> None:
            key = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
            problems.append(Problem(lines.line_of((name, *path)), name, key, message, file))

        if not FACT_NAME.fullmatch(name):
            problem((), "a fact name is lowercase letters, digits and _, starting with a letter")
        if not isinstance(entry, Mapping):
            problem((), "must be a table: [name] followed by its keys")
            continue
        _check_fact(entry, problem)
    return problems


def _check_fact(entry: Mapping[str, object], problem: _Reporter) -> None:
    for key in sorted(set(entry) - FACT_KEYS):
        problem((key,), f"unknown key; a fact has {', '.join(sorted(FACT_KEYS))}")
    for key in ("label", "unit", "reviewed", "sources"):
        if key not in entry:
            problem((), f"is missing {key!r}")
    _check_text(entry, "label", problem, required=True)
    _check_text(entry, "per", problem)
    _check_text(entry, "note", problem)
    unit = entry.get("unit")
    if "unit" in entry and unit not in get_args(Unit):
        problem(("unit",), f"unknown unit {unit!r}; use one of {', '.join(get_args(Unit))}")
    bounds = _bounds(entry, unit, problem)
    _check_value(entry, (), bounds, problem)
    confidence = entry.get("confidence", "reported")
    if confidence not in CONFIDENCE:
        problem(("confidence",), f"must be one of {', '.join(CONFIDENCE)}, not {confidence!r}")
    reviewed = entry.get("reviewed")
    if "reviewed" in entry and (not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime)):
        problem(("reviewed",), f"must be a TOML date like 2026-11-26 (no quotes), not {reviewed!r}")
    if "sources" in entry:
        _check_sources(entry["sources"], ("sources",), problem)
    history = entry.get("history", [])
    if not isinstance(history, list) or not all(isinstance(h, Mapping) for h in history):
        problem(("history",), "must be [[name.history]] tables")
        return
    previous = ""
    for index, change in enumerate(history):
        at: Path = ("history", index)
        for key in sorted(set(change) - HISTORY_KEYS):
            problem((*at, key), f"unknown key; a history entry has {', '.join(sorted(HISTORY_KEYS))}")
        day = change.get("date")
        if _check_date(day, (*at, "date"), problem, required=True) and isinstance(day, str):
            if day < previous:
                problem((*at, "date"), f"history runs oldest first: {day} comes after {previous}")
            previous = day
        _check_text(change, "change", problem, at=at, required=True)
        if any(k in change for k in ("value", *RANGE_KEYS)):
            _check_value(change, at, bounds, problem)
        if "sources" not in change:
            problem(at, "a change needs its own [[name.history.sources]] saying when it happened")
        else:
            _check_sources(change["sources"], (*at, "sources"), problem)


def _check_text(
    entry: Mapping[str, object], key: str, problem: _Reporter, at: Path = (), required: bool = False
) -> None:
    if key not in entry:
        return
    text = entry[key]
    if not isinstance(text, str):
        problem((*at, key), f"must be text in quotes, not {text!r}")
    elif required and not text.strip():
        problem((*at, key), "must not be empty")
    elif CONTROL.search(text):
        problem((*at, key), "must be one line of plain text (no line breaks or control characters)")


def _bounds(entry: Mapping[str, object], unit: object, problem: _Reporter) -> tuple[float, float]:
    default = UNIT_BOUNDS.get(str(unit), (-math.inf, math.inf))
    if "bounds" not in entry:
        return default
    raw = entry["bounds"]
    if (
        not isinstance(raw, list)
        or len(raw) != 2
        or not all(isinstance(b, int | float) and not isinstance(b, bool) for b in raw)
        or not raw[0] < raw[1]
    ):
        problem(("bounds",), f"must be two numbers, lowest first, like bounds = [0, 300]; not {raw!r}")
        return default
    return float(raw[0]), float(raw[1])


def _check_value(entry: Mapping[str, object], at: Path, bounds: tuple[float, float], problem: _Reporter) -> None:
    """``value`` alone, or all of ``low``, ``typical`` and ``high`` in order, each inside the bounds."""
    has_range = [k for k in RANGE_KEYS if k in entry]
    if "value" in entry and has_range:
        problem(
            (*at, has_range[0]),
            f"has both 'value' and {', '.join(repr(k) for k in has_range)}: give one value, or a"
            " low / typical / high range, not both (the range would be ignored)",
        )
        return
    if "value" not in entry and len(has_range) != 3:
        missing = [k for k in RANGE_KEYS if k not in entry]
        problem(at, f"needs 'value', or 'low', 'typical' and 'high' (missing {', '.join(missing)})")
        return
    names = ("value",) if "value" in entry else RANGE_KEYS
    numbers: list[float] = []
    for name in names:
        raw = entry[name]
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
            problem((*at, name), f"must be a number, not {raw!r}")
            return
        low, high = bounds
        if not low <= raw <= high:
            limits = f"{_number(low)} to {_number(high)}" if high != math.inf else f"{_number(low)} or more"
            hint = " (declare bounds = [low, high] if this figure really can be)" if "bounds" not in entry else ""
            problem((*at, name), f"{_number(raw)} is out of bounds: must be {limits}{hint}")
        numbers.append(float(raw))
    if len(numbers) == 3 and not numbers[0] <= numbers[1] <= numbers[2]:
        problem((*at, "low"), f"needs low <= typical <= high, not {' / '.join(_number(n) for n in numbers)}")


def _check_sources(raw: object, at: Path, problem: _Reporter) -> None:
    if not isinstance(raw, list) or not raw or not all(isinstance(s, Mapping) for s in raw):
        problem(at, f"needs at least one [[name.{'.'.join(str(p) for p in at if isinstance(p, str))}]] entry")
        return
    for index, source in enumerate(raw):
        here: Path = (*at, index)
        for key in sorted(set(source) - SOURCE_KEYS):
            problem((*here, key), f"unknown key; a source has {', '.join(sorted(SOURCE_KEYS))}")
        for key in ("title", "url"):
            if key not in source:
                problem(here, f"a source is missing {key!r}")
        _check_text(source, "title", problem, at=here, required=True)
        if "url" in source:
            _check_url(source["url"], (*here, "url"), problem)
        if "date" in source and "accessed" in source:
            problem(
                (*here, "accessed"), "give 'date' (the page's own date) or 'accessed' (for a page with none), not both"
            )
        elif "date" in source:
            _check_date(source["date"], (*here, "date"), problem, required=True)
        elif "accessed" in source:
            _check_date(source["accessed"], (*here, "accessed"), problem, required=True)
        else:
            problem(
                here,
                'a source needs its own date: date = "2025-11" (as precise as the page gives it),'
                ' or accessed = "2026-11" (when you read it) for a page that shows no date',
            )


def _check_url(url: object, at: Path, problem: _Reporter) -> None:
    if not isinstance(url, str):
        problem(at, f"must be text in quotes, not {url!r}")
        return
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        problem(at, f"is not a URL: {url!r}")
        return
    if parts.scheme != "https":
        problem(at, f"must start with https://, not {url!r}")
    elif not URL_CHARACTERS.fullmatch(url):
        bad = sorted({c for c in url if not URL_CHARACTERS.fullmatch(c)})
        problem(at, f"has characters a URL cannot hold ({' '.join(repr(c) for c in bad)}): {url!r}")
    elif "." not in host or parts.username or parts.password:
        problem(at, f"needs a host name like example.com: {url!r}")
    elif parts.path.strip("/") == "" and not parts.query:
        problem(at, f"links only to a site's home page; link the page that says it (a deep link): {url!r}")


def _check_date(raw: object, at: Path, problem: _Reporter, required: bool = False) -> bool:
    """A "YYYY", "YYYY-MM" or "YYYY-MM-DD" string that names a real day (or month, or year)."""
    if isinstance(raw, dt.date):
        problem(
            at, f'write it in quotes, as precise as the source is: "{raw.isoformat()}", "{raw:%Y-%m}" or "{raw.year}"'
        )
        return False
    found = PARTIAL_DATE.fullmatch(raw) if isinstance(raw, str) else None
    if found:
        year, month, day = (int(found.group(g) or 1) for g in ("year", "month", "day"))
        try:
            dt.date(year, month, day)
        except ValueError:
            found = None
    if not found:
        problem(at, f'must be a date like "2025", "2025-11" or "2025-11-26", not {raw!r}')
        return False
    return True


def _number(value: float) -> str:
    return f"{value:g}" if math.isfinite(value) else str(value)
