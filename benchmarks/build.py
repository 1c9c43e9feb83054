"""Building the site for the benchmark, and timing builds with and without the macros plugin.

Every build runs in a fresh Python process (``python -m benchmarks.build_once``) so one build's
imports and caches never speed up the next; the time taken is that of MkDocs' ``build()``
(what ``mkdocs build`` reports as "Documentation built in"), not interpreter start-up.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class BuildError(RuntimeError):
    """``mkdocs build`` failed; the message carries its output."""


def build_env(site_url: str | None = None) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return env


def build_site(site_dir: Path, site_url: str) -> None:
    """A strict build, exactly as ``make build`` and the tests make it, with ``site_url`` set.

    Material's instant navigation only follows links under ``site_url`` (port included), so
    it must be the address the benchmark serves the site at.
    """
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site_dir)]
    done = subprocess.run(cmd, cwd=ROOT, env=build_env(site_url), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}")


def time_build(*, macros: bool) -> float:
    """Seconds one build takes, in a fresh process, into a fresh temporary folder."""
    out = Path(tempfile.mkdtemp(prefix="tmg-bench-build-"))
    try:
        cmd = [sys.executable, "-m", "benchmarks.build_once", "--site-dir", str(out)]
        if not macros:
            cmd.append("--no-macros")
        done = subprocess.run(cmd, cwd=ROOT, env=build_env(), capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise BuildError(f"timed build failed (macros={macros}):\n{done.stdout}\n{done.stderr}")
        return float(json.loads(done.stdout.strip().splitlines()[-1])["seconds"])
    finally:
        shutil.rmtree(out, ignore_errors=True)
