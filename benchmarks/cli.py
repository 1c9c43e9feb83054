"""``make bench``: build, serve, measure in Chromium, compare with bare Pyodide, check the budgets.

Usage: ``python -m benchmarks [--runs 5] [--edits 100] [--out benchmarks/results.json]``.
Exit status 1 when a budget fails (``--no-fail`` to only report), 2 when the benchmark itself
could not run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import budgets, report
from benchmarks.bare import write_bare_page
from benchmarks.browser import (
    SETTLE_S,
    Browser,
    Visit,
    input_latency,
    instant_navigation,
    load,
    plain_page_runtime_requests,
)
from benchmarks.build import BuildError, build_site, time_build
from benchmarks.cpucap import PhoneCPU
from benchmarks.phone import (
    PROFILES,
    PhoneBrowser,
    PhoneRun,
    offline_visit,
    one_phone_run,
    summarize_phone,
    wait_runtime_kept,
)
from benchmarks.server import serve
from benchmarks.stats import median, paired_ratio, percentile
from site_build.page_index import INDEX_PATH
from site_build.shared import PACKAGE_NAME

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "results.json"

DEFINITIONS = {
    "cold_first_result_ms": "Navigation start to the first result computed by Python in the worker being in the page"
    " (the runtime's performance mark 'tmg:result'), fresh browser profile (empty HTTP cache).",
    "warm_first_result_ms": "The same, on a second visit in the same browser profile (warm HTTP cache), in a new tab.",
    "bare_cold_ms": "A bare page (written by the benchmark, not shipped) that starts Pyodide from the same self-hosted"
    " files in a module Web Worker with loadPyodide({indexURL, lockFileURL, packages}) and makes one call into the"
    " calculators: navigation start to the result being in the page ('bare:result'), empty cache.",
    "bare_warm_ms": "The bare page's second visit in the same profile (warm HTTP cache).",
    "cold_ratio": "Median over runs of cold_first_result / bare_cold (both measured in the same run).",
    "warm_ratio": "Median over runs of warm_first_result / bare_warm.",
    "instant_nav_first_result_ms": "Click on a link (Material instant navigation, Python already running) to the first"
    " result of the next page's calculator being in the page. The runtime asks Python for that page's figures when"
    " the pointer reaches the link (Playwright's click moves the mouse there first, a few ms before pressing), or"
    " at the latest on the click, from assets/calculator-pages.json and the link's query string; the widget takes"
    " them on arrival only if its form holds exactly those values.",
    "instant_nav_after_swap_ms": "From the moment Material puts the next page's calculator into the document to its"
    " first result: the runtime's part of instant navigation (information).",
    "input_latency_p50_ms": "An edit (value set, 'input' event dispatched) to the recomputed results being in the page"
    " (MutationObserver on the results), p50 over the edits of a run; median over runs.",
    "input_latency_p95_ms": "The same, p95 (nearest rank).",
    "input_to_frame_p95_ms": "Edit to the start of the next animation frame after the results changed, p95: adds the"
    " wait for the display's next frame (0-16.7 ms at 60 Hz), which no page code controls. Information only.",
    "tbt_ms": "Total blocking time of the main thread while Python loads, cold visit: from the runtime starting"
    " Python (mark 'tmg:python-start', when it creates the worker) to the first live result. Long tasks from"
    " PerformanceObserver('longtask'); each blocks from its 50th ms to its end, clipped to the window (Lighthouse's"
    " rule).",
    "tbt_page_ms": "The same from navigation start (information): adds Material's own start-up (its bundle and"
    " DOMContentLoaded handlers), which varies most with the machine's load.",
    "python_start_ms": "Navigation start to the runtime starting Python (cold visit; information).",
    "cls": "Cumulative layout shift from navigation start to the first live result, cold visit: every layout-shift"
    " entry without recent input, summed (no session windows).",
    "pyodide_bytes_on_plain_page": "Body bytes of /pyodide/ files served while a page without a calculator is open"
    " (fresh profile, page loaded, network idle, then a few seconds, a mouse move and a scroll).",
    "bytes_first_visit": "Body bytes the server sent for the cold visit until the network was idle after the first"
    " result (server log: Content-Length of 200 responses, uncompressed; 304 revalidations count 0).",
    "bytes_repeat_visit": "The same for the warm visit.",
    "build_ratio": "Median build time (MkDocs build(), fresh process, fresh output folder) divided by the median of the"
    " same build with the macros plugin removed from plugins (hooks still run; strict off for both).",
    "repeat_sw_first_result_ms": "Desktop: a fresh profile with the service worker allowed; after the first visit is"
    " live, once the service worker holds the runtime, a new tab: navigation start to the first live result.",
    "offline_repeat_live": "Desktop and every phone profile: the same profile offline, a new tab: did the calculator"
    " go live (pages and runtime from the service worker's caches)?",
    "phone_<profile>_cold_first_result_ms": "Phone profiles (benchmarks/phone.py; profiles in settings.phone): a fresh"
    " profile, the reader edits the calculator's first number field at 2 s (their intent): navigation start to the"
    " first live result.",
    "phone_<profile>_edit_at_2s_live_ms": "The same visit: navigation start to the first live result after the edit.",
    "phone_<profile>_wire_bytes": "Body bytes on the wire (the server compresses like GitHub Pages) of the responses"
    " completed by the first live result of the cold visit.",
    "phone_<profile>_floor_ms": "The least network time for those bytes: 2 round trips plus bytes ÷ bandwidth.",
    "phone_<profile>_floor_ratio": "Median over runs of cold first live result / floor.",
    "phone_<profile>_bare_floor_ms": "The same floor for bare Pyodide's cold bytes.",
    "phone_<profile>_bare_cold_ms": "Bare Pyodide (its own stock files), fresh profile, same network and CPU.",
    "phone_<profile>_bare_warm_ms": "Bare Pyodide's second visit, a new tab in the same profile.",
    "phone_<profile>_cold_ratio": "Median over runs of the guide's cold first live result / bare cold (same run).",
    "phone_<profile>_repeat_sw_first_result_ms": "After the cold visit, once the service worker holds the runtime:"
    " a new tab, no edit, navigation start to the first live result.",
    "phone_<profile>_repeat_sw_ratio": "Median over runs of repeat with the service worker / bare warm.",
    "phone_repeat_sw_first_result_ms": "phone_slow4g_repeat_sw_first_result_ms (the phone profile of the budgets).",
    "phone_bare_warm_ms": "phone_slow4g_bare_warm_ms.",
    "savedata_bytes_before_intent": "Slow 4G with Save-Data (CDP data saver override): bytes of /pyodide/ sent while"
    " the reader stays on the calculator page for a few seconds, the calculator in view, without touching it.",
    "savedata_first_result_after_intent_ms": "The same visit: from the reader focusing a field to the first live"
    " result.",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LoadSampler:
    """The machine's 1-minute load average, sampled in the background while the benchmark runs."""

    def __init__(self, every_s: float = 2.0) -> None:
        self.samples: list[float] = []
        self._every = every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append(os.getloadavg()[0])
            self._stop.wait(self._every)

    @contextmanager
    def running(self) -> Iterator[LoadSampler]:
        self._thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._thread.join()

    def summary(self) -> dict[str, float]:
        if not self.samples:
            return {}
        return {"min": min(self.samples), "median": median(self.samples), "max": max(self.samples)}


