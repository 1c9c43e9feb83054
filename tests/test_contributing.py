"""CONTRIBUTING's path from a macro to a live figure names files a newcomer can open."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## From a macro to a live figure"
SOURCE_FOLDERS = ("calculators/", "macros/", "site_build/", "docs/", "overrides/", "tools/", "benchmarks/")


def numbered_steps(markdown: str) -> list[str]:
    """The numbered steps of the section, each with its continuation lines."""
    body = markdown.split(SECTION, 1)[1].split("\n## ", 1)[0]
    return [step.strip() for step in re.split(r"^\d+\. ", body, flags=re.MULTILINE)[1:]]


def named_files(step: str) -> list[str]:
    return [path for path in re.findall(r"`([\w./-]+)`", step) if path.startswith(SOURCE_FOLDERS)]


def test_every_step_names_a_file_that_exists() -> None:
    steps = numbered_steps((ROOT / "CONTRIBUTING.md").read_text("utf-8"))
    assert len(steps) >= 5, "the path from a macro to a live figure is a numbered list"
    for number, step in enumerate(steps, 1):
        files = named_files(step)
        assert files, f"step {number} names no file: {step[:60]}…"
        missing = [path for path in files if not (ROOT / path).exists()]
        assert missing == [], f"step {number} names files that do not exist: {missing}"
