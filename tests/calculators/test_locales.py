"""Numbers and money for the reader's country, checked against their sources: CLDR (through Babel) and the ECB.

Every expected text here comes from Babel's formatting of CLDR or from the ECB's published
figures, never from the code under test.
"""

from __future__ import annotations

import importlib
import math
import subprocess
import sys

import pytest
from babel import Locale
from babel import numbers as cldr
from hypothesis import given
from hypothesis import strategies as st

from calculators.dev import locales as generator
from calculators.engine import evaluate
from calculators.facts import parse_facts_text
from calculators.formatting import (
    BIDI_MARKS,
    US,
    format_local,
    format_money,
    format_number,
    localize,
    style,
    using,
    with_symbol,
)
from calculators.locales import conventions, per_usd, style_for, usd_rate_facts
from calculators.registry import calculators
from calculators.render import render_results
from calculators.spec import Field
from calculators.validation import parse_field, read_back, readings

ISSUE_COUNTRIES = (
    "US CA GB DE FR IT ES NL BR MX JP KR ID PH VN TH MY SG IN NG ZA EG SA AE TR AU PL".split()  # noqa: SIM905
)
"""The markets issue #16 names (and the team's brief), before the country table lands."""

TABLE = conventions().countries
CONVERTING = sorted(code for code in TABLE if style_for(code).converts)
MONEY = Field("price", "Price", 4.99, kind="money", minimum=0, maximum=1e6)
COUNT = Field("views", "Views", 1000, kind="integer", minimum=0, maximum=1e12)


def country_table() -> list[str]:
    """The countries of the country table (``calculators/countries.py``), or the issue's list before it exists."""
    try:
        module = importlib.import_module("calculators.countries")
    except ModuleNotFoundError:
        return list(ISSUE_COUNTRIES)
    return [str(getattr(entry, "code", entry)) for entry in module.COUNTRIES]


def test_every_country_of_the_guide_has_its_conventions() -> None:
    missing = sorted(set(country_table()) - set(TABLE))
    assert not missing, f"no CLDR conventions for {missing}: run python -m calculators.dev.locales"


@pytest.mark.parametrize("code", sorted(TABLE))
def test_the_table_is_what_cldr_says(code: str) -> None:
    """The committed table is Babel's CLDR, row for row (a hand edit or an older Babel fails here)."""
    row = TABLE[code]
    assert {key: getattr(row, key) for key in generator.conventions(code)} == generator.conventions(code)


def test_the_table_names_its_cldr_version() -> None:
    import babel

    assert conventions().cldr == babel.core.get_cldr_version()
    assert f"CLDR {conventions().cldr}" in conventions().source


@pytest.mark.parametrize("code", sorted(TABLE))
def test_numbers_are_written_as_cldr_writes_them(code: str) -> None:
    """Each country's example, formatted by CLDR itself, is what the stdlib formatter writes."""
    locale = Locale.parse(TABLE[code].locale)
    s = style_for(code) if code != "US" else US
    for number in (1234567.891, 12345.5, 999.25, 1000):
        expected = cldr.format_decimal(number, locale=locale, numbering_system="latn")
        digits = f"{number:,.3f}".rstrip("0").rstrip(".")
        assert localize(digits, s) == expected, number
    row = TABLE[code]
    money = f"{1234567.891:,.{row.digits}f}"
    assert with_symbol(localize(money, s), s.symbol if code != "US" else "$", s) == row.example_money.translate(
        BIDI_MARKS
    )


@pytest.mark.parametrize("code", CONVERTING)
def test_money_is_written_as_cldr_writes_the_currency(code: str) -> None:
    """A converted amount is in the country's currency as CLDR writes it: symbol, marks, decimals."""
    row = TABLE[code]
    locale = Locale.parse(row.locale)
    rate = per_usd(row.currency)
    assert rate is not None
    with using(style_for(code)):
        small = format_local(12.34 / rate)  # under 100: the currency's own decimals
        large = format_local(123456 / rate)  # from 100 up: whole units
    expected = cldr.format_currency(12.34, row.currency, locale=locale, numbering_system="latn")
    assert small == expected.translate(BIDI_MARKS)
    whole = Locale.parse(row.locale).currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
    assert large == cldr.format_currency(
        123456, row.currency, format=whole, locale=locale, currency_digits=False, numbering_system="latn"
    ).translate(BIDI_MARKS)


# --- Exchange rates: the ECB's figures ------------------------------------------------------------


