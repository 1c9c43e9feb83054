"""The MkDocs side of the guide: Jinja macros that place calculators and sourced figures in pages.

Kept thin on purpose (Material for MkDocs reaches end of life on 2027-05-05): every macro
is a few lines around ``calculators``, so the content moves with it to another generator.
Unknown calculator or fact names raise, and ``on_error_fail: true`` turns that into a
failed build that names the unknown thing.
"""

from __future__ import annotations

from typing import Any

from macros.faq import faq_jsonld
from macros.figures import fact, fact_value, facts_table, reviewed
from macros.widgets import calculator, calculator_figure, calculator_list


def define_env(env: Any) -> None:
    """Register the macros with mkdocs-macros-plugin."""
    for fn in (calculator, calculator_figure, calculator_list, fact, fact_value, facts_table, faq_jsonld, reviewed):
        env.macro(fn)
