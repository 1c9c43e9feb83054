"""One reader's path through the guide as Zensical builds it (``make build-zensical``).

The built-site checks run on Zensical's output too (``tests/site/conftest.py``); this drives it
in Chromium: the calculator goes live under Zensical's own UI bundle, computes what CPython
computes, survives its instant navigation, and nothing breaks the policy or leaves localhost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from calculators.engine import evaluate
from calculators.formatting import format_value
from tests.e2e.conftest import Watch
from tests.e2e.support import CSP_LISTENER, follow_link, wait_ready

PAGE = "likes/engagement-rate/"
NEXT_PAGE = "monetization/creator-rewards/"
ROOT = '[data-calculator="engagement"]'
HEADLINE = f"{ROOT} .tmg-headline__value"


def test_a_calculator_goes_live_and_stays_live_across_instant_navigation(
    open_context: Callable[..., tuple[Any, Watch]], zensical_url: str
) -> None:
    context, watch = open_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.goto(zensical_url + PAGE)
    wait_ready(page, "engagement")

    page.fill(f'{ROOT} [name="likes"]', "12000")
    result = evaluate("engagement", {"likes": "12000"}).result
    assert result is not None
    want = format_value(result.values["er_views"].typical, "percent")
    page.wait_for_function("([sel, want]) => document.querySelector(sel).textContent === want", arg=[HEADLINE, want])

    follow_link(page, zensical_url + NEXT_PAGE)
    wait_ready(page, "creator_rewards")
    assert page.evaluate("window.__csp") == [], "the policy blocked something"
    assert not watch.errors, watch.errors
