"""Deferred macro output (``site_build/deferred.py``): Markdown never parses it, the page gets it back whole."""

from __future__ import annotations

from collections.abc import Iterator

import markdown  # type: ignore[import-untyped]  # no stubs in the lock
import pytest

from macros.widgets import calculator
from site_build import deferred

WIDGET_HTML = '<div class="tmg-calc" data-calculator="x"><form><input name="a" value="1 * 2 _x_"></form></div>'


@pytest.fixture
def enabled() -> Iterator[None]:
    deferred.enable()
    yield
    deferred.enable(False)


def test_without_the_hook_the_html_is_returned_as_it_is() -> None:
    assert deferred.defer(WIDGET_HTML) == WIDGET_HTML
    assert calculator("engagement").lstrip().startswith("<")


def test_markdown_passes_the_marker_and_the_page_gets_the_html_back(enabled: None) -> None:
    marker = deferred.defer(WIDGET_HTML)
    assert "<" in marker
    assert "data-calculator" not in marker
    for source in (f"Intro.\n{marker}\nAfter.", f"Intro {marker} inline."):  # as a block, or inside a paragraph
        page = deferred.expand(markdown.markdown(source, extensions=["md_in_html", "attr_list"]))
        assert WIDGET_HTML in page, page
        assert f"<p>{WIDGET_HTML}" not in page, "a block is never left inside a paragraph"
        assert "tmg-deferred" not in page


def test_the_same_output_is_stored_once_and_named_by_its_content(enabled: None) -> None:
    assert deferred.defer(WIDGET_HTML) == deferred.defer(WIDGET_HTML)
    assert deferred.defer(WIDGET_HTML) != deferred.defer(WIDGET_HTML + " ")


def test_a_marker_without_stored_html_fails_loudly() -> None:
    with pytest.raises(deferred.DeferredError, match="0123456789abcdef0123"):
        deferred.expand("<p><!--tmg-deferred:0123456789abcdef0123--></p>")


def test_pages_without_markers_are_unchanged() -> None:
    html = "<p>Likes do not pay <!-- a comment --> directly.</p>"
    assert deferred.expand(html) == html
