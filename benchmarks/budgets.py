"""The performance budgets (issues #6 and #15) and their evaluation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    """One limit on one measured value: ``value <= limit`` passes (``value >= limit`` when ``at_least``)."""

    key: str
    limit: float
    label: str
    unit: str = ""
    at_least: bool = False


@dataclass(frozen=True)
class Verdict:
    budget: Budget
    value: float | None
    passed: bool

    def line(self) -> str:
        shown = "missing" if self.value is None else _fmt(self.value, self.budget.unit)
        limit = _fmt(self.budget.limit, self.budget.unit)
        sign = "≥" if self.budget.at_least else "≤"
        return f"{'PASS' if self.passed else 'FAIL'}  {self.budget.label}: {shown} (budget {sign} {limit})"


BUDGETS: tuple[Budget, ...] = (
    # Issue #15 keeps the desktop's lead over bare Pyodide as a budget: at most half its time.
    Budget("cold_ratio", 0.5, "cold first result / bare Pyodide", "×"),
    Budget("warm_ratio", 0.5, "warm first result / bare Pyodide", "×"),
    Budget("instant_nav_first_result_ms", 100, "first result after instant navigation", "ms"),
    Budget("input_latency_p95_ms", 16, "input to result, p95", "ms"),
    Budget("tbt_ms", 100, "total blocking time while Python loads", "ms"),
    Budget("cls", 0.02, "cumulative layout shift until ready"),
    Budget("pyodide_bytes_on_plain_page", 0, "Pyodide bytes on a page without a calculator", "B"),
    Budget("build_ratio", 1.5, "build time / build without macros", "×"),
    # Issue #15: phones (benchmarks/phone.py). The phone profile is Slow 4G with the CPU capped
    # for the page and its worker alike.
    Budget("phone_slow4g_cold_ratio", 0.8, "phone, Slow 4G, cold first live result / bare Pyodide", "×"),
    Budget("phone_slow4g_floor_ratio", 1.3, "phone, Slow 4G, cold first live result / floor for its bytes", "×"),
    Budget("phone_slow4g_wire_bytes", 6_000_000, "phone, Slow 4G, wire bytes to go live", "B"),
    Budget("repeat_sw_first_result_ms", 1000, "desktop, repeat visit with the service worker", "ms"),
    Budget("phone_repeat_sw_ratio", 0.5, "phone, Slow 4G, repeat with the service worker / bare warm", "×"),
    Budget("offline_repeat_live", 1, "an offline repeat visit goes live (1 = yes)", "", at_least=True),
    Budget("savedata_bytes_before_intent", 0, "Pyodide bytes before intent with Save-Data", "B"),
)


def evaluate(values: Mapping[str, float | None], budgets: tuple[Budget, ...] = BUDGETS) -> list[Verdict]:
    """One verdict per budget; a missing or NaN value fails (a budget is never passed by default)."""
    verdicts = []
    for budget in budgets:
        value = values.get(budget.key)
        if isinstance(value, bool):
            value = float(value)  # yes/no measures (offline_repeat_live): 1 or 0
        within = value is not None and (value >= budget.limit if budget.at_least else value <= budget.limit)
        ok = value is not None and value == value and within  # value == value: not NaN
        verdicts.append(Verdict(budget, value, ok))
    return verdicts


def all_passed(verdicts: list[Verdict]) -> bool:
    return all(v.passed for v in verdicts)


def _fmt(value: float, unit: str) -> str:
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "B":
        return f"{value:,.0f} B"
    return f"{value:.4f}"
