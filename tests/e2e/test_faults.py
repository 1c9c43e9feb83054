"""Faults in Chromium: Python's files missing, blocked, offline, slow or corrupt, and the worker
crashing or going silent. Each time the page keeps its built figures, says what happened in
plain words, offers a retry that works, and keeps what the reader typed.

(Aborted pyodide.asm.wasm and pyodide-lock.json are in test_engine.py; altered files are in
test_security.py.)
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Watch
from tests.e2e.support import (
    READY_TIMEOUT,
    engine_held,
    expected_headline,
    runtime_ms,
    wait_ready,
    wait_settled,
)

PAGE = "likes/engagement-rate/"
ROOT = '[data-calculator="engagement"]'
HEADLINE = f"{ROOT} .tmg-headline__value"
NOT_DOWNLOADED = "its files could not be downloaded"
CALL_TIMEOUT_MS = runtime_ms("runtime/python.js", "CALL_TIMEOUT_MS")
"""How long the page waits for the worker's answer."""
SLOW_MS = runtime_ms("runtime/widget.js", "SLOW_MS")
"""When the loading status says that getting ready is taking a while."""


def start(context: Any, site_url: str, page_path: str = PAGE, field: str = f'{ROOT} [name="likes"]') -> Any:
    page = context.new_page()
    page.goto(site_url + page_path)
    page.focus(field)  # Python starts when a calculator is touched
    return page


def wait_error(page: Any, root: str = ROOT) -> None:
    page.wait_for_selector(f'{root}[data-state="error"]', timeout=READY_TIMEOUT)


def assert_readable_failure(page: Any, kind: str, words: str, *, typed: str | None = None) -> None:
    """Built figures kept, a plain message, a visible retry, the reader's entry untouched."""
    assert page.get_attribute(ROOT, "data-error-kind") == kind
    status = page.text_content(f"{ROOT} [data-status]") or ""
    assert words in status, status
    assert "Your entries are kept." in status
    assert page.text_content(HEADLINE) == expected_headline(), "the built figures stay"
    assert page.locator(f"{ROOT} [data-retry]").is_visible()
    if typed is not None:
        assert page.input_value(f'{ROOT} [name="likes"]') == typed
        assert "earlier values, not the ones now in the form" in status
        assert page.get_attribute(f"{ROOT} [data-results]", "data-stale") is not None


def retry_and_check_live(page: Any, typed: str) -> None:
    page.click(f"{ROOT} [data-retry]")
    wait_ready(page, "engagement")
    wait_settled(page, "engagement")
    want = expected_headline(likes=typed)
    page.wait_for_function("([sel, want]) => document.querySelector(sel).textContent === want", arg=[HEADLINE, want])
    assert page.input_value(f'{ROOT} [name="likes"]') == typed


def without_load_failures(watch: Watch) -> list[str]:
    """Console errors other than the browser's own note about the request the test broke."""
    return [e for e in watch.errors if "Failed to load resource" not in e]


@pytest.mark.parametrize(
    ("path", "how"),
    [
        ("pyodide/integrity.json", 404),
        ("pyodide/pyodide.asm.mjs", 404),
        ("pyodide/pyodide.asm.wasm", 500),
        ("pyodide/pyodide.mjs", "abort"),
        ("assets/js/pyodide-worker.js", 404),
        ("assets/js/pyodide-worker.js", "abort"),
    ],
)
def test_a_missing_or_blocked_file(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str, path: str, how: int | str
) -> None:
    context, watch = open_context()
    pattern = f"**/{path}"
    if how == "abort":
        context.route(pattern, lambda route: route.abort("blockedbyclient"))
    else:
        context.route(pattern, lambda route: route.fulfill(status=int(how), body="gone"))
    page = start(context, site_url)
    page.fill(f'{ROOT} [name="likes"]', "4321")
    wait_error(page)
    assert_readable_failure(page, "network", NOT_DOWNLOADED, typed="4321")
    context.unroute(pattern)
    retry_and_check_live(page, "4321")
    assert not without_load_failures(watch), watch.errors


def test_the_wheel_blocked(open_context: Callable[..., tuple[Any, Watch]], site_url: str, site_dir: Path) -> None:
    """The calculators package itself (the memory snapshot is blocked too, so the wheel is needed)."""
    context, watch = open_context()
    context.route("**/pyodide/*.whl", lambda route: route.abort())
    context.route("**/pyodide/snapshot-*", lambda route: route.abort())
    page = start(context, site_url)
    wait_error(page)
    assert_readable_failure(page, "network", NOT_DOWNLOADED)
    assert ".whl" in (page.get_attribute(ROOT, "data-error-detail") or "")
    assert not without_load_failures(watch), watch.errors


