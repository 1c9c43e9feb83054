"""A Pyodide memory snapshot of the calculators' ready state, made at build time.

Restoring it in the browser (``loadPyodide({_loadSnapshot})``) skips Python's start-up and the
calculators' imports: it is what keeps the first live result within its budgets (``cold_ratio``,
``warm_ratio`` in ``benchmarks/budgets.py``; the decision and its measurements are in
``benchmarks/README.md``). It costs bytes: the compressed memory, which the worker downloads only
where it pays (``pyodide-worker.js``). It is shipped as a delta against the wasm's data
segments (``docs/assets/js/runtime/snapshot-delta.js``: 1.5 MB less than the image itself), with
the allocator's free blocks zeroed (``free_memory.mjs``: another 0.8 MB), and gzip-compressed
here with zlib at level 9.

A reader's browser unpacks it (gunzip, then the delta undone) on every start that uses it; the
image itself is kept in the service worker's cache for the next visit, under the name without
``.gz`` (``unpacked_name``), and checked there against the SRI this module records with each
snapshot (``Snapshot.unpacked_sri``, written to ``integrity.json``'s ``unpacked``).

The snapshot is made by ``site_build/make_snapshot.mjs`` under Node from the same npm package the
site ships, and cached in ``.cache/snapshots/`` by a digest of everything it depends on (the
Pyodide files, the wheel, the maker script), so a build only pays for it (a few seconds) when
one of them changes. A snapshot only fits the exact Pyodide build that made it: Pyodide checks
its build id when restoring, and the worker falls back to a normal start if anything fails.

``_makeSnapshot``/``_loadSnapshot`` are private, undocumented options of Pyodide (marked
``@ignore`` in its types); the browser tests and ``make bench`` exercise them on every run.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

from site_build.shared import SNAPSHOT_PREFIX

ROOT = Path(__file__).resolve().parent.parent
MAKER = Path(__file__).with_name("make_snapshot.mjs")
DELTA = ROOT / "docs" / "assets" / "js" / "runtime" / "snapshot-delta.js"
FREE_MEMORY = Path(__file__).with_name("free_memory.mjs")
CACHE = ROOT / ".cache" / "snapshots"
PREFIX = SNAPSHOT_PREFIX
SUFFIX = ".bin.gz"
SRI_SUFFIX = ".unpacked-sri"


class Snapshot(NamedTuple):
    """A made snapshot: the compressed delta the site ships, and the SRI of the image it unpacks to."""

    path: Path
    unpacked_sri: str


class SnapshotError(RuntimeError):
    """Node could not make the snapshot; the message has its output."""


def digest(pyodide_dir: Path, wheel: Path, core_files: tuple[str, ...]) -> str:
    """What the snapshot depends on: the core files Pyodide runs from, the wheel and the maker."""
    h = hashlib.sha256()
    for path in [*(pyodide_dir / name for name in core_files), wheel, MAKER, DELTA, FREE_MEMORY]:
        h.update(path.name.encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


def snapshot_name(key: str) -> str:
    """The file name in the site: content-addressed, so hosts may cache it for good."""
    return f"{PREFIX}{key}{SUFFIX}"


def unpacked_name(name: str) -> str:
    """Where the unpacked image is kept in a reader's cache: the snapshot's name without ``.gz``."""
    return name.removesuffix(".gz")


def make_snapshot(pyodide_dir: Path, wheel: Path, core_files: tuple[str, ...]) -> Snapshot:
    """The gzip-compressed snapshot for this Pyodide and this wheel (made once, then cached)."""
    key = digest(pyodide_dir, wheel, core_files)
    cached = CACHE / snapshot_name(key)
    sri_file = CACHE / f"{PREFIX}{key}{SRI_SUFFIX}"
    if cached.exists() and sri_file.exists():
        return Snapshot(cached, sri_file.read_text("utf-8").strip())
    node = shutil.which("node")
    if not node:
        raise SnapshotError("Node.js is needed to make the Pyodide snapshot (it also provides Pyodide: npm ci)")
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(".part")
    cmd = [node, str(MAKER), str(pyodide_dir), str(wheel), str(partial)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=300)
    if done.returncode != 0 or not partial.exists():
        partial.unlink(missing_ok=True)
        # Node prints the offending line of Pyodide's one-line, megabyte-long module: leave it out.
        output = [line for line in (done.stdout + done.stderr).splitlines() if len(line) < 500]
        raise SnapshotError("making the Pyodide snapshot failed:\n" + "\n".join(output[-40:]))
    unpacked_sri = str(json.loads(done.stdout.strip().splitlines()[-1])["unpacked"])
    # zlib -9 here rather than Node's gzipSync -9: 2% smaller on this image (mtime 0: reproducible).
    cached.write_bytes(gzip.compress(partial.read_bytes(), compresslevel=9, mtime=0))
    partial.unlink()
    sri_file.write_text(unpacked_sri + "\n", "utf-8")
    for old in [*CACHE.glob(f"{PREFIX}*{SUFFIX}"), *CACHE.glob(f"{PREFIX}*{SRI_SUFFIX}")]:
        if old not in (cached, sri_file):
            old.unlink()  # keep one: they are megabytes each
    return Snapshot(cached, unpacked_sri)
