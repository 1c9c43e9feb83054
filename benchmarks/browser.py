"""What the benchmark measures in Chromium (Playwright), one visit at a time.

Timing sources, all in the page's own clock (``performance.now()``: 0 is navigation start):

- **first result**: the ``tmg:result`` mark the runtime (``runtime/widget.js``) sets right after it
  has put the results computed by Python (in the worker) into the page, or ``bare:result``
  on the baseline page. The first one of a page load is its first live result.
- **Python starting**: the ``tmg:python-start`` mark the runtime sets when it creates the worker
  (``bare:python-start`` on the baseline page); blocking time "while Python loads" runs from it
  to the first result.
- **long tasks and layout shifts**: PerformanceObservers installed by an init script before
  any page script runs (``buffered``), so nothing early is missed.
- **input latency**: measured in the page: the value of a field is changed and an ``input``
  event dispatched; a MutationObserver on the results sees them replaced (the result is in
  the page: the browser paints it at its next frame) and a ``requestAnimationFrame`` then
  gives the start of that frame.
- **bytes**: the server's own log (``benchmarks/server.py``): body bytes of every 200
  response (uncompressed: the test server does not compress), 304 revalidations count 0.

Contexts are persistent (a fresh temporary profile each time) so Chromium uses its disk
cache, as for a real reader: incognito contexts keep an in-memory cache that refuses entries
the size of Pyodide's wasm, which would make every "warm" visit cold.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from benchmarks.server import RequestLog, Served
from benchmarks.stats import cumulative_layout_shift, total_blocking_time
from tools.browser import LAUNCH_ARGS

TIMEOUT_MS = 120_000
SETTLE_S = 3.0
"""After a cold first result, the page stays open this long before the warm visit (site and
baseline alike), so Chromium has the same chance to store compiled code in its cache."""
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}

INIT_SCRIPT = """
(() => {
  const bench = (window.__bench = { longtasks: [], shifts: [], marks: [], click: null });
  const watch = (type, take) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(take)).observe({ type, buffered: true });
    } catch (error) {
      bench.unsupported = (bench.unsupported || []).concat(type);
    }
  };
  watch("longtask", (e) => bench.longtasks.push([e.startTime, e.duration]));
  watch("layout-shift", (e) => bench.shifts.push([e.startTime, e.value, e.hadRecentInput]));
  watch("mark", (e) => {
    if (!/^(tmg|bare):/.test(e.name)) return;
    bench.marks.push([e.name, e.startTime, e.detail == null ? null : String(e.detail)]);
  });
})();
"""

FIRST_RESULT_JS = """
([name, after]) => {
  const found = window.__bench.marks.find((m) => /:result$/.test(m[0]) && m[1] > after && (!name || m[2] === name));
  return found ? found[1] : (window.__bareError ? -1 : null);
}
"""

INPUT_LATENCY_JS = """
async ([rootSelector, edits]) => {
  const root = document.querySelector(rootSelector);
  const results = root.querySelector("[data-results]");
  const numeric = (el) => el.type !== "checkbox" && el.value !== "" && isFinite(Number(el.value));
  const input = [...root.querySelectorAll("input[name]")].find(numeric);
  if (!input) throw new Error("no numeric input to edit");
  const base = Number(input.value) || 100;
  const low = Math.max(input.min === "" ? 0 : Number(input.min), base / 2);
  const high = input.max === "" ? base * 1.5 : Math.min(Number(input.max), base * 1.5);
  const integer = input.step === "" || Number.isInteger(Number(input.step)) ;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const samples = [];
  for (let i = 0; i < edits; i += 1) {
    let value = low + ((high - low) * ((i * 37) % 101)) / 100;
    value = integer ? Math.round(value) : Math.round(value * 100) / 100;
    if (String(value) === input.value) value = integer ? value + 1 : value + 0.01;
    const painted = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        const inPage = performance.now();
        requestAnimationFrame(() => resolve([inPage, performance.now()]));
      });
      observer.observe(results, { childList: true, subtree: true, characterData: true });
      setTimeout(() => { observer.disconnect(); resolve(null); }, 5000);
    });
    input.value = String(value);
    const start = performance.now();
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const done = await painted;
    samples.push(done ? [done[0] - start, done[1] - start] : null);
    await sleep(25 + ((i * 13) % 29)); // a typing pace, at varied phases of the frame
  }
  return { field: input.name, samples };
}
"""

FOLLOW_LINK_JS = """
(href) => {
  window.__sameDocument = true;
  const a = document.createElement("a");
  a.href = href;
  a.id = "bench-next";
  a.textContent = "next";
  document.querySelector("article").prepend(a);
  const remember = (event) => { window.__bench.click = event.timeStamp; };
  document.addEventListener("click", remember, { capture: true, once: true });
  // When Material puts the next page's calculator into the document (instant navigation's swap).
  window.__bench.swap = null;
  const swapped = new MutationObserver((records) => {
    const hasCalculator = (n) => n.querySelector && n.querySelector("[data-calculator]");
    const added = records.some((r) => [...r.addedNodes].some(hasCalculator));
    if (added) {
      window.__bench.swap = performance.now();
      swapped.disconnect();
    }
  });
  swapped.observe(document.body, { childList: true, subtree: true });
}
"""


@dataclass
class Visit:
    """One page load up to its first live result."""

    first_result_ms: float
    python_start_ms: float
    tbt_ms: float
    tbt_page_ms: float
    cls: float
    served: list[Served] = field(default_factory=list)
    long_tasks: int = 0


@dataclass
class Browser:
    """Playwright, the Chromium to launch, and the server's log."""

    playwright: Any
    executable: str
    log: RequestLog
    external: list[str] = field(default_factory=list)

    @contextmanager
    def context(self, service_workers: str = "block") -> Iterator[Any]:
        """A persistent context on a fresh, empty profile (empty HTTP cache); requests leaving localhost are noted.

        Service workers are blocked unless asked for: cold and warm visits measure the network and
        the HTTP cache, as bare Pyodide gets them; the repeat visit with the service worker is its own.
        """
        profile = Path(tempfile.mkdtemp(prefix="tmg-bench-profile-"))
        context = self.playwright.chromium.launch_persistent_context(
            str(profile), executable_path=self.executable, args=LAUNCH_ARGS, service_workers=service_workers
        )
        try:
            context.add_init_script(INIT_SCRIPT)
            # Watched, not routed: Playwright turns the HTTP cache off for a context with routes.
            context.on("request", self._watch)
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)

    def _watch(self, request: Any) -> None:
        parsed = urlparse(request.url)
        if parsed.scheme not in ("data", "blob") and (parsed.hostname or "") not in LOCAL_HOSTS:
            self.external.append(request.url)


