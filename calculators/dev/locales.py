"""``python -m calculators.dev.locales``: write ``data/locales.toml`` from Unicode CLDR, through Babel.

How each country writes numbers and money (decimal and group marks, where the currency
symbol goes, how many decimals its currency has) is CLDR data. The calculators package stays
standard library only (it runs in Pyodide), so it never imports Babel: this developer command
reads CLDR through Babel once and writes the small table the package reads, with the CLDR and
Babel versions as its source. Run it again after upgrading Babel, or when a country is added
to ``data/countries.toml``; the tests compare the table with Babel, country by country.

Each country gets the conventions of its most likely language there (CLDR's "likely
subtags": ``und_DE`` → ``de_DE``, ``und_IN`` → ``hi_IN``), always in Latin digits (readers
type those; ``validation.py`` reads other scripts too), and its first legal tender in use.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tomllib
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

import babel
from babel import Locale, numbers

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "calculators" / "data" / "locales.toml"
COUNTRIES_FILE = ROOT / "calculators" / "data" / "countries.toml"

BASE_COUNTRIES = (
    *("US", "CA", "GB", "IE", "DE", "AT", "FR", "BE", "NL", "IT", "ES", "PT", "PL", "SE", "NO", "DK", "FI", "TR"),
    *("BR", "MX", "AR", "CO", "CL", "PE", "JP", "KR", "CN", "TW", "HK", "ID", "PH", "VN", "TH", "MY", "SG", "IN"),
    *("PK", "BD", "NG", "KE", "GH", "ZA", "EG", "MA", "SA", "AE", "IL", "AU", "NZ", "RU", "UA", "RO", "CZ", "HU"),
    "GR",
)
"""The markets TikTok reports on and the guide's readers come from (issue #16); any country
in ``data/countries.toml`` is added to these."""

EXAMPLE_NUMBER = 1234567.891
EXAMPLE_MONEY = 1234567.891


def listed_countries(path: Path = COUNTRIES_FILE) -> list[str]:
    """The ISO codes of the country table (``calculators.countries.COUNTRIES``, from ``data/countries.toml``)."""
    try:
        table = importlib.import_module("calculators.countries").COUNTRIES
    except ModuleNotFoundError:
        if not path.exists():
            return []
        data = tomllib.loads(path.read_text("utf-8"))
        table = data.get("countries", data)
    codes = [str(getattr(entry, "code", entry)) for entry in table]
    return [code for code in codes if len(code) == 2 and code.isupper()]


def positive(pattern: str) -> str:
    """The positive half of a CLDR pattern (``"¤ #,##0.00;¤ -#,##0.00"`` → ``"¤ #,##0.00"``)."""
    return pattern.split(";")[0]


def conventions(country: str) -> dict[str, object]:
    """One country's row: CLDR's conventions for its likely locale, and examples formatted by CLDR."""
    locale = Locale.parse(f"und_{country}")
    currency = numbers.get_territory_currencies(country)[0]
    return {
        "locale": str(locale),
        "currency": currency,
        "symbol": numbers.get_currency_symbol(currency, locale),
        "decimal": numbers.get_decimal_symbol(locale, numbering_system="latn"),
        "group": numbers.get_group_symbol(locale, numbering_system="latn"),
        "money": positive(locale.currency_formats["standard"].pattern),
        "percent": positive(locale.percent_formats[None].pattern),
        "digits": numbers.get_currency_precision(currency),
        "example_number": numbers.format_decimal(EXAMPLE_NUMBER, locale=locale, numbering_system="latn"),
        "example_money": numbers.format_currency(EXAMPLE_MONEY, currency, locale=locale, numbering_system="latn"),
    }


def _toml_string(text: str) -> str:
    """A TOML basic string; spaces CLDR uses (no-break, narrow no-break) written as escapes, so they show."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif (char.isprintable() and not char.isspace()) or char == " ":
            out.append(char)
        else:
            out.append(f"\\u{ord(char):04X}")
    return '"' + "".join(out) + '"'


def render(countries: Iterable[str]) -> str:
    """The table's text: one line per country, sorted by code."""
    lines = [
        "# How each country writes numbers and money: generated from Unicode CLDR by",
        "# `python -m calculators.dev.locales` (Babel). Do not edit by hand: run that command instead.",
        "# money / percent are CLDR patterns: ¤ is the currency symbol, # and 0 digits, , and . the",
        "# group and decimal marks (written in the row's own marks); digits = the currency's decimals.",
        "",
        "[source]",
        f'title = "Unicode CLDR {babel.core.get_cldr_version()}, read with Babel {babel.__version__}"',
        f'url = "https://cldr.unicode.org/downloads/cldr-{babel.core.get_cldr_version()}"',
        f'cldr = "{babel.core.get_cldr_version()}"',
        "",
        "[countries]",
    ]
    for code in sorted(set(countries)):
        row = conventions(code)
        cells = ", ".join(
            f"{key} = {value}" if isinstance(value, int) else f"{key} = {_toml_string(str(value))}"
            for key, value in row.items()
        )
        lines.append(f"{code} = {{ {cells} }}")
    return "\n".join(lines) + "\n"


def current_text() -> str:
    return resources.files("calculators").joinpath("data/locales.toml").read_text("utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m calculators.dev.locales", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the table differs from what CLDR gives")
    args = parser.parse_args(argv)
    text = render([*BASE_COUNTRIES, *listed_countries()])
    if args.check:
        if TARGET.exists() and TARGET.read_text("utf-8") == text:
            print(f"{TARGET.relative_to(ROOT)} matches CLDR {babel.core.get_cldr_version()}.")
            return 0
        print(f"{TARGET.relative_to(ROOT)} is out of date: run python -m calculators.dev.locales", file=sys.stderr)
        return 1
    TARGET.write_text(text, "utf-8")
    print(f"Wrote {TARGET.relative_to(ROOT)}: {text.count(' = {')} countries, CLDR {babel.core.get_cldr_version()}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
