"""A static server that sends what GitHub Pages sends, for the phone profiles (``benchmarks/phone.py``).

What a reader's phone downloads depends on the host, so the phone profiles are served the way
the guide is deployed (GitHub Pages), not the way the tests serve it (``tools/server.py``):

- gzip on the fly (``Content-Encoding: gzip``) for the types GitHub Pages compresses, the wasm
  included: pyodide/pyodide#235 ("gzip compressed when served from Github Pages"),
  maxence-charriere/go-app#866 (checked on a wasm, 2023). No brotli: GitHub Pages does not offer
  it. Archives (``.zip``, ``.gz``, ``.whl``), images and fonts are sent as they are. Level 6
  (zlib's default; GitHub does not publish its level; level 9 differs by under 0.5%).
- ``Cache-Control: max-age=600``, an ``ETag`` and 304 for a matching ``If-None-Match``.
- Compressed bodies are made once per file, so compressing costs no CPU while a visit is measured
  (a CDN serves them from its cache too).

Measured by the mobile performance review (``../shared/reviews/mobile-performance.md``, Method).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".gz": "application/gzip",
    ".whl": "application/octet-stream",
    ".png": "image/png",
    ".woff2": "font/woff2",
}
COMPRESSED_TYPES = (
    "text/html",
    "text/css",
    "text/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "image/svg+xml",
    "text/plain",
    "application/wasm",
)
LEVEL = 6


class _Bodies:
    """Each file's bytes, gzip body and ETag, made once (keyed by path and modification time)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.made: dict[tuple[str, float], tuple[bytes, bytes | None, str]] = {}

    def get(self, path: Path, content_type: str) -> tuple[bytes, bytes | None, str]:
        key = (str(path), path.stat().st_mtime)
        with self.lock:
            found = self.made.get(key)
        if found:
            return found
        raw = path.read_bytes()
        zipped = gzip.compress(raw, LEVEL, mtime=0) if content_type.split(";")[0] in COMPRESSED_TYPES else None
        made = (raw, zipped, '"' + hashlib.sha1(raw).hexdigest()[:16] + '"')
        with self.lock:
            self.made[key] = made
        return made


BODIES = _Bodies()


class PagesHandler(SimpleHTTPRequestHandler):
    """GET and HEAD as GitHub Pages answers them (see the module's docstring)."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        if not path.is_file():
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        content_type = TYPES.get(path.suffix.lower(), "application/octet-stream")
        raw, zipped, etag = BODIES.get(path, content_type)
        use_gzip = zipped is not None and "gzip" in self.headers.get("Accept-Encoding", "")
        if self.headers.get("If-None-Match") == etag:
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._common(etag)
            self.end_headers()
            return None
        body = zipped if use_gzip and zipped is not None else raw
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self._common(etag)
        self.end_headers()
        return _Body(body)

    def _common(self, etag: str) -> None:
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("ETag", etag)
        self.send_header("Vary", "Accept-Encoding")

    def copyfile(self, source: Any, outputfile: Any) -> None:
        # The browser may give up on a response (a closed tab): nothing more to send then.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            outputfile.write(source.data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the benchmark's log is its request log."""


class _Body:
    """What ``send_head`` returns for ``copyfile``: the bytes to send."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def close(self) -> None:
        pass
