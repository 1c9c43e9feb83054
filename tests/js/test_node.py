"""The browser runtime's unit tests (``tests/js/*.test.mjs``), run by ``node --test``.

They cover the runtime's pure pieces without a browser: integrity matching, prepared-result keys,
the values a page arrives with, the protocol's guards, the worker client's status transitions
(with a fake worker), and the shape of the module graph. One pytest test per file, so a failure
names the file; Node's own report is in the assertion message.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


@pytest.mark.parametrize("path", sorted(HERE.glob("*.test.mjs")), ids=lambda path: path.name)
def test_node_unit_tests(path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed for the runtime's unit tests (make deps says how to get it)"
    done = subprocess.run(
        [node, "--test", "--test-reporter=spec", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"node --test {path.name} failed:\n{done.stdout}\n{done.stderr}"


def test_every_runtime_module_has_a_unit_test_file_or_is_covered() -> None:
    """A new module in docs/assets/js/runtime/ comes with tests/js/<module>.test.mjs, or is named here."""
    covered_elsewhere = {
        "address.js": "DOM-bound; fromParams and the length limit via prefetch.test.mjs, the rest by tests/e2e",
        "boot.js": "starts Pyodide: tests/e2e/test_faults.py and test_engine.py",
        "marks.js": "performance marks: read by benchmarks/",
        "offline.js": "service worker registration: tests/e2e/test_offline.py",
        "form.js": "DOM-bound (fields shown per mode, read-back echoes, picks): tests/e2e/test_phone.py",
        "shared.js": "names shared with the build: tests/site_build/test_shared.py",
        "widget.js": "DOM-bound: tests/e2e",
    }
    modules = sorted(p.name for p in (ROOT / "docs/assets/js/runtime").glob("*.js"))
    missing = [m for m in modules if m not in covered_elsewhere and not (HERE / m.replace(".js", ".test.mjs")).exists()]
    assert not missing, f"runtime modules without tests/js/<name>.test.mjs: {missing}"
