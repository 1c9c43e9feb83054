"""Text from data is text: the whole site built from a data file full of Markdown and HTML payloads.

Every string a contributor can write in ``facts.toml`` (label, per, note, each source's title,
and a URL that is valid but full of Markdown) gets the payloads that escaped the HTML escaping
before (reliability review 2026-12-02, #3). The built pages must hold no link, image, attribute
or script that the data did not declare, and the text must read exactly as written. Dates are
not tried here: the schema refuses anything in them that is not a date (``test_fact_schema.py``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".git", ".venv", "node_modules", "site", ".cache", "build", ".hypothesis"}

PAYLOAD = (
    "Pay [x](javascript:alert(1)) ![i](https://evil.example/x.png) ![onmouseover=alert(2)// ](data:,x)"
    ' <script>alert(3)</script> <img src=x onerror=alert(4)> *em* __b__ `code` {: onclick="alert(5)" }'
    " [^1] <https://evil.example/auto> | a | b | &amp; ~~s~~ \\* # h"
)
URL_PAYLOAD = "/[x](https://evil.example/u)!(y)"
"""Appended to every source URL: characters a URL may hold, arranged as a Markdown link."""

STRING_KEY = re.compile(r'^(label|per|note|title|change) = "(.*)"$', re.M)
URL_KEY = re.compile(r'^url = "(https://[^"]*)"$', re.M)


def toml_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def poisoned(text: str) -> tuple[str, set[str]]:
    """The data file with the payload after every string and URL, and the URLs it now declares."""
    text = STRING_KEY.sub(lambda m: f'{m.group(1)} = "{m.group(2)} {toml_string(PAYLOAD)}"', text)
    text = URL_KEY.sub(lambda m: f'url = "{m.group(1)}{URL_PAYLOAD}"', text)
    return text, set(URL_KEY.findall(text))


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        # JSON-LD is data the browser never runs (the FAQ's answers quote figures as text).
        self._script = tag == "script" and dict(attrs).get("type") != "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and "alert(" in data:
            self.tags.append(("script-with-payload", {}))
        self.text.append(data)


def build_with(tree: Path, data: str) -> subprocess.CompletedProcess[str]:
    """A strict build of a copy of the project whose facts.toml is ``data``."""
    for item in ROOT.iterdir():
        if item.name in SKIP:
            continue
        if item.is_dir():
            shutil.copytree(item, tree / item.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(item, tree / item.name)
    (tree / "node_modules").symlink_to(ROOT / "node_modules")
    (tree / "calculators" / "data" / "facts.toml").write_text(data, "utf-8")
    env = {**os.environ, "PYTHONPATH": str(tree), "TMG_SNAPSHOT": "0", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tree / "site")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    tree = tmp_path_factory.mktemp("poisoned")
    text, urls = poisoned((ROOT / "calculators" / "data" / "facts.toml").read_text("utf-8"))
    done = build_with(tree, text)
    assert done.returncode == 0, f"the poisoned data must still build:\n{done.stdout}\n{done.stderr}"
    return tree / "site", urls


def broken_date(text: str) -> tuple[str, str]:
    """Review #7: a TOML error was reported as ``_File_: index.md`` with a line of facts.toml."""
    text = text.replace("reviewed = 2026-11-01", "reviewed = 2026-13-01", 1)
    return text, "2026-13-01"


def negative_percent(text: str) -> tuple[str, str]:
    """Review #2: a −4,400% engagement rate passed the build and was printed in prose."""
    start = text.index("[er_followers_brand_accounts]")
    at = text.index("value = ", start)
    end = text.index("\n", at)
    return text[:at] + "value = -4400" + text[end:], "value = -4400"


@pytest.mark.parametrize("mistake", [broken_date, negative_percent])
def test_a_broken_data_file_fails_the_build_naming_its_own_line(
    tmp_path: Path, mistake: Callable[[str], tuple[str, str]]
) -> None:
    original = (ROOT / "calculators" / "data" / "facts.toml").read_text("utf-8")
    broken, needle = mistake(original)
    line = broken[: broken.index(needle)].count("\n") + 1
    done = build_with(tmp_path, broken)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"calculators/data/facts.toml:{line}" in output
    assert "index.md" not in output


def test_the_payload_reaches_every_string_field() -> None:
    text, urls = poisoned((ROOT / "calculators" / "data" / "facts.toml").read_text("utf-8"))
    assert text.count(toml_string(PAYLOAD)) >= 3 * len(re.findall(r"^\[\w+\]$", text, re.M))
    assert urls
    assert all(url.endswith(URL_PAYLOAD) for url in urls)


def test_no_link_image_attribute_or_script_comes_from_the_data(poisoned_site: tuple[Path, set[str]]) -> None:
    site, declared = poisoned_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 10
    for path in pages:
        page = Page()
        page.feed(path.read_text("utf-8"))
        where = path.relative_to(site)
        for tag, attrs in page.tags:
            assert tag != "script-with-payload", f"{where}: a script holds the payload"
            assert not [name for name in attrs if name.startswith("on")], f"{where}: <{tag} {attrs}>"
            for name in ("href", "src", "srcset", "action", "data"):
                value = attrs.get(name, "")
                assert not value.lower().startswith(("javascript:", "data:")), f"{where}: <{tag} {name}={value!r}>"
                if "evil.example" in value:
                    assert (tag, name) == ("a", "href"), f"{where}: <{tag} {name}={value!r}>"
                    assert value in declared, f"{where}: an undeclared link {value!r}"


def test_the_text_reads_as_written(poisoned_site: tuple[Path, set[str]]) -> None:
    site, _ = poisoned_site
    quoted = 0
    for path in sorted(site.rglob("*.html")):
        html = path.read_text("utf-8")
        if 'class="tmg-fact"' not in html:
            continue
        page = Page()
        page.feed(html)
        text = "".join(page.text)
        assert PAYLOAD in text, f"{path.relative_to(site)}: the payload is not shown as written"
        quoted += 1
    assert quoted >= 5
    page = Page()
    page.feed((site / "methodology" / "index.html").read_text("utf-8"))
    assert f"Creator Rewards Program pay (RPM) {PAYLOAD}" in "".join(page.text)