@dataclass
class Pages:
    page: str
    calculator: str
    next_page: str
    next_calculator: str
    plain_page: str


def calculator_on(site_dir: Path, page: str) -> str | None:
    """The first calculator on ``page``, from the index the build writes (``site_build/page_index.py``)."""
    if not (site_dir / page / "index.html").exists():
        raise SystemExit(f"error: {page} is not a page of the built site")
    index = json.loads((site_dir / INDEX_PATH).read_text("utf-8"))
    return str(index[page][0]["name"]) if page in index else None


def choose_pages(site_dir: Path, args: argparse.Namespace) -> Pages:
    calc = calculator_on(site_dir, args.page)
    nxt = calculator_on(site_dir, args.next_page)
    if not calc or not nxt or calc == nxt:
        raise SystemExit("error: --page and --next-page must be pages with two different calculators")
    if calculator_on(site_dir, args.plain_page):
        raise SystemExit(f"error: --plain-page {args.plain_page} has a calculator")
    return Pages(args.page, calc, args.next_page, nxt, args.plain_page)


def default_values(name: str) -> dict[str, str]:
    """The calculator's form values as the page first sends them (the defaults, as text)."""
    from calculators.registry import get_calculator
    from calculators.validation import default_texts

    return default_texts(get_calculator(name))


