"""The dated log of rule changes, read from the facts' own ``history``: nothing is copied by hand.

Each ``[[fact.history]]`` entry in ``data/facts.toml`` records one change: the day it took
effect, what changed, the value before it (when the figure itself changed) and its sources.
The value after it is the next entry's "before", or the fact's current value, so the log and
the facts cannot disagree. The "What changed" page, its Atom feed and the "recently changed"
note next to a calculator's figures are all built from :func:`changelog`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from calculators.facts import Change, Fact, load_facts
from calculators.spec import Note, Range

RECENT_DAYS = 90
"""How long a change counts as recent: about one quarter, as long as a creator's plans for a
program (a month's posting, a payout cycle or two) may still rest on the old rule."""


@dataclass(frozen=True)
class LogEntry:
    """One change of one fact, with the values on either side of it."""

    fact: Fact
    change: Change
    before: Range | None
    after: Range | None

    @property
    def date(self) -> str:
        return self.change.date

    @property
    def anchor(self) -> str:
        """A stable id for the entry: the fact and the day, both fixed once written."""
        return f"change-{self.fact.key}-{self.change.date}"

    @property
    def values(self) -> str:
        """ "50% → 70%", or "" when the change did not alter the figure."""
        if self.before is None or self.after is None:
            return ""
        return f"{self.fact.format(self.before)} → {self.fact.format(self.after)}"

    def took_effect(self) -> dt.date:
        """The first day the change could have applied ("2024" counts from 1 January)."""
        year, month, day = [*self.change.date.split("-"), "1", "1"][:3]
        return dt.date(int(year), int(month), int(day))


def changelog(facts: Iterable[Fact] | None = None) -> list[LogEntry]:
    """Every recorded change, newest first (the same day: in the data file's order)."""
    entries = []
    for fact in load_facts().values() if facts is None else facts:
        for index, change in enumerate(fact.history):
            before = change.before
            entries.append(LogEntry(fact, change, before, fact.value_after(index) if before is not None else None))
    return sorted(entries, key=lambda e: e.date, reverse=True)


def recent(keys: Iterable[str], today: dt.date, days: int = RECENT_DAYS) -> list[LogEntry]:
    """Changes to the facts ``keys`` that took effect in the last ``days`` days (not in the future)."""
    wanted = set(keys)
    since = today - dt.timedelta(days=days)
    return [e for e in changelog() if e.fact.key in wanted and since <= e.took_effect() <= today]


def recent_notes(keys: Iterable[str], today: dt.date | None = None) -> tuple[Note, ...]:
    """A note per recent change to a fact a result used, to show next to its figures."""
    return tuple(
        Note(
            f"Changed recently: on {e.date}, {e.fact.label}: {e.change.change}"
            + (f" ({e.values})" if e.values else "")
            + " See the What changed page.",
            "info",
        )
        for e in recent(keys, today or dt.date.today())
    )
