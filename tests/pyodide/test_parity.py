"""The calculators give the same answers inside real Pyodide as in CPython.

Pyodide runs under Node from the pinned npm package, with the wheel, the lock file, the
standard library archive and the snapshot exactly as the built site ships them, started both
ways the worker starts it (``run_in_pyodide.mjs``). Node is started once for the whole module.
"""

from __future__ import annotations

import itertools
import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from calculators.api import update
from calculators.cli import to_json
from calculators.common import COUNTRY_FIELD
from calculators.engine import evaluate
from calculators.registry import calculators
from calculators.spec import Calculator, Field
from calculators.validation import as_text

SCRIPT = Path(__file__).with_name("run_in_pyodide.mjs")
HOSTILE = ["", "  ", "abc", "1,000", "1.000,5", "NaN", "-Infinity", "1e308", "-5", "__import__('os')", "9" * 60]


def options(fld: Field) -> list[str]:
    """Every value a choice or toggle field takes, as the form sends it."""
    return [v for v, _ in fld.choices] if fld.kind == "choice" else ["true", "false"]


def cases_for(calc: Calculator, rng: random.Random) -> list[dict[str, Any]]:
    """Defaults, every combination of modes and switches, bounds, random valid values and hostile text.

    Modes and switches decide which inputs a calculator reads (a Shop route, a LIVE gifts
    starting point, the Subscription bonus outside the US), so each combination is compared,
    and the random cases draw them too, so mode-specific inputs are exercised off their defaults.
    """
    cases: list[dict[str, Any]] = [{"name": calc.name, "inputs": {}}]
    switches = [fld for fld in calc.fields if fld.kind in ("choice", "toggle") and fld.name != COUNTRY_FIELD]
    for combination in itertools.product(*(options(fld) for fld in switches)):
        cases.append({"name": calc.name, "inputs": dict(zip((f.name for f in switches), combination, strict=True))})
    # Every country once (its rules decide which programs pay, its locale how figures read),
    # not crossed with every switch: the random cases below draw both together.
    country = calc.field(COUNTRY_FIELD)
    for code in options(country):
        cases.append({"name": calc.name, "inputs": {COUNTRY_FIELD: code}})
    switches.append(country)
    for fld in calc.fields:
        if fld.kind in ("choice", "toggle"):
            continue
        for bound in (fld.minimum, fld.maximum):
            if bound is not None:
                cases.append({"name": calc.name, "inputs": {fld.name: as_text(fld, bound)}})
        cases.append({"name": calc.name, "inputs": {fld.name: rng.choice(HOSTILE)}})
    for _ in range(5):
        inputs = {fld.name: rng.choice(options(fld)) for fld in switches}
        for fld in calc.fields:
            if fld.kind in ("integer", "number", "money", "percent"):
                low = fld.minimum or 0.0
                high = fld.maximum if fld.maximum is not None else 1e7
                value = rng.uniform(low, min(high, low + 1e7))
                inputs[fld.name] = str(round(value)) if fld.kind == "integer" else f"{value:.3f}"
        cases.append({"name": calc.name, "inputs": inputs})
    return cases


READERS_ABROAD = ("DE", "JP", "IN", "NG", "FR")
"""Countries whose marks, currency or missing rate change the reading and the writing (issue #16)."""


def abroad(calc: Calculator) -> list[dict[str, Any]]:
    """The defaults and numbers typed the local way, for readers outside the US."""
    typed = {"integer": "12.345", "number": "4,5", "money": "4,99", "percent": "12,5"}
    return [{"name": calc.name, "inputs": {"country": country}} for country in READERS_ABROAD] + [
        {
            "name": calc.name,
            "inputs": {"country": country, **{f.name: typed[f.kind] for f in calc.fields if f.kind in typed}},
        }
        for country in READERS_ABROAD
    ]