@dataclass
class Run:
    """Everything one run measured."""

    cold: Visit
    warm: Visit
    bare_cold: Visit
    bare_warm: Visit
    nav_ms: float
    nav_after_swap_ms: float
    latency_field: str
    latency_ms: list[float]
    frame_ms: list[float]
    latency_missed: int
    plain_pyodide_bytes: int
    plain_pyodide_requests: int
    repeat_sw_ms: float | None = None
    offline_live: bool = False
    notes: list[str] = field(default_factory=list)


def measure_site(
    browser: Browser, base: str, pages: Pages, edits: int
) -> tuple[Visit, Visit, tuple[float, float], Any]:
    with browser.context() as context:
        page = context.new_page()
        cold = load(page, base + pages.page, browser.log, pages.calculator)
        time.sleep(SETTLE_S)
        page.close()
        page = context.new_page()
        warm = load(page, base + pages.page, browser.log, pages.calculator)
        latency = input_latency(page, f'[data-calculator="{pages.calculator}"]', edits)
        nav = instant_navigation(page, base + pages.next_page, pages.next_calculator)
        browser.log.take()
    return cold, warm, nav, latency


def measure_bare(browser: Browser, url: str, calculator: str) -> tuple[Visit, Visit]:
    with browser.context() as context:
        page = context.new_page()
        cold = load(page, url, browser.log, calculator)
        time.sleep(SETTLE_S)
        page.close()
        page = context.new_page()
        warm = load(page, url, browser.log, calculator)
    return cold, warm


def measure_service_worker(browser: Browser, base: str, pages: Pages) -> tuple[float | None, bool, list[str]]:
    """A first visit with the service worker allowed, then a repeat and an offline repeat once it holds the runtime."""
    notes: list[str] = []
    with browser.context(service_workers="allow") as context:
        page = context.new_page()
        load(page, base + pages.page, browser.log, pages.calculator)
        # The reader stays on the live calculator, which asks the service worker to keep the runtime.
        if not wait_runtime_kept(page):
            notes.append("desktop: the service worker did not hold the runtime in time")
        page.close()
        page = context.new_page()
        repeat = load(page, base + pages.page, browser.log, pages.calculator).first_result_ms
        page.close()
        offline = offline_visit(context, base + pages.page)
        browser.log.take()
    return repeat, offline, notes


def measure_plain(browser: Browser, url: str) -> tuple[int, int]:
    with browser.context() as context:
        served = plain_page_runtime_requests(context.new_page(), url, browser.log, linger_s=5.0)
    return report.pyodide_bytes(served), len(served)


