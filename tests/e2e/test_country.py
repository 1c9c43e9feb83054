"""The reader's country in Chromium: picked once, remembered, followed by every calculator, shared in links."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import unescape
from typing import Any

from calculators.api import update
from tests.e2e.conftest import Watch
from tests.e2e.support import follow_link, wait_ready, wait_settled

CREATOR_REWARDS = "monetization/creator-rewards/"
LIVE_PAGE = "monetization/live-gifts/"  # two calculators: LIVE gifts and Subscription


def headline(name: str, **inputs: str) -> str:
    """The headline the worker sends for these inputs (calculators.api.update, the same code)."""
    answer = json.loads(update(name, inputs))["answer"]
    found = re.search(r'class="tmg-headline__value">(.*?)</strong>', answer)
    assert found, answer
    return unescape(found.group(1))


def wait_headline(page: Any, name: str, want: str) -> None:
    page.wait_for_function(
        "([name, want]) => document.querySelector(`[data-calculator='${name}'] .tmg-headline__value`)"
        "?.textContent === want",
        arg=[name, want],
    )


def menu(name: str) -> str:
    return f'[data-calculator="{name}"] select[name="country"]'


def test_a_shared_link_with_a_country_restores_it(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    context, watch = open_context()
    page = context.new_page()
    page.goto(site_url + CREATOR_REWARDS + "?country=NG&followers=50000")
    assert page.input_value(menu("creator_rewards")) == "NG"
    want = headline("creator_rewards", country="NG", followers="50000")
    assert want != headline("creator_rewards", followers="50000"), "Nigeria's rules must change the answer"
    wait_headline(page, "creator_rewards", want)
    notes = page.text_content('[data-calculator="creator_rewards"] [data-results]') or ""
    assert "Nigeria is not among the countries the sources list" in notes
    # The link's country is someone else's: it is shown, not remembered.
    assert page.evaluate("() => localStorage.getItem('tmg-country')") is None
    assert not watch.errors, watch.errors


def test_one_choice_moves_every_calculator_and_is_remembered_across_pages(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    context, watch = open_context()
    page = context.new_page()
    page.goto(site_url + LIVE_PAGE)
    wait_ready(page, "live_gifts")
    assert page.input_value(menu("subscriptions")) == "US", "built pages are for the stated default"
    assert headline("subscriptions", country="NG") != headline("subscriptions"), "Nigeria's rules must matter"
    page.select_option(menu("live_gifts"), "NG")
    # The other calculator on the page follows, and computes Nigeria's rules.
    page.wait_for_function(f"() => document.querySelector('{menu('subscriptions')}').value === 'NG'")
    wait_headline(page, "subscriptions", headline("subscriptions", country="NG"))
    assert page.evaluate("() => localStorage.getItem('tmg-country')") == "NG"
    page.wait_for_function("() => new URL(location.href).searchParams.get('country') === 'NG'")
    # Another page, reached by instant navigation: the remembered country is applied there too.
    follow_link(page, site_url + CREATOR_REWARDS)
    page.wait_for_selector(menu("creator_rewards"))
    page.wait_for_function(f"() => document.querySelector('{menu('creator_rewards')}').value === 'NG'")
    wait_settled(page, "creator_rewards")
    wait_headline(page, "creator_rewards", headline("creator_rewards", country="NG"))
    # A fresh visit in the same browser remembers it as well.
    again = context.new_page()
    again.goto(site_url + CREATOR_REWARDS)
    assert again.input_value(menu("creator_rewards")) == "NG"
    wait_headline(again, "creator_rewards", headline("creator_rewards", country="NG"))
    assert not watch.errors, watch.errors
