"""The service worker and what it needs: a second visit is instant and works offline.

``site_build/service-worker.js`` is written into the site as ``sw.js`` with Workbox's
``injectManifest`` (``make_sw.mjs``, from the npm package ``workbox-build``): every page,
stylesheet and script, and the runtime's small manifests, each with a revision, so one
installed worker serves exactly one build. Workbox's own modules are copied into
``assets/workbox/`` (self-hosted; the worker imports them from there). The runtime's large
files are not precached, so installing costs a reader only the pages (~0.3 MB compressed):
they are kept as the calculators download them (the worker's rules are in its source).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from site_build.shared import INTEGRITY_FILE, LOCK_FILE, PAGE_INDEX, RUNTIME_DIR, SIZES_FILE

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(__file__).with_name("service-worker.js")
MAKER = Path(__file__).with_name("make_sw.mjs")
NPM = ROOT / "node_modules"
WORKBOX_MODULES = ("workbox-core", "workbox-routing", "workbox-strategies", "workbox-precaching")
WORKBOX_DIR = "assets/workbox"
SERVICE_WORKER = "sw.js"

PRECACHE = {
    "globPatterns": [
        "**/*.html",
        "manifest.webmanifest",
        "assets/favicon.svg",
        "assets/icons/*.png",
        "assets/css/*.css",
        "assets/js/**/*.js",
        "assets/stylesheets/*.css",
        "assets/javascripts/bundle.*.js",
        "assets/javascripts/workers/search.*.js",
        "search/search_index.json",
        PAGE_INDEX.as_posix(),
        *(f"{RUNTIME_DIR}/{name}" for name in (INTEGRITY_FILE, SIZES_FILE, LOCK_FILE)),
    ],
    "globIgnores": ["bench-bare/**", "**/*.map"],
    # Material's bundles carry a content hash in their names: no revision needed.
    "dontCacheBustURLsMatching": r"\.[0-9a-f]{8}\.min\.(js|css)$",
    "maximumFileSizeToCacheInBytes": 2 * 1024 * 1024,
}


class OfflineError(RuntimeError):
    """The service worker could not be written; the message says why."""


def write_service_worker(site_dir: Path) -> Path:
    """Write ``sw.js`` and Workbox's modules into ``site_dir``; run last, once every page is final."""
    node = shutil.which("node")
    if not node:
        raise OfflineError("Node.js is needed to write the service worker (npm ci installs workbox-build)")
    target = site_dir / WORKBOX_DIR
    target.mkdir(parents=True, exist_ok=True)
    for module in WORKBOX_MODULES:
        built = NPM / module / "build" / f"{module}.prod.js"
        if not built.exists():
            raise OfflineError(f"{built} is missing: run `npm ci` (or `make build`, which does it)")
        shutil.copyfile(built, target / built.name)
    with tempfile.TemporaryDirectory(prefix="tmg-sw-") as tmp:
        config = Path(tmp) / "config.json"
        config.write_text(json.dumps(PRECACHE), encoding="utf-8")
        done = subprocess.run(
            [node, str(MAKER), str(site_dir), str(SOURCE), str(config)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    if done.returncode != 0:
        raise OfflineError(f"writing the service worker failed:\n{done.stdout}\n{done.stderr}")
    return site_dir / SERVICE_WORKER
