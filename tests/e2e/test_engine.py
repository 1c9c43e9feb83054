"""The calculator engine in Chromium: built figures, live updates, errors, sharing, faults.

One page with Python loaded is shared by the tests of this module (Python starts once);
tests that need a fresh start (faults, URL restore, no JavaScript) open their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.e2e.conftest import Watch
from tests.e2e.support import READY_TIMEOUT, expected_headline, follow_link, reveal, wait_ready

PAGE = "likes/engagement-rate/"
ROOT = '[data-calculator="engagement"]'
HEADLINE = f"{ROOT} .tmg-headline__value"


@pytest.fixture(scope="module")
def live(open_context: Callable[..., tuple[Any, Watch]], site_url: str) -> Iterator[tuple[Any, Watch]]:
    context, watch = open_context()
    page = context.new_page()
    page.goto(site_url + PAGE)
    wait_ready(page, "engagement")
    yield page, watch
    assert not watch.errors, watch.errors


def type_into(page: Any, name: str, value: str) -> None:
    reveal(page, f'{ROOT} [name="{name}"]')
    page.fill(f'{ROOT} [name="{name}"]', value)


def test_figures_are_in_the_page_without_javascript(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    context, _ = open_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE)
    root = page.locator(ROOT)
    assert root.get_attribute("data-state") == "static"
    assert page.text_content(HEADLINE) == expected_headline()
    assert page.locator(f"{ROOT} [data-results] table td").count() > 0


def test_typing_updates_results(live: tuple[Any, Watch]) -> None:
    page, _ = live
    type_into(page, "likes", "12000")
    want = expected_headline(likes="12000")
    page.wait_for_function("([sel, want]) => document.querySelector(sel).textContent === want", arg=[HEADLINE, want])
    assert page.input_value(f'{ROOT} [name="likes"]') == "12000"


def test_invalid_value_gets_a_message_at_its_field(live: tuple[Any, Watch]) -> None:
    page, _ = live
    type_into(page, "likes", "12000")
    before = page.text_content(HEADLINE)
    type_into(page, "views", "lots")
    error = page.locator("#calc-engagement-views-error")
    error.wait_for(state="visible")
    assert "number" in (error.text_content() or "")
    views = page.locator(f'{ROOT} [name="views"]')
    assert views.get_attribute("aria-invalid") == "true"
    assert "calc-engagement-views-error" in (views.get_attribute("aria-describedby") or "")
    assert page.text_content(HEADLINE) == before, "stale figures stay readable"
    # Other fields keep working, and fixing the field clears its message.
    type_into(page, "comments", "500")
    type_into(page, "views", "30000")
    error.wait_for(state="hidden")
    want = expected_headline(likes="12000", comments="500", views="30000")
    page.wait_for_function("([sel, want]) => document.querySelector(sel).textContent === want", arg=[HEADLINE, want])
    assert views.get_attribute("aria-invalid") is None


def test_results_are_shared_in_the_url(live: tuple[Any, Watch]) -> None:
    page, _ = live
    type_into(page, "shares", "321")
    page.wait_for_function("() => new URL(location.href).searchParams.get('shares') === '321'")


def test_a_shared_url_restores_the_inputs(open_context: Callable[..., tuple[Any, Watch]], site_url: str) -> None:
    context, watch = open_context()
    page = context.new_page()
    page.goto(site_url + PAGE + "?likes=900&views=30000&unknown=1&likes=5")
    assert page.input_value(f'{ROOT} [name="likes"]') == "900"
    want = expected_headline(likes="900", views="30000")
    page.wait_for_function("([sel, want]) => document.querySelector(sel).textContent === want", arg=[HEADLINE, want])
    assert not watch.errors, watch.errors


def test_values_typed_just_before_leaving_stay_with_the_page_left(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    """The address is written 300 ms after typing pauses; a click sooner must neither lose the
    values (Back restores them) nor write them into the next page's address (which Material
    changes on the click, before the old page is replaced)."""
    context, watch = open_context()
    page = context.new_page()
    page.goto(site_url + PAGE)
    wait_ready(page, "engagement")
    type_into(page, "likes", "777")
    page.wait_for_function(
        f"() => document.querySelector('{HEADLINE}').textContent === '{expected_headline(likes='777')}'"
    )
    follow_link(page, site_url + "likes/")  # its calculator also has a "likes" field
    page.wait_for_timeout(600)  # past the 300 ms pause: a late write would have happened by now
    assert page.url == site_url + "likes/"
    wait_ready(page, "likes")
    assert page.input_value('[data-calculator="likes"] [name="likes"]') != "777"
    page.go_back()
    page.wait_for_url(site_url + PAGE + "?likes=777")
    page.wait_for_selector(f'{ROOT} [name="likes"]')
    assert page.input_value(f'{ROOT} [name="likes"]') == "777"
    assert not watch.errors, watch.errors


def test_a_hostile_url_value_is_only_ever_data(open_context: Callable[..., tuple[Any, Watch]], site_url: str) -> None:
    context, watch = open_context()
    page = context.new_page()
    payload = "<img src=x onerror=alert(1)>"
    page.on("dialog", lambda dialog: watch.errors.append(f"dialog: {dialog.message}"))
    page.goto(site_url + PAGE + "?likes=" + payload.replace(" ", "%20") + "&__proto__=1")
    wait_ready(page, "engagement")
    error = page.locator("#calc-engagement-likes-error")
    error.wait_for(state="visible")
    assert page.locator(f"{ROOT} img").count() == 0
    assert page.input_value(f'{ROOT} [name="likes"]') == payload
    assert not watch.errors, watch.errors


def test_instant_navigation_keeps_one_python(live: tuple[Any, Watch], site_url: str) -> None:
    page, watch = live
    assert watch.count("pyodide.asm.wasm") == 1
    page.evaluate("() => { window.__sameDocument = true; }")
    follow_link(page, site_url + "faq/")
    follow_link(page, site_url + PAGE)
    wait_ready(page, "engagement")
    assert page.evaluate("() => window.__sameDocument") is True, "Material's instant navigation was used"
    type_into(page, "likes", "777")
    want = expected_headline(likes="777")
    page.wait_for_function("([sel, want]) => document.querySelector(sel).textContent === want", arg=[HEADLINE, want])
    assert watch.count("pyodide.asm.wasm") == 1, "Python must not start a second time"


@pytest.mark.parametrize("blocked", ["pyodide.asm.wasm", "pyodide-lock.json"])
def test_python_failing_to_load_leaves_a_readable_page(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str, blocked: str
) -> None:
    context, watch = open_context()
    context.route(f"**/pyodide/{blocked}", lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + PAGE)
    page.wait_for_selector(f'{ROOT}[data-state="error"]', timeout=READY_TIMEOUT)
    status = page.text_content(f"{ROOT} [data-status]") or ""
    assert "could not start" in status
    assert page.text_content(HEADLINE) == expected_headline()
    assert page.locator(f"{ROOT} [data-retry]").is_visible()
    type_into(page, "likes", "5000")
    assert page.input_value(f'{ROOT} [name="likes"]') == "5000", "what the reader typed is kept"
    # Retrying once the files are reachable again brings the calculator to life.
    context.unroute(f"**/pyodide/{blocked}")
    page.click(f"{ROOT} [data-retry]")
    wait_ready(page, "engagement")
    want = expected_headline(likes="5000")
    page.wait_for_function("([sel, want]) => document.querySelector(sel).textContent === want", arg=[HEADLINE, want])
    watch.errors = [e for e in watch.errors if "Failed to load resource" not in e]
    assert not watch.errors, watch.errors
