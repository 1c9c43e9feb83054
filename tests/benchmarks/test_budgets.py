"""Budget verdicts: a value passes at or under its limit, never when missing."""

from __future__ import annotations

import math

from benchmarks.budgets import BUDGETS, Budget, all_passed, evaluate

ALL_GOOD = {
    "cold_ratio": 0.5,
    "warm_ratio": 0.5,
    "instant_nav_first_result_ms": 99.9,
    "input_latency_p95_ms": 16.0,
    "tbt_ms": 0.0,
    "cls": 0.02,
    "pyodide_bytes_on_plain_page": 0,
    "build_ratio": 1.5,
    "phone_slow4g_cold_ratio": 0.8,
    "phone_slow4g_floor_ratio": 1.3,
    "phone_slow4g_wire_bytes": 6_000_000,
    "repeat_sw_first_result_ms": 1000,
    "phone_repeat_sw_ratio": 0.5,
    "offline_repeat_live": True,
    "savedata_bytes_before_intent": 0,
}


def test_every_budget_of_the_issue_is_checked() -> None:
    assert {b.key for b in BUDGETS} == set(ALL_GOOD)


def test_values_at_the_limit_pass() -> None:
    verdicts = evaluate(ALL_GOOD)
    assert all_passed(verdicts)
    assert all(v.line().startswith("PASS") for v in verdicts)


def test_a_value_over_its_limit_fails_and_says_so() -> None:
    verdicts = evaluate({**ALL_GOOD, "pyodide_bytes_on_plain_page": 1, "tbt_ms": 100.1})
    failed = {v.budget.key for v in verdicts if not v.passed}
    assert failed == {"pyodide_bytes_on_plain_page", "tbt_ms"}
    assert not all_passed(verdicts)
    assert any(v.line().startswith("FAIL  total blocking time") for v in verdicts)


def test_missing_or_nan_values_fail() -> None:
    budgets = (Budget("a", 1.0, "a"), Budget("b", 1.0, "b"))
    verdicts = evaluate({"b": math.nan}, budgets)
    assert [v.passed for v in verdicts] == [False, False]
    assert "missing" in verdicts[0].line()


def test_an_at_least_budget_passes_at_or_over_its_limit() -> None:
    budget = (Budget("live", 1, "offline repeat goes live", at_least=True),)
    assert all_passed(evaluate({"live": True}, budget))
    assert all_passed(evaluate({"live": 2}, budget))
    verdicts = evaluate({"live": False}, budget)
    assert not all_passed(verdicts)
    assert verdicts[0].line().startswith("FAIL")
    assert "budget ≥" in verdicts[0].line()


def test_the_phone_budgets_fail_when_over() -> None:
    verdicts = evaluate(
        {**ALL_GOOD, "phone_slow4g_cold_ratio": 0.81, "savedata_bytes_before_intent": 1, "offline_repeat_live": False}
    )
    failed = {v.budget.key for v in verdicts if not v.passed}
    assert failed == {"phone_slow4g_cold_ratio", "savedata_bytes_before_intent", "offline_repeat_live"}


def test_a_phone_run_that_never_went_live_fails_its_budgets() -> None:
    assert not all_passed(evaluate({**ALL_GOOD, "phone_slow4g_cold_ratio": None}))


def test_the_desktop_must_go_live_in_half_a_bare_pyodide_s_time() -> None:
    """Issue #15: cold and warm at most 0.5× bare Pyodide (they were 1.10× before)."""
    failed = {v.budget.key for v in evaluate({**ALL_GOOD, "cold_ratio": 0.51, "warm_ratio": 0.6}) if not v.passed}
    assert failed == {"cold_ratio", "warm_ratio"}