def wait_first_result(page: Any, name: str | None = None, after: float = 0.0) -> float:
    """Wait for the first ``*:result`` mark after ``after`` (for calculator ``name``); its time."""
    handle = page.wait_for_function(FIRST_RESULT_JS, arg=[name, after], timeout=TIMEOUT_MS, polling=50)
    value = float(handle.json_value())
    if value < 0:
        raise RuntimeError(f"the baseline page failed: {page.evaluate('() => window.__bareError')}")
    return value


def load(page: Any, url: str, log: RequestLog, name: str | None = None) -> Visit:
    """Open ``url`` in ``page`` and measure it up to its first live result.

    Bytes are those of the whole visit: the log is read once the network has been quiet for
    half a second after the first result (search index and other late requests included).
    """
    log.take()
    page.goto(url, wait_until="commit")
    first = wait_first_result(page, name)
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    bench = page.evaluate("() => window.__bench")
    served = log.take()
    start = next((float(m[1]) for m in bench["marks"] if str(m[0]).endswith(":python-start")), 0.0)
    return Visit(
        first_result_ms=first,
        python_start_ms=start,
        tbt_ms=total_blocking_time(bench["longtasks"], start, first),
        tbt_page_ms=total_blocking_time(bench["longtasks"], 0.0, first),
        cls=cumulative_layout_shift(bench["shifts"], first),
        served=served,
        long_tasks=sum(1 for start, _ in bench["longtasks"] if start < first),
    )


def input_latency(page: Any, root_selector: str, edits: int) -> tuple[str, list[float], list[float], int]:
    """Edit a numeric field ``edits`` times; (field, input→result in page, input→next frame, timeouts)."""
    out = page.evaluate(INPUT_LATENCY_JS, [root_selector, edits])
    samples = [s for s in out["samples"] if s is not None]
    missed = len(out["samples"]) - len(samples)
    return str(out["field"]), [float(s[0]) for s in samples], [float(s[1]) for s in samples], missed


def instant_navigation(page: Any, href: str, name: str) -> tuple[float, float]:
    """Follow a link to ``href`` with Material's instant navigation.

    Returns (click → first result there, new calculator in the document → first result): the
    first includes Material fetching and swapping the page, the second is the runtime's part.
    """
    page.evaluate(FOLLOW_LINK_JS, href)
    page.click("#bench-next")
    clicked = float(page.wait_for_function("() => window.__bench.click", timeout=TIMEOUT_MS).json_value())
    first = wait_first_result(page, name, after=clicked)
    if page.evaluate("() => window.__sameDocument") is not True:
        raise RuntimeError("instant navigation was not used (is site_url the served address?)")
    swapped = page.evaluate("() => window.__bench.swap")
    return first - clicked, first - float(swapped if swapped is not None else clicked)


def plain_page_runtime_requests(page: Any, url: str, log: RequestLog, linger_s: float) -> list[Served]:
    """Open a page with no calculator and stay on it; the requests it made for ``/pyodide/``."""
    log.take()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    time.sleep(linger_s)  # past requestIdleCallback and any timer a lazy start could use
    page.mouse.move(200, 300)
    page.mouse.wheel(0, 2000)
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    return [s for s in log.take() if s.path.startswith("/pyodide/")]
