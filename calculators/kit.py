"""Everything a calculator module uses, from one place: ``from calculators.kit import ...``.

A module in ``calculators/catalog/`` imports only from here (and, to combine calculators, from
other catalog modules), so a contributor learns one list of names and the code behind a name
can move without touching a calculator. Nothing is defined here; the names, by what they do:

- declaring and returning (``spec.py``): ``Calculator``, ``Field``, ``Output``, ``Result``,
  ``Range``, ``Note``, ``Bar``, ``Chart``, ``Values``, ``InputError``; how the form shows the
  fields: ``Group`` (a box of fields that belong together), ``AppliesWhen`` (fields hidden and
  ignored unless another field holds some value);
- fields, each bounded (``common.py``): ``count_field``, ``money_field``, ``percent_field``,
  ``toggle_field``, ``choice_field``, ``age_field``, and the limits ``COUNT_MAX``, ``MONEY_MAX``,
  ``PRICE_MAX``;
- reading the reader's values, validated before ``compute`` runs: ``num``, ``optional_num``,
  ``toggle``, ``choice``;
- sourced figures (``facts.py``, ``data/facts.toml``): ``rate``, ``get_fact``, ``fact_value``,
  ``fact_text``;
- arithmetic: ``fraction``, ``spread``, ``total``, ``median3``, ``Tiers``, ``tier_for``;
- numbers in steps and notes, one vocabulary: ``usd``, ``count``, ``pct`` for a value and
  ``usd3``, ``count3``, ``pct3`` for "low / typical / high", ``usd_range`` for "$400–$1,000";
- eligibility thresholds from facts: ``Gate``, ``check_gates``;
- the reader's country (``countries.py``, ``data/countries.toml``): ``country_field`` (every
  calculator declares it, named ``COUNTRY_FIELD``), ``where`` (the chosen ``Country``), ``Offered`` (a program must be
  offered there: a gate), ``rule_text`` and ``country_note`` (which country rules a result applied).
"""

from __future__ import annotations

from calculators.common import (
    COUNT_MAX,
    COUNTRY_FIELD,
    MONEY_MAX,
    PRICE_MAX,
    Gate,
    Offered,
    Tiers,
    age_field,
    check_gates,
    choice,
    choice_field,
    count,
    count3,
    count_field,
    country_field,
    country_note,
    fact_text,
    fact_value,
    fraction,
    median3,
    money_field,
    pct,
    pct3,
    percent_field,
    rule_text,
    spread,
    tier_for,
    toggle,
    toggle_field,
    total,
    usd,
    usd3,
    usd_range,
    where,
)
from calculators.countries import Country
from calculators.facts import get_fact, rate
from calculators.spec import (
    AppliesWhen,
    Bar,
    Calculator,
    Chart,
    Field,
    Group,
    InputError,
    Note,
    Output,
    Range,
    Result,
    Values,
    num,
    optional_num,
)

__all__ = [
    "COUNTRY_FIELD",
    "COUNT_MAX",
    "MONEY_MAX",
    "PRICE_MAX",
    "AppliesWhen",
    "Bar",
    "Calculator",
    "Chart",
    "Country",
    "Field",
    "Gate",
    "Group",
    "InputError",
    "Note",
    "Offered",
    "Output",
    "Range",
    "Result",
    "Tiers",
    "Values",
    "age_field",
    "check_gates",
    "choice",
    "choice_field",
    "count",
    "count3",
    "count_field",
    "country_field",
    "country_note",
    "fact_text",
    "fact_value",
    "fraction",
    "get_fact",
    "median3",
    "money_field",
    "num",
    "optional_num",
    "pct",
    "pct3",
    "percent_field",
    "rate",
    "rule_text",
    "spread",
    "tier_for",
    "toggle",
    "toggle_field",
    "total",
    "usd",
    "usd3",
    "usd_range",
    "where",
]