def one_run(browser: Browser, base: str, pages: Pages, bare_path: str, edits: int, index: int) -> Run:
    measured: dict[str, Any] = {}
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("site", lambda: measure_site(browser, base, pages, edits)),
        ("bare", lambda: measure_bare(browser, base + bare_path, pages.calculator)),
    ]
    if index % 2:
        steps.reverse()  # alternate the order, so neither always runs first on a drifting machine
    for name, step in steps:
        measured[name] = step()
    cold, warm, (nav, nav_swap), (fld, latency, frames, missed) = measured["site"]
    bare_cold, bare_warm = measured["bare"]
    plain_bytes, plain_requests = measure_plain(browser, base + pages.plain_page)
    repeat_sw, offline, sw_notes = measure_service_worker(browser, base, pages)
    run = Run(
        cold,
        warm,
        bare_cold,
        bare_warm,
        nav,
        nav_swap,
        fld,
        latency,
        frames,
        missed,
        plain_bytes,
        plain_requests,
        repeat_sw,
        offline,
        sw_notes,
    )
    twice = report.downloaded_twice(cold.served)
    if twice:
        run.notes.append(f"downloaded twice during the cold visit: {twice}")
    if missed:
        run.notes.append(f"{missed} edits got no result within 5 s")
    return run


def summarize(runs: Sequence[Run], build_s: list[float], build_plain_s: list[float]) -> dict[str, Any]:
    per_run: dict[str, list[Any]] = {
        "cold_first_result_ms": [r.cold.first_result_ms for r in runs],
        "warm_first_result_ms": [r.warm.first_result_ms for r in runs],
        "bare_cold_ms": [r.bare_cold.first_result_ms for r in runs],
        "bare_warm_ms": [r.bare_warm.first_result_ms for r in runs],
        "instant_nav_first_result_ms": [r.nav_ms for r in runs],
        "instant_nav_after_swap_ms": [r.nav_after_swap_ms for r in runs],
        "input_latency_p50_ms": [percentile(r.latency_ms, 50) for r in runs],
        "input_latency_p95_ms": [percentile(r.latency_ms, 95) for r in runs],
        "input_to_frame_p95_ms": [percentile(r.frame_ms, 95) for r in runs],
        "tbt_ms": [r.cold.tbt_ms for r in runs],
        "tbt_page_ms": [r.cold.tbt_page_ms for r in runs],
        "python_start_ms": [r.cold.python_start_ms for r in runs],
        "cls": [r.cold.cls for r in runs],
        "bare_tbt_ms": [r.bare_cold.tbt_ms for r in runs],
        "pyodide_bytes_on_plain_page": [r.plain_pyodide_bytes for r in runs],
        "bytes_first_visit": [report.bytes_by_category(r.cold.served) for r in runs],
        "bytes_repeat_visit": [report.bytes_by_category(r.warm.served) for r in runs],
        "repeat_sw_first_result_ms": [r.repeat_sw_ms for r in runs],
        "offline_repeat_live": [r.offline_live for r in runs],
        "build_s": build_s,
        "build_no_macros_s": build_plain_s,
    }
    out: dict[str, Any] = {}
    for key, values in per_run.items():
        if key.startswith("bytes_"):
            out[key] = {c: int(median(v[c] for v in values)) for c in (*report.CATEGORIES, "total")}
        elif key == "pyodide_bytes_on_plain_page":
            out[key] = max(values)  # any run that fetched Pyodide is a failure
        elif key == "offline_repeat_live":
            out[key] = all(values)  # every run must go live offline
        elif any(v is None for v in values):
            out[key] = None  # a run never got there: the measure is missing (its budget fails)
        else:
            out[key] = median(values)
    out["cold_ratio"] = paired_ratio(per_run["cold_first_result_ms"], per_run["bare_cold_ms"])
    out["warm_ratio"] = paired_ratio(per_run["warm_first_result_ms"], per_run["bare_warm_ms"])
    out["build_ratio"] = median(build_s) / median(build_plain_s)
    out["runs"] = per_run
    return out


