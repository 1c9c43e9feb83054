"""Accessibility in Chromium: axe-core on every page in both colour schemes, keyboard use, what
screen readers are told (names, descriptions, errors, a short summary after a pause), reduced
motion, and reflow at 360 px and at 200% zoom.

axe-core is injected with ``add_init_script``: Playwright adds it through the DevTools protocol,
which the page's Content-Security-Policy does not govern, so the scan runs with the real policy
on (no ``bypass_csp``), exactly as readers get the pages.

Set ``TMG_SCREENSHOTS=/some/dir`` to also save screenshots of the calculator pages (desktop and
phone, light and dark) for a human look.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from calculators.engine import evaluate
from calculators.registry import calculators, get_calculator
from tests.e2e.conftest import Watch
from tests.e2e.support import (
    CSP_LISTENER,
    READY_TIMEOUT,
    ROOT,
    calc_url,
    calculator_docs,
    csp_violations,
    follow_link,
    reveal,
    wait_ready,
    wait_settled,
)
from tests.pages import doc_url, nav_docs

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ENGAGEMENT = '[data-calculator="engagement"]'
SHOTS = os.environ.get("TMG_SCREENSHOTS", "")

RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}"""


def axe(page: Any) -> list[str]:
    return list(page.evaluate(RUN_AXE))


SELECT_ARROW = 24
"""Pixels of a closed drop-down's box its arrow takes (Chromium's is about 20 px wide)."""

CUT_OPTIONS = """([selector, arrow]) => {
  const select = document.querySelector(selector);
  const style = getComputedStyle(select);
  const pen = document.createElement("canvas").getContext("2d");
  pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow;
  return [...select.options].filter((o) => pen.measureText(o.text).width > room)
    .map((o) => `${o.text} (${Math.round(pen.measureText(o.text).width)} px in ${Math.round(room)} px)`);
}"""
"""Options whose text is wider than the closed drop-down shows: the reader sees a label cut mid-word."""


