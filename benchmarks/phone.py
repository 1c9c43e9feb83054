"""Phone profiles: the guide on a throttled network with a phone-class CPU, against bare Pyodide.

Each profile is a network (CDP ``Network.emulateNetworkConditions`` on the page, which also
throttles its dedicated worker) and a CPU cap on the renderer processes (``cpucap.py``: the page
and its worker alike, unlike CDP's CPU throttling), served like GitHub Pages
(``pages_server.py``: gzip, wasm included). A phone viewport, touch and a phone's user agent.

One run of a profile, each visit in a fresh browser profile unless said otherwise:

- **guide, cold**: the reader touches the calculator at 2 s (Playwright ``fill()`` of its first
  number field: scrolls it into view, focuses it, types). First live result, the edited figure
  live, and the wire bytes of every response completed by the first live result.
- **guide, repeat with the service worker**: the same profile once the service worker holds the
  runtime, a new tab, no edit. The service worker keeps the snapshot for next time only after the
  first visit is live (where data is dear it is even registered only then): a reader stays on the
  page and reads the figure meanwhile, so the cold page stays open until the runtime is kept (or
  ``KEEP_TIMEOUT_S``), and only then closes. Closing it at the first live result would leave no
  page to ask for anything, which no reader does.
- **guide, offline repeat**: the same, with the browser offline: does it go live?
- **bare Pyodide, cold and warm** (``bare.py``; warm: a new tab in the same profile).
- **Save-Data** (the slowest profile only): the reader reads the calculator page for a while,
  moves the pointer, but does not touch the calculator (in view, right under the page's answer):
  bytes of ``/pyodide/`` sent before any intent; then focuses a field, and the time to live.

The guide and bare visits alternate their order run by run. The "floor" is the least network
time for a visit's bytes in the DevTools model the profile uses: two round trips (the page,
then everything else in parallel) plus bytes ÷ bandwidth; it is given for the guide's and for
bare Pyodide's cold bytes.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.browser import FIRST_RESULT_JS, INIT_SCRIPT, TIMEOUT_MS
from benchmarks.cpucap import PhoneCPU
from benchmarks.server import RequestLog, Served
from benchmarks.stats import median, paired_ratio
from tools.browser import LAUNCH_ARGS

PHONE_TIMEOUT_MS = 240_000
EDIT_AT_MS = 2000.0
KEEP_TIMEOUT_S = 120.0
"""How long the service worker may take to hold the runtime for next time after a first visit."""
READING_S = 5.0
"""How long the Save-Data reader stays on the page without showing intent."""

PHONE_DEVICE: dict[str, Any] = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko)"
    " Chrome/140.0.0.0 Mobile Safari/537.36",
}


@dataclass(frozen=True)
class Profile:
    """A network (DevTools model: per-request latency, one shared pipe) and a CPU share."""

    name: str
    latency_ms: float
    down_bytes_per_s: float
    up_bytes_per_s: float
    cpu_share: float | None
    label: str

    def floor_ms(self, wire_bytes: float, round_trips: int = 2) -> float:
        """The least network time for ``wire_bytes``: ``round_trips`` latencies plus bytes ÷ bandwidth."""
        return round_trips * self.latency_ms + wire_bytes / self.down_bytes_per_s * 1000.0


PROFILES = {
    "slow4g": Profile("slow4g", 150, 200_000, 93_750, 0.25, "Slow 4G (150 ms, 1.6 Mbit/s), CPU capped at 1/4 core"),
    "fast4g": Profile("fast4g", 40, 1_125_000, 187_500, 0.25, "Fast 4G (40 ms, 9 Mbit/s), CPU capped at 1/4 core"),
}


@dataclass
class PhoneVisit:
    first_result_ms: float | None
    edit_ms: float | None = None
    edit_live_ms: float | None = None
    python_start_ms: float | None = None
    served: list[Served] = field(default_factory=list)

    @property
    def wire_bytes(self) -> int:
        return sum(s.body_bytes for s in self.served)


@dataclass
class PhoneRun:
    profile: str
    cold: PhoneVisit
    repeat_sw: PhoneVisit
    offline_live: bool
    bare_cold: PhoneVisit
    bare_warm: PhoneVisit
    savedata_bytes_before_intent: int | None = None
    savedata_first_result_ms: float | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class PhoneBrowser:
    playwright: Any
    executable: str
    log: RequestLog
    cpu: PhoneCPU | None

    @contextmanager
    def context(self, service_workers: str = "allow") -> Iterator[Any]:
        profile = Path(tempfile.mkdtemp(prefix="tmg-phone-profile-"))
        context = self.playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=self.executable,
            args=LAUNCH_ARGS,
            service_workers=service_workers,
            **PHONE_DEVICE,
        )
        try:
            context.add_init_script(INIT_SCRIPT)
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)

    @contextmanager
    def capped(self, profile: Profile) -> Iterator[None]:
        """The profile's CPU cap on our renderers for the duration (the page's and its worker's)."""
        on = self.cpu is not None and profile.cpu_share is not None
        if on and self.cpu is not None:
            self.cpu.enable(True)
        try:
            yield
        finally:
            if on and self.cpu is not None:
                self.cpu.enable(False)


