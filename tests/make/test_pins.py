"""Python dependencies are pinned by hash and installed only by hash, as npm's are.

``package-lock.json`` has an sha512 ``integrity`` for every package and the Makefile runs
``npm ci``; ``requirements.lock`` had versions only (the reliability review, item 11), so a
replaced file on an index would have been installed. The rules are small functions, tested on
the real files and on bad examples that must fail.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}$")


def requirements(text: str) -> dict[str, list[str]]:
    """``{name==version: [--hash=..., ...]}`` from a pip-compile file (continuations joined)."""
    joined = re.sub(r"\\\n\s*", " ", text)
    found: dict[str, list[str]] = {}
    for line in joined.splitlines():
        code = line.split("#", 1)[0].strip()
        if code:
            pin, *options = code.split()
            found[pin] = options
    return found


def lock_problems(text: str) -> list[str]:
    problems = []
    pins = requirements(text)
    if not pins:
        problems.append("no requirements found")
    for pin, options in pins.items():
        if not re.fullmatch(r"[A-Za-z0-9._-]+==[^=\s]+", pin):
            problems.append(f"{pin}: pin an exact version (name==version)")
        if not options or not all(HASH.match(option) for option in options):
            problems.append(f"{pin}: needs its --hash=sha256:... lines (make lock)")
    if re.search(r"^# (pip|setuptools)$", text, re.MULTILINE):  # pip-compile's "unsafe", commented out
        problems.append("pip and setuptools are left unpinned: pip-compile needs --allow-unsafe")
    return problems


def makefile_recipe(target: str, makefile: str) -> str:
    match = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n|[^\n\S]*\n)*)", makefile, re.MULTILINE)
    assert match, f"no rule for {target}"
    return match.group(1).replace("\\\n", " ")


def test_every_python_requirement_is_pinned_with_its_hashes() -> None:
    text = (ROOT / "requirements.lock").read_text("utf-8")
    assert lock_problems(text) == []
    assert {"pip", "setuptools"} <= {pin.split("==")[0] for pin in requirements(text)}


def test_the_makefile_installs_by_hash_and_re_pins_with_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    install = [line for line in makefile_recipe("$(PY_STAMP)", makefile).splitlines() if "requirements.lock" in line]
    assert install, "the Makefile installs requirements.lock"
    assert all("--require-hashes" in line for line in install), install
    lock = makefile_recipe("lock", makefile)
    assert "--generate-hashes" in lock
    assert "--allow-unsafe" in lock


def test_the_rules_catch_unhashed_and_unpinned_requirements() -> None:
    sha = "--hash=sha256:" + "a" * 64
    good = f"jinja2==3.1.6 \\\n    {sha} \\\n    {sha}\n    # via mkdocs\n"
    assert lock_problems(good) == []
    assert requirements(good) == {"jinja2==3.1.6": [sha, sha]}
    unhashed = "jinja2==3.1.6\n    # via mkdocs\n"
    assert lock_problems(unhashed) == ["jinja2==3.1.6: needs its --hash=sha256:... lines (make lock)"]
    assert lock_problems(f"jinja2>=3 \\\n    {sha}\n") == ["jinja2>=3: pin an exact version (name==version)"]
    assert lock_problems(f"jinja2==3.1.6 \\\n    --hash=md5:{'a' * 32}\n") != []
    unsafe = good + "# The following packages are considered to be unsafe in a requirements file:\n# pip\n"
    assert lock_problems(unsafe) == ["pip and setuptools are left unpinned: pip-compile needs --allow-unsafe"]
    assert lock_problems("") == ["no requirements found"]