def shot(page: Any, name: str) -> None:
    """The page's first calculator, as an image under $TMG_SCREENSHOTS (when set)."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.locator("[data-calculator]").first.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture(scope="module")
def schemes(open_context: Callable[..., tuple[Any, Watch]]) -> Iterator[dict[str, tuple[Any, Watch]]]:
    """One tab per colour scheme (Material follows the system's), each with one Python."""
    tabs = {}
    for scheme in ("light", "dark"):
        context, watch = open_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
        context.add_init_script(path=str(AXE))
        context.add_init_script(CSP_LISTENER)
        tabs[scheme] = (context.new_page(), watch)
    yield tabs
    for _, watch in tabs.values():
        assert not watch.errors, watch.errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_page(schemes: dict[str, tuple[Any, Watch]], site_url: str, scheme: str) -> None:
    page, watch = schemes[scheme]
    docs = nav_docs()
    page.goto(doc_url(site_url, docs[0]))
    assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    found = {}
    with_calculators = calculator_docs()
    for i, doc in enumerate(docs):
        if i:
            follow_link(page, doc_url(site_url, doc))
        for name in with_calculators.get(doc, []):
            wait_ready(page, name)  # scanned live, as readers use them
            wait_settled(page, name)
        if violations := axe(page):
            found[doc] = violations
        if with_calculators.get(doc):
            shot(page, f"{doc.replace('/', '_').removesuffix('.md')}-desktop-{scheme}")
    # The states readers meet when something is wrong: a field's message on show.
    follow_link(page, site_url + "likes/engagement-rate/")
    wait_ready(page, "engagement")
    page.fill(f'{ENGAGEMENT} [name="views"]', "lots")
    wait_settled(page, "engagement")
    expect(page.locator("#calc-engagement-views-error")).to_be_visible()
    # Back to the top, where the header's tabs are shown again; let their transition end.
    page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_timeout(500)
    if violations := axe(page):
        found["engagement with a field error"] = violations
    page.fill(f'{ENGAGEMENT} [name="views"]', "60000")
    wait_settled(page, "engagement")
    assert found == {}
    assert csp_violations(page) == []
    assert not watch.errors, watch.errors


def live_engagement(schemes: dict[str, tuple[Any, Watch]], site_url: str) -> Any:
    page, _ = schemes["light"]
    url = site_url + "likes/engagement-rate/"
    if re.split(r"[?#]", page.url)[0] != url:
        if page.url == "about:blank":
            page.goto(url)
        else:
            follow_link(page, url)
    wait_ready(page, "engagement")
    wait_settled(page, "engagement")
    return page


def focused(page: Any) -> dict[str, Any]:
    return dict(
        page.evaluate(
            """() => { const el = document.activeElement; const s = getComputedStyle(el);
            return { name: el.name || "", tag: el.tagName, id: el.id || "",
                     inWidget: !!el.closest('[data-calculator="engagement"]'),
                     outline: s.outlineStyle, width: parseFloat(s.outlineWidth) }; }"""
        )
    )


def test_keyboard_reaches_every_field_in_order_with_visible_focus_and_no_trap(
    schemes: dict[str, tuple[Any, Watch]], site_url: str
) -> None:
    page = live_engagement(schemes, site_url)
    calc = get_calculator("engagement")
    more = page.locator(f"{ENGAGEMENT} details.tmg-more")
    if more.count() and not more.evaluate("d => d.open"):
        page.locator(f"{ENGAGEMENT} details.tmg-more > summary").click()  # "More details", as a reader opens it
    page.locator(f"{ENGAGEMENT} .tmg-calc__summary").click()  # a point just before the answer and the form
    order: list[str] = []
    places: list[dict[str, float]] = []
    for _ in range(len(calc.fields) + 2):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["outline"] != "none", f"no visible focus on {now}"
        assert now["width"] >= 2, f"focus ring too thin on {now}"
        if now["name"]:
            order.append(now["name"])
            places.append(
                page.evaluate(
                    "() => { const r = document.activeElement.getBoundingClientRect();"
                    " return { x: r.left + window.scrollX, y: r.top + window.scrollY }; }"
                )
            )
        if len(order) == len(calc.fields):
            break
    assert sorted(order) == sorted(f.name for f in calc.fields), order
    # The order follows what the eye reads: left to right along a row, then down.
    assert in_visual_order(order, places) == []
    # Typing with the keyboard alone updates the figures.
    page.locator(f'{ENGAGEMENT} [name="views"]').focus()
    page.keyboard.press("Control+a")
    page.keyboard.type("90000")
    wait_settled(page, "engagement")
    assert page.input_value(f'{ENGAGEMENT} [name="views"]') == "90000"
    # Onwards through the results and out of the widget: no trap.
    for _ in range(40):
        page.keyboard.press("Tab")
        if not focused(page)["inWidget"]:
            break
    else:
        pytest.fail("Tab never left the calculator")
    page.keyboard.press("Shift+Tab")
    assert focused(page)["inWidget"], "Shift+Tab comes back"


def in_visual_order(order: list[str], places: list[dict[str, float]]) -> list[str]:
    """Each step of a focus order that goes against reading order (left to right along a row, then down)."""
    wrong = []
    for (a, pa), (b, pb) in itertools.pairwise(zip(order, places, strict=True)):
        same_row = abs(pa["y"] - pb["y"]) < 8
        if not ((pb["x"] > pa["x"]) if same_row else (pb["y"] > pa["y"])):
            wrong.append(f"{a} → {b}: {pa} → {pb}")
    return wrong


@pytest.mark.parametrize("name", list(calculators()))
def test_keyboard_order_follows_the_visual_order_in_every_calculator(
    schemes: dict[str, tuple[Any, Watch]], site_url: str, name: str
) -> None:
    """Tab goes through every field in view (More details open) in the order the eye reads them,
    on a desktop screen, where fields sit side by side in a grid and groups in boxes."""
    page, _ = schemes["light"]
    calc = get_calculator(name)
    url = calc_url(site_url, calc)
    if re.split(r"[?#]", page.url)[0] != url:
        if page.url == "about:blank":
            page.goto(url)
        else:
            follow_link(page, url)
    wait_ready(page, name)
    wait_settled(page, name)
    root = f'[data-calculator="{name}"]'
    if page.locator(f"{root} details.tmg-more").count():
        page.evaluate("sel => { document.querySelector(sel).open = true; }", f"{root} details.tmg-more")
    hidden = calc.inapplicable(evaluate(calc).values)
    expected = {f.name for f in calc.fields if f.name not in hidden}
    page.locator(f"{root} .tmg-calc__summary").click()  # a point just before the answer and the form
    order: list[str] = []
    places: list[dict[str, float]] = []
    for _ in range(3 * len(calc.fields) + 10):
        page.keyboard.press("Tab")
        now = page.evaluate(
            """root => { const el = document.activeElement; const r = el.getBoundingClientRect();
            return { name: el.closest(root) ? el.name || "" : "",
                     x: r.left + window.scrollX, y: r.top + window.scrollY }; }""",
            root,
        )
        if now["name"] and now["name"] not in order:
            order.append(now["name"])
            places.append({"x": now["x"], "y": now["y"]})
        if set(order) == expected:
            break
    assert set(order) == expected, f"Tab never reached {expected - set(order)}"
    assert in_visual_order(order, places) == []


def test_fields_are_named_described_and_errors_linked(schemes: dict[str, tuple[Any, Watch]], site_url: str) -> None:
    page = live_engagement(schemes, site_url)
    reveal(page, f'{ENGAGEMENT} [name="followers"]')  # "More details": the fields not in view at first
    for calc in calculators().values():
        if calc.name != "engagement":
            continue
        for fld in calc.fields:
            control = page.locator(f'{ENGAGEMENT} [name="{fld.name}"]')
            expect(control).to_have_accessible_name(re.compile(re.escape(fld.label)))
            if fld.help:
                expect(control).to_have_accessible_description(re.compile(re.escape(fld.help[:30])))
    views = page.locator(f'{ENGAGEMENT} [name="views"]')
    views.fill("-5")
    wait_settled(page, "engagement")
    expect(views).to_have_attribute("aria-invalid", "true")
    expect(views).to_have_accessible_description(re.compile(r"Enter 1 or more\.$"))
    views.fill("60000")
    wait_settled(page, "engagement")
    expect(views).not_to_have_attribute("aria-invalid", "true")
    # Live regions: the status line, the short summary and the copy-link confirmation; never the results.
    assert page.locator(f"{ENGAGEMENT} [data-results][aria-live]").count() == 0
    assert page.locator(f'{ENGAGEMENT} [role="status"], {ENGAGEMENT} [aria-live]').count() == 3


def test_screen_readers_hear_one_short_summary_after_a_pause(
    schemes: dict[str, tuple[Any, Watch]], site_url: str
) -> None:
    page = live_engagement(schemes, site_url)
    page.evaluate(
        """() => { window.__spoken = [];
        const el = document.querySelector('[data-calculator="engagement"] [data-announce]');
        new MutationObserver(() => window.__spoken.push(el.textContent))
          .observe(el, { childList: true, characterData: true, subtree: true }); }"""
    )
    likes = page.locator(f'{ENGAGEMENT} [name="likes"]')
    likes.fill("")
    likes.press_sequentially("15000", delay=80)  # faster than the pause: nothing said meanwhile
    page.wait_for_function("() => window.__spoken.length > 0", timeout=5_000)
    page.wait_for_timeout(1200)
    spoken = page.evaluate("() => window.__spoken")
    headline = page.text_content(f"{ENGAGEMENT} .tmg-headline__value") or ""
    assert len(spoken) == 1, spoken
    assert spoken[0].startswith("Updated.")
    assert headline in spoken[0]
    likes.fill("12,5")
    page.wait_for_function("() => window.__spoken.length > 1", timeout=5_000)
    assert page.evaluate("() => window.__spoken[1]") == "Likes: Enter a whole number, like 12500."
    likes.fill("4200")
    wait_settled(page, "engagement")


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """WCAG's contrast ratio of two opaque sRGB colours (0–255 per channel)."""

    def luminance(rgb: tuple[float, ...]) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (x / 255 for x in rgb[:3])]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rgb(css: str, under: tuple[float, ...] = (255, 255, 255)) -> tuple[float, ...]:
    """A computed colour (``rgb(…)`` or ``rgba(…)``), made opaque over ``under``."""
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    alpha = parts[3] if len(parts) > 3 else 1.0
    return tuple(c * alpha + u * (1 - alpha) for c, u in zip(parts[:3], under, strict=True))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_typical_mark_stands_out_from_its_bar(
    schemes: dict[str, tuple[Any, Watch]], site_url: str, scheme: str
) -> None:
    """Graphics need 3:1 against what is next to them (WCAG 1.4.11): the mark on a range bar says
    where the typical value is, and in dark mode the text colour it is drawn in is as light as the bar."""
    page, _ = schemes[scheme]
    calc = get_calculator("creator_rewards")
    url = calc_url(site_url, calc)
    if re.split(r"[?#]", page.url)[0] != url:
        if page.url == "about:blank":
            page.goto(url)
        else:
            follow_link(page, url)
    colours = page.evaluate(
        """() => { const svg = document.querySelector(".tmg-chart__svg");
        const mark = getComputedStyle(svg.querySelector(".tmg-chart__typical"));
        return { bar: getComputedStyle(svg.querySelector(".tmg-chart__bar")).fill, fill: mark.fill,
                 stroke: mark.stroke, width: parseFloat(mark.strokeWidth) || 0 }; }"""
    )
    bar = rgb(colours["bar"])
    best = contrast(rgb(colours["fill"], bar), bar)
    if colours["stroke"] != "none" and colours["width"] >= 1:
        best = max(best, contrast(rgb(colours["stroke"], bar), bar))
    assert best >= 3, f"the typical mark is {best:.2f}:1 against its bar ({colours})"


