"""One identity per build, carried by every page and by the Python runtime the pages run.

A tab left open across a deploy once showed the new page's sourced prose beside a figure its old
worker computed from the old data, marked "Live"; a page cached from before a deploy, with the
new runtime, did the reverse (the reliability review, item 1). A figure is right only when the
page's text and the worker's data come from one build, so both say which build they are:

- every page: ``<meta name="tmg-build" content="…">`` (``overrides/main.html`` writes the
  placeholder, ``stamp_pages`` fills it in). Material's instant navigation swaps the head's metas
  for the next page's, so the meta always names the build of the page on screen.
- the runtime: ``pyodide/integrity.json`` is ``{"build": "…", "files": {name: SRI}}`` (and
  ``"unpacked": {name: SRI}``, the memory snapshot's image as a reader's cache keeps it). The worker
  reads it past every cache, starts only for a page of that build, and computes only for pages of
  that build; the page restarts it when the reader reaches a page of a newer build
  (``docs/assets/js/runtime/``).

The identity is a digest of what decides a figure and how it reaches the reader: the checksum of
every runtime file (the calculators and ``facts.toml`` in the wheel, through the wheel's sha256 in
``pyodide-lock.json``; Pyodide's files; the memory snapshot) and the browser runtime's scripts
(``assets/js/``). Prose is not in it: a deploy that only edits text keeps the identity, and open
tabs keep their running Python. Read it with ``read_build`` (the build step, tools) or from the
meta and ``integrity.json`` (JavaScript, a service worker).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path

from site_build.shared import BUILD_META, INTEGRITY_FILE, RUNTIME_DIR

META_NAME = BUILD_META
"""The ``name`` of the page's meta; its ``content`` is the build identity."""

PLACEHOLDER = "tmg-build-placeholder"
"""What ``overrides/main.html`` puts in the meta's ``content``; every page carries it once."""

SCRIPTS_DIR = Path("assets") / "js"
"""The browser runtime's scripts, relative to the site root."""

LENGTH = 16
"""Hex digits kept: 64 bits tell builds apart, and stay short in URLs and logs."""


_META = re.compile(rf'(<meta name="{META_NAME}" content=")([^"]*)(">)')
"""The meta, placeholder or already stamped (a finished site finished again, ``mkdocs serve --dirty``)."""


class BuildIdError(RuntimeError):
    """A page cannot carry the identity (no placeholder, or more than one)."""


def build_identity(files: Mapping[str, str], site_dir: Path) -> str:
    """The identity of a build whose runtime files have these SRIs (``{name: "sha256-…"}``)."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"runtime {name} {files[name]}\n".encode())
    for path in sorted((site_dir / SCRIPTS_DIR).rglob("*.js")):
        digest.update(f"script {path.relative_to(site_dir).as_posix()} ".encode())
        digest.update(hashlib.sha256(path.read_bytes()).hexdigest().encode() + b"\n")
    return digest.hexdigest()[:LENGTH]


def manifest(files: Mapping[str, str], site_dir: Path, unpacked: Mapping[str, str] | None = None) -> dict[str, object]:
    """What ``pyodide/integrity.json`` holds: the build identity, and the SRI of every runtime file.

    ``unpacked``: files no host serves, only a reader's cache keeps (the snapshot's unpacked image,
    ``site_build/snapshot.py``), by the SRI a worker checks them against. They follow from
    ``files`` (the compressed snapshot is there), so the identity does not include them.
    """
    made: dict[str, object] = {"build": build_identity(files, site_dir), "files": dict(sorted(files.items()))}
    if unpacked:
        made["unpacked"] = dict(sorted(unpacked.items()))
    return made


def read_build(site_dir: Path, runtime_dir: str = RUNTIME_DIR, manifest_name: str = INTEGRITY_FILE) -> str:
    """The identity of the build in ``site_dir`` (written by ``site_build.bundle.write_runtime``)."""
    data = json.loads((site_dir / runtime_dir / manifest_name).read_text("utf-8"))
    return str(data["build"])


def stamp_pages(site_dir: Path, build: str) -> int:
    """Put ``build`` into every page's meta (again, if it holds an earlier one); the pages stamped."""
    stamped = 0
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text("utf-8")
        metas = _META.findall(html)
        if len(metas) != 1:
            raise BuildIdError(
                f"{path.relative_to(site_dir).as_posix()} has {len(metas)} build-identity metas, not one:"
                f' every page needs overrides/main.html\'s <meta name="{META_NAME}" content="{PLACEHOLDER}">'
            )
        path.write_text(_META.sub(lambda m: m.group(1) + build + m.group(3), html), "utf-8")
        stamped += 1
    return stamped
