"""Readers see when a figure was last reviewed, right next to it and in the sources table."""

from __future__ import annotations

import re
from html import unescape

from calculators.facts import get_fact, load_facts
from macros.figures import fact, facts_table

KEY = "er_views_benchmark"
"""A fact the reference calculator needs, so it is always in the data file."""


def visible_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_a_quoted_figure_shows_its_source_date_and_review_month() -> None:
    f = get_fact(KEY)
    html = fact(KEY)
    day = f.reviewed.isoformat()
    assert f'<time datetime="{day}">{day[:7]}</time>' in html
    text = visible_text(html)
    assert text.startswith(f"{f.text()} (source, {f.source_date}")
    assert text.endswith(f" · reviewed {day[:7]})")


def test_one_bound_of_a_figure_shows_the_review_month_too() -> None:
    assert f"reviewed {get_fact(KEY).reviewed.isoformat()[:7]}" in visible_text(fact(KEY, "typical"))


def test_the_sources_table_shows_every_review_date() -> None:
    body = facts_table().split("<tbody>")[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL)
    assert len(rows) == len(load_facts())
    for row, f in zip(rows, load_facts().values(), strict=True):
        assert row.rstrip().endswith(f"<td>{f.reviewed.isoformat()}</td>"), f.key
