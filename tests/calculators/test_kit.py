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
