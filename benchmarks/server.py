"""The tests' static server (``tools/server.py``: same MIME types, same cache headers), or one that
serves like GitHub Pages (``pages_server.py``), recording every response so the benchmark can
count bytes per file and spot anything downloaded twice."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from benchmarks.pages_server import PagesHandler
from tools.server import Handler


@dataclass(frozen=True)
class Served:
    """One response: the path asked for, its status and the body bytes sent (0 for a 304)."""

    path: str
    status: int
    body_bytes: int


@dataclass
class RequestLog:
    """Thread-safe list of responses; ``take()`` returns and clears it (one measured visit)."""

    entries: list[Served] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, entry: Served) -> None:
        with self.lock:
            self.entries.append(entry)

    def take(self) -> list[Served]:
        with self.lock:
            taken, self.entries = self.entries, []
        return taken


class Recording:
    """Mixed into a request handler: every GET's status and body bytes go to ``log``."""

    log: RequestLog  # set on the subclass made by serve()
    command: str
    path: str

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        self._length = 0
        super().send_response(code, message)  # type: ignore[misc]

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-length":
            self._length = int(value)
        super().send_header(keyword, value)  # type: ignore[misc]

    def end_headers(self) -> None:
        super().end_headers()  # type: ignore[misc]
        if self.command == "GET":
            status = getattr(self, "_status", 0)
            body = getattr(self, "_length", 0) if status == 200 else 0
            self.log.add(Served(unquote(urlsplit(self.path).path), status, body))


@contextmanager
def serve(
    directory: Path, port: int, host: str = "127.0.0.1", *, like_pages: bool = False
) -> Iterator[tuple[str, RequestLog]]:
    """Serve ``directory`` on ``host:port``; yields the base URL and the log of responses.

    ``like_pages``: compress and cache as GitHub Pages does (``pages_server.py``), so the log's
    body bytes are the bytes on the wire; otherwise as the tests serve the site (uncompressed).
    """
    log = RequestLog()
    base = PagesHandler if like_pages else Handler
    handler_class: type[Any] = type("BenchHandler", (Recording, base), {"log": log})

    def make(*args: Any, **kwargs: Any) -> Any:
        return handler_class(*args, directory=str(directory), **kwargs)

    server = ThreadingHTTPServer((host, port), make)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()
