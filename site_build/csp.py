"""The Content-Security-Policy every page carries, as a ``<meta http-equiv>`` (static hosts set no headers).

The theme override (``overrides/main.html``) writes a placeholder meta at the top of every page's
``<head>``; after the build, ``fill_site`` hashes every inline script of every page and writes ONE
policy, identical on all pages, into each. One identical policy matters: Material's instant
navigation keeps ``<head>`` elements that are equal and appends those that differ, and a CSP meta
added to a live document adds a policy that can never be removed again.

Why each part (details in CONTRIBUTING / the issue):

- ``default-src 'self'``: nothing from another host, ever.
- ``script-src 'self' 'wasm-unsafe-eval' 'sha256-…'``: our scripts and Material's bundle are files;
  Material's small inline scripts (storage helpers, palette, tabs) are allowed by their hash, so an
  injected inline script or ``on…=`` attribute is not. ``'wasm-unsafe-eval'`` lets WebAssembly
  compile (Pyodide) without allowing JavaScript ``eval``. Note: a worker loaded from a URL is
  governed by its own response's headers, not by this meta (checked in Chromium: Python starts even
  with this keyword removed); it is kept so the policy stays right if Python ever runs on the page
  itself, and so the same text can be sent as a header. A host sending headers should give the
  worker script ``script-src 'self' blob: 'wasm-unsafe-eval'`` (it imports the checked Pyodide
  modules as ``blob:`` URLs; see pyodide-worker.js).
- ``style-src 'self'``: Material and the calculators use stylesheet files only; the chart's SVG uses
  classes, and Material sets positions through the CSSOM, which a policy does not restrict.
- ``img-src 'self' data:``: Material's icons in CSS are ``data:`` SVG masks.
- ``connect-src 'self'``, ``worker-src 'self'``: the Pyodide and search workers, and their fetches.
- ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``: no plugins, no ``<base>``
  hijacking, no form posting elsewhere.

No MkDocs import: the hook in ``site_build/hooks.py`` only calls ``fill_site``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

PLACEHOLDER = "tmg-csp-placeholder"
"""What ``overrides/main.html`` puts in the meta's ``content``; every page must carry it once."""

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}

DIRECTIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'", "'wasm-unsafe-eval'")),
    ("style-src", ("'self'",)),
    ("img-src", ("'self'", "data:")),
    ("font-src", ("'self'",)),
    ("connect-src", ("'self'",)),
    ("worker-src", ("'self'",)),
    ("manifest-src", ("'self'",)),
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'self'",)),
)


class CspError(RuntimeError):
    """A built page cannot carry the policy (no placeholder, or more than one)."""


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTR.finditer(text)}


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run (``src``-less, JavaScript type)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs = _attributes(match.group("attrs"))
        if "src" in attrs:
            continue
        if attrs.get("type", "").strip().lower() not in _JS_TYPES:
            continue  # data blocks (application/json, application/ld+json) never run
        found.append(match.group("body"))
    return found


def script_hash(body: str) -> str:
    """The CSP hash source of one inline script, as the browser computes it (UTF-8, exact text)."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes: Iterable[str] = (), *, dev: bool = False) -> str:
    """The policy text. ``dev`` (``mkdocs serve`` only) allows inline scripts for live reload."""
    parts = []
    for name, sources in DIRECTIVES:
        values = list(sources)
        if name == "script-src":
            values += ["'unsafe-inline'"] if dev else sorted(set(hashes))
        parts.append(f"{name} {' '.join(values)}")
    return "; ".join(parts)


def fill_site(site_dir: Path, *, dev: bool = False) -> str:
    """Write one policy, allowing every inline script of every page by hash, into every page."""
    pages = sorted(site_dir.rglob("*.html"))
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    hashes = {script_hash(body) for text in texts.values() for body in inline_scripts(text)}
    text_policy = policy(hashes, dev=dev)
    for path, text in texts.items():
        count = text.count(PLACEHOLDER)
        if count == 0 and dev:
            continue  # `mkdocs serve --dirty` left this page as it was, policy included
        if count != 1:
            raise CspError(
                f"{path.relative_to(site_dir)}: expected the CSP placeholder once, found {count}"
                " (is overrides/main.html in use?)"
            )
        path.write_text(text.replace(PLACEHOLDER, text_policy), encoding="utf-8")
    return text_policy
