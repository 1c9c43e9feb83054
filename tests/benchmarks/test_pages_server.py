"""The phone profiles' server sends what GitHub Pages sends: gzip for text and wasm, archives as they are."""

from __future__ import annotations

import gzip
import socket
import urllib.request
from pathlib import Path

from benchmarks.server import serve


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


def test_text_and_wasm_are_gzipped_archives_are_not_and_etags_answer_304(tmp_path: Path) -> None:
    wasm = bytes(range(256)) * 400
    (tmp_path / "a.wasm").write_bytes(wasm)
    (tmp_path / "b.zip").write_bytes(b"PK" + bytes(1000))
    (tmp_path / "index.html").write_text("<p>hello</p>" * 100, "utf-8")
    with serve(tmp_path, free_port(), like_pages=True) as (base, log):
        status, headers, body = get(base + "a.wasm", **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert headers["Content-Type"] == "application/wasm"
        assert gzip.decompress(body) == wasm
        assert headers["Cache-Control"] == "max-age=600"

        status, headers, body = get(base + "b.zip", **{"Accept-Encoding": "gzip"})
        assert "Content-Encoding" not in headers
        assert len(body) == 1002

        status, headers, _ = get(base, **{"Accept-Encoding": "gzip"})
        assert headers["Content-Type"].startswith("text/html")
        assert headers["Content-Encoding"] == "gzip"
        status, _, body = get(base, **{"If-None-Match": headers["ETag"]})
        assert status == 304
        assert body == b""

        sent = {entry.path: entry.body_bytes for entry in log.take() if entry.status == 200}
    assert sent["/a.wasm"] < len(wasm), "the log counts the bytes on the wire"
