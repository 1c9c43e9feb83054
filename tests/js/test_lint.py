"""`make lint` catches the JavaScript slips it exists for: formatting, a wrong message shape, a long line.

Each test copies the runtime and the tool configs into a temporary folder, makes one slip, and runs
the Makefile's own ``lint-js`` recipe there with the project's pinned Biome and TypeScript. A clean
copy must pass first, so a failure below is the slip's, not the copy's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
COPIED = (
    "Makefile",
    "biome.json",
    "tsconfig.json",
    "tsconfig.worker.json",
    "tsconfig.sw.json",
    ".gitignore",
    "docs/assets/js",
    "site_build/service-worker.js",
)


def lint_js(folder: Path) -> subprocess.CompletedProcess[str]:
    """The Makefile's lint-js recipe in ``folder`` (its node_modules is the project's: never reinstalled)."""
    make = shutil.which("make")
    assert make, "make is needed"
    return subprocess.run(
        [make, "--no-print-directory", "-C", str(folder), "-o", "node_modules/.installed", "lint-js"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    assert (ROOT / "node_modules" / ".bin" / "biome").exists(), "run `make deps` first"
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    clean = lint_js(tmp_path)
    assert clean.returncode == 0, f"the unchanged copy should pass:\n{clean.stdout}\n{clean.stderr}"
    return tmp_path


def slip(project: Path, module: str, old: str, new: str, folder: str = "docs/assets/js") -> None:
    path = project / folder / module
    text = path.read_text("utf-8")
    assert old in text, f"{module} no longer contains {old!r}: pick another slip"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_formatting_slip_fails(project: Path) -> None:
    slip(project, "runtime/protocol.js", "export function messageOf(error) {", "export function messageOf( error ){")
    done = lint_js(project)
    assert done.returncode != 0
    assert "runtime/protocol.js" in done.stdout + done.stderr


def test_a_wrong_message_shape_fails(project: Path) -> None:
    """The page posts ``init`` with a field the worker does not read: tsc knows the protocol's types."""
    slip(project, "runtime/python.js", "packageName: this.packageName,", "package: this.packageName,")
    done = lint_js(project)
    assert done.returncode != 0
    assert "'package' does not exist in type 'InitMessage'" in done.stdout + done.stderr


def test_a_wrong_message_type_in_the_worker_fails(project: Path) -> None:
    slip(project, "pyodide-worker.js", "post({ type: MessageType.booted })", 'post({ type: "boot" })')
    done = lint_js(project)
    assert done.returncode != 0
    assert "pyodide-worker.js" in done.stdout + done.stderr


def test_a_wrong_event_method_in_the_service_worker_fails(project: Path) -> None:
    """The service worker is typed in its own scope (tsconfig.sw.json): an activate event has waitUntil."""
    slip(
        project,
        "service-worker.js",
        "event.waitUntil(keepOnlyThisRuntime())",
        "event.waitFor(keepOnlyThisRuntime())",
        "site_build",
    )
    done = lint_js(project)
    assert done.returncode != 0
    assert "service-worker.js" in done.stdout + done.stderr


def test_a_line_over_120_columns_fails(project: Path) -> None:
    """Biome's formatter leaves a long comment as it is; the length check does not."""
    long_comment = ("// " + "why this matters, " * 7).rstrip()
    assert len(long_comment) > 120
    slip(project, "runtime/widget.js", "export class Widget {", f"{long_comment}\nexport class Widget {{")
    done = lint_js(project)
    assert done.returncode != 0
    assert "runtime/widget.js" in done.stdout + done.stderr
    assert "over 120 columns" in done.stderr


def test_make_lint_runs_the_javascript_checks() -> None:
    make = shutil.which("make")
    assert make
    dry = subprocess.run([make, "-n", "lint"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for command in ("biome ci", "tsc -p tsconfig.json", "tsc -p tsconfig.worker.json", "tsc -p tsconfig.sw.json"):
        assert command in dry, f"make lint does not run {command}"
