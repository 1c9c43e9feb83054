"""MkDocs hooks: put the Python runtime next to the built pages, and the CSP into them.

Loaded by path from ``mkdocs.yml`` (``hooks:``), so the project root is put on ``sys.path``
to import the ``macros`` package like the macros plugin does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_build.bundle import ROOT, write_runtime
from site_build.csp import fill_site
from site_build.deferred import enable, expand
from site_build.page_index import write_index

_serving = False


def on_startup(command: str, **_: Any) -> None:
    """Remember whether this is ``mkdocs serve``, whose live reload injects an inline script."""
    global _serving
    _serving = command == "serve"


def on_config(config: Any, **_: Any) -> Any:
    """Let the macros hand large HTML over whole (``site_build/deferred.py``): this hook puts it back."""
    enable()
    return config


def on_page_content(html: str, **_: Any) -> str:
    """Put the calculators' deferred HTML back into the page (``site_build/deferred.py``)."""
    return expand(html)


def on_post_build(config: Any, **_: Any) -> None:
    """Copy Pyodide's core files, the calculators wheel and its lock file into the site; index the
    calculator pages (``site_build/page_index.py``); fill in the CSP."""
    # The Pyodide memory snapshot (site_build/snapshot.py): not for `mkdocs serve`, and TMG_SNAPSHOT=0 turns it off.
    snapshot = not _serving and os.environ.get("TMG_SNAPSHOT", "1") != "0"
    write_runtime(Path(config["site_dir"]), snapshot=snapshot)
    write_index(Path(config["site_dir"]))
    fill_site(Path(config["site_dir"]), dev=_serving)


def on_serve(server: Any, config: Any, builder: Any, **_: Any) -> Any:
    """Rebuild the preview when a calculator or a fact changes, not only when a page does."""
    server.watch(str(ROOT / "calculators"))
    server.watch(str(ROOT / "macros"))
    return server
