"""The part of Python's standard library the calculators use, compiled: what a start without a snapshot downloads.

Pyodide's ``python_stdlib.zip`` holds 559 modules as source (2.5 MB). A start without a snapshot
imports about 165 of them, and compiling their source is most of Python's start-up (measured
under Node: 2.7 s → 0.9 s for ``loadPyodide`` with the archive below). So the site ships, under
the same name, an archive of only the modules a normal start and the calculators import, as
``.pyc`` compiled by the browser's own interpreter: about 1.0 MB, and 3× less start-up work. The
bytecode keeps line numbers but no column ranges (a third of it), and the modules the interpreter
has built in (frozen: os, site, codecs…) are left out, since Python never reads them from the archive.
The snapshot path does not download it at all (every module is in the snapshot; the worker
hands Pyodide an empty archive).

``site_build/make_stdlib.mjs`` finds the modules by running Pyodide under Node exactly as the
worker starts it and exercising every calculator (valid values, refused text, an error's
traceback). A module imported only on a path that run never takes would be missing: the
Pyodide parity tests run every calculator on this archive and on the snapshot path, and the
browser tests run the built site. Cached in ``.cache/stdlib/`` by a digest of what it depends on.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAKER = Path(__file__).with_name("make_stdlib.mjs")
CACHE = ROOT / ".cache" / "stdlib"


class StdlibError(RuntimeError):
    """Node could not make the archive; the message has its output."""


def digest(pyodide_dir: Path, wheel: Path, core_files: tuple[str, ...]) -> str:
    """What the archive depends on: Pyodide's core files, the calculators wheel and the maker."""
    h = hashlib.sha256()
    for path in [*(pyodide_dir / name for name in core_files), wheel, MAKER]:
        h.update(path.name.encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


def make_stdlib(pyodide_dir: Path, runtime_dir: Path, wheel: Path, package: str, core_files: tuple[str, ...]) -> Path:
    """The trimmed, compiled archive for this Pyodide and this wheel (made once, then cached).

    ``runtime_dir`` holds the site's ``pyodide-lock.json`` and the wheel, as the browser gets them.
    """
    key = digest(pyodide_dir, wheel, core_files)
    cached = CACHE / f"{key}.zip"
    if cached.exists():
        return cached
    node = shutil.which("node")
    if not node:
        raise StdlibError("Node.js is needed to make the compiled standard library (it also provides Pyodide: npm ci)")
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(".part")
    cmd = [node, str(MAKER), str(pyodide_dir), str(runtime_dir), package, str(partial)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=300)
    if done.returncode != 0 or not partial.exists():
        partial.unlink(missing_ok=True)
        # Node prints the offending line of Pyodide's one-line, megabyte-long module: leave it out.
        output = [line for line in (done.stdout + done.stderr).splitlines() if len(line) < 500]
        raise StdlibError("making the compiled standard library failed:\n" + "\n".join(output[-40:]))
    partial.replace(cached)
    for old in CACHE.glob("*.zip"):
        if old != cached:
            old.unlink()
    return cached
