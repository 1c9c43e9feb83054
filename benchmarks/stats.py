"""The arithmetic of the benchmark: medians, percentiles, blocking time, layout shift, ratios.

Pure functions on plain numbers, so they are unit-tested (``tests/benchmarks/``) apart from
any browser.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

LONG_TASK_MS = 50.0
"""A main-thread task longer than this blocks input (the Long Tasks API's threshold)."""


def median(values: Iterable[float]) -> float:
    """The middle value (mean of the two middle ones for an even count)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("median of no values")
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2


def percentile(values: Iterable[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``pct`` % of values at or below it.

    With 100 values, p95 is the 95th smallest; p50 of an even count is the lower middle value.
    """
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of no values")
    if not 0 < pct <= 100:
        raise ValueError(f"percentile must be in (0, 100], got {pct}")
    rank = math.ceil(pct / 100 * len(ordered))
    return float(ordered[rank - 1])


def total_blocking_time(long_tasks: Iterable[Sequence[float]], start: float, end: float) -> float:
    """Blocking time of long tasks within ``[start, end]``, as Lighthouse counts it.

    ``long_tasks`` are ``(startTime, duration)`` pairs as PerformanceObserver('longtask') gives
    them. A task blocks from its 50th millisecond to its end; only that part inside the window
    counts (a task that began before the window counts from the window's start).
    """
    total = 0.0
    for begin, duration in long_tasks:
        blocking_from = max(begin + LONG_TASK_MS, start)
        blocking_to = min(begin + duration, end)
        total += max(0.0, blocking_to - blocking_from)
    return total


def cumulative_layout_shift(shifts: Iterable[Sequence[float | bool]], end: float) -> float:
    """Sum of layout-shift scores up to ``end``, leaving out shifts right after user input.

    ``shifts`` are ``(startTime, value, hadRecentInput)`` triples from
    PerformanceObserver('layout-shift'). Every shift counts (no session windows), which is
    stricter than the Web Vitals definition.
    """
    return sum(float(value) for start, value, recent in shifts if not recent and float(start) <= end)


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``; infinite when the denominator is zero (never a silent pass)."""
    if denominator == 0:
        return math.inf
    return numerator / denominator


def paired_ratio(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """Median of per-run ratios: each run's page and baseline shared the machine's load of the moment."""
    if len(numerators) != len(denominators):
        raise ValueError("paired values must have the same length")
    return median(ratio(n, d) for n, d in zip(numerators, denominators, strict=True))
