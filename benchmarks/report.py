"""Bytes per category, machine and version facts, the printed table and ``results.json``."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from collections import Counter
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.budgets import BUDGETS, Budget, Verdict
from benchmarks.server import Served
from site_build.shared import CORE_FILES, STDLIB

ROOT = Path(__file__).resolve().parent.parent
CORE = {*CORE_FILES, STDLIB}
CATEGORIES = ("pyodide_core", "calculators", "snapshot", "site")


def category(path: str) -> str:
    """Which part of a visit a response belongs to.

    ``pyodide_core``: the npm package's files; ``calculators``: the wheel, its lock file and the
    integrity manifest; ``snapshot``: a Pyodide memory snapshot; ``site``: everything else
    (pages, Material's and the guide's CSS/JS, the worker script, the search index…).
    """
    if not path.startswith("/pyodide/"):
        return "site"
    name = path.rsplit("/", 1)[-1]
    if name.startswith("snapshot"):
        return "snapshot"
    if name in CORE:
        return "pyodide_core"
    return "calculators"


def bytes_by_category(served: Iterable[Served]) -> dict[str, int]:
    """Body bytes per category, plus ``total``."""
    totals = dict.fromkeys(CATEGORIES, 0)
    for entry in served:
        totals[category(entry.path)] += entry.body_bytes
    totals["total"] = sum(totals[c] for c in CATEGORIES)
    return totals


def downloaded_twice(served: Iterable[Served]) -> list[str]:
    """Paths sent in full (200) more than once during one visit."""
    counts = Counter(entry.path for entry in served if entry.status == 200)
    return sorted(path for path, n in counts.items() if n > 1)


def pyodide_bytes(served: Iterable[Served]) -> int:
    return sum(entry.body_bytes for entry in served if entry.path.startswith("/pyodide/"))


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    memory_gb = None
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory_gb = round(pages / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "os": platform.platform(),
    }


def _run(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT).stdout.strip()
    except OSError:
        return ""


def versions(chromium: str) -> dict[str, str]:
    def dist(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return ""

    pyodide_pkg = ROOT / "node_modules" / "pyodide" / "package.json"
    pyodide = json.loads(pyodide_pkg.read_text("utf-8"))["version"] if pyodide_pkg.exists() else ""
    commit = _run(["git", "rev-parse", "--short", "HEAD"])
    dirty = bool(_run(["git", "status", "--porcelain", "--untracked-files=no"]))
    return {
        "python": platform.python_version(),
        "chromium": _run([chromium, "--version"]),
        "playwright": dist("playwright"),
        "mkdocs": dist("mkdocs"),
        "mkdocs-material": dist("mkdocs-material"),
        "mkdocs-macros-plugin": dist("mkdocs-macros-plugin"),
        "pyodide": pyodide,
        "node": _run(["node", "--version"]),
        "commit": commit + ("+uncommitted changes" if dirty else ""),
    }


ROWS: tuple[tuple[str, str, str], ...] = (
    ("cold_first_result_ms", "First live result, empty cache", "ms"),
    ("bare_cold_ms", "  bare Pyodide, empty cache", "ms"),
    ("cold_ratio", "  ratio (median of per-run ratios)", "×"),
    ("warm_first_result_ms", "First live result, warm HTTP cache", "ms"),
    ("bare_warm_ms", "  bare Pyodide, warm HTTP cache", "ms"),
    ("warm_ratio", "  ratio (median of per-run ratios)", "×"),
    ("instant_nav_first_result_ms", "First result after instant navigation (from the click)", "ms"),
    ("instant_nav_after_swap_ms", "  of which after the new page is in place (info)", "ms"),
    ("input_latency_p50_ms", "Input → result in page, p50", "ms"),
    ("input_latency_p95_ms", "Input → result in page, p95", "ms"),
    ("input_to_frame_p95_ms", "Input → next frame start, p95 (info)", "ms"),
    ("tbt_ms", "Total blocking time while Python loads", "ms"),
    ("tbt_page_ms", "  from navigation start, Material included (info)", "ms"),
    ("python_start_ms", "Python started at (info)", "ms"),
    ("cls", "Cumulative layout shift until first result", ""),
    ("pyodide_bytes_on_plain_page", "Pyodide bytes on a page without calculator", "B"),
    ("build_ratio", "Build time / build without macros", "×"),
    ("build_s", "  build with macros", "s"),
    ("build_no_macros_s", "  build without macros", "s"),
    ("repeat_sw_first_result_ms", "Repeat visit with the service worker (desktop)", "ms"),
    ("offline_repeat_live", "Offline repeat visit goes live (desktop and phones)", "yes/no"),
    *(
        row
        for profile, name in (("slow4g", "Slow 4G"), ("fast4g", "Fast 4G"))
        for row in (
            (f"phone_{profile}_cold_first_result_ms", f"Phone, {name}: first live result, cold (edit at 2 s)", "ms"),
            (f"phone_{profile}_bare_cold_ms", "  bare Pyodide, cold", "ms"),
            (f"phone_{profile}_cold_ratio", "  ratio (median of per-run ratios)", "×"),
            (f"phone_{profile}_floor_ms", "  floor for the guide's bytes (2 RTT + bytes ÷ bandwidth)", "ms"),
            (f"phone_{profile}_floor_ratio", "  first live result / floor", "×"),
            (f"phone_{profile}_wire_bytes", "  wire bytes to go live", "B"),
            (f"phone_{profile}_bare_wire_bytes", "  bare Pyodide's wire bytes", "B"),
            (f"phone_{profile}_bare_floor_ms", "  floor for bare Pyodide's bytes", "ms"),
            (f"phone_{profile}_edit_at_2s_live_ms", "  edit at 2 s → live", "ms"),
            (f"phone_{profile}_repeat_sw_first_result_ms", f"Phone, {name}: repeat with the service worker", "ms"),
            (f"phone_{profile}_bare_warm_ms", "  bare Pyodide, warm", "ms"),
            (f"phone_{profile}_repeat_sw_ratio", "  ratio (median of per-run ratios)", "×"),
        )
    ),
    ("savedata_bytes_before_intent", "Save-Data, Slow 4G: Pyodide bytes before intent", "B"),
    ("savedata_first_result_after_intent_ms", "  then intent → first live result", "ms"),
)


def _fmt(value: Any, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "yes/no":
        return "yes" if value else "no"
    if unit == "ms":
        return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "B":
        return f"{value:,.0f} B"
    return f"{value:.4f}"


def table(results: Mapping[str, Any]) -> str:
    """The Markdown table printed by ``make bench`` and written into ``benchmarks/README.md``."""
    lines = ["| Measure | Median |", "|---|---:|"]
    for key, label, unit in ROWS:
        if key in results:
            lines.append(f"| {label} | {_fmt(results[key], unit)} |")
    for key, label in (("bytes_first_visit", "first visit"), ("bytes_repeat_visit", "repeat visit")):
        parts = results.get(key)
        if isinstance(parts, Mapping):
            detail = ", ".join(f"{c} {parts[c] / 1e6:.2f}" for c in CATEGORIES if parts.get(c))
            lines.append(f"| Bytes, {label} (MB) | {parts['total'] / 1e6:.2f} ({detail or 'nothing'}) |")
    return "\n".join(lines)


def write(path: Path, document: Mapping[str, Any]) -> None:
    path.write_text(json.dumps(document, indent=2, sort_keys=False) + "\n", encoding="utf-8")


README = ROOT / "benchmarks" / "README.md"
BEGIN = "<!-- results: generated from results.json by benchmarks/report.py; do not edit by hand -->"
END = "<!-- end of results -->"


def results_section(document: Mapping[str, Any]) -> str:
    """The README's results: where and when, the table, each budget's verdict; all from ``results.json``.

    Budgets are shown with the limit recorded in the run, and labelled as in ``budgets.py``.
    """
    v, m, s = document["versions"], document["machine"], document["settings"]
    load = m.get("load_average_1min") or {}
    browser = str(v.get("chromium", "")).split(" built ")[0] or "Chromium"
    where = f"{m.get('cores')} cores ({m.get('cpu')})"
    if load:
        where += f", 1-minute load average {load['min']:.1f}–{load['max']:.1f} during the run"
    lines = [
        f"`make bench` at commit {v['commit']}, {str(document['date'])[:10]}: {s['runs']} runs (medians),"
        f" {browser} headless, on {where}.",
        "",
        table(document),
        "",
        "Budgets (`benchmarks/budgets.py`):",
        "",
    ]
    known = {b.key: b for b in BUDGETS}
    for entry in document["budgets"]:
        spec = known.get(entry["key"], Budget(entry["key"], entry["limit"], entry["key"]))
        verdict = Verdict(Budget(spec.key, entry["limit"], spec.label, spec.unit), entry["value"], entry["pass"])
        lines.append(f"- {verdict.line()}")
    return "\n".join(lines)


def with_results(readme: str, document: Mapping[str, Any]) -> str:
    """``readme`` with the text between the markers replaced by ``results_section(document)``."""
    head, found, rest = readme.partition(BEGIN + "\n")
    _, found_end, tail = rest.partition(END)
    if not found or not found_end:
        raise ValueError(f"{README.name} has lost its results markers: {BEGIN!r} … {END!r}")
    return f"{head}{BEGIN}\n{results_section(document)}\n{END}{tail}"


def write_readme(document: Mapping[str, Any], path: Path = README) -> None:
    path.write_text(with_results(path.read_text("utf-8"), document), "utf-8")


if __name__ == "__main__":
    write_readme(json.loads((ROOT / "benchmarks" / "results.json").read_text("utf-8")))
