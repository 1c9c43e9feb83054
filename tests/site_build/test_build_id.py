"""The build identity: what changes it, where it is written, and that a built site carries one.

The browser side (a worker computes only for pages of its build, and is replaced for a page of a
newer one) is tested in Chromium across a real deploy: tests/e2e/test_redeploy.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_build.build_id import (
    LENGTH,
    META_NAME,
    PLACEHOLDER,
    BuildIdError,
    build_identity,
    manifest,
    read_build,
    stamp_pages,
)
from site_build.shared import INTEGRITY_FILE, RUNTIME_DIR

FILES = {"pyodide.asm.wasm": "sha256-AAAA", "pyodide-lock.json": "sha256-BBBB"}
META = f'<meta name="{META_NAME}" content="{PLACEHOLDER}">'


def page(head: str = META, body: str = "<p>text</p>") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "assets" / "js" / "runtime").mkdir(parents=True)
    (tmp_path / "assets" / "js" / "calculators.js").write_text("// entry\n")
    (tmp_path / "assets" / "js" / "runtime" / "boot.js").write_text("// boot\n")
    (tmp_path / "index.html").write_text(page())
    (tmp_path / "likes").mkdir()
    (tmp_path / "likes" / "index.html").write_text(page(body="<p>likes</p>"))
    return tmp_path


def test_the_identity_follows_the_runtime_files_and_the_scripts_not_the_pages(site: Path) -> None:
    first = build_identity(FILES, site)
    assert re.fullmatch(rf"[0-9a-f]{{{LENGTH}}}", first)
    assert build_identity(dict(reversed(list(FILES.items()))), site) == first, "order does not matter"
    (site / "likes" / "index.html").write_text(page(body="<p>other words</p>"))
    assert build_identity(FILES, site) == first, "a text-only deploy keeps the running Python"
    assert build_identity({**FILES, "pyodide-lock.json": "sha256-CCCC"}, site) != first, "new data (wheel)"
    assert build_identity({**FILES, "snapshot-1.bin.gz": "sha256-DDDD"}, site) != first
    (site / "assets" / "js" / "runtime" / "boot.js").write_text("// boot, changed\n")
    assert build_identity(FILES, site) != first, "new browser runtime"


def test_the_manifest_holds_the_identity_and_the_files(site: Path) -> None:
    written = manifest(FILES, site)
    assert written == {"build": build_identity(FILES, site), "files": FILES}


def test_every_page_is_stamped_and_stamped_again_by_a_later_build(site: Path) -> None:
    assert stamp_pages(site, "1111222233334444") == 2
    for html in (site / "index.html", site / "likes" / "index.html"):
        text = html.read_text()
        assert f'<meta name="{META_NAME}" content="1111222233334444">' in text
        assert PLACEHOLDER not in text
    stamp_pages(site, "aaaabbbbccccdddd")  # `mkdocs serve --dirty`, or a finished site finished again
    assert '<meta name="tmg-build" content="aaaabbbbccccdddd">' in (site / "index.html").read_text()


@pytest.mark.parametrize("head", ["", META + META], ids=["missing", "twice"])
def test_a_page_without_exactly_one_meta_is_named(site: Path, head: str) -> None:
    (site / "likes" / "index.html").write_text(page(head=head))
    with pytest.raises(BuildIdError, match=r"likes/index\.html has [02] build-identity metas"):
        stamp_pages(site, "1111222233334444")


def test_read_build_reads_the_runtime_manifest(tmp_path: Path) -> None:
    (tmp_path / RUNTIME_DIR).mkdir()
    (tmp_path / RUNTIME_DIR / INTEGRITY_FILE).write_text(json.dumps({"build": "0123456789abcdef", "files": FILES}))
    assert read_build(tmp_path) == "0123456789abcdef"


def test_the_built_site_carries_one_identity_on_every_page_and_in_the_runtime(site_dir: Path) -> None:
    build = read_build(site_dir)
    data = json.loads((site_dir / RUNTIME_DIR / INTEGRITY_FILE).read_text("utf-8"))
    assert data["build"] == build_identity(data["files"], site_dir), "the identity of what was shipped"
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 12
    for html in pages:
        metas = re.findall(rf'<meta name="{META_NAME}" content="([^"]*)">', html.read_text("utf-8"))
        assert metas == [build], html.relative_to(site_dir)
