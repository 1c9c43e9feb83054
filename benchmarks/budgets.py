"""The performance budgets of issue #6 and their evaluation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    """One limit on one measured value: ``value <= limit`` passes."""

    key: str
    limit: float
    label: str
    unit: str = ""


@dataclass(frozen=True)
class Verdict:
    budget: Budget
    value: float | None
    passed: bool

    def line(self) -> str:
        shown = "missing" if self.value is None else _fmt(self.value, self.budget.unit)
        limit = _fmt(self.budget.limit, self.budget.unit)
        return f"{'PASS' if self.passed else 'FAIL'}  {self.budget.label}: {shown} (budget ≤ {limit})"


BUDGETS: tuple[Budget, ...] = (
    Budget("cold_ratio", 1.10, "cold first result / bare Pyodide", "×"),
    Budget("warm_ratio", 1.10, "warm first result / bare Pyodide", "×"),
    Budget("instant_nav_first_result_ms", 100, "first result after instant navigation", "ms"),
    Budget("input_latency_p95_ms", 16, "input to result, p95", "ms"),
    Budget("tbt_ms", 100, "total blocking time while Python loads", "ms"),
    Budget("cls", 0.02, "cumulative layout shift until ready"),
    Budget("pyodide_bytes_on_plain_page", 0, "Pyodide bytes on a page without a calculator", "B"),
    Budget("build_ratio", 1.5, "build time / build without macros", "×"),
)


def evaluate(values: Mapping[str, float | None], budgets: tuple[Budget, ...] = BUDGETS) -> list[Verdict]:
    """One verdict per budget; a missing or NaN value fails (a budget is never passed by default)."""
    verdicts = []
    for budget in budgets:
        value = values.get(budget.key)
        ok = value is not None and value == value and value <= budget.limit  # value == value: not NaN
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
