"""Which calculators each built page holds, and their forms' first values: ``assets/calculator-pages.json``.

Why: when a reader points at or clicks a link to another calculator page while Python is
already running, the runtime (``calculators.js``) asks Python for that page's figures at once,
so they are ready when Material's instant navigation has swapped the page in (``benchmarks/``:
first live result after instant navigation). To do that before the page arrives it needs to
know, per page, which calculators it holds and the values their forms will start with.

The index is read from the built HTML, not from the macros' calls, so it describes exactly
what was shipped. A field is ``[name, value, kind]`` with kind ``text``, ``checkbox`` or
``select``; a select adds its option values (a value from a link's query string that is not
an option leaves the select empty, as the browser does). The runtime treats the index as a
hint: it uses a prepared result only if the form really holds the values it was computed for.

No MkDocs import: the hook in ``site_build/hooks.py`` calls ``write_index``.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from site_build.shared import PAGE_INDEX

INDEX_PATH = PAGE_INDEX
"""Where the index goes, relative to the site root (``runtime/prefetch.js`` reads it from there)."""

_WIDGET = re.compile(r"\sdata-calculator=")

Field = list[Any]
"""``[name, value, kind]``, or ``[name, value, "select", [option values]]``."""


class _FormReader(HTMLParser):
    """Collects each ``data-calculator`` element's named form controls, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.calculators: list[dict[str, Any]] = []
        self._select: Field | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v if v is not None else "" for k, v in attrs}
        if "data-calculator" in attr:
            self.calculators.append({"name": attr["data-calculator"], "fields": []})
            return
        if not self.calculators:
            return
        fields: list[Field] = self.calculators[-1]["fields"]
        name = attr.get("name")
        if tag == "input" and name:
            if attr.get("type", "text") == "checkbox":
                fields.append([name, "true" if "checked" in attr else "false", "checkbox"])
            else:
                fields.append([name, attr.get("value", ""), "text"])
        elif tag == "select" and name:
            self._select = [name, None, "select", []]
            self._first_option = None
            fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = attr.get("value", "")
            self._select[3].append(value)
            if self._first_option is None:
                self._first_option = value
            if "selected" in attr:
                self._select[1] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            if self._select[1] is None:  # no option marked selected: the browser shows the first
                self._select[1] = self._first_option or ""
            self._select = None


def calculators_in(html: str) -> list[dict[str, Any]]:
    """The calculators of one page, each ``{"name": ..., "fields": [...]}``.

    Only each widget's opening tag and form are parsed: ``html.parser`` is pure Python, and a
    whole page would cost the build-time budget (``build_ratio`` in ``benchmarks/budgets.py``)
    far more than its forms.
    """
    reader = _FormReader()
    for match in _WIDGET.finditer(html):
        start = html.rfind("<", 0, match.start())
        end = html.find("</form>", match.end())
        reader.feed(html[start : len(html) if end < 0 else end + len("</form>")])
    reader.close()
    return reader.calculators


def page_path(site_dir: Path, html_file: Path) -> str:
    """The page's address relative to the site root, as links use it (``likes/``, or ``""`` for home)."""
    relative = html_file.relative_to(site_dir).as_posix()
    return relative.removesuffix("index.html")


def build_index(site_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Every built page that holds a calculator, by path, sorted (a stable file)."""
    index: dict[str, list[dict[str, Any]]] = {}
    for html_file in sorted(site_dir.rglob("*.html")):
        text = html_file.read_text("utf-8")
        if "data-calculator=" not in text:
            continue
        found = calculators_in(text)
        if found:
            index[page_path(site_dir, html_file)] = found
    return index


def write_index(site_dir: Path) -> Path:
    """Write the index; the file is rewritten only when its content changes (``mkdocs serve`` reloads)."""
    target = site_dir / INDEX_PATH
    text = json.dumps(build_index(site_dir), separators=(",", ":"), sort_keys=True) + "\n"
    if not target.exists() or target.read_text("utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    return target
