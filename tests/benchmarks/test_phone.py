"""The phone profiles' arithmetic: the floor, and medians and ratios paired run by run."""

from __future__ import annotations

import pytest

from benchmarks import phone
from benchmarks.phone import PROFILES, PhoneRun, PhoneVisit, summarize_phone
from benchmarks.server import RequestLog, Served


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
    # What it downloaded is not the bytes to go live: no wire bytes to pass their budget, no floor.
    assert out["phone_slow4g_wire_bytes"] is None
    assert out["phone_slow4g_floor_ms"] is None


def test_any_download_before_intent_is_reported() -> None:
    runs = [
        run(1.0, 2.0, 1.0, 2.0, 1, savedata_bytes_before_intent=0),
        run(1.0, 2.0, 1.0, 2.0, 1, savedata_bytes_before_intent=7),
    ]
    assert summarize_phone(runs)["savedata_bytes_before_intent"] == 7


class FakePage:
    """Just enough of a Playwright page for a cold visit: live at once, the runtime kept on the third look."""

    def __init__(self) -> None:
        self.closed = False
        self.looks = 0

    def goto(self, url: str, wait_until: str) -> None:
        pass

    def evaluate(self, script: str) -> object:
        assert not self.closed, "the reader's page was closed while the runtime was being kept"
        if "caches" in script:
            self.looks += 1
            return self.looks >= 3
        if "marks" in script:
            return [["tmg:python-start", 2100.0]]
        return 2500.0  # performance.now(): past the edit time, so no sleep

    def locator(self, selector: str) -> FakePage:
        return self

    @property
    def first(self) -> FakePage:
        return self

    def input_value(self) -> str:
        return ""

    def fill(self, value: str, timeout: int) -> None:
        pass

    def wait_for_function(self, script: str, arg: object, timeout: int, polling: int) -> object:
        return type("Handle", (), {"json_value": lambda _self: 9000.0})()

    def close(self) -> None:
        self.closed = True


class FakeContext:
    def __init__(self) -> None:
        self.pages: list[FakePage] = []

    def new_page(self) -> FakePage:
        self.pages.append(FakePage())
        return self.pages[-1]

    def new_cdp_session(self, page: FakePage) -> object:
        return type("CDP", (), {"send": lambda _self, *args: None})()


def test_the_cold_page_stays_open_while_the_runtime_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    # The live calculator is what asks the service worker to keep the runtime (calculators.js), and a
    # reader stays on it: the repeat visit is measured only after that page kept it, then closed.
    monkeypatch.setattr("benchmarks.phone.time.sleep", lambda s: None)
    context = FakeContext()
    browser = phone.PhoneBrowser(None, "", RequestLog(), None)
    visit, page = phone.guide_cold(browser, context, "http://x/", PROFILES["slow4g"], "input")
    assert visit.first_result_ms == 9000.0
    assert not page.closed
    assert phone.wait_runtime_kept(page, timeout_s=60)
    assert page.looks == 3
    assert context.pages == [page]  # no other page was opened to wait on
