"""The wheel the site ships carries each module's bytecode, stays a valid wheel, and is made the same every time.

Whether Pyodide imports that bytecode without compiling is ``tests/pyodide/test_compiled_imports.py``.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from site_build import compiled_wheel as compiled_wheel_module
from site_build.bundle import PYODIDE_FILES, PYODIDE_NPM, build_wheel
from site_build.compiled_wheel import CompiledWheelError, add_bytecode, compiled_wheel, source_of
from site_build.shared import LOCK_FILE, RUNTIME_DIR

DATE = (2026, 1, 1, 0, 0, 0)


def shipped_wheel(site_dir: Path) -> Path:
    """The wheel the built site's lock file names: the one the browser installs."""
    lock = json.loads((site_dir / RUNTIME_DIR / LOCK_FILE).read_text("utf-8"))
    return site_dir / RUNTIME_DIR / str(next(iter(lock["packages"].values()))["file_name"])


def record_problems(wheel: Path) -> list[str]:
    """What ``RECORD`` gets wrong about the archive: every file listed once, with its sha256 and size."""
    with zipfile.ZipFile(wheel) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    record = next(name for name in files if name.endswith(".dist-info/RECORD"))
    rows = list(csv.reader(io.StringIO(files[record].decode("utf-8"))))
    problems = [f"listed {len(rows)} times, stored {len(files)}"] if len(rows) != len(files) else []
    for name, digest, size in rows:
        if name == record:
            problems += [] if (digest, size) == ("", "") else ["RECORD lists a hash of itself"]
        elif name not in files:
            problems.append(f"{name}: listed, not stored")
        else:
            data = files[name]
            sha = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            problems += [] if (digest, size) == (f"sha256={sha}", str(len(data))) else [f"{name}: hash or size"]
    return problems


def test_the_shipped_wheel_has_bytecode_for_every_module(site_dir: Path) -> None:
    with zipfile.ZipFile(shipped_wheel(site_dir)) as wheel:
        names = wheel.namelist()
    modules = sorted(name for name in names if name.endswith(".py"))
    pycs = sorted(name for name in names if name.endswith(".pyc"))
    assert {"calculators/engine.py", "calculators/catalog/brand_deal.py"} <= set(modules)
    assert sorted(source_of(pyc) for pyc in pycs) == modules, "one .pyc per module, and none without one"
    tags = {pyc.rsplit("/", 1)[1].split(".")[1] for pyc in pycs}
    assert len(tags) == 1, "one interpreter's cache tag"
    assert tags.pop().startswith("cpython-")


def test_the_shipped_wheel_lists_every_file_in_its_record(site_dir: Path) -> None:
    assert record_problems(shipped_wheel(site_dir)) == []


def test_the_shipped_wheel_is_made_again_byte_for_byte(
    site_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled again from the sources, by a fresh Node run, the wheel is the same file: its sha256
    in the lock file, and with it the build identity, change only when the calculators do."""
    monkeypatch.setattr(compiled_wheel_module, "CACHE", tmp_path)
    again = compiled_wheel(PYODIDE_NPM, build_wheel(), PYODIDE_FILES)
    assert again.is_relative_to(tmp_path), "made again, not read from the project's cache"
    assert again.read_bytes() == shipped_wheel(site_dir).read_bytes()


@pytest.fixture
def plain_wheel(tmp_path: Path) -> Path:
    """A small wheel as setuptools writes it: a package, its metadata, then RECORD."""
    path = tmp_path / "pkg-1.0-py3-none-any.whl"
    files = {"pkg/__init__.py": b"", "pkg/sub/mod.py": b"X = 1\n", "pkg-1.0.dist-info/METADATA": b"Name: pkg\n"}
    record = "".join(f"{name},sha256=x,{len(data)}\n" for name, data in files.items()) + "pkg-1.0.dist-info/RECORD,,\n"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in [*files.items(), ("pkg-1.0.dist-info/RECORD", record.encode())]:
            archive.writestr(zipfile.ZipInfo(name, date_time=DATE), data)
    return path


def test_bytecode_is_added_next_to_its_module_and_recorded(plain_wheel: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.whl"
    add_bytecode(plain_wheel, {"pkg/sub/__pycache__/mod.cpython-314.pyc": b"code"}, out)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert archive.read("pkg/sub/__pycache__/mod.cpython-314.pyc") == b"code"
        assert archive.getinfo("pkg/sub/__pycache__/mod.cpython-314.pyc").date_time == DATE
    assert names == [
        "pkg/__init__.py",
        "pkg/sub/__pycache__/mod.cpython-314.pyc",
        "pkg/sub/mod.py",
        "pkg-1.0.dist-info/METADATA",
        "pkg-1.0.dist-info/RECORD",
    ], "the payload in name order, then the metadata, RECORD last"
    assert record_problems(out) == []


def test_the_same_wheel_and_bytecode_give_the_same_bytes(plain_wheel: Path, tmp_path: Path) -> None:
    pycs = {"pkg/__pycache__/__init__.cpython-314.pyc": b"a", "pkg/sub/__pycache__/mod.cpython-314.pyc": b"b"}
    add_bytecode(plain_wheel, pycs, tmp_path / "one.whl")
    add_bytecode(plain_wheel, dict(reversed(pycs.items())), tmp_path / "two.whl")
    assert (tmp_path / "one.whl").read_bytes() == (tmp_path / "two.whl").read_bytes()


@pytest.mark.parametrize(
    "pyc", ["pkg/__pycache__/gone.cpython-314.pyc", "pkg/mod.cpython-314.pyc", "pkg/x__pycache__/mod.cpython-314.pyc"]
)
def test_bytecode_without_its_module_is_refused(plain_wheel: Path, tmp_path: Path, pyc: str) -> None:
    with pytest.raises(CompiledWheelError):
        add_bytecode(plain_wheel, {pyc: b"code"}, tmp_path / "out.whl")
