"""Where data is dear, Python waits for the reader; the service worker makes the next visit work offline.

- Save-Data: no Python byte before the reader touches a calculator (it is in view from the start,
  right under the page's answer), then a start without
  the snapshot; the loading status shows the download's progress.
- A second visit is served by the service worker, offline too, and restores the snapshot the first
  visit kept unpacked (the compressed one is not read again).
- A new build's service worker replaces the cached runtime: the page and the runtime of one build.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from site_build.build_id import manifest as runtime_manifest
from site_build.build_id import stamp_pages
from site_build.bundle import sri
from site_build.offline import write_service_worker
from site_build.shared import INTEGRITY_FILE, LOCK_FILE, RUNTIME_CACHE, RUNTIME_DIR, STDLIB
from tests.e2e.conftest import Watch
from tests.e2e.support import READY_TIMEOUT, expected_headline, save_data_page, throttle, wait_ready, wait_until
from tools.server import serve

ENGAGEMENT = '[data-calculator="engagement"]'
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
KEPT_JS = """async ([runtime, manifest, cacheName, skipped]) => {
  if (!navigator.serviceWorker.controller) return false;
  const files = (await (await fetch(runtime + manifest, { cache: "no-store" })).json()).files;
  const cache = await caches.open(cacheName);
  const wanted = Object.keys(files).filter((name) => !skipped.includes(name));
  return (await Promise.all(wanted.map((name) => cache.match(runtime + name)))).every(Boolean);
}"""
"""Every file the service worker keeps for the next visit (``keepForNextVisit`` in site_build/service-worker.js)
is in its cache: its downloads are over, so none of them is seen as a request of a later visit."""
UNPACKED_KEPT_JS = """async () => {
  const names = (await (await caches.open("tmg-runtime")).keys()).map((r) => r.url);
  return names.some((u) => /pyodide\\/snapshot-[^/]*\\.bin$/.test(u));
}"""
PROGRESS_WATCH = """
window.__progress = [];
new MutationObserver(() => {
  const root = document.querySelector('[data-calculator="engagement"]');
  if (!root || root.dataset.state !== "loading") return;
  const status = root.querySelector("[data-status]").textContent;
  window.__progress.push([Number(root.dataset.loaded || 0), Number(root.dataset.total || 0), status]);
}).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
"""


def runtime_requests(watch: Watch) -> list[str]:
    return [url for url in watch.requests if "/pyodide/" in url]


def test_save_data_downloads_nothing_before_intent_then_starts_without_the_snapshot(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    # No routes in this context (service workers allowed; with Save-Data the guide registers none):
    # Playwright's routing would turn the HTTP cache off and let a cache-only request through.
    context, watch = open_context(service_workers="allow", **PHONE)
    # Responses with a body: asking a cache for the snapshot (only-if-cached) is a request, and a miss
    # is not a download.
    served: list[str] = []

    def record(response: Any) -> None:
        if response.status == 200:
            served.append(response.url)

    context.on("response", record)
    page = save_data_page(context)
    page.add_init_script(PROGRESS_WATCH)
    page.goto(site_url + "likes/engagement-rate/", wait_until="load")
    page.wait_for_load_state("networkidle")
    time.sleep(3)  # past requestIdleCallback's 4 s timeout from the scripts' start
    page.mouse.move(100, 200)
    page.mouse.wheel(0, 200)  # reading and scrolling, not touching the calculator
    time.sleep(1)
    in_view = "sel => { const r = document.querySelector(sel).getBoundingClientRect(); return r.top < innerHeight; }"
    assert page.evaluate(in_view, ENGAGEMENT), "the calculator is in view: being seen is not intent"
    assert runtime_requests(watch) == [], "no Python byte before the reader shows intent"
    assert any(w.url.endswith("/pyodide-worker.js") for w in page.workers), "the worker is made ahead of the touch"
    assert page.get_attribute(ENGAGEMENT, "data-state") == "static"

    page.focus(f'{ENGAGEMENT} [name="likes"]')  # intent
    wait_ready(page, "engagement")
    assert any(url.endswith("/python_stdlib.zip") for url in served), "a start without the snapshot"
    assert not any("/pyodide/snapshot-" in url for url in served), "the snapshot is not downloaded with Save-Data"
    assert not watch.errors, watch.errors


def test_the_loading_status_shows_the_download_progress(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    context, watch = open_context()
    page = context.new_page()
    page.add_init_script(PROGRESS_WATCH)
    throttle(context, page, 2_000_000)  # ~7 MB: a few seconds
    page.goto(site_url + "likes/engagement-rate/")
    page.focus(f'{ENGAGEMENT} [name="likes"]')
    wait_ready(page, "engagement")
    seen = page.evaluate("() => window.__progress")
    totals = {total for _, total, _ in seen if total}
    assert len(totals) == 1, f"one total for the whole download: {totals}"
    total = totals.pop()
    assert any(0 < loaded < total for loaded, _, _ in seen), "progress between nothing and everything"
    assert any("% downloaded" in status for _, _, status in seen), "the status line says how much"
    bar = page.evaluate(
        "sel => getComputedStyle(document.querySelector(sel)).getPropertyValue('--tmg-progress')", ENGAGEMENT
    )
    assert bar == "", "the progress line is gone once live"
    assert not watch.errors, watch.errors


def wait_kept(page: Any, site_url: str) -> None:
    """Until the service worker controls the page and holds the runtime for the next visit."""
    # The files keepForNextVisit skips: the standard library (not needed) and the lock (precached).
    wait_until(page, KEPT_JS, arg=[f"{site_url}{RUNTIME_DIR}/", INTEGRITY_FILE, RUNTIME_CACHE, [STDLIB, LOCK_FILE]])


def test_the_wait_for_the_kept_runtime_awaits_its_async_check(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    # Playwright's wait_for_function takes the promise of an async check as true at once; the
    # second visit below would then go offline while the runtime is still being kept.
    context, _ = open_context()
    page = context.new_page()
    page.goto(site_url + "faq/")
    with pytest.raises(AssertionError, match="not true within"):
        wait_until(page, "async () => false", timeout_ms=600)
    wait_until(page, "async () => { await new Promise((r) => setTimeout(r, 300)); return true; }", timeout_ms=5000)


def test_a_second_visit_is_served_by_the_service_worker_offline_too(
    open_context: Callable[..., tuple[Any, Watch]], site_url: str
) -> None:
    context, watch = open_context(service_workers="allow")
    page = context.new_page()
    page.goto(site_url + "likes/engagement-rate/")
    page.focus(f'{ENGAGEMENT} [name="likes"]')
    wait_ready(page, "engagement")
    wait_kept(page, site_url)
    wait_until(page, UNPACKED_KEPT_JS)
    page.close()

    context.set_offline(True)
    try:
        watch.requests.clear()
        again = context.new_page()
        again.goto(site_url + "likes/engagement-rate/?likes=8400")  # a shared link: the same page
        assert again.evaluate("() => Boolean(navigator.serviceWorker.controller)")
        again.focus(f'{ENGAGEMENT} [name="likes"]')
        wait_ready(again, "engagement")
        again.wait_for_function(
            "sel => !document.querySelector(sel).hasAttribute('data-busy')", arg=ENGAGEMENT, timeout=READY_TIMEOUT
        )
        assert again.text_content(f"{ENGAGEMENT} .tmg-headline__value") == expected_headline(likes="8400")
        read = runtime_requests(watch)
        assert not [url for url in read if url.endswith(".gz")], f"restored from the image kept unpacked: {read}"
        assert not [url for url in read if url.endswith("/python_stdlib.zip")], "a start from a snapshot"
        other = context.new_page()
        other.goto(site_url + "faq/")  # a page not visited: precached with the rest
        assert other.title()
    finally:
        context.set_offline(False)
    assert not [e for e in watch.errors if "Failed to load resource" not in e], watch.errors


@pytest.fixture
def deployable(site_dir: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the built site on a port of its own: a test may deploy a new build over it."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    with serve(copy) as url:
        yield copy, url


def deploy_new_runtime(site: Path, marker: str) -> bytes:
    """A new build: one runtime file and one page change, with their manifests and service worker."""
    runtime = site / "pyodide"
    changed = (runtime / "pyodide.mjs").read_bytes() + f"\n// {marker}\n".encode()
    (runtime / "pyodide.mjs").write_bytes(changed)
    before = json.loads((runtime / "integrity.json").read_text("utf-8"))
    files = before["files"]
    files["pyodide.mjs"] = sri(runtime / "pyodide.mjs")
    # A new build identity (site_build/build_id.py); the snapshot, and so its unpacked image, unchanged.
    integrity = runtime_manifest(files, site, before.get("unpacked"))
    (runtime / "integrity.json").write_text(json.dumps(integrity, indent=1, sort_keys=True), "utf-8")
    sizes = json.loads((runtime / "sizes.json").read_text("utf-8"))
    sizes["pyodide.mjs"] = len(changed)
    (runtime / "sizes.json").write_text(json.dumps(sizes, indent=1, sort_keys=True), "utf-8")
    stamp_pages(site, str(integrity["build"]))
    page = site / "likes" / "engagement-rate" / "index.html"
    page.write_text(page.read_text("utf-8").replace("</body>", f"<!-- {marker} --></body>"), "utf-8")
    write_service_worker(site)
    return changed


def test_a_new_build_replaces_the_cached_runtime(
    open_context: Callable[..., tuple[Any, Watch]], deployable: tuple[Path, str]
) -> None:
    site, url = deployable
    context, watch = open_context(service_workers="allow")
    page = context.new_page()
    page.goto(url + "likes/engagement-rate/")
    page.focus(f'{ENGAGEMENT} [name="likes"]')
    wait_ready(page, "engagement")
    wait_kept(page, url)
    page.close()

    changed = deploy_new_runtime(site, "build-two")
    # The next visit is still the old build's (its service worker serves it, whole) and finds the
    # new one, which takes over once no page of the old build is open.
    page = context.new_page()
    page.goto(url + "likes/engagement-rate/")
    assert "build-two" not in page.content(), "the old build's page, from the old build's worker"
    wait_until(page, "async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting)")
    page.close()

    # Once its last page is closed, the new worker activates (asynchronously): the next page is the new build's.
    for _ in range(20):
        page = context.new_page()
        page.goto(url + "likes/engagement-rate/")
        if "build-two" in page.content():
            break
        page.close()
        time.sleep(0.5)
    assert "build-two" in page.content(), "the new build's page once no old page is open"
    page.focus(f'{ENGAGEMENT} [name="likes"]')
    wait_ready(page, "engagement")
    cached = page.evaluate(
        """async (url) => {
          const hit = await (await caches.open("tmg-runtime")).match(url);
          return hit ? await hit.text() : null;
        }""",
        url + "pyodide/pyodide.mjs",
    )
    assert cached == changed.decode(), "the cache holds the new build's runtime file, not the old one"
    assert not [e for e in watch.errors if "Failed to load resource" not in e], watch.errors
