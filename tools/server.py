"""A static file server on localhost for the built site (tests and benchmarks).

``http.server`` with the MIME types Pyodide needs (``.mjs``, ``.wasm``) and the cache
headers ``DEPLOYING.md`` recommends for hosts, run in a daemon thread. ``content_types`` makes it
misbehave like a simple host does (``.wasm`` as ``application/octet-stream``, say) for the
fault tests.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

EXTRA_TYPES = {".mjs": "text/javascript", ".wasm": "application/wasm", ".whl": "application/zip"}
LONG_CACHE_DIRS = ("/pyodide/", "/assets/stylesheets/", "/assets/javascripts/bundle.", "/assets/javascripts/workers/")
"""Paths cached for a year, as ``DEPLOYING.md`` recommends to hosts: the runtime, whose
files the worker checks against ``pyodide/integrity.json`` (always revalidated) and re-fetches
if a cached copy is stale, and Material's bundles, whose names carry a content hash."""


class Handler(SimpleHTTPRequestHandler):
    # The base class declares an instance attribute, so mypy rejects ClassVar here.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **EXTRA_TYPES}  # noqa: RUF012

    def end_headers(self) -> None:
        if any(self.path.split("?")[0].startswith(d) for d in LONG_CACHE_DIRS):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: test output should show failures, not every request."""


@contextmanager
def serve(
    directory: Path, host: str = "127.0.0.1", port: int = 0, content_types: Mapping[str, str] | None = None
) -> Iterator[str]:
    """Serve ``directory``; yields the base URL (``http://127.0.0.1:PORT/``).

    ``content_types``: ``{".suffix": "type"}`` sent instead of the right types (a host that gets them wrong).
    """
    handler_class = Handler
    if content_types:
        wrong = dict(content_types)

        class Mislabelling(Handler):
            extensions_map = {**Handler.extensions_map, **wrong}  # noqa: RUF012

        handler_class = Mislabelling
    handler = functools.partial(handler_class, directory=str(directory))
    server = ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
