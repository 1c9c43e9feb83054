"""Checks on the built HTML and runtime for the security measures: the CSP meta on every page,
nothing inline it would block, structured data out of the content, and the integrity manifest."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from site_build.csp import inline_scripts, script_hash
from site_build.shared import CORE_FILES, INTEGRITY_FILE

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


class _Attributes(HTMLParser):
    """Every attribute name as a browser's parser reads it, whatever precedes it in the source.

    A regular expression looking for ``\\son…=`` misses ``title="…"onmouseover=…``, where a quote
    rather than a space comes before the handler (reliability review 2026-12-02, #3).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag


def attributes(html: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) for every attribute in the page."""
    parser = _Attributes()
    parser.feed(html)
    parser.close()
    return parser.found


def blocked_inline(html: str) -> list[str]:
    """What the policy would block in a page: handlers, style attributes and elements, javascript: URLs."""
    found = [f"<{tag} {name}=…>" for tag, name, _ in attributes(html) if name.startswith("on") or name == "style"]
    found += [f"<{tag} {name}={value!r}>" for tag, name, value in attributes(html) if "javascript:" in value.lower()]
    if re.search(r"<style[\s>]", html, re.I):
        found.append("<style> element")
    return found


def test_the_inline_check_sees_what_a_browser_sees() -> None:
    """Each of these put a live handler, style or URL into a page; each must be reported."""
    for html in (
        '<a class="x" title="pay <img alt="onmouseover=alert(1)// " src="data:,x">">',
        "<a title='a'onclick='alert(1)'>",
        '<p/style="color:red">',
        '<a href="JavaScript:alert(1)">',
        "<style>p{}</style>",
    ):
        assert blocked_inline(html), html
    assert not blocked_inline('<p class="on">onmouseover=alert(1) is only text here</p>')


def test_nothing_inline_that_the_policy_would_block(site_dir: Path) -> None:
    for path in pages(site_dir):
        html = path.read_text("utf-8")
        assert not blocked_inline(html), f"{path}: {blocked_inline(html)}"
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
    manifest = json.loads((runtime / INTEGRITY_FILE).read_text("utf-8"))["files"]
    assert {*CORE_FILES, "pyodide-lock.json"} <= set(manifest), "everything the worker runs is covered"
    for name, integrity in manifest.items():
        assert integrity == sri(runtime / name), name
    # The lock pins the wheel: Pyodide checks it on download (checkIntegrity).
    lock = json.loads((runtime / "pyodide-lock.json").read_text("utf-8"))
    for package in lock["packages"].values():
        wheel = runtime / package["file_name"]
        assert package["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
