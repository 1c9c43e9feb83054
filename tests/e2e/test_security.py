"""Security in Chromium: the Content-Security-Policy on every page, reader values that stay data,
and a runtime that refuses files whose bytes differ from the build's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Watch
from tests.e2e.support import (
    CSP_LISTENER,
    READY_TIMEOUT,
    calculator_docs,
    csp_violations,
    expected_headline,
    follow_link,
    search_for,
    wait_ready,
    wait_settled,
)
from tests.pages import doc_url, nav_docs

ENGAGEMENT = '[data-calculator="engagement"]'
WORKER_POLICY = (
    "default-src 'self'; script-src 'self' blob: 'wasm-unsafe-eval'; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'"
)
"""What a host that can send headers would give the worker script (the page's meta does not reach it)."""

PAYLOADS = (
    "<img src=x onerror=alert(document.domain)>",
    '"><script>alert(1)</script>',
    "'><svg/onload=alert(1)>",
    "{{7*7}}",
    "${7*7}",
    "__import__('os').system('id')",
    "1); import os; os.system('id'",
    "</script><script>alert(1)</script>",
)


def record_dialog(watch: Watch, dialog: Any) -> None:
    """A dialog means reader input ran as code: fail, and close it so the page goes on."""
    watch.errors.append(f"dialog: {dialog.message}")
    dialog.dismiss()


@pytest.fixture(scope="module")
def tour(open_context: Callable[..., tuple[Any, Watch]], site_url: str) -> Iterator[tuple[Any, Watch]]:
    """One tab with the policy on (and the worker under a header policy of its own)."""
    context, watch = open_context()
    context.add_init_script(CSP_LISTENER)

    def with_worker_policy(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": WORKER_POLICY})

    context.route("**/assets/js/pyodide-worker.js", with_worker_policy)
    page = context.new_page()
    page.on("dialog", lambda dialog: record_dialog(watch, dialog))
    yield page, watch
    assert not watch.errors, watch.errors


def test_every_page_loads_under_the_policy_with_zero_violations(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    """Full loads (not instant navigation): the policy governs Material's own inline scripts."""
    context, watch = open_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    for doc in [*nav_docs(), "404.html"]:
        url = site_url + "404.html" if doc == "404.html" else doc_url(site_url, doc)
        page.goto(url)
        page.wait_for_load_state("load")
        # Material has run (its inline scripts and bundle): the palette and the search are wired up.
        page.wait_for_function("() => window.document$ !== undefined && document.querySelector('.md-search')")
        policy = page.evaluate(
            "() => document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')?.content || ''"
        )
        assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in policy, doc
        assert csp_violations(page) == [], doc
    assert not watch.errors, watch.errors


def test_instant_navigation_through_every_page_keeps_the_policy_and_runs_no_data(
    tour: tuple[Any, Watch], site_url: str
) -> None:
    """One Python for the whole tour; every calculator goes live; the FAQ's JSON-LD is never run."""
    page, watch = tour
    docs = nav_docs()
    page.goto(doc_url(site_url, docs[0]))
    with_calculators = calculator_docs()
    for doc in docs[1:]:
        follow_link(page, doc_url(site_url, doc))
        for name in with_calculators.get(doc, []):
            wait_ready(page, name)
            wait_settled(page, name)
            assert page.locator(f'[data-calculator="{name}"] .tmg-headline__value').first.is_visible()
        assert csp_violations(page) == [], doc
        assert not watch.errors, f"{doc}: {watch.errors}"
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, "one policy, kept"
    assert watch.count("pyodide.asm.wasm") == 1


def test_search_and_palette_work_under_the_policy(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    context, watch = open_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.goto(site_url + "faq/")
    search_for(page, "likes")
    page.keyboard.press("Escape")
    toggle = page.locator("form[data-md-component=palette] label:visible").first
    before = page.get_attribute("body", "data-md-color-scheme")
    toggle.click()
    page.wait_for_function("before => document.body.dataset.mdColorScheme !== before", arg=before)
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert csp_violations(page) == []
    assert not watch.errors, watch.errors


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_typed_payload_is_only_ever_text(tour: tuple[Any, Watch], site_url: str, payload: str) -> None:
    page, watch = tour
    url = site_url + "likes/engagement-rate/"
    if not page.url.startswith(url):
        follow_link(page, url)
    wait_ready(page, "engagement")
    for name in ("likes", "views"):
        field = page.locator(f'{ENGAGEMENT} [name="{name}"]')
        field.fill(payload)
        wait_settled(page, "engagement")
        assert field.input_value() == payload, "kept exactly as typed"
        assert "number" in (page.text_content(f"#calc-engagement-{name}-error") or "")
        field.fill("1000")
        wait_settled(page, "engagement")
    assert page.locator(f"{ENGAGEMENT} img, {ENGAGEMENT} script, {ENGAGEMENT} svg:not(.tmg-chart svg)").count() == 0
    assert csp_violations(page) == []
    assert not watch.errors, watch.errors


def test_every_browser_test_uses_the_guarded_contexts() -> None:
    """The guard against requests leaving localhost only works for contexts made by open_context."""
    here = Path(__file__).parent
    for path in sorted(here.glob("test_*.py")):
        text = path.read_text("utf-8")
        assert not re.search(r"\.(new_context|new_page|launch)\(", text.replace("context.new_page(", "")), (
            f"{path.name} makes its own browser context: use the open_context fixture"
        )
        if "chromium" in text:
            assert "open_context" in text, path.name


# ---- Integrity ----------------------------------------------------------------------------


def wheel_name(site_dir: Path) -> str:
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text("utf-8"))
    return str(next(iter(lock["packages"].values()))["file_name"])


def tamper(kind: str) -> Callable[[bytes], bytes]:
    """How a file is altered: valid JavaScript with one more comment, or one flipped byte."""
    if kind == "js":
        return lambda body: body + b"\n// altered\n"
    if kind == "lock":
        return lambda body: re.sub(rb'"sha256": "[0-9a-f]{64}"', b'"sha256": "' + b"0" * 64 + b'"', body)
    return lambda body: body[: len(body) // 2] + bytes([body[len(body) // 2] ^ 0xFF]) + body[len(body) // 2 + 1 :]


TYPES = {".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json"}


def serve_altered(
    context: Any, site_dir: Path, name: str, change: Callable[[bytes], bytes], times: int | None = None
) -> list[int]:
    """Serve ``pyodide/<name>`` altered (the first ``times`` requests, or all); returns a request counter."""
    count = [0]
    altered = change((site_dir / "pyodide" / name).read_bytes())
    content_type = TYPES.get(Path(name).suffix, "application/octet-stream")

    def handle(route: Any) -> None:
        count[0] += 1
        if times is None or count[0] <= times:
            route.fulfill(status=200, body=altered, headers={"content-type": content_type})
        else:
            route.fallback()

    context.route(f"**/pyodide/{name}", handle)
    return count


def open_engagement(context: Any, site_url: str) -> Any:
    page = context.new_page()
    page.goto(site_url + "likes/engagement-rate/")
    page.focus(f'{ENGAGEMENT} [name="likes"]')  # start Python now
    return page


@pytest.mark.parametrize(
    ("file", "kind"),
    [
        ("pyodide.mjs", "js"),
        ("pyodide.asm.mjs", "js"),
        ("pyodide.asm.wasm", "bytes"),
        ("python_stdlib.zip", "bytes"),
        ("pyodide-lock.json", "lock"),
        ("WHEEL", "bytes"),
    ],
)
def test_an_altered_runtime_file_is_refused(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str, site_dir: Path, file: str, kind: str
) -> None:
    context, watch = open_context()
    name = wheel_name(site_dir) if file == "WHEEL" else file
    served = serve_altered(context, site_dir, name, tamper(kind))
    if file in ("WHEEL", "python_stdlib.zip"):
        # Restored from a memory snapshot the calculators are already in memory: neither the wheel
        # nor the standard library is downloaded. Refuse the snapshot too, so Python needs them.
        for snapshot in (site_dir / "pyodide").glob("snapshot-*"):
            serve_altered(context, site_dir, snapshot.name, tamper("bytes"))
    page = open_engagement(context, site_url)
    page.wait_for_selector(f'{ENGAGEMENT}[data-state="error"]', timeout=READY_TIMEOUT)
    assert served[0] >= 2, "refused only after a second download past the cache"
    assert page.get_attribute(ENGAGEMENT, "data-error-kind") == "integrity"
    assert name in (page.get_attribute(ENGAGEMENT, "data-error-detail") or "")
    status = page.text_content(f"{ENGAGEMENT} [data-status]") or ""
    assert "did not match the ones published with this page" in status
    assert page.text_content(f"{ENGAGEMENT} .tmg-headline__value") == expected_headline(), "built figures stay"
    assert page.locator(f"{ENGAGEMENT} [data-retry]").is_visible()
    assert not watch.errors, watch.errors


def test_a_stale_cached_file_is_fetched_again_not_refused(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str, site_dir: Path
) -> None:
    """After a deploy, a cache may hold an old copy: one fresh download fixes it."""
    context, watch = open_context()
    served = serve_altered(context, site_dir, "pyodide.asm.mjs", tamper("js"), times=1)
    page = open_engagement(context, site_url)
    wait_ready(page, "engagement")
    assert served[0] == 2
    page.fill(f'{ENGAGEMENT} [name="likes"]', "4321")
    wait_settled(page, "engagement")
    assert not page.locator("#calc-engagement-likes-error").is_visible()
    assert not watch.errors, watch.errors


def test_an_altered_snapshot_falls_back_to_a_normal_start(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str, site_dir: Path
) -> None:
    snapshots = sorted((site_dir / "pyodide").glob("snapshot-*"))
    if not snapshots:
        pytest.skip("this build ships no memory snapshot")
    context, watch = open_context()
    served = serve_altered(context, site_dir, snapshots[0].name, tamper("bytes"))
    page = open_engagement(context, site_url)
    wait_ready(page, "engagement")
    assert served[0] >= 2, "the altered snapshot was refused, then Python started without it"
    assert not watch.errors, watch.errors
