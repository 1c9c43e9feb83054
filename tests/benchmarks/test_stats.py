"""Medians, percentiles, blocking time and layout shift: the arithmetic the budgets rest on."""

from __future__ import annotations

import math

import pytest

from benchmarks.stats import (
    cumulative_layout_shift,
    median,
    paired_ratio,
    percentile,
    ratio,
    total_blocking_time,
)


def test_median_of_odd_and_even_counts() -> None:
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 3, 2]) == 2.5
    assert median([7]) == 7


def test_median_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="no values"):
        median([])


def test_p95_of_a_hundred_values_is_the_95th_smallest() -> None:
    values = list(range(100, 0, -1))  # 100 … 1, unsorted on purpose
    assert percentile(values, 95) == 95
    assert percentile(values, 50) == 50
    assert percentile(values, 100) == 100


def test_percentile_uses_nearest_rank() -> None:
    assert percentile([10, 20, 30], 50) == 20
    assert percentile([10, 20, 30], 95) == 30
    assert percentile([10, 20, 30, 40], 50) == 20  # lower middle: a rank, not an interpolation
    assert percentile([5], 95) == 5


@pytest.mark.parametrize("pct", [0, -1, 101])
def test_percentile_outside_0_100_is_an_error(pct: float) -> None:
    with pytest.raises(ValueError, match="percentile"):
        percentile([1, 2], pct)


def test_blocking_time_counts_only_the_part_over_50_ms() -> None:
    tasks = [(100.0, 50.0), (200.0, 80.0), (300.0, 250.0)]
    assert total_blocking_time(tasks, 0, 1000) == pytest.approx(30 + 200)


def test_blocking_time_is_clipped_to_the_window() -> None:
    tasks = [(10.0, 120.0), (500.0, 60.0), (900.0, 400.0)]
    # Window [0, 900]: the first task blocks 60..130, the second 550..560, the third not yet.
    assert total_blocking_time(tasks, 0, 900) == pytest.approx(70 + 10)
    # Window [100, 2000]: only 100..130 of the first task; the third blocks 950..1300.
    assert total_blocking_time(tasks, 100, 2000) == pytest.approx(30 + 10 + 350)
    # A window inside a task's first 50 ms: nothing blocks yet.
    assert total_blocking_time([(0.0, 200.0)], 10, 40) == 0
    assert total_blocking_time([], 0, 1000) == 0


def test_layout_shift_sums_shifts_without_recent_input_until_the_end() -> None:
    shifts = [(50.0, 0.01, False), (60.0, 0.2, True), (700.0, 0.005, False), (1500.0, 0.3, False)]
    assert cumulative_layout_shift(shifts, 1000) == pytest.approx(0.015)
    assert cumulative_layout_shift([], 1000) == 0


def test_ratio_never_passes_silently_on_a_zero_baseline() -> None:
    assert ratio(3, 2) == 1.5
    assert math.isinf(ratio(1, 0))


def test_paired_ratio_is_the_median_of_per_run_ratios() -> None:
    assert paired_ratio([100, 300, 200], [100, 100, 400]) == 1.0
    with pytest.raises(ValueError, match="same length"):
        paired_ratio([1, 2], [1])