def test_an_ecb_cross_rate_reproduces_the_ecbs_figures() -> None:
    """ECB euro reference rates of 30 October 2026: 1 EUR = 1.1172 USD = 175.68 JPY = 0.8338 GBP.

    A US dollar is 175.68 / 1.1172 = 157.2502… yen and 0.8338 / 1.1172 = 0.74633… pounds, and a
    euro is 1 / 1.1172 = 0.89509… US dollars' worth of euros the other way round.
    """
    assert per_usd("JPY") == pytest.approx(175.68 / 1.1172, rel=1e-12)
    assert per_usd("GBP") == pytest.approx(0.8338 / 1.1172, rel=1e-12)
    assert per_usd("EUR") == pytest.approx(1 / 1.1172, rel=1e-12)
    with using(style_for("JP")):
        assert format_money(1000) == "￥157,250 (US$1,000)"
    with using(style_for("GB")):
        assert format_money(50) == "£37.32 (US$50.00)"
    with using(style_for("DE")):
        assert format_money(50) == "44,75\u00a0€ (50,00\u00a0US$)"


def test_a_currency_the_ecb_does_not_publish_has_no_rate() -> None:
    """The naira is not among the ECB's reference rates: US dollars only, and the page says why."""
    nigeria = style_for("NG")
    assert nigeria.currency == "NGN"
    assert per_usd("NGN") is None
    assert not nigeria.converts
    assert usd_rate_facts("NGN") == ()
    with using(nigeria):
        assert format_money(50) == "US$50.00"
    evaluation = evaluate("subscriptions", {"country": "NG", "price": "4.50"})
    assert evaluation.values["price"] == 4.5  # read as US dollars: there is no rate to read naira
    assert evaluation.result is not None
    assert any("publishes no reference rate for NGN" in note.text for note in evaluation.result.notes)


@given(st.sampled_from(CONVERTING), st.floats(min_value=0.01, max_value=9.99e5))
def test_conversions_round_trip(code: str, usd: float) -> None:
    """US dollars → the reader's currency → US dollars gives back the amount."""
    rate = per_usd(style_for(code).currency)
    assert rate is not None
    assert (usd * rate) / rate == pytest.approx(usd, rel=1e-12)
    # and through the form: the amount typed in the local currency reaches compute in US dollars.
    with using(style_for(code)):
        local = round(usd * rate, 2)
        typed = f"{local:.2f}".replace(".", style().decimal)
        value, error = parse_field(MONEY, typed)
    assert error is None
    assert isinstance(value, float)
    assert value * rate == pytest.approx(local, rel=1e-9)


# --- Reading what the reader types -------------------------------------------------------------


def test_a_german_reader_types_german_numbers() -> None:
    with using(style_for("DE")):
        price, error = parse_field(MONEY, "4,99")
        assert error is None
        assert price == pytest.approx(4.99 * 1.1172)  # 4,99 € at the ECB's 1.1172 US$ per euro
        assert read_back(MONEY, "4,99", price) == "= 4,99\u00a0€ (5,57\u00a0US$)"
        assert readings(COUNT, "300.000") == (300000,)  # "." groups thousands in Germany
        assert parse_field(COUNT, "300.000") == (300000, None)
        assert read_back(COUNT, "300.000", 300000) == "= 300.000"
        assert parse_field(COUNT, "1.234.567") == (1234567, None)
        # "4,500" is 4.5 to a German, 4,500 to an English page: a question, not a guess.
        assert readings(Field("fee", "Fee", 1, kind="number", maximum=1e6), "4,500") == (4500, 4.5)
        # US dollars on purpose
        assert parse_field(MONEY, "US$5") == (5, None)
        assert parse_field(MONEY, "$5") == (5, None)
        assert parse_field(MONEY, "5 €")[0] == pytest.approx(5 * 1.1172)


def test_the_us_reading_is_unchanged() -> None:
    """The stated default reads as before: "300.000" is a question, "300,000" three hundred thousand."""
    assert style() is US
    assert readings(COUNT, "300.000") == (300000, 300)
    assert readings(COUNT, "300,000") == (300000,)
    assert parse_field(MONEY, "$4.99") == (4.99, None)
    with using(style_for("US")):
        assert readings(COUNT, "300.000") == (300000, 300)


def test_india_groups_lakhs_and_crores() -> None:
    with using(style_for("IN")):
        assert parse_field(COUNT, "3,00,000") == (300000, None)
        assert parse_field(COUNT, "1,23,45,678") == (12345678, None)
        assert format_number(12345678) == "1,23,45,678"
    assert parse_field(COUNT, "3,00,000")[1] is not None  # not a way of writing numbers in the US