def test_cases_cover_readers_abroad(cases: list[dict[str, Any]]) -> None:
    """Guards the parity test itself: money converted and figures written abroad are compared too."""
    outcomes = [cpython(c)["update"] for c in cases if c["inputs"].get("country") in READERS_ABROAD]
    html = " ".join(o["html"] or "" for o in outcomes)
    assert "US$" in html
    assert "\u00a0€" in html
    assert "￥" in html


def cpython(case: dict[str, Any]) -> dict[str, Any]:
    raw = dict(case["inputs"])
    return {"result": to_json(evaluate(case["name"], raw)), "update": json.loads(update(case["name"], raw))}


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    rng = random.Random(20261126)
    found = [case for calc in calculators().values() for case in cases_for(calc, rng)]
    found += [case for calc in calculators().values() for case in abroad(calc)]
    found.append({"name": "no-such-calculator", "inputs": {}})
    return found


@pytest.fixture(scope="module")
def pyodide_run(site_dir: Path, cases: list[dict[str, Any]]) -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the calculators inside Pyodide"
    unknown = [c for c in cases if c["name"] not in calculators()]
    known = [c for c in cases if c["name"] in calculators()]
    done = subprocess.run(
        [node, str(SCRIPT), str(site_dir / "pyodide")],
        input=json.dumps(known),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert unknown, "the unknown-calculator case must stay in the list"
    return dict(json.loads(done.stdout))


@pytest.fixture(scope="module")
def pyodide_results(pyodide_run: dict[str, Any]) -> list[dict[str, Any]]:
    return list(pyodide_run["results"])


def test_pyodide_is_really_webassembly(pyodide_results: list[dict[str, Any]]) -> None:
    assert pyodide_results
    assert all(r["platform"] == "emscripten" for r in pyodide_results)


def test_every_case_matches_cpython(cases: list[dict[str, Any]], pyodide_results: list[dict[str, Any]]) -> None:
    known = [c for c in cases if c["name"] in calculators()]
    assert len(known) == len(pyodide_results)
    mismatches = []
    for case, in_pyodide in zip(known, pyodide_results, strict=True):
        expected = cpython(case)
        if in_pyodide["result"] != expected["result"] or in_pyodide["update"] != expected["update"]:
            mismatches.append(case)
    assert not mismatches, f"{len(mismatches)} cases differ between Pyodide and CPython, first: {mismatches[0]}"


def test_snapshot_path_matches_cpython(cases: list[dict[str, Any]], pyodide_run: dict[str, Any]) -> None:
    """Restored from the site's snapshot with an empty standard library, as the worker does it:
    every module a calculator needs must already be in the snapshot."""
    known = [c for c in cases if c["name"] in calculators()]
    restored = pyodide_run["snapshot"]
    assert restored is not None, "the built site has no snapshot"
    mismatches = [c for c, got in zip(known, restored, strict=True) if got != cpython(c)["update"]]
    assert not mismatches, f"{len(mismatches)} cases differ on the snapshot path, first: {mismatches[0]}"


def test_cases_cover_errors_and_results(cases: list[dict[str, Any]]) -> None:
    """Guards the parity test itself: it must compare both valid results and field errors."""
    outcomes = [cpython(c)["update"] for c in cases if c["name"] in calculators()]
    assert any(o["errors"] for o in outcomes)
    assert any(o["html"] for o in outcomes)
    assert "fatal" in json.loads(update("no-such-calculator", {}))


def test_cases_cover_every_mode_and_switch(cases: list[dict[str, Any]]) -> None:
    """Guards the parity test itself: every value of every choice and toggle is compared."""
    for calc in calculators().values():
        mine = [c["inputs"] for c in cases if c["name"] == calc.name]
        for fld in calc.fields:
            if fld.kind in ("choice", "toggle"):
                missing = [o for o in options(fld) if not any(i.get(fld.name) == o for i in mine)]
                assert not missing, f"{calc.name}.{fld.name}: {missing} never compared"