SOURCE_MARKER_GAPS = """() => {
  const sup = document.querySelector(".tmg-fact .tmg-cite");
  const fact = sup.closest(".tmg-fact");
  const box = (node, start, end) => { const r = document.createRange(); r.setStart(node, start);
    r.setEnd(node, end); return r.getBoundingClientRect(); };
  const lastText = (el) => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).pop();
  const before = lastText(fact);
  const digits = lastText(sup.querySelector(".footnote-ref"));
  const after = fact.nextSibling;
  const digit = box(digits, 0, digits.length);
  return { text: `${before.data}|${digits.data}|${after.data.slice(0, 1)}`,
           before: digit.left - box(before, before.length - 1, before.length).right,
           after: box(after, 0, 1).left - digit.right };
}"""


def test_a_source_marker_sits_against_its_figure_and_the_full_stop(
    schemes: dict[str, tuple[Any, Watch]], site_url: str
) -> None:
    """A footnote-style marker after the figure ("per like¹."): its larger tap area (WCAG 2.5.8)
    must not open gaps in the sentence, as padding on an inline link does."""
    page, _ = schemes["light"]
    page.goto(site_url)
    gaps = page.evaluate(SOURCE_MARKER_GAPS)
    assert gaps["before"] < 2, gaps
    assert gaps["after"] < 2, gaps


