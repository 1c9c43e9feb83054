"""MkDocs hooks: the thin MkDocs side of ``site_build`` (the rest never imports MkDocs).

While pages render, calculators' HTML skips Markdown and is put back (``deferred.py``); after
the build, ``finish_site`` does what any generator's output needs (``finish.py``).

Loaded by path from ``mkdocs.yml`` (``hooks:``), so the project root is put on ``sys.path``
to import the packages like the macros plugin does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_build.bundle import ROOT
from site_build.deferred import enable, expand
from site_build.finish import finish_site

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
    """The runtime, the page index and the CSP (``site_build/finish.py``)."""
    # The Pyodide memory snapshot (site_build/snapshot.py): not for `mkdocs serve`, and TMG_SNAPSHOT=0 turns it off.
    snapshot = not _serving and os.environ.get("TMG_SNAPSHOT", "1") != "0"
    finish_site(Path(config["site_dir"]), snapshot=snapshot, dev=_serving)


def on_serve(server: Any, config: Any, builder: Any, **_: Any) -> Any:
    """Rebuild the preview when a calculator or a fact changes, not only when a page does."""
    server.watch(str(ROOT / "calculators"))
    server.watch(str(ROOT / "macros"))
    return server
