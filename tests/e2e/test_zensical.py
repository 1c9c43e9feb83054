"""One reader's path through the guide as Zensical builds it (``make build-zensical``).

The built-site checks run on Zensical's output too (``tests/site/conftest.py``); this drives it
in Chromium: the calculator goes live under Zensical's own UI bundle, computes what CPython
computes, survives its instant navigation, and nothing leaves localhost.

One gap remains, and ``test_no_policy_violation`` names it: Zensical 0.0.73's search UI puts an
inline ``<style>`` element into the shadow root it attaches to ``<body>``, which the guide's
``style-src 'self'`` (``site_build/csp.py``) blocks, so its search box goes unstyled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from calculators.engine import evaluate
from calculators.formatting import format_value
from tests.e2e.conftest import Watch
from tests.e2e.support import CSP_LISTENER, follow_link, wait_ready

PAGE = "likes/engagement-rate/"
NEXT_PAGE = "monetization/creator-rewards/"
ROOT = '[data-calculator="engagement"]'
HEADLINE = f"{ROOT} .tmg-headline__value"


SEARCH_UI_STYLE = "Applying inline style violates the following Content Security Policy directive 'style-src 'self''"
"""Chromium's console line for the blocked inline <style> of Zensical's search UI: the gap that
``test_no_policy_violation`` names. Every other blocked item still fails through ``window.__csp``."""


def errors_beside_the_known_gap(watch: Watch) -> list[str]:
    return [e for e in watch.errors if SEARCH_UI_STYLE not in e]


@pytest.fixture(scope="module")
def reader(open_context: Callable[..., tuple[Any, Watch]], zensical_url: str) -> Iterator[tuple[Any, Watch]]:
    """A reader types into a calculator, then follows a link to the next calculator page."""
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
    yield page, watch
    assert not errors_beside_the_known_gap(watch), watch.errors


def test_calculators_go_live_and_stay_live_across_instant_navigation(reader: tuple[Any, Watch]) -> None:
    page, watch = reader
    assert page.locator('[data-calculator="creator_rewards"]').get_attribute("data-state") == "ready"
    assert not errors_beside_the_known_gap(watch), watch.errors
    violations = page.evaluate("window.__csp")
    others = [v for v in violations if not v.startswith("style-src-elem blocked inline")]
    assert others == [], "the policy blocked more than the search UI's inline style (see the xfail below)"


@pytest.mark.xfail(
    strict=True,
    reason="Zensical 0.0.73's search UI inserts an inline <style> into a shadow root on <body>;"
    " the guide's style-src 'self' blocks it (no Zensical option moves it to a stylesheet file)",
)
def test_no_policy_violation(reader: tuple[Any, Watch]) -> None:
    page, _ = reader
    assert page.evaluate("window.__csp") == []
