"""Checks on the built HTML and runtime for the security measures: the CSP meta on every page,
nothing inline it would block, structured data out of the content, and the integrity manifest."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from site_build.bundle import CORE_FILES, INTEGRITY_FILE
from site_build.csp import inline_scripts, script_hash

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def sri(path: Path) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(path.read_bytes()).digest()).decode()


def test_every_page_carries_the_same_policy_before_any_script_or_style(site_dir: Path) -> None:
    policies = set()
    for path in pages(site_dir):
        html = path.read_text("utf-8")
        found = META.findall(html)
        assert len(found) == 1, f"{path}: {len(found)} CSP metas"
        policies.add(found[0])
        head = html.split("</head>", 1)[0]
        at = head.index("Content-Security-Policy")
        for first in ("<script", "<style", 'rel="stylesheet"'):
            assert first not in head[:at], f"{path}: {first} comes before the policy"
    assert len(policies) == 1, "one policy for the whole site (instant navigation keeps it)"


def test_the_policy_allows_exactly_the_inline_scripts_the_pages_have(site_dir: Path) -> None:
    policy = META.findall((site_dir / "index.html").read_text("utf-8"))[0]
    allowed = set(re.findall(r"'sha256-[^']+'", policy))
    used = {script_hash(body) for path in pages(site_dir) for body in inline_scripts(path.read_text("utf-8"))}
    assert used == allowed


def test_nothing_inline_that_the_policy_would_block(site_dir: Path) -> None:
    for path in pages(site_dir):
        html = path.read_text("utf-8")
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.I), f"{path}: inline event handler"
        assert not re.search(r"<[a-z][^>]*\sstyle\s*=", html, re.I), f"{path}: style attribute"
        assert "<style" not in html, f"{path}: <style> element"
        assert "javascript:" not in html, f"{path}: javascript: URL"


def test_structured_data_is_in_the_head_not_the_content(site_dir: Path) -> None:
    html = (site_dir / "faq" / "index.html").read_text("utf-8")
    head, body = html.split("</head>", 1)
    assert head.count('<script type="application/ld+json">') == 1
    assert "application/ld+json" not in body, "instant navigation would run it as JavaScript"
    data = json.loads(head.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert data["@type"] == "FAQPage"
    assert len(data["mainEntity"]) >= 5


def test_the_integrity_manifest_matches_the_shipped_runtime(site_dir: Path) -> None:
    runtime = site_dir / "pyodide"
    manifest = json.loads((runtime / INTEGRITY_FILE).read_text("utf-8"))
    assert {*CORE_FILES, "pyodide-lock.json"} <= set(manifest), "everything the worker runs is covered"
    for name, integrity in manifest.items():
        assert integrity == sri(runtime / name), name
    # The lock pins the wheel: Pyodide checks it on download (checkIntegrity).
    lock = json.loads((runtime / "pyodide-lock.json").read_text("utf-8"))
    for package in lock["packages"].values():
        wheel = runtime / package["file_name"]
        assert package["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
