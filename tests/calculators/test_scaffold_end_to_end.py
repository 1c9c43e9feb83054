"""``make calculator`` and the steps it prints give a green test suite (the review's item 4).

The promise of the scaffold is "it computes and its tests pass as generated"; the catalog's
rules (tests/calculators/catalog/test_catalog_registry.py) once asked for a chart that the
scaffold did not make, and nothing said so. Here a copy of the project gets a calculator from
``make calculator NAME=...``, then the printed next steps are followed (the printed snippet goes
on a new page, with its text, in ``nav:``, and its path into ``page=``), and every suite that
runs over the whole catalog runs in the copy: the registry rules, the command line, the
renderer, the page index, the fuzz tests for the new calculator, ruff and mypy on its files, and
the strict build with the built-site checks. Those checks run on the MkDocs build only: the copy's
Zensical build would take half this test's time to show what the main suite's ``[zensical]``
checks already show for every calculator in the catalog (a new one is declared the same way).
The browser suites also run over every calculator; they need Chromium and run in ``make test``
proper, so a calculator made this way meets them through the same declarations.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NAME = "demo_rates"
PAGE = "likes/demo-rates.md"
TOP_LEVEL_SKIP = {".git", ".venv", "node_modules", "site", ".cache", "test-results", "screenshots"}
"""Environments and build output at the project's root, not its sources (tests/site is a source)."""


def skip(folder: str, names: list[str]) -> set[str]:
    caches = {n for n in names if n == "__pycache__" or n.endswith((".pyc", "_cache")) or n == ".hypothesis"}
    return caches | (TOP_LEVEL_SKIP & set(names) if Path(folder) == ROOT else set())


PROSE = " ".join(
    ["This calculator turns the views of a video into the likes, comments and shares they usually bring."] * 12
)


def run(copy: Path, *cmd: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1", "TMG_SNAPSHOT": "0"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(cmd, cwd=copy, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project as a contributor has it, with this checkout's .venv and node_modules."""
    target = tmp_path_factory.mktemp("project") / "repo"
    shutil.copytree(ROOT, target, ignore=skip, symlinks=True)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def test_make_calculator_and_its_printed_steps_give_green_tests(copy: Path) -> None:
    venv = Path(sys.prefix)  # the environment running these tests (the project's .venv under make test)
    # The copy's make uses that environment as it is (-o: never reinstall into it).
    make = ["make", "--no-print-directory", "-o", f"{venv}/.installed", f"VENV={venv}"]
    made = run(copy, *make, "calculator", f"NAME={NAME}")
    assert made.returncode == 0, made.stdout + made.stderr

    # Step 3 as printed: the snippet on a page under docs/ (with the text a contributor writes for
    # it: the strict build wants every nav page to say something, and the calculator comes right
    # after the page's one or two sentences, so the rest goes below), the page in nav, its path in page="".
    printed = made.stdout.splitlines()
    start = next(i for i, line in enumerate(printed) if "Put it on a page" in line)
    end = next(i for i, line in enumerate(printed) if line.startswith("  4. "))
    snippet = "\n".join(line.removeprefix(" " * 7) for line in printed[start + 1 : end]).strip() + "\n"
    assert f'{{{{ calculator("{NAME}") }}}}' in snippet
    opening = snippet.replace("One or two sentences: what the reader learns here", "What a video's views bring")
    (copy / "docs" / PAGE).write_text(f"{opening}\n{PROSE}\n")
    mkdocs = copy / "mkdocs.yml"
    nav = mkdocs.read_text("utf-8")
    section = re.search(r"^(\s*)- likes/index\.md\n", nav, re.MULTILINE)
    assert section, "the Likes section of nav moved: update this test's anchor"
    entry = f"{section.group(1)}- Demo rates: {PAGE}\n"
    mkdocs.write_text(nav[: section.end()] + entry + nav[section.end() :], "utf-8")
    module = copy / "calculators" / "catalog" / f"{NAME}.py"
    code = module.read_text("utf-8")
    assert code.count('page=""') == 1
    module.write_text(code.replace('page=""', f'page="{PAGE}"'), "utf-8")

    generated = [f"calculators/catalog/{NAME}.py", f"tests/calculators/catalog/test_{NAME}.py"]
    py = str(venv / "bin" / "python")
    for lint in (["ruff", "check", "--no-cache", *generated], ["ruff", "format", "--check", "--no-cache", *generated]):
        linted = run(copy, py, "-m", *lint)
        assert linted.returncode == 0, linted.stdout + linted.stderr
    typed = run(copy, py, "-m", "mypy", "--cache-dir", str(copy / ".mypy_cache"), *generated)
    assert typed.returncode == 0, typed.stdout + typed.stderr

    suites = [
        "tests/calculators/catalog/test_catalog_registry.py",
        generated[1],
        "tests/calculators/test_cli.py",
        "tests/calculators/test_render.py",
        "tests/calculators/test_fuzz_all.py",
        "tests/site_build/test_page_index.py",
        "tests/site",
    ]
    only = f"(not test_fuzz_all or {NAME}) and not zensical"
    tested = run(copy, py, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", only, *suites)
    assert tested.returncode == 0, tested.stdout[-6000:] + tested.stderr[-2000:]
    assert NAME in run(copy, py, "-m", "pytest", "--collect-only", "-q", *suites[:1]).stdout, "the new one was tested"
