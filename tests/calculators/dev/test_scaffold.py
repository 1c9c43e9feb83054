"""``python -m calculators new``: the skeleton computes, is listed and passes its own tests at once.

Everything is generated into a throwaway copy of the calculators package, never into the
repository, and the copy holds only the reference calculator so that work in progress on
other calculators cannot make these tests fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from calculators.dev.scaffold import FACT, ScaffoldError, check_name, create, main
from calculators.facts import parse_facts

ROOT = Path(__file__).resolve().parents[3]
KEEP_IN_CATALOG = {"__init__.py", "engagement.py"}


def _ignore(folder: str, names: list[str]) -> set[str]:
    ignored = {n for n in names if n == "__pycache__" or n.endswith(".pyc")}
    if Path(folder).name == "catalog":
        ignored |= {n for n in names if n not in KEEP_IN_CATALOG}
    return ignored


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A project root with the calculators package, the lint/test config and an empty tests package."""
    shutil.copytree(ROOT / "calculators", tmp_path / "calculators", ignore=_ignore)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "__init__.py").touch()
    (tmp_path / "docs").mkdir()
    return tmp_path


def run(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m <args>`` inside the copy, importing the copy's ``calculators`` first."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=tree, env=env, capture_output=True, text=True, timeout=180, check=False
    )


def files(tree: Path) -> set[str]:
    return {p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file()}


def test_a_new_calculator_works_is_listed_and_passes_its_tests(tree: Path) -> None:
    data = tree / "calculators" / "data" / "facts.toml"
    facts_before = data.read_bytes()

    made = run(tree, "calculators", "new", "demo_calc")
    assert made.returncode == 0, made.stderr
    assert "calculators/catalog/demo_calc.py" in made.stdout
    assert '{{ calculator("demo_calc") }}' in made.stdout, "the page snippet is printed"
    assert data.read_bytes() == facts_before, "the scaffold never writes to the data file"
    assert not any((tree / "docs").iterdir()), "no page is written unless --page asks for one"

    listed = run(tree, "calculators", "list")
    assert listed.returncode == 0, listed.stderr
    assert "demo_calc" in listed.stdout.split()

    computed = run(tree, "calculators", "demo_calc", "--views", "25000", "--json")
    assert computed.returncode == 0, computed.stderr
    out = json.loads(computed.stdout)["outputs"]["interactions"]
    benchmark = parse_facts(tomllib.loads(facts_before.decode()))[FACT].value
    assert out["typical"] == pytest.approx(25_000 * benchmark.typical / 100)
    assert out["low"] <= out["typical"] <= out["high"]

    generated = ["calculators/catalog/demo_calc.py", "tests/calculators/catalog/test_demo_calc.py"]
    tested = run(tree, "pytest", "-q", "-p", "no:cacheprovider", generated[1])
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert " passed" in tested.stdout

    linted = run(tree, "ruff", "check", "--no-cache", *generated)
    assert linted.returncode == 0, linted.stdout
    formatted = run(tree, "ruff", "format", "--check", "--no-cache", *generated)
    assert formatted.returncode == 0, formatted.stdout


def test_the_page_is_written_only_when_asked(tree: Path) -> None:
    assert main(["demo", "--page", "likes/demo.md", "--root", str(tree)]) == 0
    page = (tree / "docs" / "likes" / "demo.md").read_text("utf-8")
    assert '{{ calculator("demo") }}' in page
    assert f'{{{{ fact("{FACT}") }}}}' in page
    assert 'page="likes/demo.md"' in (tree / "calculators" / "catalog" / "demo.py").read_text("utf-8")


def test_new_test_folders_follow_the_tests_package_convention(tree: Path) -> None:
    create("with_package", tree)
    assert (tree / "tests" / "calculators" / "catalog" / "__init__.py").exists()

    plain = tree / "elsewhere"
    shutil.copytree(tree / "calculators", plain / "calculators")
    (plain / "tests" / "calculators" / "catalog").mkdir(parents=True)
    create("without_package", plain)
    assert not (plain / "tests" / "calculators" / "catalog" / "__init__.py").exists()
    assert (plain / "tests" / "calculators" / "catalog" / "test_without_package.py").exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "give the calculator a name"),
        ("Brand", "not a valid name"),
        ("brand-rates", "'brand_rates'"),
        ("2x", "starting with a letter"),
        ("_private", "starting with a letter"),
        ("x" * 41, "too long"),
        ("class", "Python keyword"),
        ("lambda", "Python keyword"),
        ("list", "command of `python -m calculators`"),
        ("new", "command of `python -m calculators`"),
        ("engagement", "already exists"),
    ],
)
def test_bad_names_get_a_clear_error_and_nothing_is_written(tree: Path, name: str, message: str) -> None:
    before = files(tree)
    with pytest.raises(ScaffoldError, match=re.escape(message)):
        create(name, tree)
    assert files(tree) == before


def test_a_name_declared_in_another_module_is_taken(tree: Path) -> None:
    (tree / "calculators" / "catalog" / "rates.py").write_text('CALCULATOR = Calculator(name="brand_rates")\n')
    with pytest.raises(ScaffoldError, match=r"already exists \(in calculators/catalog/rates.py\)"):
        check_name("brand_rates", tree)


def test_an_existing_test_file_is_not_overwritten(tree: Path) -> None:
    test = tree / "tests" / "calculators" / "catalog" / "test_demo.py"
    test.parent.mkdir(parents=True)
    test.write_text("# someone's work\n")
    with pytest.raises(ScaffoldError, match=r"test_demo\.py already exists"):
        create("demo", tree)
    assert test.read_text() == "# someone's work\n"


@pytest.mark.parametrize("page", ["../outside.md", "/abs.md", "likes/page.txt", "index.md"])
def test_bad_or_existing_pages_are_refused(tree: Path, page: str) -> None:
    (tree / "docs" / "index.md").write_text("# Home\n")
    before = files(tree)
    with pytest.raises(ScaffoldError, match=r"--page wants|already exists"):
        create("demo", tree, page=page)
    assert files(tree) == before


def test_a_missing_fact_is_explained(tree: Path) -> None:
    (tree / "calculators" / "data" / "facts.toml").write_text("")
    with pytest.raises(ScaffoldError, match=f"uses the fact {FACT!r}"):
        create("demo", tree)


def test_the_command_line_reports_errors_on_stderr(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from calculators.cli import main as cli

    assert cli(["new", "Bad-Name", "--root", str(tree)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: 'Bad-Name' is not a valid name")
