"""Material's search waits for Python on a calculator page (docs/assets/js/search-later.js), yet
answers a reader who reaches for it at once, and is never held on a page without a calculator.

Whether the search worker has built its index shows in the search panel's status line, which
Material fills only when the worker says it is ready ("Initializing search" until then).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import Watch
from tests.e2e.support import engine_held, search_for, wait_ready

PAGE = "likes/engagement-rate/"
META = ".md-search-result__meta"
INITIALIZING = "Initializing search"
SEARCH_READY = f"sel => (document.querySelector(sel)?.textContent || '{INITIALIZING}').trim() !== '{INITIALIZING}'"
HELD_FOR_MS = 5_000
"""How long a held search must stay unbuilt: an unheld one is ready well within it (the FAQ test)."""


def test_the_search_waits_for_the_first_live_figure(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    context, watch = open_context()
    page = context.new_page()
    with engine_held(context) as held:
        with page.expect_response("**/search/search_index.json"):
            page.goto(site_url + PAGE)
        with pytest.raises(PlaywrightTimeout):
            page.wait_for_function(SEARCH_READY, arg=META, timeout=HELD_FOR_MS)
        assert held, "Python was starting meanwhile"
    wait_ready(page, "engagement")
    page.wait_for_function(SEARCH_READY, arg=META, timeout=15_000)
    assert not watch.errors, watch.errors


def test_a_reader_who_reaches_for_search_gets_it_while_python_starts(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    context, watch = open_context()
    page = context.new_page()
    with engine_held(context):
        page.goto(site_url + PAGE)
        search_for(page, "likes")
        assert page.get_attribute('[data-calculator="engagement"]', "data-state") == "loading"
    assert not watch.errors, watch.errors


def test_a_page_without_a_calculator_builds_its_search_at_once(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    context, watch = open_context()
    page = context.new_page()
    page.goto(site_url + "faq/")
    page.wait_for_function(SEARCH_READY, arg=META, timeout=HELD_FOR_MS)
    assert not watch.errors, watch.errors
