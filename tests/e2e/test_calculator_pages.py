"""Every calculator works on its own page in Chromium, with one Python for the whole visit.

The reader's path is simulated: open the first calculator page, then move from page to page
with Material's instant navigation, changing a value on each and checking the figures
against what CPython computes for the same input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from calculators.engine import evaluate
from calculators.registry import calculators
from calculators.render import render_results
from calculators.spec import Calculator, Field
from calculators.validation import as_text
from tests.e2e.conftest import Watch
from tests.e2e.support import calc_url, follow_link, text_of, throttle, wait_ready

NUMERIC = ("integer", "number", "money", "percent")


def edited_field(calc: Calculator) -> tuple[Field, str]:
    """The first numeric field with a default, and a different valid value for it."""
    for fld in calc.fields:
        if fld.kind in NUMERIC and isinstance(fld.default, int | float) and not isinstance(fld.default, bool):
            value = float(fld.default) * 2 or 10.0
            if fld.maximum is not None:
                value = min(value, fld.maximum)
            if fld.kind == "integer":
                value = round(value)
            return fld, as_text(fld, value)
    raise AssertionError(f"{calc.name} has no numeric field to edit")


@pytest.fixture(scope="module")
def visit(open_context: Callable[..., tuple[Any, Watch]], site_url: str) -> Iterator[tuple[Any, Watch]]:
    context, watch = open_context()
    page = context.new_page()
    first = next(iter(calculators().values()))
    page.goto(calc_url(site_url, first))
    wait_ready(page, first.name)
    yield page, watch
    assert watch.count("pyodide.asm.wasm") == 1, "one Python for the whole visit"
    assert not watch.errors, watch.errors


@pytest.mark.parametrize("name", list(calculators()))
def test_calculator_page_is_live(visit: tuple[Any, Watch], site_url: str, name: str) -> None:
    page, _ = visit
    calc = calculators()[name]
    url = calc_url(site_url, calc)
    if page.url.split("?")[0] != url:
        follow_link(page, url)
    root = f'[data-calculator="{name}"]'
    wait_ready(page, name)
    fld, value = edited_field(calc)
    page.fill(f'{root} [name="{fld.name}"]', value)
    evaluation = evaluate(calc, {fld.name: value})
    assert evaluation.ok, evaluation.errors
    want = text_of(page, render_results(evaluation))
    page.wait_for_function(
        "([sel, want]) => document.querySelector(sel).textContent === want",
        arg=[f"{root} [data-results]", want],
    )
    assert page.locator(f"#calc-{name}-{fld.name}-error").is_hidden()


# A browser in which no frame ever reports an element in view and no idle time ever comes.
NEITHER_VIEW_NOR_IDLE = """
window.IntersectionObserver = class {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() { return []; }
};
window.requestIdleCallback = () => 0;
"""


def test_python_starts_as_the_calculator_attaches_where_data_is_not_dear(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    """Without waiting for a frame to report the calculator in view, or for idle time.

    Every calculator sits right under its page's answer, so it is in view as the page opens:
    waiting to be told so only delayed the first live result (the cold and warm budgets, and the
    repeat visit with the service worker). Not touched here: where data is dear a touch is still
    needed (test_offline.py's Save-Data test).
    """
    context, watch = open_context()
    context.add_init_script(NEITHER_VIEW_NOR_IDLE)
    page = context.new_page()
    page.goto(site_url + "likes/engagement-rate/")
    wait_ready(page, "engagement")
    assert not watch.errors, watch.errors
    page.close()


def test_every_e2e_page_plans_as_on_a_fast_connection_however_slowly_the_server_answers(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    """The e2e contexts' plan does not hang on this localhost server's speed (conftest.py says why).

    The page arrives at Slow 4G's 1.6 Mbit/s, which connection.js alone calls dear: Python would
    wait for a touch, as it did when a loaded CI host slowed the server down. Here it starts as
    the calculator attaches, untouched, so no e2e test waits for a touch nobody gives.
    """
    context, watch = open_context()
    page = context.new_page()
    throttle(context, page, 200_000)
    page.goto(site_url + "likes/engagement-rate/", wait_until="domcontentloaded")
    # "loading" is Python starting; a dear plan would leave the calculator "static" until touched.
    page.wait_for_selector('[data-calculator="engagement"][data-state="loading"]', timeout=15_000)
    assert not watch.errors, watch.errors
    page.close()
