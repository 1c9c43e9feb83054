"""Bad input wherever it enters, in Chromium: every field of every calculator, and the URL.

One tab, one Python: the pages are visited with Material's instant navigation. The nasty values
are typed by a loop inside the page (one Playwright call per calculator, not per value), and
what the page then shows (each field's message, aria-invalid, the headline) is compared with
what CPython computes for the same input.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import pytest

from calculators.engine import evaluate
from calculators.registry import calculators, get_calculator
from calculators.render import render_answer
from site_build.shared import MAX_VALUE_LENGTH
from tests.e2e.conftest import Watch
from tests.e2e.support import CSP_LISTENER, calc_url, csp_violations, follow_link, reveal, wait_ready, wait_settled

SENT_LIMIT = MAX_VALUE_LENGTH
"""The page sends at most this many characters of a field to Python (``runtime/shared.js``)."""

NASTY = (
    "",
    " ",
    "  12 ",
    "-1",
    "-0",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e308",
    "1e309",
    "abc",
    "12abc",
    "1,000",
    "1.000,5",
    "1,5",
    "12k",
    "0x1F",
    "\uff11\uff12",  # full-width digits
    "1" * 41,
    "9" * 300,
    "x" * 5000,
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "{{7*7}}",
    "__import__('os')",
    "__proto__",
    "\u202e5",
)
"""Typed into every text field and select of every calculator (the counts are in the report)."""

TYPE_ALL = """
async ([name, values]) => {
  const root = document.querySelector(`[data-calculator="${name}"]`);
  const settle = () => new Promise((resolve, reject) => {
    const start = performance.now();
    const tick = () => {
      if (!root.hasAttribute("data-busy")) return resolve();
      if (performance.now() - start > 15000) return reject(new Error(`${name}: no answer`));
      setTimeout(tick, 4);
    };
    tick();
  });
  const look = () => {
    const fields = {};
    for (const el of root.querySelectorAll("[name]")) {
      const error = root.querySelector(`#${CSS.escape(el.id)}-error`);
      fields[el.name] = {
        error: error && !error.hidden ? error.textContent : "",
        invalid: el.getAttribute("aria-invalid") === "true",
        describedby: el.getAttribute("aria-describedby") || "",
        errorId: error ? error.id : "",
      };
    }
    const results = root.querySelector("[data-results]");
    const headline = root.querySelector("[data-answer] .tmg-headline__value");
    return {
      fields,
      stale: results.hasAttribute("data-stale"),
      headline: headline ? headline.textContent : null,
      filled: results.children.length > 0,
      injected: root.querySelectorAll("img, script, iframe, object, embed").length,
    };
  };
  const seen = [];
  for (const el of root.querySelectorAll('input[type="text"], select')) {
    const original = el.value;
    for (const value of [...values, original]) {
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      await settle();
      seen.push({ field: el.name, typed: value, sent: el.value, ...look() });
    }
  }
  return seen;
}
"""


def record_dialog(watch: Watch, dialog: Any) -> None:
    """A dialog means reader input ran as code: fail, and close it so the page goes on."""
    watch.errors.append(f"dialog: {dialog.message}")
    dialog.dismiss()


def expected_headline(evaluation: Any) -> str:
    match = re.search(r'<strong class="tmg-headline__value">(.*?)</strong>', render_answer(evaluation))
    assert match, "every calculator has a headline"
    return html.unescape(match.group(1))


@pytest.fixture(scope="module")
def visit(open_context: Callable[..., tuple[Any, Watch]], site_url: str) -> Iterator[tuple[Any, Watch]]:
    context, watch = open_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on("dialog", lambda dialog: record_dialog(watch, dialog))
    first = next(iter(calculators().values()))
    page.goto(calc_url(site_url, first))
    wait_ready(page, first.name)
    yield page, watch
    assert watch.count("pyodide.asm.wasm") == 1, "one Python for the whole visit"
    assert not watch.errors, watch.errors


def go(page: Any, url: str, name: str) -> None:
    if page.url != url:
        follow_link(page, url)
    wait_ready(page, name)
    wait_settled(page, name)


@pytest.mark.parametrize("name", list(calculators()))
def test_nasty_values_in_every_field(visit: tuple[Any, Watch], site_url: str, name: str) -> None:
    page, watch = visit
    calc = get_calculator(name)
    go(page, calc_url(site_url, calc), name)
    seen = page.evaluate(TYPE_ALL, [name, list(NASTY)])
    text_fields = [f for f in calc.fields if f.kind not in ("toggle",)]
    assert len(seen) == len(text_fields) * (len(NASTY) + 1)
    for obs in seen:
        where = f"{name}.{obs['field']} = {obs['typed'][:40]!r}"
        evaluation = evaluate(calc, {obs["field"]: obs["sent"][:SENT_LIMIT]})
        shown = {field: o["error"] for field, o in obs["fields"].items() if o["error"]}
        assert shown == evaluation.errors, where
        for field, o in obs["fields"].items():
            assert o["invalid"] == (field in evaluation.errors), f"{where}: aria-invalid of {field}"
            assert o["errorId"], f"{where}: {field} has no error element"
            assert o["errorId"] in o["describedby"].split(), f"{where}: {field} not linked to its error"
        assert obs["injected"] == 0, f"{where}: markup from input"
        assert obs["filled"], f"{where}: the results region was emptied"
        if evaluation.ok:
            assert not obs["stale"], where
            assert obs["headline"] == expected_headline(evaluation), where
        else:
            assert obs["stale"], f"{where}: old figures must look stale"
    assert not csp_violations(page)
    assert not watch.errors, watch.errors


def test_toggles_flip_both_ways_without_errors(visit: tuple[Any, Watch], site_url: str) -> None:
    page, watch = visit
    for calc in calculators().values():
        toggles = [f for f in calc.fields if f.kind == "toggle"]
        if not toggles:
            continue
        go(page, calc_url(site_url, calc), calc.name)
        for fld in toggles:
            box = page.locator(f'[data-calculator="{calc.name}"] [name="{fld.name}"]')
            reveal(page, f'[data-calculator="{calc.name}"] [name="{fld.name}"]')
            for _ in range(2):
                box.click()
                wait_settled(page, calc.name)
                assert page.locator(f"#calc-{calc.name}-{fld.name}-error").is_hidden()
    assert not watch.errors, watch.errors


def test_a_huge_paste_and_real_typing(visit: tuple[Any, Watch], site_url: str) -> None:
    """The real keyboard path (not value + event): a 100,000-character paste, then typing."""
    page, watch = visit
    calc = get_calculator("engagement")
    go(page, calc_url(site_url, calc), calc.name)
    field = page.locator('[data-calculator="engagement"] [name="likes"]')
    field.fill("7" * 100_000)
    wait_settled(page, "engagement")
    error = page.locator("#calc-engagement-likes-error")
    assert "too long" in (error.text_content() or "")
    field.fill("")
    field.press_sequentially("12,5")
    wait_settled(page, "engagement")
    assert "whole number" in (error.text_content() or "")  # read as 12.5 likes
    field.press("Backspace")
    field.press("Backspace")
    field.press_sequentially("500")
    wait_settled(page, "engagement")
    assert error.is_hidden()
    assert field.input_value() == "12500"
    assert not watch.errors, watch.errors


HOSTILE_QUERIES = (
    ("engagement", {"likes": "<img src=x onerror=alert(1)>"}),
    ("engagement", {"likes": '"><script>alert(1)</script>', "views": "{{7*7}}"}),
    ("engagement", {"likes": "__import__('os').system('id')"}),
    ("engagement", {"__proto__[polluted]": "1", "constructor[prototype][polluted]": "1", "__proto__": "5"}),
    ("engagement", {"likes": "NaN", "views": "Infinity", "comments": "-1", "shares": "1e309"}),
    ("engagement", {"likes": "9" * 5000}),
    ("engagement", {"likes": "\x00\x01\x1f", "views": "💩"}),
    ("engagement", {"likes": "\u202e123", "views": "%"}),
    ("engagement", {"unknown": "1", "utm_source": "x", "": "empty-name"}),
    ("engagement", {"likes": "12k", "views": "1,000,000"}),
    ("engagement", [("likes", "-1"), ("likes", "900"), ("views", "<b>"), ("views", "30000")]),
    ("live_gifts", {"mode": "<script>alert(1)</script>", "coins": "javascript:alert(1)"}),
    ("subscriptions", {"country": "mars", "price": "$$5", "bonus": "<b>yes</b>"}),
    ("brand_deal", {"usage_rights": "maybe", "followers": "1.000,5"}),
)
"""Each is opened as a shared link would be (the counts are in the report)."""


Params = dict[str, str] | list[tuple[str, str]]


def pairs(params: Params) -> list[tuple[str, str]]:
    return list(params.items()) if isinstance(params, dict) else params


def query(params: Params) -> str:
    return "?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs(params))


@pytest.mark.parametrize(("name", "params"), HOSTILE_QUERIES, ids=[f"q{i}" for i in range(len(HOSTILE_QUERIES))])
def test_a_hostile_shared_link_only_ever_fills_fields(
    visit: tuple[Any, Watch], site_url: str, name: str, params: Params
) -> None:
    page, watch = visit
    calc = get_calculator(name)
    url = calc_url(site_url, calc) + query(params)
    # Arrive from another page, as from a shared link (Material treats a link to the page itself
    # as in-page navigation), without restarting Python.
    follow_link(page, site_url + "disclaimer/")
    follow_link(page, url)
    wait_ready(page, name)
    wait_settled(page, name)
    root = f'[data-calculator="{name}"]'
    first: dict[str, str] = {}
    for key, value in pairs(params):
        first.setdefault(key, value)  # a repeated name: the first one counts, like URLSearchParams.get
    given = {f.name: first[f.name][:SENT_LIMIT] for f in calc.fields if f.name in first}
    sent = {
        f.name: str(page.locator(f'{root} [name="{f.name}"]').is_checked()).lower()
        if f.kind == "toggle"
        else page.locator(f'{root} [name="{f.name}"]').input_value()
        for f in calc.fields
    }
    for field, value in given.items():
        kind = calc.field(field).kind
        if kind in ("integer", "number", "money", "percent"):
            # What the field holds is the link's text (minus what a text input cannot hold: line breaks).
            assert sent[field] == value.replace("\n", "").replace("\r", ""), field
    evaluation = evaluate(calc, sent)
    for fld in calc.fields:
        error = page.locator(f"#calc-{name}-{fld.name}-error")
        want = evaluation.errors.get(fld.name, "")
        assert (error.text_content() or "") == want if want else error.is_hidden(), fld.name
    assert page.locator(f"{root} img, {root} script, {root} iframe").count() == 0
    assert page.evaluate("() => ({}).polluted === undefined && Object.prototype.polluted === undefined")
    assert page.locator(f"{root} [data-results] table, {root} [data-results] p").count() > 0
    assert not csp_violations(page)
    assert not watch.errors, watch.errors