def test_reduced_motion_stops_the_loading_pulse(schemes: dict[str, tuple[Any, Watch]], site_url: str) -> None:
    page = live_engagement(schemes, site_url)
    pulse = """() => { const root = document.querySelector('[data-calculator="engagement"]');
        const was = root.dataset.state; root.dataset.state = "loading";
        const name = getComputedStyle(root.querySelector('[data-status]'), '::before').animationName;
        root.dataset.state = was; return name; }"""
    assert page.evaluate(pulse) == "tmg-pulse"
    page.emulate_media(reduced_motion="reduce")
    try:
        assert page.evaluate(pulse) == "none"
    finally:
        page.emulate_media(reduced_motion="no-preference")


def test_retry_is_reachable_and_usable_by_keyboard(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    context, watch = open_context()
    context.add_init_script(path=str(AXE))
    context.route("**/pyodide/pyodide.asm.mjs", lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + "likes/engagement-rate/")
    page.focus(f"{ENGAGEMENT} form [name]")  # the first field (where you live); starts Python
    page.wait_for_selector(f'{ENGAGEMENT}[data-state="error"]', timeout=READY_TIMEOUT)
    assert axe(page) == [], "the error state passes axe too"
    page.keyboard.press("Shift+Tab")  # the status line and its retry sit between the answer and the form
    retry = focused(page)
    assert retry["tag"] == "BUTTON", retry
    assert retry["outline"] != "none", retry
    context.unroute("**/pyodide/pyodide.asm.mjs")
    page.keyboard.press("Enter")
    # The button hides while Python starts: focus goes to the status line, not to the page's start.
    assert page.evaluate("() => document.activeElement.matches('[data-status]')")
    wait_ready(page, "engagement")
    assert not [e for e in watch.errors if "Failed to load resource" not in e], watch.errors


@pytest.mark.parametrize(
    ("label", "options"),
    [
        ("phone-360-light", {"viewport": {"width": 360, "height": 740}, "color_scheme": "light", "is_mobile": True}),
        (
            "zoom-200-dark",
            {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2, "color_scheme": "dark"},
        ),
    ],
)
def test_no_horizontal_scroll_and_usable_fields_when_narrow(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str, label: str, options: dict[str, Any]
) -> None:
    """360 px (a small phone) and 640 px at 2x (a 1280 px window zoomed to 200%)."""
    context, watch = open_context(**options)
    page = context.new_page()
    seen = []
    for doc, names in calculator_docs().items():
        url = doc_url(site_url, doc)
        if page.url == "about:blank":
            page.goto(url)
        else:
            follow_link(page, url)
        for name in names:
            wait_ready(page, name)
            wait_settled(page, name)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{doc}: the page scrolls sideways by {overflow}px"
        for name in names:
            calc = get_calculator(name)
            root = f'[data-calculator="{name}"]'
            if page.locator(f"{root} details.tmg-more").count():
                page.evaluate("sel => { document.querySelector(sel).open = true; }", f"{root} details.tmg-more")
            hidden = calc.inapplicable(evaluate(calc).values)  # shown when their mode is chosen
            for fld in calc.fields:
                if fld.name in hidden:
                    continue
                box = page.locator(f'{root} [name="{fld.name}"]').bounding_box()
                assert box, f"{name}.{fld.name} is not shown"
                assert box["x"] >= 0, f"{name}.{fld.name} is cut off on the left: {box}"
                assert box["x"] + box["width"] <= options["viewport"]["width"] + 0.5, (
                    f"{name}.{fld.name} is cut off on the right: {box}"
                )
                if fld.kind == "choice":
                    cut = page.evaluate(CUT_OPTIONS, [f'{root} [name="{fld.name}"]', SELECT_ARROW])
                    assert not cut, f"{name}.{fld.name}: options cut off in the closed drop-down: {cut}"
        shot(page, f"{doc.replace('/', '_').removesuffix('.md')}-{label}")
        seen.append(doc)
    # Fields are usable: type on the small screen, figures follow.
    calc = get_calculator("engagement")
    follow_link(page, calc_url(site_url, calc))
    wait_ready(page, "engagement")
    field = page.locator(f'{ENGAGEMENT} [name="likes"]')
    field.click()
    field.fill("9999")
    wait_settled(page, "engagement")
    assert page.locator("#calc-engagement-likes-error").is_hidden()
    assert len(seen) == len(calculator_docs())
    assert not watch.errors, watch.errors