def shape(context: Any, page: Any, profile: Profile, *, save_data: bool = False) -> None:
    """Throttle ``page`` (and its dedicated worker) to the profile's network."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": profile.latency_ms,
            "downloadThroughput": profile.down_bytes_per_s,
            "uploadThroughput": profile.up_bytes_per_s,
        },
    )
    if save_data:
        cdp.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})


def first_result(page: Any, after: float = 0.0, timeout_ms: int = PHONE_TIMEOUT_MS) -> float | None:
    try:
        handle = page.wait_for_function(FIRST_RESULT_JS, arg=[None, after], timeout=timeout_ms, polling=100)
    except Exception:  # a visit that never goes live is a result (None), not a crash
        return None
    value = float(handle.json_value())
    return value if value >= 0 else None


def python_start(page: Any) -> float | None:
    marks = page.evaluate("() => window.__bench.marks")
    return next((float(m[1]) for m in marks if str(m[0]).endswith(":python-start")), None)


def guide_cold(
    browser: PhoneBrowser, context: Any, url: str, profile: Profile, field_selector: str
) -> tuple[PhoneVisit, Any]:
    """First visit; the reader edits a field at ``EDIT_AT_MS`` (their intent).

    Returns the visit and its page, still open: the reader is reading the figure (see the top).
    """
    page = context.new_page()
    shape(context, page, profile)
    browser.log.take()
    page.goto(url, wait_until="commit")
    wait_s = (EDIT_AT_MS - float(page.evaluate("() => performance.now()"))) / 1000.0
    if wait_s > 0:
        time.sleep(wait_s)
    field = page.locator(field_selector).first
    field.fill("8400" if field.input_value() != "8400" else "8401", timeout=TIMEOUT_MS)
    edit_ms = float(page.evaluate("() => performance.now()"))
    first = first_result(page)
    served = browser.log.take()  # responses complete by the first live result: the bytes to go live
    edit_live = first_result(page, after=edit_ms) if first is not None else None
    return PhoneVisit(first, edit_ms, edit_live, python_start(page), served), page


def wait_runtime_kept(page: Any, timeout_s: float = KEEP_TIMEOUT_S) -> bool:
    """While the reader stays on ``page`` (the live calculator, which asks for it), until the service
    worker's runtime cache holds the snapshot and the wasm for the next visit."""
    deadline = time.monotonic() + timeout_s
    kept = False
    while time.monotonic() < deadline and not kept:
        kept = bool(
            page.evaluate(
                """async () => {
                  const names = (await (await caches.open("tmg-runtime")).keys()).map((r) => r.url);
                  return names.some((u) => /snapshot-/.test(u)) && names.some((u) => /pyodide\\.asm\\.wasm/.test(u));
                }"""
            )
        )
        if not kept:
            time.sleep(1.0)
    return kept


def repeat_visit(browser: PhoneBrowser, context: Any, url: str, profile: Profile) -> PhoneVisit:
    page = context.new_page()
    shape(context, page, profile)
    browser.log.take()
    page.goto(url, wait_until="commit")
    first = first_result(page, timeout_ms=TIMEOUT_MS)
    visit = PhoneVisit(first, python_start_ms=python_start(page), served=browser.log.take())
    page.close()
    return visit


def offline_visit(context: Any, url: str) -> bool:
    context.set_offline(True)
    try:
        page = context.new_page()
        try:
            page.goto(url, wait_until="commit")
        except Exception:  # not served offline: the answer is "no"
            return False
        live = first_result(page, timeout_ms=60_000) is not None
        page.close()
        return live
    finally:
        context.set_offline(False)


def bare_visits(browser: PhoneBrowser, url: str, profile: Profile) -> tuple[PhoneVisit, PhoneVisit]:
    with browser.context() as context:
        page = context.new_page()
        shape(context, page, profile)
        browser.log.take()
        page.goto(url, wait_until="commit")
        cold = PhoneVisit(first_result(page), python_start_ms=python_start(page), served=browser.log.take())
        time.sleep(3.0)
        page.close()
        page = context.new_page()
        shape(context, page, profile)
        page.goto(url, wait_until="commit")
        warm = PhoneVisit(first_result(page), python_start_ms=python_start(page), served=browser.log.take())
    return cold, warm


def save_data_visit(browser: PhoneBrowser, url: str, profile: Profile, field_selector: str) -> tuple[int, float | None]:
    """Bytes of ``/pyodide/`` before intent with Save-Data on; then the time to live once the reader touches it."""
    with browser.context() as context:
        page = context.new_page()
        shape(context, page, profile, save_data=True)
        browser.log.take()
        page.goto(url, wait_until="load", timeout=PHONE_TIMEOUT_MS)
        time.sleep(READING_S)  # past requestIdleCallback and any timer a lazy start could use
        page.mouse.move(200, 200)
        before = sum(s.body_bytes for s in browser.log.take() if s.path.startswith("/pyodide/"))
        start = float(page.evaluate("() => performance.now()"))
        page.locator(field_selector).first.focus()
        live = first_result(page, after=start)
    return before, None if live is None else live - start


