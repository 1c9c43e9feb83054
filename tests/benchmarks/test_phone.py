"""The phone profiles' arithmetic: the floor, and medians and ratios paired run by run."""

from __future__ import annotations

import pytest

from benchmarks.phone import PROFILES, PhoneRun, PhoneVisit, summarize_phone
from benchmarks.server import Served


def visit(ms: float | None, wire: int = 0) -> PhoneVisit:
    return PhoneVisit(ms, served=[Served("/pyodide/pyodide.asm.wasm", 200, wire)] if wire else [])


def run(cold: float | None, bare: float, repeat: float, bare_warm: float, wire: int, **kw: object) -> PhoneRun:
    return PhoneRun("slow4g", visit(cold, wire), visit(repeat), True, visit(bare), visit(bare_warm), **kw)  # type: ignore[arg-type]


def test_the_floor_is_two_round_trips_plus_bytes_over_bandwidth() -> None:
    slow = PROFILES["slow4g"]
    # 1.6 Mbit/s = 200,000 B/s: 6 MB take 30 s, plus 2 × 150 ms.
    assert slow.floor_ms(6_000_000) == pytest.approx(30_300)
    assert slow.floor_ms(0, round_trips=3) == pytest.approx(450)


def test_ratios_are_paired_run_by_run_and_values_are_medians() -> None:
    runs = [
        run(30_000, 60_000, 5_000, 15_000, 5_000_000, savedata_bytes_before_intent=0),
        run(40_000, 50_000, 6_000, 12_000, 5_000_000, savedata_bytes_before_intent=0),
        run(35_000, 70_000, 7_000, 14_000, 5_000_000),
    ]
    out = summarize_phone(runs)
    assert out["phone_slow4g_cold_first_result_ms"] == 35_000
    assert out["phone_slow4g_cold_ratio"] == pytest.approx(0.5)  # median of 0.5, 0.8, 0.5
    assert out["phone_slow4g_wire_bytes"] == 5_000_000
    assert out["phone_slow4g_floor_ms"] == pytest.approx(25_300)
    assert out["phone_slow4g_bare_floor_ms"] == pytest.approx(300)  # these bare visits sent no bytes
    assert out["phone_repeat_sw_first_result_ms"] == 6_000
    assert out["phone_bare_warm_ms"] == 14_000
    assert out["phone_slow4g_offline_repeat_live"] is True
    assert out["savedata_bytes_before_intent"] == 0


def test_a_run_that_never_went_live_leaves_its_measure_missing() -> None:
    out = summarize_phone([run(None, 60_000, 5_000, 15_000, 1)])
    assert out["phone_slow4g_cold_first_result_ms"] is None
    assert out["phone_slow4g_cold_ratio"] is None


def test_any_download_before_intent_is_reported() -> None:
    runs = [
        run(1.0, 2.0, 1.0, 2.0, 1, savedata_bytes_before_intent=0),
        run(1.0, 2.0, 1.0, 2.0, 1, savedata_bytes_before_intent=7),
    ]
    assert summarize_phone(runs)["savedata_bytes_before_intent"] == 7
