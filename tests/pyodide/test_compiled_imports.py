"""A start without the snapshot imports the calculators from the bytecode the wheel ships, compiling nothing.

Compiling the calculators' source was most of their import on that start (``site_build/compiled_wheel.py``;
the budget ``phone_slow4g_floor_ratio``). Pyodide runs under Node with the built site's runtime, as
the worker starts it without a snapshot (``compiled_imports.mjs``); a spy on ``builtins.compile``,
which Python's import calls for any module without usable bytecode, sees what was compiled.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from site_build.shared import PACKAGE_NAME, RUNTIME_DIR

SCRIPT = Path(__file__).with_name("compiled_imports.mjs")


@pytest.fixture(scope="module")
def imported(site_dir: Path) -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the calculators inside Pyodide"
    cmd = [node, str(SCRIPT), str(site_dir / RUNTIME_DIR), PACKAGE_NAME]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    # Node prints the offending line of Pyodide's one-line, megabyte-long module: leave it out.
    assert done.returncode == 0, "\n".join(line for line in done.stderr.splitlines() if len(line) < 500)
    return dict(json.loads(done.stdout))


def test_the_spy_sees_a_module_compiled_from_source(imported: dict[str, Any]) -> None:
    """Guards the test below: a module written without bytecode is compiled, and the spy says so."""
    assert f"{imported['site_packages']}/tmg_no_bytecode.py" in imported["compiled"]


def test_no_calculators_module_is_compiled_from_source(imported: dict[str, Any]) -> None:
    package = f"{imported['site_packages']}/calculators/"
    compiled = [name for name in imported["compiled"] if name.startswith(package)]
    assert compiled == [], "the wheel's .pyc were not used: a bytecode or cache tag of another Python?"


def test_every_imported_calculators_module_comes_with_its_bytecode(imported: dict[str, Any]) -> None:
    modules = imported["modules"]
    assert {"calculators.engine", "calculators.catalog.brand_deal"} <= modules.keys()
    missing = sorted(name for name, module in modules.items() if not module["cached_exists"])
    assert missing == [], "no __pycache__/<module>.<tag>.pyc next to these"


def test_every_module_of_the_package_has_unchecked_bytecode_of_its_own_source(imported: dict[str, Any]) -> None:
    """For this interpreter (its magic number), never checked against the source (flags 0b01: hash-based,
    unchecked), and honest: the hash it carries is its source's."""
    pycs = imported["pycs"]
    assert {"calculators/api.py", "calculators/catalog/brand_deal.py"} <= pycs.keys()
    expected = {"magic_matches": True, "flags": 0b01, "hash_matches": True}
    wrong = {source: header for source, header in pycs.items() if header != expected}
    assert wrong == {}


def test_the_standard_library_keeps_its_line_numbers_but_no_column_ranges(imported: dict[str, Any]) -> None:
    """The archive a start without the snapshot downloads (site_build/make_stdlib.mjs): column ranges
    are a third of its compressed bytecode and only underline expressions in tracebacks."""
    stdlib = imported["stdlib"]
    assert {"json", "re", "traceback"} <= stdlib.keys()
    assert [name for name, code in stdlib.items() if not code["lines"]] == []
    assert [name for name, code in stdlib.items() if code["columns"]] == []


def test_the_standard_library_ships_no_module_the_interpreter_has_built_in(imported: dict[str, Any]) -> None:
    """Python imports os, site, codecs and a dozen more from its own frozen copies: theirs in the
    archive would be bytes downloaded and never read."""
    assert {"os", "site", "codecs"} <= set(imported["frozen"]), "the guard: these are frozen in this Pyodide"
    assert "json" in imported["archive"]
    assert sorted(set(imported["frozen"]) & set(imported["archive"])) == []


def test_the_calculators_bytecode_keeps_its_line_numbers_but_no_column_ranges(imported: dict[str, Any]) -> None:
    """As the standard library's (site_build/make_compiled_wheel.mjs): a third less bytecode to download."""
    modules = imported["modules"]
    assert "calculators.engine" in modules
    assert [name for name, module in modules.items() if not module["lines"]] == []
    assert [name for name, module in modules.items() if module["columns"]] == []
