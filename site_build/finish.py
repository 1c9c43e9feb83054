"""The one entry point: finish a built site so its calculators run (``python -m site_build site/``).

Works on the output folder of any generator (MkDocs through ``hooks.py``, Zensical, or
another that renders the same pages with ``overrides/main.html``): it reads only the HTML
files, and writes what they need next to them, in this order:

1. the Python runtime in ``pyodide/`` (``bundle.py``, with the snapshot of ``snapshot.py``), whose
   ``integrity.json`` names the build (``build_id.py``);
2. that build identity in every page (``build_id.py``), so a page and a worker of different
   builds never meet unnoticed;
3. the calculator page index (``page_index.py``), read from the built forms;
4. the Atom feed of rule changes (``feed.py``), from the facts' history;
5. link previews: Open Graph and Twitter card tags with a picture per page (``social.py``);
6. the Content-Security-Policy in every page (``csp.py``), once every page is final;
7. the service worker (``offline.py``), last: it lists every final file with a revision.

Deferred calculator HTML (``deferred.py``) is put back while pages render, by the generator's
hook; a marker still in a built page means no hook did, and that page would lose its
calculator, so it stops the build here with the page's name.
"""

from __future__ import annotations

from pathlib import Path

from site_build.build_id import read_build, stamp_pages
from site_build.bundle import write_runtime
from site_build.csp import fill_site
from site_build.deferred import MARKER_PREFIX, DeferredError
from site_build.feed import write_feed
from site_build.offline import write_service_worker
from site_build.page_index import write_index
from site_build.social import write_social


def check_expanded(site_dir: Path) -> None:
    """Raise if a built page still holds a deferred marker (its calculator's HTML never came back)."""
    left = [
        path.relative_to(site_dir).as_posix()
        for path in sorted(site_dir.rglob("*.html"))
        if MARKER_PREFIX in path.read_text("utf-8")
    ]
    if left:
        raise DeferredError(
            f"deferred calculator HTML was never put back in: {', '.join(left)}"
            " (the page-content hook that calls site_build.deferred.expand did not run)"
        )


def finish_site(site_dir: Path, *, snapshot: bool = True, dev: bool = False) -> None:
    """Everything the built pages of ``site_dir`` need to run their calculators.

    ``snapshot``: ship the Pyodide memory snapshot (``snapshot.py``). ``dev``: the policy allows
    inline scripts, and no service worker is written (a live-reloading preview must never be
    served from a cache), for a preview server only (``mkdocs serve``).
    """
    check_expanded(site_dir)
    write_runtime(site_dir, snapshot=snapshot)
    stamp_pages(site_dir, read_build(site_dir))
    write_index(site_dir)
    write_feed(site_dir)
    write_social(site_dir)
    fill_site(site_dir, dev=dev)
    if not dev:
        write_service_worker(site_dir)
