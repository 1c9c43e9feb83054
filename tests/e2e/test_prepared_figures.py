"""Figures computed before the page arrives (``prepare()`` in calculators.js).

With Python running, pointing at or clicking a link to a calculator page makes the worker
compute that page's figures at once, from ``assets/calculator-pages.json`` and the link's query
string; the widget takes them on arrival only if its form holds exactly those values.

Every message the page posts to the worker is recorded (an init script wraps
``Worker.prototype.postMessage``) with whether the calculator was already in the document, so
a test can tell a computation made ahead from one made on arrival.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from calculators.engine import evaluate
from calculators.registry import get_calculator
from calculators.render import render_results
from calculators.validation import default_texts
from tests.e2e.conftest import Watch
from tests.e2e.support import calc_url, follow_link, text_of, wait_ready, wait_settled

START = "likes/engagement-rate/"

SPY = """
window.__posted = [];
const original = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.type === "update") {
    const present = !!document.querySelector(`[data-calculator="${message.name}"]`);
    window.__posted.push({ name: message.name, values: { ...message.values }, present });
  }
  return original.call(this, message, ...rest);
};
"""


def posted(page: Any, name: str) -> list[dict[str, Any]]:
    return [m for m in page.evaluate("() => window.__posted") if m["name"] == name]


def results_text(page: Any, name: str) -> str:
    return str(page.text_content(f'[data-calculator="{name}"] [data-results]'))


def expected_text(page: Any, name: str, inputs: dict[str, str]) -> str:
    """What CPython renders for these inputs, as text."""
    return text_of(page, render_results(evaluate(name, inputs)))


def defaults(name: str) -> dict[str, str]:
    return default_texts(get_calculator(name))


@pytest.fixture
def start(open_context: Callable[..., tuple[Any, Watch]], site_url: str) -> Iterator[tuple[Any, Watch]]:
    """A fresh tab on a calculator page with Python ready, recording what it asks the worker."""
    context, watch = open_context()
    context.add_init_script(SPY)
    page = context.new_page()
    page.goto(site_url + START)
    wait_settled(page, "engagement")
    yield page, watch
    assert not watch.errors, watch.errors
    context.close()


def test_a_clicked_calculator_page_arrives_with_figures_computed_ahead(start: tuple[Any, Watch], site_url: str) -> None:
    page, _ = start
    follow_link(page, site_url + "monetization/creator-rewards/")
    wait_settled(page, "creator_rewards")
    calls = posted(page, "creator_rewards")
    assert len(calls) == 1, calls
    assert calls[0]["present"] is False, "computed before the page arrived"
    assert calls[0]["values"] == defaults("creator_rewards")
    assert results_text(page, "creator_rewards") == expected_text(page, "creator_rewards", calls[0]["values"])
    assert page.get_attribute('[data-calculator="creator_rewards"]', "data-state") == "ready"


def test_a_link_with_values_arrives_with_the_figures_for_those_values(start: tuple[Any, Watch], site_url: str) -> None:
    page, _ = start
    link = site_url + "monetization/brand-deals/?median_views=12k&usage_rights=true&agency=yes&unknown=1"
    follow_link(page, link)
    wait_settled(page, "brand_deal")
    want = {**defaults("brand_deal"), "median_views": "12k", "usage_rights": "true", "agency": "false"}
    calls = posted(page, "brand_deal")
    assert [(c["present"], c["values"]) for c in calls] == [(False, want)]
    assert page.input_value('[data-calculator="brand_deal"] [name="median_views"]') == "12k"
    assert page.is_checked('[data-calculator="brand_deal"] [name="usage_rights"]')
    assert results_text(page, "brand_deal") == expected_text(page, "brand_deal", want)


def test_back_brings_a_page_back_with_figures_computed_ahead(start: tuple[Any, Watch], site_url: str) -> None:
    page, _ = start
    page.fill('[data-calculator="engagement"] [name="likes"]', "777")
    page.wait_for_function("() => window.__posted.some((m) => m.values.likes === '777')")
    wait_settled(page, "engagement")
    follow_link(page, site_url + "monetization/shop/")
    wait_settled(page, "shop")
    before = len(posted(page, "engagement"))
    page.go_back()
    page.wait_for_function(
        f"() => location.pathname === '/{START}' && document.querySelector('[data-calculator=engagement]')"
    )
    wait_settled(page, "engagement")
    want = {**defaults("engagement"), "likes": "777"}
    calls = posted(page, "engagement")[before:]
    assert [(c["present"], c["values"]) for c in calls] == [(False, want)], "computed when Back was pressed"
    assert page.input_value('[data-calculator="engagement"] [name="likes"]') == "777"
    assert results_text(page, "engagement") == expected_text(page, "engagement", want)


def test_pointing_at_a_link_computes_once_and_an_anchor_here_computes_nothing(
    start: tuple[Any, Watch], site_url: str
) -> None:
    page, _ = start
    page.evaluate(
        """([there, here]) => {
          for (const [id, href] of [["to-shop", there], ["to-here", here]]) {
            const a = document.createElement("a"); a.id = id; a.href = href; a.textContent = id;
            document.querySelector("article").prepend(a);
          }
        }""",
        [site_url + "monetization/shop/", site_url + START + "#top"],
    )
    page.hover("#to-shop")
    page.wait_for_function("() => window.__posted.some((m) => m.name === 'shop')")
    page.hover("#to-here")
    page.hover("#to-shop")
    page.wait_for_timeout(300)  # time for a second computation to be asked for, if one were
    assert len(posted(page, "shop")) == 1
    assert len(posted(page, "engagement")) == 1, "only the page's own first result"
    assert page.url == site_url + START


def test_a_wrong_hint_never_shows_wrong_figures(open_context: Callable[..., tuple[Any, Watch]], site_url: str) -> None:
    """An index that disagrees with the page (stale, tampered): the widget computes its own figures."""
    context, watch = open_context()
    context.add_init_script(SPY)

    def stale(route: Any) -> None:
        response = route.fetch()
        index = response.json()
        for entry in index["monetization/creator-rewards/"]:
            for fld in entry["fields"]:
                if fld[2] == "text":
                    fld[1] = "1"  # not what the page's form holds
        route.fulfill(response=response, json=index)

    context.route("**/assets/calculator-pages.json", stale)
    page = context.new_page()
    page.goto(site_url + START)
    wait_settled(page, "engagement")
    follow_link(page, site_url + "monetization/creator-rewards/")
    wait_settled(page, "creator_rewards")
    calls = posted(page, "creator_rewards")
    assert [c["present"] for c in calls] == [False, True], "the hint was computed, then the page's own values"
    assert calls[1]["values"] == defaults("creator_rewards")
    assert results_text(page, "creator_rewards") == expected_text(page, "creator_rewards", defaults("creator_rewards"))
    assert not watch.errors, watch.errors
    context.close()


def test_without_the_index_navigation_still_brings_live_figures(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    context, watch = open_context()
    context.add_init_script(SPY)
    context.route("**/assets/calculator-pages.json", lambda route: route.fulfill(status=404, body="missing"))
    page = context.new_page()
    page.goto(site_url + START)
    wait_settled(page, "engagement")
    follow_link(page, site_url + "monetization/shop/")
    wait_ready(page, "shop")
    wait_settled(page, "shop")
    assert [c["present"] for c in posted(page, "shop")] == [True]
    assert results_text(page, "shop") == expected_text(page, "shop", defaults("shop"))
    assert calc_url(site_url, get_calculator("shop")) == page.url
    assert all("404" in error for error in watch.errors), watch.errors  # only the missing index itself
    context.close()
