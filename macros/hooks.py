"""MkDocs hooks: put the Python runtime next to the built pages.

Loaded by path from ``mkdocs.yml`` (``hooks:``), so the project root is put on ``sys.path``
to import the ``macros`` package like the macros plugin does.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.bundle import ROOT, write_runtime


def on_post_build(config: Any, **_: Any) -> None:
    """Copy Pyodide's core files, the calculators wheel and its lock file into the site."""
    write_runtime(Path(config["site_dir"]))


def on_serve(server: Any, config: Any, builder: Any, **_: Any) -> Any:
    """Rebuild the preview when a calculator or a fact changes, not only when a page does."""
    server.watch(str(ROOT / "calculators"))
    server.watch(str(ROOT / "macros"))
    return server
