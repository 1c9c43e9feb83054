"""A calculator a creator uses on a phone (issue 12): the answer stays in view while typing in any
field, every number is echoed as read, and an edit made while Python starts is never shown as if
its figures were computed.

The on-screen keyboard is not part of a headless browser, so its share of the screen is taken off
by hand: KEYBOARD_SHARE of an 844 px tall phone (a 390×844 iPhone 12–15 class screen, where the
iOS keyboard with its suggestion bar is about 336 px of 844 in portrait; Gboard is similar).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from calculators.registry import calculators
from calculators.spec import Calculator
from calculators.validation import as_text
from tests.e2e.conftest import Watch
from tests.e2e.support import (
    READY_TIMEOUT,
    calc_url,
    engine_held,
    expected_headline,
    follow_link,
    requests_held,
    save_data_page,
    wait_ready,
    wait_settled,
)

WIDTH, HEIGHT = 390, 844
KEYBOARD_SHARE = 0.4
KEYBOARD_TOP = HEIGHT * (1 - KEYBOARD_SHARE)  # 506 px: what is above the keyboard is what the reader sees
PHONE = {
    "viewport": {"width": WIDTH, "height": HEIGHT},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}

# The browser scrolls the focused field just above the keyboard; then where are things?
PLACE_AND_MEASURE = """([root, name, keyboardTop]) => {
  const el = document.querySelector(`${root} [name="${name}"]`);
  const box = el.closest(".tmg-field");
  window.scrollBy(0, box.getBoundingClientRect().bottom - keyboardTop + 4);
  const header = document.querySelector(".md-header").getBoundingClientRect();
  const answer = document.querySelector(`${root} [data-answer]`).getBoundingClientRect();
  const value = document.querySelector(`${root} [data-answer] .tmg-headline__value`).getBoundingClientRect();
  const field = box.getBoundingClientRect();
  return { header: header.bottom, answerTop: answer.top, answerBottom: answer.bottom,
           valueTop: value.top, valueBottom: value.bottom, fieldTop: field.top, fieldBottom: field.bottom };
}"""


@pytest.fixture(scope="module")
def phone(open_context: Callable[..., tuple[Any, Watch]]) -> Iterator[tuple[Any, Watch]]:
    context, watch = open_context(**PHONE)
    page = context.new_page()
    yield page, watch
    assert not watch.errors, watch.errors


def open_calculator(page: Any, site_url: str, calc: Calculator) -> str:
    url = calc_url(site_url, calc)
    if page.url == "about:blank":
        page.goto(url)
    elif page.url.split("?")[0].split("#")[0] != url:
        follow_link(page, url)
    wait_ready(page, calc.name)
    wait_settled(page, calc.name)
    return f'[data-calculator="{calc.name}"]'


def make_applicable(page: Any, root: str, calc: Calculator, name: str) -> None:
    """Switch the mode or tick the box a field depends on, as a reader would before typing in it."""
    for rule in calc.applies:
        if name in rule.fields:
            controller = calc.field(rule.controller)
            target = page.locator(f'{root} [name="{rule.controller}"]')
            if controller.kind == "choice":
                target.select_option(as_text(controller, rule.values[0]))
            elif target.is_checked() != (rule.values[0] is True):
                target.click()
            wait_settled(page, calc.name)


def wait_computed(page: Any, name: str) -> None:
    """Until the calculator is live and its figures are for the values in its form (not stale)."""
    wait_ready(page, name)
    wait_settled(page, name)
    page.wait_for_function(
        "name => !document.querySelector(`[data-calculator='${name}'] [data-answer]`).hasAttribute('data-stale')",
        arg=name,
    )


@pytest.mark.parametrize("name", list(calculators()))
def test_the_answer_stays_in_view_while_typing_in_every_field(
    phone: tuple[Any, Watch], site_url: str, name: str
) -> None:
    page, _ = phone
    calc = calculators()[name]
    root = open_calculator(page, site_url, calc)
    more = page.locator(f"{root} details.tmg-more > summary")
    if more.count():
        more.click()  # "More details": the fields that are not in view at first
    typed = []
    for fld in calc.fields:
        make_applicable(page, root, calc, fld.name)
        control = page.locator(f'{root} [name="{fld.name}"]')
        assert control.is_visible(), f"{name}.{fld.name} cannot be reached"
        control.scroll_into_view_if_needed()
        if fld.kind == "choice":
            control.select_option(control.input_value())
        elif fld.kind == "toggle":
            control.click()
            wait_settled(page, name)
            control.click()
        else:
            text = control.input_value()
            control.click()
            control.fill("")
            control.press_sequentially(text or "1")
        wait_settled(page, name)
        where = page.evaluate(PLACE_AND_MEASURE, [root, fld.name, KEYBOARD_TOP])
        assert where["valueTop"] >= where["header"] - 1, f"{name}.{fld.name}: the answer is under the header: {where}"
        assert where["valueBottom"] <= KEYBOARD_TOP, f"{name}.{fld.name}: the answer is under the keyboard: {where}"
        assert where["fieldTop"] >= where["answerBottom"] - 1, f"{name}.{fld.name}: the pinned answer hides it: {where}"
        typed.append(fld.name)
    assert typed == [f.name for f in calc.fields]


def test_a_european_number_is_read_and_echoed_and_an_ambiguous_one_asked(
    phone: tuple[Any, Watch], site_url: str
) -> None:
    page, _ = phone
    calc = calculators()["creator_rewards"]
    root = open_calculator(page, site_url, calc)
    views = page.locator(f'{root} [name="monthly_views"]')
    headline = page.locator(f"{root} [data-answer] .tmg-headline__value")
    before = headline.text_content()
    # One input event with the whole entry (as a paste, or the last key of it): typed key by key,
    # "300" on the way is a number in its own right, and the page may compute it before ".000"
    # arrives, so the figures before the entry would be another number's, not the untouched ones.
    views.fill("300.000")
    wait_settled(page, calc.name)
    error = page.locator(f"#calc-{calc.name}-monthly_views-error")
    assert "can be read two ways" in (error.text_content() or "")
    assert page.get_attribute(f"{root} [data-answer]", "data-stale") is not None, "not silently 300"
    assert headline.text_content() == before, "the figures are still the last ones computed, not 300's"
    assert page.text_content(f"#calc-{calc.name}-monthly_views-read") != "= 300"
    page.locator(f'{root} [data-pick="300000"]').click()
    wait_settled(page, calc.name)
    assert views.input_value() == "300000"
    assert error.is_hidden()
    assert page.text_content(f"#calc-{calc.name}-monthly_views-read") == "= 300,000"
    assert page.get_attribute(f"{root} [data-answer]", "data-stale") is None
    share = page.locator(f'{root} [name="qualified_share"]')
    share.fill("43,5")
    wait_settled(page, calc.name)
    assert page.text_content(f"#calc-{calc.name}-qualified_share-read") == "= 43.5%"
    share.fill("0.5")
    wait_settled(page, calc.name)
    assert "for 50%, type 50" in (page.text_content(f"#calc-{calc.name}-qualified_share-read") or "")
    share.fill("43")
    wait_settled(page, calc.name)


def test_an_edit_while_python_starts_marks_the_figures_stale_and_is_computed_when_ready(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    """One honest state while loading: the same as a shared link's (stale at once), not old figures
    looking current for as long as the download takes."""
    context, watch = open_context(**PHONE)
    page = context.new_page()
    root = '[data-calculator="engagement"]'
    with engine_held(context) as held:
        page.goto(site_url + "likes/engagement-rate/")
        likes = page.locator(f'{root} [name="likes"]')
        likes.click()
        page.wait_for_function("() => document.querySelector('[data-calculator]').dataset.state === 'loading'")
        assert page.get_attribute(f"{root} [data-answer]", "data-stale") is None, (
            "untouched: the built figures are right"
        )
        assert page.text_content("#calc-engagement-likes-read") == "= 4,200", "the built page's reading"
        likes.fill("9000")
        assert page.get_attribute(root, "data-state") == "loading"
        assert page.text_content("#calc-engagement-likes-read") == "", "no reading of the old value beside the new"
        assert page.get_attribute(f"{root} [data-answer]", "data-stale") is not None, "stale at once"
        assert page.get_attribute(f"{root} [data-results]", "data-stale") is not None
        status = page.text_content(f"{root} [data-status]") or ""
        assert "Python" not in status, status
        assert "as soon as" in status, status
        # The worker asks for the engine some time after the page says it is loading (its modules and
        # the build's checksums come first); on a busy machine that can be after the edit above.
        for _ in range(READY_TIMEOUT // 100):
            if held:
                break
            page.wait_for_timeout(100)
        assert held, "the engine was requested"
    wait_computed(page, "engagement")
    assert page.text_content("#calc-engagement-likes-read") == "= 9,000"
    assert not watch.errors, watch.errors


def test_a_value_typed_before_the_calculator_is_attached_is_computed_where_data_is_dear(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    """A phone can take seconds to run the page's scripts (the phone benchmark's cold visit: the
    calculators attach about 4 s in), and the reader may tap and type meanwhile. That tap is the
    intent that starts Python where data is dear, and the figures must end up for the value typed,
    not stay the page's own as if they matched it."""
    context, watch = open_context(**PHONE)
    page = save_data_page(context)
    root = '[data-calculator="engagement"]'
    with requests_held(context, "**/assets/js/calculators.js") as held:
        page.goto(site_url + "likes/engagement-rate/", wait_until="commit")
        page.locator(f'{root} [name="likes"]').fill("9000")  # focus, then the edit: no listener of ours yet
        assert held, "the calculators' script was held"
        assert page.get_attribute(root, "data-state") == "static"
    wait_computed(page, "engagement")
    assert page.text_content("#calc-engagement-likes-read") == "= 9,000"
    assert page.text_content(f"{root} [data-answer] .tmg-headline__value") == expected_headline(likes="9000")
    assert not watch.errors, watch.errors


def test_copy_link_to_my_numbers_gives_a_link_that_brings_them_back(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    context, watch = open_context(**PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    root = '[data-calculator="engagement"]'
    page.goto(site_url + "likes/engagement-rate/")
    wait_ready(page, "engagement")
    page.fill(f'{root} [name="likes"]', "7777")
    page.locator(f"{root} [data-copy-link]").click()
    page.wait_for_function(f"() => document.querySelector('{root} [data-copied]').textContent.includes('copied')")
    link = page.evaluate("() => navigator.clipboard.readText()")
    assert "likes=7777" in link
    other = context.new_page()
    other.goto(link)
    assert other.input_value(f'{root} [name="likes"]') == "7777"
    assert not watch.errors, watch.errors
