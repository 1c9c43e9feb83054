"""Bytes per category and files downloaded twice, from the server's log."""

from __future__ import annotations

from benchmarks.report import bytes_by_category, category, downloaded_twice, pyodide_bytes, table
from benchmarks.server import Served


def test_categories() -> None:
    assert category("/pyodide/pyodide.asm.wasm") == "pyodide_core"
    assert category("/pyodide/python_stdlib.zip") == "pyodide_core"
    assert category("/pyodide/tiktok_money_calculators-0.1.0-py3-none-any.whl") == "calculators"
    assert category("/pyodide/pyodide-lock.json") == "calculators"
    assert category("/pyodide/snapshot-0123456789abcdef.bin.gz") == "snapshot"
    assert category("/assets/js/pyodide-worker.js") == "site"
    assert category("/likes/engagement-rate/") == "site"


def test_bytes_add_up_per_category_and_revalidations_cost_nothing() -> None:
    served = [
        Served("/pyodide/pyodide.asm.wasm", 200, 1000),
        Served("/pyodide/x.whl", 200, 10),
        Served("/", 200, 5),
        Served("/assets/a.css", 304, 0),
    ]
    assert bytes_by_category(served) == {
        "pyodide_core": 1000,
        "calculators": 10,
        "snapshot": 0,
        "site": 5,
        "total": 1015,
    }
    assert pyodide_bytes(served) == 1010


def test_downloaded_twice_lists_full_responses_only() -> None:
    served = [
        Served("/pyodide/pyodide.asm.wasm", 200, 9),
        Served("/pyodide/pyodide.asm.wasm", 200, 9),
        Served("/", 200, 1),
        Served("/", 304, 0),
    ]
    assert downloaded_twice(served) == ["/pyodide/pyodide.asm.wasm"]


def test_table_shows_medians_and_bytes() -> None:
    text = table(
        {
            "cold_first_result_ms": 1234.4,
            "cls": 0.0,
            "bytes_first_visit": {
                "pyodide_core": 13_000_000,
                "calculators": 0,
                "snapshot": 0,
                "site": 500_000,
                "total": 13_500_000,
            },
        }
    )
    assert "| First live result, empty cache | 1,234 ms |" in text
    assert "| Bytes, first visit (MB) | 13.50 (pyodide_core 13.00, site 0.50) |" in text
