"""The names the build and the runtime share are read from one file, ``docs/assets/js/runtime/shared.js``."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from calculators.validation import MAX_TEXT_LENGTH
from site_build import build_id, bundle, page_index, shared, snapshot
from site_build.shared import SharedError, read

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_build_uses_the_shared_names() -> None:
    assert bundle.DIST_NAME == shared.PACKAGE_NAME
    assert snapshot.PREFIX == shared.SNAPSHOT_PREFIX
    assert page_index.INDEX_PATH == shared.PAGE_INDEX
    assert shared.PAGE_INDEX.suffix == ".json"


def test_the_package_name_is_the_distribution_pyproject_builds() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["name"] == shared.PACKAGE_NAME


def test_the_core_files_are_in_pyodides_package() -> None:
    npm = ROOT / "node_modules" / "pyodide"
    if not npm.exists():
        pytest.fail("node_modules/pyodide is missing: run `make deps`")
    assert [name for name in (*shared.CORE_FILES, shared.STDLIB) if not (npm / name).exists()] == []


def test_an_object_that_is_not_json_names_the_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "shared.js"
    source.write_text('// header\n\nconst shared = {\n  "a": 1,\n  b: 2\n};\n', "utf-8")
    with pytest.raises(SharedError, match=r"shared\.js:5: the `shared` object must stay plain JSON"):
        read(source)


def test_a_missing_object_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "shared.js"
    source.write_text("export const SHARED = {};\n", "utf-8")
    with pytest.raises(SharedError, match="no `const shared"):
        read(source)


SPELLED_ONCE = (
    "packageName",
    "stdlib",
    "lockFile",
    "integrityFile",
    "sizesFile",
    "buildMeta",
    "snapshotPrefix",
    "runtimeCache",
    "pageIndex",
)
"""The shared names no other file may spell. ``runtimeDir`` ("pyodide") is also the npm package's name, and
``boot.js`` names two core files by their role (the loader, the module), so those are checked as a list."""


def python_spellings(path: Path, names: set[str], core: set[str]) -> list[str]:
    """String constants in ``path`` (docstrings aside) spelling a shared name, or a collection of two core files."""
    found = []
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value in names and id(node) not in docstrings:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            spelled = {e.value for e in node.elts if isinstance(e, ast.Constant)} & core
            if len(spelled) > 1:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} the core files")
    return found


def js_spellings(path: Path, names: set[str], core: set[str]) -> list[str]:
    """Quoted strings in ``path``'s code (comments aside) spelling a shared name, or a line spelling two core files."""
    found = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        code = "" if line.lstrip().startswith(("*", "/*")) else line.split("//", 1)[0]
        found += [f"{path.relative_to(ROOT)}:{number} {v!r}" for v in names if f'"{v}"' in code]
        if sum(f'"{v}"' in code for v in core) > 1:
            found.append(f"{path.relative_to(ROOT)}:{number} the core files")
    return found


def test_the_shared_names_are_spelled_nowhere_else_in_the_build_or_the_runtime() -> None:
    """Issue #14: written once and read by the others (a second spelling drifts, silently)."""
    values = read()
    names, core = {str(values[key]) for key in SPELLED_ONCE}, set(values["coreFiles"])
    python = [*ROOT.joinpath("site_build").glob("*.py"), *ROOT.joinpath("benchmarks").glob("*.py")]
    scripts = [*ROOT.joinpath("docs/assets/js").rglob("*.js"), *ROOT.joinpath("site_build").glob("*.mjs")]
    found = [s for p in python if p.name != "shared.py" for s in python_spellings(p, names, core)]
    found += [s for p in scripts if p.name != "shared.js" for s in js_spellings(p, names, core)]
    assert found == [], "import it from runtime/shared.js (JavaScript) or site_build/shared.py (Python)"


def test_the_service_worker_keeps_the_runtime_in_the_shared_cache() -> None:
    """A classic script (Workbox's importScripts) cannot import shared.js: its one spelling is checked here."""
    source = (ROOT / "site_build" / "service-worker.js").read_text("utf-8")
    assert f'const RUNTIME_CACHE = "{shared.RUNTIME_CACHE}";' in source


def test_the_search_hold_listens_for_the_event_calculators_js_sends() -> None:
    """search-later.js is a classic script (it must run before Material's bundle): its one spelling is checked here."""
    source = (ROOT / "docs" / "assets" / "js" / "search-later.js").read_text("utf-8")
    assert f'const MAY_START = "{read()["searchMayStart"]}";' in source


def test_the_page_sends_more_than_python_reads_as_a_number() -> None:
    """A field longer than Python accepts must reach Python, so the reader sees its message."""
    assert shared.MAX_VALUE_LENGTH > MAX_TEXT_LENGTH


def test_the_page_template_carries_the_shared_build_meta() -> None:
    template = (ROOT / "overrides" / "main.html").read_text("utf-8")
    assert f'<meta name="{shared.BUILD_META}"' in template
    assert build_id.META_NAME == shared.BUILD_META
