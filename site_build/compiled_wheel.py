"""The calculators wheel as the site ships it: each module with its bytecode, compiled by the browser's Python.

A start without the memory snapshot (where data is dear: ``docs/assets/js/runtime/connection.js``)
installs the wheel and imports the calculators' modules, and compiling their source was most of
that import: work done after the last byte has arrived, which is what the budget
``phone_slow4g_floor_ratio`` (``benchmarks/budgets.py``) limits. So next to each ``.py`` the wheel
carries ``__pycache__/<module>.<cache tag>.pyc``, where Python's import looks first, compiled by
``site_build/make_compiled_wheel.mjs`` under Node with the Pyodide the site ships (the bytecode
only fits the interpreter that made it) at optimize level 0: the calculators use ``assert``, so
they run exactly as from source, except that the bytecode keeps line numbers but no column ranges
(a traceback names the line without underlining the expression). The ``.pyc`` are unchecked
hash-based: Python never reads the source to validate them (and no timestamp makes the wheel
differ between builds). The sources stay, for tracebacks. Another Python ignores another
interpreter's cache tag and compiles the source as before, so the wheel stays a valid
``py3-none-any`` wheel: its ``RECORD`` lists the new files with their sha256 and size.

The price is bytes, on the connections where they are dear: compressed, the bytecode weighs more
than the rest of the wheel (``benchmarks/README.md`` has the measurement and the trade-off; only a
start without the snapshot downloads the wheel). Made only for a full build (``mkdocs serve`` ships
the plain wheel: no Node run at each edit). Cached in ``.cache/compiled-wheels/`` by a digest of
what it depends on; the same inputs give the same bytes (sorted entries, the dates of the wheel's
own files).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAKER = Path(__file__).with_name("make_compiled_wheel.mjs")
CACHE = ROOT / ".cache" / "compiled-wheels"
PYCACHE = "__pycache__"


class CompiledWheelError(RuntimeError):
    """Node could not compile the calculators; the message has its output."""


def digest(pyodide_dir: Path, wheel: Path, core_files: tuple[str, ...]) -> str:
    """What the compiled wheel depends on: Pyodide's core files, the wheel, the maker and this module."""
    h = hashlib.sha256()
    for path in [*(pyodide_dir / name for name in core_files), wheel, MAKER, Path(__file__).resolve()]:
        h.update(path.name.encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


def compiled_wheel(pyodide_dir: Path, wheel: Path, core_files: tuple[str, ...]) -> Path:
    """``wheel`` with every module's ``.pyc`` for this Pyodide added (made once, then cached).

    The result keeps ``wheel``'s file name: the lock file and the worker know the package by it.
    """
    key = digest(pyodide_dir, wheel, core_files)
    cached = CACHE / key / wheel.name
    if cached.exists():
        return cached
    node = shutil.which("node")
    if not node:
        raise CompiledWheelError("Node.js is needed to compile the calculators for Pyodide (it also provides Pyodide)")
    cached.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tmg-pyc-") as tmp:
        compiled = Path(tmp) / "pyc.zip"
        cmd = [node, str(MAKER), str(pyodide_dir), str(wheel), str(compiled)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=300)
        if done.returncode != 0 or not compiled.exists():
            # Node prints the offending line of Pyodide's one-line, megabyte-long module: leave it out.
            output = [line for line in (done.stdout + done.stderr).splitlines() if len(line) < 500]
            raise CompiledWheelError("compiling the calculators for Pyodide failed:\n" + "\n".join(output[-40:]))
        with zipfile.ZipFile(compiled) as archive:
            pycs = {name: archive.read(name) for name in archive.namelist()}
    partial = cached.with_suffix(".part")
    add_bytecode(wheel, pycs, partial)
    partial.replace(cached)
    for old in CACHE.iterdir():
        if old != cached.parent:
            shutil.rmtree(old, ignore_errors=True)
    return cached


def add_bytecode(wheel: Path, pycs: Mapping[str, bytes], out: Path) -> None:
    """Write ``wheel`` to ``out`` with ``pycs`` (``{"pkg/__pycache__/mod.<tag>.pyc": bytes}``) added.

    Each ``.pyc`` must sit next to a module of the wheel, and takes its date and permissions. The
    payload is written in name order, then the ``.dist-info`` files with ``RECORD`` last (as wheel
    tools write them), and ``RECORD`` is written again from the bytes stored.
    """
    with zipfile.ZipFile(wheel) as source:
        infos = {info.filename: info for info in source.infolist()}
        files = {name: source.read(name) for name in infos}
    record = next((name for name in files if name.endswith(".dist-info/RECORD")), None)
    if record is None:
        raise CompiledWheelError(f"{wheel.name} has no .dist-info/RECORD: not a wheel")
    for name in pycs:
        module = source_of(name)
        if module not in infos:
            raise CompiledWheelError(f"{name}: the wheel has no {module} for it to sit next to")
        infos[name] = zipfile.ZipInfo(name, date_time=infos[module].date_time)
        infos[name].external_attr = infos[module].external_attr
        infos[name].create_system = infos[module].create_system
        files[name] = pycs[name]
    meta = record.rsplit("/", 1)[0] + "/"
    payload = sorted(name for name in files if not name.startswith(meta))
    order = [*payload, *sorted(name for name in files if name.startswith(meta) and name != record), record]
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\n")
    writer.writerows([(name, record_hash(files[name]), len(files[name])) for name in order[:-1]])
    writer.writerow((record, "", ""))
    files[record] = rows.getvalue().encode()
    with zipfile.ZipFile(out, "w") as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=infos[name].date_time)
            info.external_attr = infos[name].external_attr
            info.create_system = infos[name].create_system
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=9)


def source_of(pyc: str) -> str:
    """The module a ``pkg/__pycache__/mod.<tag>.pyc`` is compiled from: ``pkg/mod.py``."""
    folder, found, name = pyc.rpartition(f"{PYCACHE}/")
    if not found or "/" in name or not name.endswith(".pyc") or (folder and not folder.endswith("/")):
        raise CompiledWheelError(f"{pyc}: not a {PYCACHE}/<module>.<tag>.pyc")
    return folder + name.split(".", 1)[0] + ".py"


def record_hash(data: bytes) -> str:
    """A ``RECORD`` hash: ``sha256=`` and the URL-safe base64 digest without padding (PEP 376, PEP 427)."""
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
