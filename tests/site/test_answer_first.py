"""Answer first on the page (issue 12): each calculator comes right after its page's one-line answer.

A reader who opens a calculator page reads the title, a short answer, and then finds the
calculator, not a screen or six of explanation first. A page with a second calculator (LIVE gifts
and Subscriptions) gives it the same place in its own section: right after that section's heading
and one-line answer, never down in a subsection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calculators.registry import calculators
from tests.site.test_built_site import built_path

MAX_WORDS_BEFORE = 130
"""Words of the title, the intro and the one-line answer a reader reads before the calculator: the
pages that had it right (Creator Rewards, brand deals, the home page's quick estimate) need 80–120."""


@dataclass
class Before:
    """What comes before a calculator in the article."""

    words_on_page: int
    heading: str
    words_since_heading: int


class Outline(HTMLParser):
    """For each calculator of a page, in order, what a reader passes before reaching it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, Before] = {}
        self._article = 0
        self._skip = 0
        self._words = 0
        self._heading = ""
        self._since = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1
        if tag == "article":
            self._article += 1
        if not self._article:
            return
        name = dict(attrs).get("data-calculator")
        if name and name not in self.found:
            self.found[name] = Before(self._words, self._heading, self._since)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._since = tag, 0

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._skip -= 1
        if tag == "article":
            self._article -= 1

    def handle_data(self, data: str) -> None:
        if self._article and not self._skip:
            count = len(data.split())
            self._words += count
            self._since += count


def outline(html: str) -> dict[str, Before]:
    parser = Outline()
    parser.feed(html)
    parser.close()
    return parser.found


def calculator_pages() -> dict[str, list[str]]:
    pages: dict[str, list[str]] = {}
    for calc in calculators().values():
        pages.setdefault(calc.page, []).append(calc.name)
    return pages


def where_they_stand(html: str, names: list[str]) -> list[str]:
    """Every calculator of the page that does not come right after its one-line answer, and why."""
    found = outline(html)
    problems = [f"{name}: not in the article" for name in names if name not in found]
    placed = [name for name in found if name in names]
    if placed and found[placed[0]].words_on_page > MAX_WORDS_BEFORE:
        problems.append(f"{placed[0]}: the page's first calculator comes after {found[placed[0]].words_on_page} words")
    for name in placed:
        before = found[name]
        if before.heading not in ("h1", "h2"):
            problems.append(f"{name}: down in a subsection (under an {before.heading}), not at its section's start")
        elif before.words_since_heading > MAX_WORDS_BEFORE:
            problems.append(f"{name}: {before.words_since_heading} words after its section's {before.heading}")
    return problems


@pytest.mark.parametrize(("doc", "names"), sorted(calculator_pages().items()))
def test_each_calculator_comes_right_after_its_one_line_answer(site_dir: Path, doc: str, names: list[str]) -> None:
    assert where_they_stand(built_path(site_dir, doc).read_text("utf-8"), names) == []


WORDS = " ".join(["word"] * (MAX_WORDS_BEFORE + 1))


@pytest.mark.parametrize(
    ("html", "names", "expected"),
    [
        ("<article><h1>T</h1><p>Short.</p><div data-calculator='a'></div></article>", ["a"], []),
        (
            f"<article><h1>T</h1><p>{WORDS}</p><div data-calculator='a'></div></article>",
            ["a"],
            [
                f"a: the page's first calculator comes after {MAX_WORDS_BEFORE + 2} words",
                f"a: {MAX_WORDS_BEFORE + 2} words after its section's h1",
            ],
        ),
        (
            "<article><h1>T</h1><h2>S</h2><h3>Deep</h3><div data-calculator='a'></div></article>",
            ["a"],
            ["a: down in a subsection (under an h3), not at its section's start"],
        ),
        (
            f"<article><h1>T</h1><div data-calculator='a'></div><h2>S</h2><p>{WORDS}</p>"
            "<div data-calculator='b'></div></article>",
            ["a", "b"],
            [f"b: {MAX_WORDS_BEFORE + 2} words after its section's h2"],
        ),
        ("<article><h1>T</h1><script>var x = 'a b c d e f';</script></article>", ["a"], ["a: not in the article"]),
    ],
)
def test_the_check_sees_a_calculator_placed_late(html: str, names: list[str], expected: list[str]) -> None:
    assert where_they_stand(html, names) == expected
