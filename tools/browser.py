"""Which Chromium the browser tests drive, and how to get one.

Debian's ``chromium`` is preferred (it is what CI installs, and ``playwright install``
cannot download here). On a laptop without it, Playwright's own Chromium is used, and
``python -m tools.browser --ensure`` downloads it once.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

SYSTEM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def system_chromium() -> str | None:
    """The system Chromium's path, if there is one."""
    for candidate in SYSTEM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    found = shutil.which("chromium")
    return found


def playwright_chromium() -> str | None:
    """Playwright's downloaded Chromium, if ``playwright install chromium`` was run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        path = p.chromium.executable_path
    return path if path and Path(path).exists() else None


def executable() -> str | None:
    """The Chromium to launch: system first, then Playwright's; ``None`` when neither exists."""
    return system_chromium() or playwright_chromium()


def ensure() -> int:
    """Make sure a Chromium exists, downloading Playwright's only as a last resort."""
    if executable():
        return 0
    print("No Chromium found: installing Playwright's (on Debian/Ubuntu: apt-get install chromium)")
    done = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=False)
    if done.returncode != 0 or not executable():
        print(
            "error: the browser tests need Chromium. Install your system's chromium package"
            " or run: .venv/bin/python -m playwright install chromium",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(ensure() if "--ensure" in sys.argv else (print(executable()) or 0))
