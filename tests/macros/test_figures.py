"""Sourced figures in prose: a numbered marker after the figure, each source dated truly, text kept text."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import markdown  # type: ignore[import-untyped]  # no stubs in the lock
import pytest

from calculators.facts import Fact, Source, get_fact, load_facts
from macros import figures
from macros.figures import CITATIONS_KEY, citation, citations, fact, fact_value, facts_table, figure

SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
"""The Markdown extensions of mkdocs.yml that can turn text into markup."""


class Links(HTMLParser):
    """Each link's href and the text right after it closes: "(2025-11)" for a source link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[list[str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._after: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self._after = None
            self.links.append([str(dict(attrs).get("href")), ""])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            self._after = self.links[-1]

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._after is not None:
            self._after[1] += data


def parse(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture
def meta() -> dict[str, object]:
    """A page's metadata, where its citations are kept while it renders."""
    return {}


def test_every_source_link_is_followed_by_that_sources_own_date() -> None:
    """Issue #11: a citation showed the newest date of all sources beside a link to the first."""
    for f in load_facts().values():
        links = parse(citation(f)).links
        assert len(links) == len(f.sources), f.key
        for (href, after), source in zip(links, f.sources, strict=True):
            assert href == source.url, f.key
            assert after.startswith(f" ({source.when})"), f"{f.key}: {source.url} is followed by {after!r}"


def test_an_older_source_keeps_its_own_date_beside_a_newer_one(meta: dict[str, object]) -> None:
    f = get_fact("crp_rpm")
    assert len({s.date for s in f.sources}) > 1, "the case needs sources with different dates"
    first = f.sources[0]
    assert max(s.date for s in f.sources) != first.date, "the first source is not the newest"
    section = parse(figure("crp_rpm", meta) + str(meta[CITATIONS_KEY]))
    assert [after for href, after in section.links if href == first.url] == [f" ({first.date}); "]


def test_an_undated_page_says_so_and_when_it_was_read() -> None:
    f = get_fact("withdrawal_max_per_day")
    assert f.sources[0].date == ""
    assert f"(undated, read {f.sources[0].accessed})" in citation(f)


def test_markers_are_numbered_by_first_citation_and_link_to_their_entry(meta: dict[str, object]) -> None:
    html = figure("crp_rpm", meta) + figure("crp_min_age", meta) + figure("crp_rpm", meta, "typical")
    html += str(meta[CITATIONS_KEY])
    sups = re.findall(r'<sup class="tmg-cite" id="([^"]+)"><a class="footnote-ref" href="#([^"]+)">.*?(\d+)</a>', html)
    assert sups == [
        ("cite-ref-crp_rpm-1", "cite-crp_rpm", "1"),
        ("cite-ref-crp_min_age-1", "cite-crp_min_age", "2"),
        ("cite-ref-crp_rpm-2", "cite-crp_rpm", "1"),
    ]
    entries = re.findall(r'<li id="(cite-[^"]+)">', html)
    assert entries == ["cite-crp_rpm", "cite-crp_min_age"]
    assert 'href="#cite-ref-crp_rpm-1"' in html, "each entry leads back to the text"
    assert '<h2 id="figure-sources">' in html


def test_each_page_keeps_its_own_citations() -> None:
    """Kept in the page's metadata: a second page starts again at 1 (whatever the generator)."""

    class Page:
        def __init__(self) -> None:
            self.meta: dict[str, object] = {}

    first, second = Page(), Page()
    fact({"page": first}, "crp_rpm")
    assert ">1</a>" in fact({"page": second}, "crp_min_age")
    assert "cite-crp_rpm" not in str(second.meta[CITATIONS_KEY])
    fact_value("crp_rpm")
    assert "tmg_cited" not in Page().meta, "a bare value cites nothing"
    with pytest.raises(RuntimeError, match="fact_value"):
        fact({}, "crp_rpm")


def test_the_review_date_is_in_the_entry_and_the_sources_table() -> None:
    f = get_fact("er_views_benchmark")
    day = f.reviewed.isoformat()
    assert f'Reviewed <time datetime="{day}">{day}</time>' in citation(f)
    body = facts_table().split("<tbody>")[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL)
    assert len(rows) == len(load_facts())
    for row, each in zip(rows, load_facts().values(), strict=True):
        assert row.rstrip().endswith(f"<td>{each.reviewed.isoformat()}</td>"), each.key


PAYLOAD = (
    "Pay [x](javascript:alert(1)) ![i](https://evil.example/x.png) ![onmouseover=alert(2)// ](data:,x)"
    ' <script>alert(3)</script> <img src=x onerror=alert(4)> *em* __b__ `code` {: onclick="alert(5)" }'
    " [^1] <https://evil.example/auto> | a | b | &amp; ~~s~~ \\* # h"
)


@pytest.fixture
def payload_fact(monkeypatch: pytest.MonkeyPatch) -> Fact:
    base = get_fact("crp_rpm")
    bad = dataclasses.replace(
        base,
        label=PAYLOAD,
        per=PAYLOAD,
        note=PAYLOAD,
        sources=(Source(PAYLOAD, "https://evil.example/declared/[x](javascript:alert(6))", "2025"),),
    )
    monkeypatch.setattr(figures, "get_fact", lambda key: bad)
    return bad


def test_markdown_in_fact_text_stays_text(payload_fact: Fact, meta: dict[str, object]) -> None:
    """Review #3: links, an image and an onmouseover attribute came out of fact strings."""
    source = f"Expect {figure('crp_rpm', meta)} per month.\n\n| a | b |\n|---|---|\n| {fact_value('crp_rpm')} | x |\n\n"
    source += citations(["crp_rpm"])
    html = markdown.markdown(source, extensions=SITE_EXTENSIONS)
    page = parse(html)
    hrefs = [attrs.get("href") for tag, attrs in page.tags if tag == "a"]
    assert set(hrefs) <= {"#cite-crp_rpm", "#cite-ref-crp_rpm-1", payload_fact.sources[0].url}
    assert payload_fact.sources[0].url in hrefs, "the declared link is kept, exactly"
    tags = [tag for tag, _ in page.tags]
    assert set(tags) <= {
        "p",
        "span",
        "sup",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "div",
        "ol",
        "li",
        "time",
    } | {"strong"}, "no image, script, code, emphasis or footnote came from the data"
    assert tags.count("strong") == 1, "only the entry's own label is bold"
    assert not [name for _, attrs in page.tags for name in attrs if name.startswith("on")]
    text = "".join(page.text)
    assert text.count(PAYLOAD) >= 5, "label, per (twice), title and table cell read exactly as written"
