"""Calculators skip Markdown: a marker now, their HTML later.

Why: a macro's HTML goes back into the page's Markdown, and Python-Markdown then parses every
tag of it again (its raw-HTML extraction is pure Python) only to copy it through unchanged, a
cost the build-time budget pays (``build_ratio`` in ``benchmarks/budgets.py``). So when the build
hook is active, ``defer()`` stores the HTML and returns an HTML comment naming it; Markdown passes
the comment through; the hook's ``on_page_content`` puts the HTML back (``expand()``) before
anything else reads the page (search indexing, the theme), so the built page is byte-for-byte
what it would be otherwise.

One thing MkDocs no longer sees is the ``id``s inside deferred HTML: ``mkdocs build --strict``
checks links to anchors against what Markdown produced, so link to the heading above a
calculator, never into it. HTML that other pages link into (the sources table) is not deferred.

Without the hook (another tool rendering the macros, a unit test) nothing is deferred: ``defer()``
returns the HTML itself. Keys are content hashes, so the same output on several pages, or on the
next ``mkdocs serve`` rebuild, is stored once.

No MkDocs import: ``site_build/hooks.py`` turns it on and calls ``expand``.
"""

from __future__ import annotations

import hashlib
import re

_stash: dict[str, str] = {}
_enabled = False

MARKER_PREFIX = "<!--tmg-deferred:"
"""How every marker starts; one left in a built page means its HTML never came back."""

_MARKER = re.compile(r"(?P<p><p>)?<!--tmg-deferred:(?P<key>[0-9a-f]{20})-->(?(p)</p>)")
"""A marker, with the paragraph Markdown wraps it in when a macro was written inside one."""


class DeferredError(RuntimeError):
    """A marker whose HTML is not stored: it would have vanished from the page silently."""


def enable(on: bool = True) -> None:
    """Called by the build hook, which is what expands the markers."""
    global _enabled
    _enabled = on


def defer(html: str) -> str:
    """A marker standing for ``html`` when the hook will expand it; else ``html`` itself."""
    if not _enabled:
        return html
    key = hashlib.sha256(html.encode("utf-8")).hexdigest()[:20]
    _stash[key] = html
    return f"\n\n{MARKER_PREFIX}{key}-->\n\n"


def expand(html: str) -> str:
    """The page's HTML with every marker replaced by the HTML it stands for."""

    def put_back(match: re.Match[str]) -> str:
        key = match.group("key")
        try:
            return _stash[key]
        except KeyError:
            raise DeferredError(f"deferred macro output {key} was never stored (was the page rendered?)") from None

    return _MARKER.sub(put_back, html)
