"""Shared fixtures: the site is built once per test run, served once, and driven by one browser."""

from __future__ import annotations

import os
import shutil
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


def run_build(cmd: list[str], env: dict[str, str]) -> None:
    """Run one build step from the project root; fail the session with its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{' '.join(cmd[1:])} failed:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="session")
def mkdocs_port() -> int:
    """The port the built site will be served on, known before the build (see site_url)."""
    return free_port()


@pytest.fixture(scope="session")
def site_port(mkdocs_port: int) -> int:
    """The port of the site the tests drive (``tests/site/`` also checks Zensical's, on its own port)."""
    return mkdocs_port


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, mkdocs_port: int) -> Path:
    """A strict build of the whole site, made once per test session.

    ``SITE_URL`` is where the tests serve it: Material's instant navigation only follows
    links under ``site_url``, exactly as on the real host.
    """
    out = tmp_path_factory.mktemp("site")
    run_build(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        {"SITE_URL": f"http://127.0.0.1:{mkdocs_port}/"},
    )
    return out


@pytest.fixture(scope="session")
def site_url(site_dir: Path, mkdocs_port: int) -> Iterator[str]:
    """The built site on a localhost port."""
    with serve(site_dir, port=mkdocs_port) as url:
        yield url


@pytest.fixture(scope="session")
def zensical_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def zensical_site_dir(zensical_port: int) -> Iterator[Path]:
    """The same guide built by Zensical, then finished by ``python -m site_build``: ``make build-zensical``.

    Zensical writes only inside the project (``site_dir`` must be under it), so the build goes
    to a folder of ``.cache/`` named after this process, removed at the end of the session.
    """
    out = ROOT / ".cache" / f"zensical-site-{os.getpid()}"
    shutil.rmtree(out, ignore_errors=True)
    env = {"SITE_URL": f"http://127.0.0.1:{zensical_port}/", "SITE_DIR": str(out)}
    run_build([sys.executable, "-m", "zensical", "build", "--clean", "--strict", "--config-file", "mkdocs.yml"], env)
    run_build([sys.executable, "-m", "site_build", str(out)], env)
    yield out
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="session")
def zensical_url(zensical_site_dir: Path, zensical_port: int) -> Iterator[str]:
    with serve(zensical_site_dir, port=zensical_port) as url:
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
