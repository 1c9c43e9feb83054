"""The data file: every fact has a value, a source with a date, and a review date."""

from __future__ import annotations

import datetime as dt

import pytest

from calculators.facts import FactDataError, UnknownFactError, get_fact, load_facts, parse_facts, rate

VALID = {
    "label": "Example rate",
    "unit": "usd",
    "low": 1,
    "typical": 2,
    "high": 3,
    "reviewed": dt.date(2026, 11, 1),
    "sources": [{"title": "A source", "url": "https://example.org/a", "date": "2025-11"}],
}


def test_every_fact_is_sourced_and_dated() -> None:
    facts = load_facts()
    assert len(facts) >= 10
    for fact in facts.values():
        assert fact.sources, fact.key
        assert all(s.url.startswith("https://") and (s.date or s.accessed) for s in fact.sources), fact.key
        assert fact.reviewed <= dt.date.today(), fact.key
        assert fact.value.low <= fact.value.typical <= fact.value.high, fact.key


def test_unknown_fact_names_the_closest() -> None:
    with pytest.raises(UnknownFactError, match="Did you mean er_views_benchmark"):
        get_fact("er_view_benchmark")


def test_rate_is_the_facts_range() -> None:
    assert rate("er_views_benchmark") == get_fact("er_views_benchmark").value


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"unit": "euros"}, "unknown unit"),
        ({"low": 5}, "low <= typical <= high"),
        ({"reviewed": "2026-11-01"}, "TOML date"),
        ({"sources": []}, "at least one"),
        ({"sources": [{"title": "t", "url": "http://x.org/a", "date": "2020"}]}, "https://"),
        ({"confidence": "vibes"}, "confidence"),
        ({"high": "lots"}, "must be a number"),
    ],
)
def test_schema_errors_name_the_fact(change: dict[str, object], message: str) -> None:
    with pytest.raises(FactDataError, match=message) as info:
        parse_facts({"example": {**VALID, **change}})
    assert "example" in str(info.value)


def test_fact_text_parts() -> None:
    fact = parse_facts({"x": {**VALID, "unit": "usd_per_1k", "per": "1,000 qualified views"}})["x"]
    assert fact.text() == "$1.00–$3.00 per 1,000 qualified views"
    assert fact.text("typical") == "$2.00 per 1,000 qualified views"
    with pytest.raises(ValueError, match="fact part"):
        fact.text("median")