def run_phone_profiles(
    args: argparse.Namespace, site_dir: Path, pages: Pages, bare_path: str, playwright_start: Callable[[], Any]
) -> tuple[list[PhoneRun], list[str]]:
    """Every phone profile ``args.phone_runs`` times, served like GitHub Pages on a port of its own."""
    if args.phone_runs < 1 or not args.profiles:
        return [], ["phone profiles not run (--phone-runs 0)"]
    unavailable = PhoneCPU.available()
    if unavailable:
        return [], [f"phone profiles not run: {unavailable}"]
    from tools import browser as browser_finder

    executable = str(browser_finder.executable())
    field_selector = f'[data-calculator="{pages.calculator}"] input[name]:not([type="checkbox"])'
    done: list[PhoneRun] = []
    cpu = PhoneCPU()
    try:
        with serve(site_dir, free_port(), like_pages=True) as (base, log), playwright_start() as playwright:
            browser = PhoneBrowser(playwright, executable, log, cpu)
            for name in args.profiles:
                profile = PROFILES[name]
                for i in range(args.phone_runs):
                    run = one_phone_run(
                        browser, base, profile, pages.page, bare_path, field_selector, i, save_data=name == "slow4g"
                    )
                    done.append(run)

                    def shown(ms: float | None) -> str:
                        return "never" if ms is None else f"{ms / 1000:.1f} s"

                    print(
                        f"{name} run {i + 1}/{args.phone_runs}: cold {shown(run.cold.first_result_ms)}"
                        f" ({run.cold.wire_bytes / 1e6:.2f} MB; bare {shown(run.bare_cold.first_result_ms)}),"
                        f" repeat with service worker {shown(run.repeat_sw.first_result_ms)}"
                        f" (bare warm {shown(run.bare_warm.first_result_ms)}), offline live {run.offline_live},"
                        f" load {os.getloadavg()[0]:.1f}",
                        file=sys.stderr,
                    )
    finally:
        cpu.close()
    return done, []