def test_offline_then_back_online(open_context: Callable[..., tuple[Any, Watch]], site_url: str) -> None:
    """Two calculators on one page: both say so, and one retry brings both back."""
    context, watch = open_context()
    page = context.new_page()
    page.goto(site_url + "monetization/live-gifts/")
    context.set_offline(True)
    page.fill('[data-calculator="live_gifts"] [name="diamonds"]', "9000")
    for name in ("live_gifts", "subscriptions"):
        wait_error(page, f'[data-calculator="{name}"]')
        assert page.get_attribute(f'[data-calculator="{name}"]', "data-error-kind") == "network"
        assert page.locator(f'[data-calculator="{name}"] [data-retry]').is_visible()
    context.set_offline(False)
    page.click('[data-calculator="subscriptions"] [data-retry]')
    for name in ("live_gifts", "subscriptions"):
        wait_ready(page, name)
        wait_settled(page, name)
        assert page.locator(f'[data-calculator="{name}"] [data-retry]').is_hidden()
    assert page.input_value('[data-calculator="live_gifts"] [name="diamonds"]') == "9000"
    assert not without_load_failures(watch), watch.errors


def pyodide_worker(page: Any) -> Any:
    return next(w for w in page.workers if w.url.endswith("pyodide-worker.js"))


def test_the_worker_crashes_after_start(open_context: Callable[..., tuple[Any, Watch]], site_url: str) -> None:
    context, watch = open_context()
    page = start(context, site_url)
    wait_ready(page, "engagement")
    pyodide_worker(page).evaluate("() => { setTimeout(() => { throw new Error('simulated crash'); }, 0); }")
    page.fill(f'{ROOT} [name="likes"]', "3100")
    wait_error(page)
    assert_readable_failure(page, "crash", "The live calculator stopped: it stopped unexpectedly.", typed="3100")
    retry_and_check_live(page, "3100")
    assert not [e for e in watch.errors if "simulated crash" not in e], watch.errors


def test_the_worker_goes_silent(open_context: Callable[..., tuple[Any, Watch]], site_url: str) -> None:
    """A worker that closed itself answers nothing: after a while the page stops waiting."""
    context, watch = open_context()
    context.clock.install()  # the page's timers jump ahead instead of being waited for
    page = start(context, site_url)
    wait_ready(page, "engagement")
    pyodide_worker(page).evaluate("() => { self.close(); }")
    page.fill(f'{ROOT} [name="likes"]', "2700")
    page.wait_for_selector(f"{ROOT}[data-busy]")  # asked, and waiting for the answer
    page.clock.fast_forward(CALL_TIMEOUT_MS)
    wait_error(page)
    assert_readable_failure(page, "unresponsive", "it stopped responding", typed="2700")
    retry_and_check_live(page, "2700")
    assert not watch.errors, watch.errors


def test_a_corrupt_engine_that_passes_the_checksum(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str, site_dir: Path
) -> None:
    """Broken WebAssembly published with a matching checksum (a bad build): an error, not a hang."""
    context, watch = open_context()
    runtime = site_dir / "pyodide"
    broken = b"\0bad" + (runtime / "pyodide.asm.wasm").read_bytes()[4:]
    manifest = json.loads((runtime / "integrity.json").read_text("utf-8"))
    manifest["files"]["pyodide.asm.wasm"] = "sha256-" + base64.b64encode(hashlib.sha256(broken).digest()).decode()
    context.route(
        "**/pyodide/pyodide.asm.wasm",
        lambda route: route.fulfill(body=broken, headers={"content-type": "application/wasm"}),
    )
    context.route("**/pyodide/integrity.json", lambda route: route.fulfill(json=manifest))
    page = start(context, site_url)
    wait_error(page)
    assert_readable_failure(page, "crash", "could not start: it stopped unexpectedly.")
    assert "WebAssembly" in (page.get_attribute(ROOT, "data-error-detail") or "")
    assert not watch.errors, watch.errors


def test_a_very_slow_connection(open_context: Callable[..., tuple[Any, Watch]], site_url: str) -> None:
    """The engine's download hangs: the page says so after a while, and typing is kept and used."""
    context, watch = open_context()
    context.clock.install()  # the page's timers jump ahead instead of being waited for
    with engine_held(context) as held:
        page = start(context, site_url)
        page.wait_for_selector(f'{ROOT}[data-state="loading"]')
        page.clock.fast_forward(SLOW_MS)
        page.wait_for_function(
            "sel => (document.querySelector(sel).textContent || '')"
            ".includes('Still getting the live calculator ready')",
            arg=f"{ROOT} [data-status]",
        )
        assert page.get_attribute(ROOT, "data-state") == "loading"
        assert page.text_content(HEADLINE) == expected_headline(), "the built figures stay meanwhile"
        page.fill(f'{ROOT} [name="likes"]', "8800")
        assert held, "the engine was requested"
    wait_ready(page, "engagement")
    want = expected_headline(likes="8800")
    page.wait_for_function("([sel, want]) => document.querySelector(sel).textContent === want", arg=[HEADLINE, want])
    assert not watch.errors, watch.errors
