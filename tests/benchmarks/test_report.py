"""Bytes per category and files downloaded twice, from the server's log; the README's generated results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import report
from benchmarks.report import bytes_by_category, category, downloaded_twice, pyodide_bytes, table
from benchmarks.server import Served

ROOT = Path(__file__).resolve().parents[2]


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


def test_the_committed_results_in_the_readme_are_generated_from_results_json() -> None:
    document = json.loads((ROOT / "benchmarks" / "results.json").read_text("utf-8"))
    readme = report.README.read_text("utf-8")
    assert report.with_results(readme, document) == readme, (
        "benchmarks/README.md's results differ from results.json: run .venv/bin/python -m benchmarks.report"
    )


def test_the_readme_section_follows_each_value_and_verdict() -> None:
    document = json.loads((ROOT / "benchmarks" / "results.json").read_text("utf-8"))
    document["tbt_ms"] = 123.0
    document["budgets"] = [{"key": "tbt_ms", "limit": 100, "value": 123.0, "pass": False}]
    section = report.results_section(document)
    assert "| Total blocking time while Python loads | 123 ms |" in section
    assert "- FAIL  total blocking time while Python loads: 123.0 ms (budget ≤ 100.0 ms)" in section
    assert f"commit {document['versions']['commit']}" in section
    with pytest.raises(ValueError, match="markers"):
        report.with_results("# Benchmarks without markers\n", document)
