"""Numbers read the same way in prose, tables, charts and the CLI."""

from __future__ import annotations

import pytest

from calculators.formatting import format_money, format_number, format_percent, format_plain, format_range, format_value
from calculators.spec import Range


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "$0.00"),
        (0.005, "$0.005"),
        (0.4, "$0.40"),
        (12.345, "$12.35"),
        (400, "$400"),
        (1234.5, "$1,234"),
        (2_500_000, "$2,500,000"),
        (-20, "−$20.00"),
        (float("inf"), "—"),
    ],
)
def test_money(value: float, text: str) -> None:
    assert format_money(value) == text


def test_numbers_and_percent() -> None:
    assert format_number(1234567) == "1,234,567"
    assert format_number(0.5) == "0.5"
    assert format_percent(4.14) == "4.14%"
    assert format_percent(12.0) == "12%"
    assert format_plain(12000.0) == "12000"
    assert format_plain(12.5) == "12.5"
    assert format_value(1, "days") == "1 day"
    assert format_value(15, "days") == "15 days"


def test_ranges() -> None:
    assert format_range(Range(400, 700, 1000), "usd") == "$400–$1,000"
    assert format_range(Range.of(50), "usd") == "$50.00"
    assert format_range(Range(10, 10, 100), "usd") == "$10–$100"
    assert format_range(Range(0.5, 1, 100), "usd") == "$0.50–$100"
    assert format_range(Range(0.4, 0.7, 1.0), "usd_per_1k") == "$0.40–$1.00 per 1,000"