def test_an_ambiguous_entry_offers_answers_typeable_in_the_country() -> None:
    """The buttons and the message give texts that read one way only in the reader's country."""
    fee = Field("fee", "Fee", 1, kind="number", maximum=1e6)
    with using(style_for("DE")):
        value, error = parse_field(fee, "1,125")
        assert value is None
        assert error is not None
        assert "Type 1125 or 1,1250." in error
        assert parse_field(fee, "1,1250") == (1.125, None)


# --- The engine: one evaluation in the reader's style --------------------------------------------


@pytest.mark.parametrize("calc", sorted(calculators()))
def test_the_default_is_the_united_states_unchanged(calc: str) -> None:
    """No country, and the United States chosen, give the very same page as before the feature."""
    plain, chosen = evaluate(calc), evaluate(calc, {"country": "US"})
    assert plain.style is US
    assert chosen.style is US
    assert render_results(plain) == render_results(chosen)
    assert "US$" not in render_results(plain)


def test_money_typed_abroad_reaches_compute_in_us_dollars() -> None:
    """4,99 € a month from 200 subscribers is what US$5.574868 (4.99 × 1.1172) a month would be."""
    german = evaluate("subscriptions", {"country": "DE", "price": "4,99"})
    # the same German reader giving the price in US dollars (the country's own rules apply to both)
    american = evaluate("subscriptions", {"country": "DE", "price": f"US${4.99 * 1.1172!r}"})
    assert german.result is not None
    assert american.result is not None
    assert german.result.values == american.result.values
    assert "ecb_eur_usd" in german.result.facts
    notes = " ".join(note.text for note in german.result.notes)
    assert "European Central Bank" in notes
    assert "2026-10-30" in notes
    assert "US audiences" in notes  # most reported rates come from the US: said plainly
    html = render_results(german)
    assert "\u00a0€ (" in html  # amounts in euros, US dollars beside them
    assert "\u00a0€<br><small>(" in html  # in the table, beneath them: three columns fit a phone
    assert "US$" in html


def test_a_facts_prose_follows_the_reader() -> None:
    """ "$0.40–$1.00 per 1,000 qualified views" in Germany, at the ECB's 1.1172 US$ per euro."""
    text = """[rpm]\nlabel = "RPM"\nunit = "usd_per_1k"\nlow = 0.40\ntypical = 0.70\nhigh = 1.00
per = "1,000 qualified views"\nreviewed = 2026-11-01\n[[rpm.sources]]\ntitle = "A source"
url = "https://example.org/rpm"\ndate = "2025"\n"""
    fact = parse_facts_text(text)["rpm"]
    assert fact.text() == "$0.40–$1.00 per 1,000 qualified views"
    with using(style_for("DE")):
        assert fact.text() == "0,36\u00a0€–0,90\u00a0€ (0,40\u00a0US$–1,00\u00a0US$) per 1.000 qualified views"


def test_an_unknown_country_gets_the_stated_default() -> None:
    assert style_for("XX") is US
    assert evaluate("subscriptions", {"country": "XX"}).style is US


def test_every_converting_currency_cites_the_ecb() -> None:
    for code in CONVERTING:
        keys = usd_rate_facts(style_for(code).currency)
        assert keys[0] == "ecb_eur_usd"
        assert all(math.isfinite(per_usd(style_for(code).currency) or math.nan) for _ in keys)


def test_a_reader_abroad_needs_no_package_file_after_the_snapshots_warm_up() -> None:
    """The browser restores a memory snapshot in which the package's files do not exist.

    The snapshot is made after importing the package and running every calculator with its
    defaults (site_build/make_snapshot.mjs); here the same warm-up runs in a fresh Python, then
    file access is taken away, and a reader in Germany must still get figures.
    """
    code = """
import importlib.resources
from calculators.api import update
from calculators.registry import calculators
from calculators.validation import default_texts
for calc in calculators().values():
    update(calc.name, {})
    update(calc.name, default_texts(calc))
def gone(*args, **kwargs):
    raise FileNotFoundError("no package files in a restored snapshot")
importlib.resources.files = gone
import json
answer = json.loads(update("subscriptions", {"country": "DE", "price": "4,99"}))
assert answer["html"] and "US$" in answer["html"], answer
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert done.stdout.strip() == "ok", done.stderr[-2000:]