def time_builds(runs: int) -> tuple[list[float], list[float]]:
    """Alternate builds with and without macros after one unmeasured warm-up of each (it fills the wheel cache)."""
    time_build(macros=True)
    time_build(macros=False)
    with_macros: list[float] = []
    without: list[float] = []
    for _ in range(runs):
        with_macros.append(time_build(macros=True))
        without.append(time_build(macros=False))
    return with_macros, without


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs (default 5); results are medians")
    parser.add_argument("--edits", type=int, default=100, help="edits for input latency per run (default 100)")
    parser.add_argument("--build-runs", type=int, default=None, help="timed builds of each kind (default: --runs)")
    parser.add_argument("--page", default="likes/engagement-rate/", help="calculator page measured")
    parser.add_argument("--next-page", default="monetization/creator-rewards/", help="instant navigation target")
    parser.add_argument("--plain-page", default="faq/", help="a page without a calculator")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results file (default benchmarks/results.json)")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when a budget fails")
    parser.add_argument("--phone-runs", type=int, default=3, help="runs of each phone profile (default 3; 0: none)")
    parser.add_argument(
        "--profiles", default=",".join(PROFILES), help=f"phone profiles to run (default {','.join(PROFILES)})"
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.edits < 1:
        parser.error("--runs and --edits must be at least 1")
    args.profiles = [p for p in args.profiles.split(",") if p]
    unknown = [p for p in args.profiles if p not in PROFILES]
    if unknown:
        parser.error(f"unknown phone profile(s) {', '.join(unknown)}; known: {', '.join(PROFILES)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from playwright.sync_api import sync_playwright

    from tools import browser as browser_finder

    executable = browser_finder.executable()
    if not executable:
        print("error: no Chromium (apt-get install chromium, or python -m tools.browser --ensure)", file=sys.stderr)
        return 2
    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()[0]
    sampler = LoadSampler()
    with sampler.running(), tempfile.TemporaryDirectory(prefix="tmg-bench-site-") as tmp:
        site_dir = Path(tmp)
        port = free_port()
        base_url = f"http://127.0.0.1:{port}/"
        print(f"Building the site for {base_url} …", file=sys.stderr)
        try:
            build_site(site_dir, base_url)
        except BuildError as exc:
            print(exc, file=sys.stderr)
            return 2
        pages = choose_pages(site_dir, args)
        bare_path = write_bare_page(site_dir, PACKAGE_NAME, pages.calculator, default_values(pages.calculator))
        runs: list[Run] = []
        with serve(site_dir, port) as (base, log), sync_playwright() as playwright:
            browser = Browser(playwright, executable, log)
            for i in range(args.runs):
                run = one_run(browser, base, pages, bare_path, args.edits, i)
                runs.append(run)
                print(
                    f"run {i + 1}/{args.runs}: cold {run.cold.first_result_ms:.0f} ms"
                    f" (bare {run.bare_cold.first_result_ms:.0f}), warm {run.warm.first_result_ms:.0f} ms"
                    f" (bare {run.bare_warm.first_result_ms:.0f}), nav {run.nav_ms:.0f} ms,"
                    f" input p95 {percentile(run.latency_ms, 95):.1f} ms, load {os.getloadavg()[0]:.1f}"
                    + "".join(f"\n  note: {note}" for note in run.notes),
                    file=sys.stderr,
                )
            external = list(browser.external)
        phone_runs, phone_notes = run_phone_profiles(args, site_dir, pages, bare_path, playwright_start=sync_playwright)
        print("Timing builds …", file=sys.stderr)
        build_s, build_plain_s = time_builds(args.build_runs or args.runs)
    results = summarize(runs, build_s, build_plain_s)
    phone = summarize_phone(phone_runs)
    # An offline repeat must go live on the desktop and on every phone profile.
    results["offline_repeat_live"] = results["offline_repeat_live"] and all(r.offline_live for r in phone_runs)
    results.update(phone)
    verdicts = budgets.evaluate(results)
    per_run = results.pop("runs")
    document: dict[str, Any] = {
        **results,
        "budgets": [
            {"key": v.budget.key, "limit": v.budget.limit, "value": v.value, "pass": v.passed} for v in verdicts
        ],
        "passed": budgets.all_passed(verdicts),
        "date": started.isoformat(timespec="seconds"),
        "machine": {
            **report.machine(),
            "load_average_1min": {"before": load_before, **sampler.summary(), "after": os.getloadavg()[0]},
        },
        "versions": report.versions(executable),
        "settings": {
            "runs": args.runs,
            "edits": args.edits,
            "build_runs": args.build_runs or args.runs,
            "page": pages.page,
            "next_page": pages.next_page,
            "plain_page": pages.plain_page,
            "baseline": "bare page, Pyodide in a module Web Worker (like the guide)",
            "browser": "Chromium headless, persistent profile per context (disk HTTP cache), default 1280×720 viewport",
            "bytes": "server log: body bytes of 200 responses (uncompressed), 304 = 0",
            "phone": {
                "runs": args.phone_runs,
                "profiles": {name: asdict(PROFILES[name]) for name in args.profiles},
                "server": "like GitHub Pages: gzip level 6 for text and wasm, archives as they are (pages_server.py)",
                "device": "412×823, DPR 1.75, mobile, touch; CPU capped on the renderer processes (cpucap.py)",
                "network": "CDP Network.emulateNetworkConditions on each page (its dedicated worker too; not the"
                " service worker's own fetches)",
            },
        },
        "runs": per_run,
        "phone_runs": [asdict(r) for r in phone_runs],
        "notes": [note for run in runs for note in run.notes]
        + phone_notes
        + [note for r in phone_runs for note in r.notes]
        + [f"request to another host: {u}" for u in external],
        "definitions": DEFINITIONS,
    }
    report.write(args.out, document)
    if args.out.resolve() == DEFAULT_OUT.resolve():
        report.write_readme(document)  # benchmarks/README.md's results follow results.json
    print()
    print(report.table(results))
    print()
    for verdict in verdicts:
        print(verdict.line())
    load = document["machine"]["load_average_1min"]
    shown = args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out
    print(
        f"\n{args.runs} runs, load average during the benchmark {load.get('min', 0):.1f}–{load.get('max', 0):.1f}"
        f" on {document['machine']['cores']} cores. Results: {shown}"
    )
    if external:
        print(f"warning: {len(external)} requests went to another host", file=sys.stderr)
    return 0 if document["passed"] or args.no_fail else 1
