"""The "Where you live" page's macros: the country table as HTML, every word from the data file."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from calculators.countries import load_countries, programs
from macros.countries import anchor, country_count, country_details, country_names, country_overview


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "a" and found.get("href", "").startswith("#"):  # type: ignore[union-attr]
            self.links.append(str(found["href"])[1:])


def parsed(html: str) -> _Ids:
    ids = _Ids()
    ids.feed(html)
    return ids


def test_the_overview_has_a_row_per_country_and_a_column_per_program() -> None:
    html = country_overview()
    assert html.count('<tr><th scope="row">') == len(load_countries())
    for program in programs().values():
        assert f'<th scope="col">{program.label}</th>' in html.replace("&#40;", "(").replace("&#41;", ")")
    assert 'class="tmg-countries__disputed">Sources disagree</td>' in html
    assert "Offered (from age 19)" in html


def test_every_overview_link_lands_on_a_country_section() -> None:
    details = parsed(country_details())
    overview = parsed(country_overview())
    assert set(overview.links) <= set(details.ids)
    assert {anchor(code) for code in load_countries()} | {"country-default"} == set(details.ids)
    assert "country-default" in details.links


def test_a_country_lists_its_own_cells_with_sources_and_review_dates() -> None:
    html = country_details()
    korea = html[html.index('id="country-kr"') : html.index("</section>", html.index('id="country-kr"'))]
    assert "Minimum age here: 19." in korea
    assert 'href="https://hithanh.com/tiktok-creator-rewards-program"' in korea
    assert '<time datetime="2026-12-02">' in korea
    nigeria = html[html.index('id="country-ng"') : html.index("</section>", html.index('id="country-ng"'))]
    assert "what the sources say for every country not named" in nigeria


def test_data_text_cannot_become_markup() -> None:
    html = country_details()
    # Apostrophes and parentheses in notes are character references, as on every data-driven page.
    assert "&#39;available regions&#39;" in html
    assert not re.search(r"\]\(", html)


def test_the_count_and_names_come_from_the_table() -> None:
    assert country_count() == str(len(load_countries()))
    names = country_names()
    assert names.startswith("Australia, Brazil")
    assert names.endswith(" and Vietnam")
