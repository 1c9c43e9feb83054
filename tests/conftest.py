"""Shared fixtures: the site is built once per test run, served once, and driven by one browser."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools import browser as browser_finder
from tools.server import serve

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def site_port() -> int:
    """The port the built site will be served on, known before the build (see site_url)."""
    return free_port()


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """A strict build of the whole site, made once per test session.

    ``SITE_URL`` is where the tests serve it: Material's instant navigation only follows
    links under ``site_url``, exactly as on the real host.
    """
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{site_port}/"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    return out


@pytest.fixture(scope="session")
def site_url(site_dir: Path, site_port: int) -> Iterator[str]:
    """The built site on a localhost port."""
    with serve(site_dir, port=site_port) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """One Chromium for the whole run (system Chromium first, see tools/browser.py)."""
    from playwright.sync_api import sync_playwright

    path = browser_finder.executable()
    assert path, "No Chromium found: run `python -m tools.browser --ensure` or install chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=browser_finder.LAUNCH_ARGS)
        yield browser
        browser.close()
