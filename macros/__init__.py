"""The MkDocs side of the guide: Jinja macros that place calculators and sourced figures in pages.

Kept thin on purpose (Material for MkDocs reaches end of life on 2027-05-05): every macro
is a few lines around ``calculators``, so the content moves with it to another generator.
Unknown calculator or fact names raise, and ``on_error_fail: true`` turns that into a
failed build that names the unknown thing.
"""

from __future__ import annotations

from typing import Any

from calculators.countries import CountryDataError, load_countries
from calculators.facts import FactDataError, load_facts
from macros.changelog import changes_log
from macros.countries import country_count, country_details, country_names, country_overview
from macros.faq import faq_jsonld
from macros.figures import fact, fact_value, facts_table, reviewed
from macros.methodology import calculator_methods
from macros.widgets import calculator, calculator_figure, calculator_list


def define_env(env: Any) -> None:
    """Register the macros with mkdocs-macros-plugin.

    The data files are read and checked here, before any page: a broken ``facts.toml`` or
    ``countries.toml`` fails the build with its own name and line, not as an error in whichever
    page quoted a figure first.
    """
    try:
        load_facts()
        load_countries()
    except (FactDataError, CountryDataError) as exc:
        raise _build_error(str(exc)) from None
    for fn in (
        calculator,
        calculator_figure,
        calculator_list,
        calculator_methods,
        changes_log,
        country_count,
        country_details,
        country_names,
        country_overview,
        fact,
        fact_value,
        facts_table,
        faq_jsonld,
        reviewed,
    ):
        env.macro(fn)


def _build_error(message: str) -> Exception:
    """An error MkDocs prints as one line, without a traceback through the plugin machinery."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # another generator rendering the macros
        return FactDataError(message)
    return PluginError(message)
