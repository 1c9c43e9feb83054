"""``make`` and an existing ``.venv``: one made with too old a Python is made again, saying so.

A contributor who made ``.venv`` before the project needed Python 3.12 used to be told
"Creating .venv with python3.12" while make kept the old interpreter, and then pip failed on a
package that needs 3.12 (the reliability review, item 8). These tests run the Makefile's own
rule for the environment in a scratch folder; the packages are not installed (no network).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OLD_PYTHON = """#!/bin/sh
# Answers like a Python 3.11 interpreter: its version, and "too old" to the Makefile's check.
case "$1" in --version) echo "Python 3.11.2" ;; *) exit 1 ;; esac
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("Makefile", "requirements.lock", "pyproject.toml", ".python-version"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # PYTHON is the interpreter running the tests (3.12 or newer), so no PATH lookup is involved.
    return subprocess.run(
        ["make", "--no-print-directory", *args, f"PYTHON={sys.executable}"],
        cwd=project,
        env={**os.environ, "PIP_NO_INDEX": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def venv_version(project: Path) -> str:
    done = subprocess.run([project / ".venv" / "bin" / "python", "--version"], capture_output=True, text=True)
    return done.stdout.strip()


def old_venv(project: Path, kind: str) -> None:
    bin_dir = project / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (project / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.11.2\n")
    (project / ".venv" / ".installed").touch()  # it even looked installed
    python = bin_dir / "python"
    if kind == "python 3.11":
        python.write_text(OLD_PYTHON)
        python.chmod(0o755)
    else:  # its interpreter was removed (pyenv uninstall): the link points nowhere
        python.symlink_to(project / "no-such-python3.11")


@pytest.mark.parametrize("kind", ["python 3.11", "python gone"])
def test_a_venv_with_an_unfit_python_is_made_again_and_make_says_why(project: Path, kind: str) -> None:
    old_venv(project, kind)
    done = make(project, ".venv/pyvenv.cfg")
    assert done.returncode == 0, done.stdout + done.stderr
    said = "Python 3.11.2" if kind == "python 3.11" else "a Python that no longer runs"
    assert f".venv was made with {said}, but this project needs Python 3.12 or newer" in done.stdout
    assert venv_version(project) == f"Python {sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    assert not (project / ".venv" / ".installed").exists(), "the packages get installed again"
    again = make(project, ".venv/pyvenv.cfg")
    assert "is up to date" in again.stdout, again.stdout


def test_a_fit_venv_is_kept(project: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", project / ".venv"], check=True)
    marker = project / ".venv" / "kept"
    marker.touch()
    done = make(project, ".venv/pyvenv.cfg")
    assert done.returncode == 0, done.stderr
    assert "is up to date" in done.stdout
    assert marker.exists()


def test_installing_waits_for_a_fit_venv(project: Path) -> None:
    old_venv(project, "python 3.11")
    planned = make(project, "--dry-run", "deps")
    lines = planned.stdout.splitlines()
    recreate = next(i for i, line in enumerate(lines) if "-m venv --clear .venv" in line)
    install = next(i for i, line in enumerate(lines) if "pip install" in line)
    assert recreate < install, planned.stdout
