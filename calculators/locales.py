"""Each country's way of writing numbers and money, and its currency's value in US dollars.

Two data files, both written by developer commands from their sources (never by hand):
``data/locales.toml`` holds CLDR's conventions per country (``python -m calculators.dev.locales``)
and ``data/exchange_rates.toml`` the ECB's euro reference rates, as facts
(``python -m calculators.dev.exchange_rates``). ``style_for("DE")`` joins them into the
``NumberStyle`` the formatters and the number reading use for one evaluation.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from calculators.facts import load_facts
from calculators.formatting import BIDI_MARKS, US, NumberStyle, Pattern

DEFAULT_COUNTRY = "US"
"""The stated default: figures built into the pages are for a reader in the United States."""

LOCALES_FILE = "calculators/data/locales.toml"


@dataclass(frozen=True)
class Conventions:
    """One row of ``data/locales.toml``: CLDR's conventions for a country's likely locale."""

    country: str
    locale: str
    currency: str
    symbol: str
    decimal: str
    group: str
    money: str
    percent: str
    digits: int
    example_number: str
    example_money: str


@dataclass(frozen=True)
class Table:
    source: str
    cldr: str
    countries: dict[str, Conventions]


@cache
def conventions() -> Table:
    """The CLDR table, read once per process."""
    text = resources.files("calculators").joinpath("data/locales.toml").read_text("utf-8")
    data = tomllib.loads(text)
    source = data["source"]
    rows = {}
    for code, row in data["countries"].items():
        cell = {key: str(value) for key, value in row.items()}
        rows[code] = Conventions(
            country=code,
            locale=cell["locale"],
            currency=cell["currency"],
            symbol=cell["symbol"],
            decimal=cell["decimal"],
            group=cell["group"],
            money=cell["money"],
            percent=cell["percent"],
            digits=int(row["digits"]),
            example_number=cell["example_number"],
            example_money=cell["example_money"],
        )
    return Table(str(source["title"]), str(source["cldr"]), rows)


# Read now, at import, not on a first reader abroad: the browser restores a memory snapshot of the
# imported package (site_build/make_snapshot.mjs) in which the package's files no longer exist,
# so a data file must already be in memory (as the facts are, read when the snapshot is made).
conventions()


def rate_key(currency: str) -> str:
    """The fact holding the ECB's figure for ``currency`` (units per euro)."""
    return f"ecb_eur_{currency.lower()}"


def usd_rate_facts(currency: str) -> tuple[str, ...]:
    """The facts a conversion from US dollars into ``currency`` rests on; empty when there is no rate."""
    if currency == "USD":
        return ()
    if currency == "EUR":
        return (rate_key("USD"),)
    if rate_key(currency) not in load_facts():
        return ()
    return (rate_key("USD"), rate_key(currency))


def per_usd(currency: str) -> float | None:
    """Units of ``currency`` one US dollar buys, by the ECB's euro cross rate; ``None`` if the ECB has none.

    The ECB publishes each currency per euro; a dollar is worth ``X per euro ÷ US dollars per euro``.
    """
    if currency == "USD":
        return 1.0
    facts = load_facts()  # not get_fact: a style is no compute's reading, and is cached across them
    if rate_key("USD") not in facts or (currency != "EUR" and rate_key(currency) not in facts):
        return None
    usd = facts[rate_key("USD")].value.typical
    other = 1.0 if currency == "EUR" else facts[rate_key(currency)].value.typical
    return other / usd


def rate_date(currency: str) -> str:
    """The ECB date of the rates behind ``currency``'s conversion ("" when there is none)."""
    keys = usd_rate_facts(currency)
    return max((load_facts()[k].sources[0].date for k in keys), default="")


@cache
def style_for(country: str) -> NumberStyle:
    """How to write numbers and money for a reader in ``country`` (ISO 3166-1 alpha-2, upper case).

    The United States, and a code the table does not hold, get the stated default, ``US``.
    """
    if country == DEFAULT_COUNTRY:
        return US  # without reading the table: the built pages and most readers need nothing else
    row = conventions().countries.get(country)
    if row is None:
        return US
    return NumberStyle(
        country=country,
        currency=row.currency,
        symbol=row.symbol.translate(BIDI_MARKS),
        decimal=row.decimal,
        group=row.group,
        money=Pattern.parse(row.money),
        percent=Pattern.parse(row.percent),
        digits=row.digits,
        per_usd=per_usd(row.currency),
        rate_date=rate_date(row.currency),
    )
