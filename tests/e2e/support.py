"""Helpers the robustness, security, fault and accessibility browser tests share.

Contexts always come from the ``open_context`` fixture (tests/e2e/conftest.py), which fails a
test whose page reaches beyond localhost or logs an uncaught error.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from calculators.engine import evaluate
from calculators.formatting import format_value
from calculators.registry import calculators
from calculators.spec import Calculator
from tests.pages import doc_url

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 60_000


def runtime_ms(module: str, name: str) -> int:
    """A delay the browser runtime defines (``const NAME = 8000;`` in docs/assets/js/<module>), so a
    test that jumps the page's clock past it follows the runtime when it changes."""
    source = (ROOT / "docs" / "assets" / "js" / module).read_text("utf-8")
    found = re.search(rf"^const {name} = (\d+);", source, re.MULTILINE)
    assert found, f"{module} no longer defines {name}"
    return int(found.group(1))


CSP_LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}: ${e.sample || ""}`);
});
"""
"""An init script: every Content-Security-Policy violation of the page lands in ``window.__csp``."""


def calc_url(site_url: str, calc: Calculator) -> str:
    return doc_url(site_url, calc.page)


def expected_headline(**inputs: str) -> str:
    """What CPython says the engagement calculator's headline must read for these inputs."""
    result = evaluate("engagement", inputs).result
    assert result is not None
    return format_value(result.values["er_views"].typical, "percent")


def calculator_docs() -> dict[str, list[str]]:
    """Pages with calculators, and the calculators on each."""
    pages: dict[str, list[str]] = {}
    for calc in calculators().values():
        pages.setdefault(calc.page, []).append(calc.name)
    return pages


def follow_link(page: Any, href: str) -> None:
    """Click a link in the article, as a reader would, so Material's instant navigation handles it.

    Returns once the new page's content replaced the old (the link itself is gone with it).
    """
    page.evaluate(
        """href => { const a = document.createElement("a"); a.href = href; a.id = "e2e-link";
        a.textContent = "next"; document.querySelector("article").prepend(a); }""",
        href,
    )
    link = page.locator("#e2e-link")
    link.click()
    page.wait_for_url(href)
    link.wait_for(state="detached")


def text_of(page: Any, html: str) -> str:
    """The text a browser makes of an HTML string (to compare with the live results)."""
    return str(
        page.evaluate(
            "html => { const t = document.createElement('template'); t.innerHTML = html;"
            " return t.content.textContent; }",
            html,
        )
    )


def reveal(page: Any, selector: str) -> None:
    """Open the "More details" disclosure holding this field, as a reader taps it before typing."""
    page.evaluate(
        "sel => { const el = document.querySelector(sel); const d = el && el.closest('details');"
        " if (d && !d.open) d.querySelector('summary').click(); }",
        selector,
    )


def throttle(context: Any, page: Any, bytes_per_s: int) -> None:
    """A slower network for the page and its worker (Chromium's own shaping, through CDP)."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": bytes_per_s, "uploadThroughput": bytes_per_s},
    )


def wait_ready(page: Any, name: str) -> None:
    """Until the calculator is live; one that starts Python only when touched is touched first."""
    root = f'[data-calculator="{name}"]'
    if page.get_attribute(root, "data-wake") == "touch" and page.get_attribute(root, "data-state") == "static":
        page.focus(f"{root} input[name]")  # as a reader would: tap the field
    try:
        page.wait_for_selector(f'{root}[data-state="ready"]', timeout=READY_TIMEOUT)
    except PlaywrightTimeout as error:
        # Where it stopped, as the reader saw it: a timeout alone does not say.
        seen = page.evaluate(
            "sel => { const r = document.querySelector(sel); const s = r && r.querySelector('[data-status]');"
            " return r && { state: r.dataset.state, status: s && s.textContent }; }",
            root,
        )
        raise AssertionError(f"{name} not live within {READY_TIMEOUT} ms; it shows {seen}") from error


def wait_until(page: Any, script: str, timeout_ms: int = READY_TIMEOUT, arg: Any = None) -> None:
    """Until ``script`` (it may be async) returns something truthy in ``page``.

    Not ``page.wait_for_function``: it does not await a promise, and a promise is truthy, so an
    async check (the service worker's caches, its registration) would pass at once, before what it
    checks is true.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(script, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout_ms} ms: {script}")
        time.sleep(0.25)


def wait_settled(page: Any, name: str) -> None:
    """Until the widget has no computation in flight (``data-busy``)."""
    page.wait_for_function(
        "name => { const r = document.querySelector(`[data-calculator='${name}']`);"
        " return r && r.dataset.state === 'ready' && !r.hasAttribute('data-busy'); }",
        arg=name,
        timeout=READY_TIMEOUT,
    )


def csp_violations(page: Any) -> list[str]:
    return list(page.evaluate("() => window.__csp || []"))


@contextmanager
def requests_held(context: Any, pattern: str) -> Iterator[list[Any]]:
    """Requests matching ``pattern`` hang until the block ends, then go on; yields those held so far."""
    held: list[Any] = []

    def hold(route: Any) -> None:
        held.append(route)

    context.route(pattern, hold)
    try:
        yield held
    finally:
        context.unroute(pattern)
        for route in held:
            route.fallback()


def engine_held(context: Any) -> AbstractContextManager[list[Any]]:
    """Python's engine download (``pyodide.asm.wasm``) hangs until the block ends, then goes on."""
    return requests_held(context, "**/pyodide/pyodide.asm.wasm")


def save_data_page(context: Any) -> Any:
    """A page whose reader asked to save data (the Save-Data flag, as Chromium's data saver sets it)."""
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    return page


def search_for(page: Any, words: str) -> None:
    """Open Material's search as a reader does, type ``words`` and wait for the first results."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially(words, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
