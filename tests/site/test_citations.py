"""Citations in the built pages: every figure's marker leads to its entry, and every source there
shows its own date (issue #11: pages showed the newest date of all sources beside a link to the first)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from calculators.facts import load_facts


class Citations(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.markers: list[tuple[str, str]] = []
        """(fact of the figure, href of its marker)."""
        self.entries: dict[str, list[tuple[str, str]]] = {}
        """Entry id → (href, text right after the link) for each link in it."""
        self._fact = ""
        self._entry = ""
        self._after: list[str] | None = None
        self._links: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "span" and "tmg-fact" in attrs.get("class", "").split():
            self._fact = attrs["data-fact"]
        if tag == "a" and "footnote-ref" in attrs.get("class", "").split() and self._fact:
            self.markers.append((self._fact, attrs["href"]))
            self._fact = ""
        if tag == "li" and attrs.get("id", "").startswith("cite-"):
            self._entry = attrs["id"]
            self.entries[self._entry] = []
        if tag == "a" and self._entry:
            self._after = None
            self._links.append([attrs.get("href", ""), ""])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._entry and self._links:
            self._after = self._links[-1]
        if tag == "li" and self._entry:
            self.entries[self._entry] = [(href, after) for href, after in self._links]
            self._entry, self._links, self._after = "", [], None

    def handle_data(self, data: str) -> None:
        if self._after is not None:
            self._after[1] += data


def read(path: Path) -> Citations:
    page = Citations()
    page.feed(path.read_text("utf-8"))
    page.close()
    return page


def test_every_quoted_figure_has_a_marker_that_leads_to_its_dated_sources(site_dir: Path) -> None:
    facts = load_facts()
    checked = 0
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text("utf-8")
        if 'class="tmg-fact"' not in html:
            continue
        page = read(path)
        where = path.relative_to(site_dir)
        assert page.markers, f"{where}: figures without a source marker"
        assert len(page.markers) == html.count('class="tmg-fact"'), f"{where}: a figure without its marker"
        assert "figure-sources" in page.ids, f"{where}: no sources section"
        for key, href in page.markers:
            assert href == f"#cite-{key}", where
            assert href[1:] in page.entries, f"{where}: {href} leads nowhere"
        for entry, links in page.entries.items():
            fact = facts[entry.removeprefix("cite-")]
            *sources, back = links
            assert back[0].startswith("#cite-ref-"), f"{where}: {entry} has no way back"
            assert back[0][1:] in page.ids, f"{where}: {entry} leads back nowhere"
            assert [href for href, _ in sources] == [s.url for s in fact.sources], f"{where}: {entry}"
            for (_, after), source in zip(sources, fact.sources, strict=True):
                assert after.startswith(f" ({source.when})"), f"{where}: {source.url} is dated {after!r}"
            checked += 1
    assert checked >= 40, "the guide quotes dozens of figures"


def test_no_figure_carries_the_old_inline_source_link(site_dir: Path) -> None:
    """The old "(source, DATE +2 · reviewed …)" broke sentences and dated the wrong source."""
    for path in sorted(site_dir.rglob("*.html")):
        assert not re.search(r'class="tmg-source"', path.read_text("utf-8")), path
