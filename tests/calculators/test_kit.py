"""``calculators.kit``: the one import surface of calculator modules says what it holds."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from calculators import kit

ROOT = Path(__file__).resolve().parents[2]


def test_every_name_is_exported_and_described() -> None:
    described = set(re.findall(r"``(\w+)``", kit.__doc__ or ""))
    exported = set(kit.__all__)
    assert exported - described == set(), "describe each new name in the kit's docstring"
    assert all(hasattr(kit, name) for name in exported)


def test_every_calculator_module_imports_from_the_kit_alone() -> None:
    """Beside the standard library and the other catalog modules (to combine calculators)."""
    allowed = ("calculators.kit", "calculators.catalog")
    for path in sorted((ROOT / "calculators" / "catalog").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("calculators"):
                assert node.module.startswith(allowed), f"{path.name} imports from {node.module}: use calculators.kit"
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("calculators") for a in node.names), path.name


MAX_FUNCTION_LINES = 60
"""Issue #14: no compute over about 60 lines; longer work is split into documented helpers, as
``brand_deal.py`` does (one helper per method, the formula in the module docstring)."""


def test_no_function_in_a_calculator_module_runs_over_60_lines() -> None:
    """``compute`` and every helper, from its ``def`` to its last line, docstring included."""
    too_long = []
    for path in sorted((ROOT / "calculators" / "catalog").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.name}:{node.lineno} {node.name}() is {length} lines")
    assert too_long == [], "split into documented helpers: " + "; ".join(too_long)
