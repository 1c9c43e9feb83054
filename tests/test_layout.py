"""Each kind of code keeps to its home: tools and benchmarks never reach into the tests.

``benchmarks/`` and ``tools/`` run from the Makefile without pytest; importing a test helper
would make them depend on code that changes for the tests' sake. The shipped package
(``calculators/``) imports only itself and the standard library's, never the build or the tests.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(source: str) -> set[str]:
    """Every absolute module a Python source imports (``from x import y`` gives ``x``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def forbidden_imports(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    """``file: module`` for each import in ``folder`` of a package in ``forbidden``."""
    problems = []
    for path in sorted(folder.rglob("*.py")):
        for module in sorted(imported_modules(path.read_text("utf-8"))):
            if module.split(".")[0] in forbidden:
                problems.append(f"{path.relative_to(folder.parent)}: {module}")
    return problems


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("benchmarks", ("tests",)),
        ("tools", ("tests", "benchmarks")),
        ("site_build", ("tests", "benchmarks")),
        ("calculators", ("tests", "benchmarks", "tools", "site_build", "macros")),
    ],
)
def test_a_folder_imports_nothing_from_where_it_must_not(folder: str, forbidden: tuple[str, ...]) -> None:
    assert forbidden_imports(ROOT / folder, forbidden) == []


def test_the_check_sees_every_form_of_import(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("import tests.server\nfrom tests import browser\nfrom .tests import x\n")
    (pkg / "b.py").write_text("def f():\n    from tests.pages import doc_url\n")
    assert forbidden_imports(pkg, ("tests",)) == ["pkg/a.py: tests", "pkg/a.py: tests.server", "pkg/b.py: tests.pages"]
