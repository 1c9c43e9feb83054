"""Ship Python to the browser: the calculators wheel, its pyodide-lock.json and Pyodide's core files.

Plain functions with no MkDocs import, so the build hook, the tests and the benchmarks all
produce the runtime the same way. The wheel is rebuilt only when a source file changes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pyodide_lock import PyodideLockSpec
from pyodide_lock.utils import add_wheels_to_spec

from site_build.build_id import manifest as runtime_manifest
from site_build.compiled_wheel import compiled_wheel
from site_build.shared import (
    CORE_FILES,
    INTEGRITY_FILE,
    LOCK_FILE,
    PACKAGE_NAME,
    RUNTIME_DIR,
    SIZES_FILE,
    SNAPSHOT_PREFIX,
    STDLIB,
)
from site_build.snapshot import make_snapshot, unpacked_name
from site_build.stdlib import make_stdlib

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / ".cache" / "wheels"
DIST_NAME = PACKAGE_NAME
"""The distribution name, as the browser passes it to ``pyodide.loadPackage``."""
PYODIDE_FILES = (*CORE_FILES, STDLIB)
"""What the site ships from Pyodide's npm package: the core, and the standard library archive (the
trimmed one where there is a snapshot); the rest (source maps, consoles) stays out."""
DEV_PACKAGE = ROOT / "calculators" / "dev"
"""Developer tools, excluded from the wheel in ``pyproject.toml``."""


def _not_shipped(folder: str, names: list[str]) -> set[str]:
    """What ``copytree`` leaves out of the wheel's sources: caches, and the developer tools."""
    return {n for n in names if n == "__pycache__" or n.endswith(".pyc") or Path(folder, n) == DEV_PACKAGE}


class BundleError(RuntimeError):
    """Something the runtime needs is missing; the message says how to get it."""


def _source_digest() -> str:
    digest = hashlib.sha256()
    files = sorted((ROOT / "calculators").rglob("*.py")) + sorted((ROOT / "calculators").rglob("*.toml"))
    files = [path for path in files if DEV_PACKAGE not in path.parents]  # not in the wheel: no rebuild
    for path in [ROOT / "pyproject.toml", Path(__file__).resolve(), *files]:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_wheel() -> Path:
    """The calculators as a pure-Python wheel, cached by the hash of its sources."""
    out = CACHE / _source_digest()
    wheels = sorted(out.glob("*.whl"))
    if wheels:
        return wheels[0]
    out.mkdir(parents=True, exist_ok=True)
    # A fixed timestamp makes the wheel byte-for-byte reproducible, so its sha256 is stable.
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    # Built from a fresh copy of the sources: setuptools' build/ folder in the project would
    # keep shipping a module after it is moved or deleted.
    with tempfile.TemporaryDirectory(prefix="tmg-wheel-") as tmp:
        source = Path(tmp)
        shutil.copy2(ROOT / "pyproject.toml", source / "pyproject.toml")
        shutil.copytree(ROOT / "calculators", source / "calculators", ignore=_not_shipped)
        cmd = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(source)]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wheels = sorted(out.glob("*.whl"))
    if done.returncode != 0 or not wheels:
        raise BundleError(f"building the calculators wheel failed:\n{done.stdout}\n{done.stderr}")
    return wheels[0]


def site_wheel(*, compiled: bool = True) -> Path:
    """The wheel the site ships: with its modules' bytecode for Pyodide (``site_build/compiled_wheel.py``),
    or without, as ``mkdocs serve`` ships it (no Node run when a calculator is edited)."""
    wheel = build_wheel()
    return compiled_wheel(PYODIDE_NPM, wheel, PYODIDE_FILES) if compiled else wheel


def write_runtime(site_dir: Path, *, snapshot: bool = True) -> Path:
    """Copy Pyodide's core and the wheel into ``site_dir/pyodide``; return that folder.

    ``snapshot``: also ship a memory snapshot of the calculators' ready state (see
    ``site_build/snapshot.py``), instead of Pyodide's whole standard library only the part the
    calculators use, compiled (``site_build/stdlib.py``), and the wheel with its modules compiled
    (``site_build/compiled_wheel.py``); ``mkdocs serve`` skips all three so editing a calculator
    stays quick.
    """
    if not (PYODIDE_NPM / LOCK_FILE).exists():
        raise BundleError(f"{PYODIDE_NPM} is missing: run `npm ci` (or `make build`, which does it).")
    dest = site_dir / RUNTIME_DIR
    dest.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        if name != STDLIB or not snapshot:
            _copy_if_changed(PYODIDE_NPM / name, dest / name)
    wheel = site_wheel(compiled=snapshot)
    _copy_if_changed(wheel, dest / wheel.name)
    for stale in dest.glob("*.whl"):
        if stale.name != wheel.name:
            stale.unlink()
    spec = add_wheels_to_spec(PyodideLockSpec.from_json(PYODIDE_NPM / LOCK_FILE), [dest / wheel.name])
    # Only our package: the stock lock lists hundreds of packages whose wheels are not shipped, and
    # every reader would download that list for nothing.
    spec.packages = {name: pkg for name, pkg in spec.packages.items() if name == DIST_NAME}
    lock = json.dumps(spec.to_dict(), indent=1, sort_keys=True)
    _write_if_changed(dest / LOCK_FILE, lock.encode())
    if snapshot:
        _write_if_changed(dest / STDLIB, make_stdlib(PYODIDE_NPM, dest, wheel, DIST_NAME, PYODIDE_FILES).read_bytes())
    # The lock carries the wheel's sha256 (Pyodide checks it), so hashing the lock covers the wheel too.
    manifest = {name: sri(dest / name) for name in (*PYODIDE_FILES, LOCK_FILE)}
    kept = None
    unpacked: dict[str, str] = {}
    if snapshot:
        made = make_snapshot(PYODIDE_NPM, wheel, PYODIDE_FILES)
        kept = dest / made.path.name
        _copy_if_changed(made.path, kept)
        manifest[kept.name] = sri(kept)  # the worker finds it by its "snapshot-" prefix
        unpacked[unpacked_name(kept.name)] = made.unpacked_sri  # never on the host: kept by readers
    for stale in dest.glob(f"{SNAPSHOT_PREFIX}*"):
        if stale != kept:
            stale.unlink()
    # Last, once the site's scripts are in place too: the build identity covers them (build_id.py).
    integrity = runtime_manifest(manifest, site_dir, unpacked)
    _write_if_changed(dest / INTEGRITY_FILE, json.dumps(integrity, indent=1, sort_keys=True).encode())
    sizes = {name: (dest / name).stat().st_size for name in [*manifest, wheel.name]}
    _write_if_changed(dest / SIZES_FILE, json.dumps(sizes, indent=1, sort_keys=True).encode())
    return dest


def sri(path: Path) -> str:
    """A Subresource Integrity string (``sha256-<base64>``) for a file."""
    digest = hashlib.sha256(path.read_bytes()).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _copy_if_changed(src: Path, dest: Path) -> None:
    if dest.exists() and dest.stat().st_size == src.stat().st_size and dest.stat().st_mtime >= src.stat().st_mtime:
        return
    shutil.copy2(src, dest)


def _write_if_changed(dest: Path, data: bytes) -> None:
    if dest.exists() and dest.read_bytes() == data:
        return
    dest.write_bytes(data)


if __name__ == "__main__":
    print(write_runtime(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"))