def one_phone_run(
    browser: PhoneBrowser,
    base: str,
    profile: Profile,
    page_path: str,
    bare_path: str,
    field_selector: str,
    index: int,
    save_data: bool,
) -> PhoneRun:
    url = base + page_path
    results: dict[str, Any] = {}

    def guide() -> None:
        with browser.context() as context:
            results["cold"], reading = guide_cold(browser, context, url, profile, field_selector)
            results["kept"] = wait_runtime_kept(reading)
            reading.close()
            results["repeat"] = repeat_visit(browser, context, url, profile)
            results["offline"] = offline_visit(context, url)

    def bare() -> None:
        results["bare"] = bare_visits(browser, base + bare_path, profile)

    steps: list[Callable[[], None]] = [guide, bare]
    if index % 2:
        steps.reverse()
    with browser.capped(profile):
        for step in steps:
            step()
        saved = save_data_visit(browser, url, profile, field_selector) if save_data else (None, None)
    run = PhoneRun(
        profile.name,
        results["cold"],
        results["repeat"],
        results["offline"],
        results["bare"][0],
        results["bare"][1],
        saved[0],
        saved[1],
    )
    if not results["kept"]:
        run.notes.append(f"{profile.name}: the service worker did not hold the runtime within {KEEP_TIMEOUT_S:.0f} s")
    return run


def _median(values: Sequence[float | None]) -> float | None:
    """The median, or None when any run never got there (a missing value fails its budget)."""
    if not values or any(v is None for v in values):
        return None
    return median([float(v) for v in values if v is not None])


def _paired(numerators: Sequence[float | None], denominators: Sequence[float | None]) -> float | None:
    if not numerators or any(v is None for v in [*numerators, *denominators]):
        return None
    return paired_ratio(
        [float(v) for v in numerators if v is not None], [float(v) for v in denominators if v is not None]
    )


def summarize_phone(runs: list[PhoneRun]) -> dict[str, Any]:
    """Medians per profile (``phone_<profile>_…``), ratios paired run by run, and the issue's summary keys."""
    out: dict[str, Any] = {}
    for name, profile in PROFILES.items():
        mine = [r for r in runs if r.profile == name]
        if not mine:
            continue
        key = f"phone_{name}_"
        cold = [r.cold.first_result_ms for r in mine]
        bare_cold = [r.bare_cold.first_result_ms for r in mine]
        bare_warm = [r.bare_warm.first_result_ms for r in mine]
        repeat = [r.repeat_sw.first_result_ms for r in mine]
        # The bytes "to go live" of a visit that never went live are no measure (they would pass
        # the wire budget with the few bytes of a page that waited for nothing).
        wire = [float(r.cold.wire_bytes) if r.cold.first_result_ms is not None else None for r in mine]
        floors = [profile.floor_ms(w) if w is not None else None for w in wire]
        out[key + "cold_first_result_ms"] = _median(cold)
        out[key + "edit_at_2s_live_ms"] = _median([r.cold.edit_live_ms for r in mine])
        out[key + "python_start_ms"] = _median([r.cold.python_start_ms for r in mine])
        out[key + "bare_cold_ms"] = _median(bare_cold)
        out[key + "bare_warm_ms"] = _median(bare_warm)
        out[key + "repeat_sw_first_result_ms"] = _median(repeat)
        out[key + "wire_bytes"] = _median(wire)
        out[key + "bare_wire_bytes"] = _median([float(r.bare_cold.wire_bytes) for r in mine])
        out[key + "floor_ms"] = _median(floors)
        out[key + "bare_floor_ms"] = _median([profile.floor_ms(float(r.bare_cold.wire_bytes)) for r in mine])
        out[key + "cold_ratio"] = _paired(cold, bare_cold)
        out[key + "floor_ratio"] = _paired(cold, floors)
        out[key + "repeat_sw_ratio"] = _paired(repeat, bare_warm)
        out[key + "offline_repeat_live"] = all(r.offline_live for r in mine)
    slow = [r for r in runs if r.profile == "slow4g"]
    if slow:
        out["phone_repeat_sw_first_result_ms"] = out["phone_slow4g_repeat_sw_first_result_ms"]
        out["phone_bare_warm_ms"] = out["phone_slow4g_bare_warm_ms"]
        out["phone_repeat_sw_ratio"] = out["phone_slow4g_repeat_sw_ratio"]
    saved = [r.savedata_bytes_before_intent for r in runs if r.savedata_bytes_before_intent is not None]
    if saved:
        out["savedata_bytes_before_intent"] = max(saved)  # any run that downloaded before intent fails
        out["savedata_first_result_after_intent_ms"] = _median(
            [r.savedata_first_result_ms for r in runs if r.savedata_bytes_before_intent is not None]
        )
    return out
