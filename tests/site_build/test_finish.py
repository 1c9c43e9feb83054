"""The one entry point (``python -m site_build SITE_DIR``) finishes a site no MkDocs hook touched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calculators.registry import get_calculator
from calculators.render import render_widget
from site_build.__main__ import main
from site_build.build_id import META_NAME as BUILD_META
from site_build.build_id import PLACEHOLDER as BUILD_PLACEHOLDER
from site_build.build_id import read_build
from site_build.csp import PLACEHOLDER
from site_build.deferred import MARKER_PREFIX, DeferredError
from site_build.finish import check_expanded
from site_build.page_index import INDEX_PATH
from site_build.shared import INTEGRITY_FILE, RUNTIME_DIR


def page(body: str) -> str:
    head = (
        f'<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">'
        f'<meta name="{BUILD_META}" content="{BUILD_PLACEHOLDER}"><script>var a = 1</script>'
    )
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """What a generator leaves: pages rendered with ``overrides/main.html``, nothing next to them."""
    (tmp_path / "index.html").write_text(page("<p>Home</p>"), "utf-8")
    (tmp_path / "likes").mkdir()
    (tmp_path / "likes" / "index.html").write_text(page(render_widget(get_calculator("likes"))), "utf-8")
    return tmp_path


def test_a_bare_generator_output_gets_runtime_index_and_policy(site: Path) -> None:
    assert main([str(site), "--no-snapshot"]) == 0
    manifest = json.loads((site / RUNTIME_DIR / INTEGRITY_FILE).read_text("utf-8"))["files"]
    assert "pyodide.asm.wasm" in manifest
    assert not any(name.startswith("snapshot-") for name in manifest)
    assert [c["name"] for c in json.loads((site / INDEX_PATH).read_text("utf-8"))["likes/"]] == ["likes"]
    for html in (site / "index.html", site / "likes" / "index.html"):
        text = html.read_text("utf-8")
        assert PLACEHOLDER not in text
        assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in text
        assert f'<meta name="{BUILD_META}" content="{read_build(site)}">' in text


def test_a_folder_that_is_not_a_built_site_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([str(tmp_path)])
    assert exit_info.value.code == 2
    assert "build the site first" in capsys.readouterr().err


def test_a_page_whose_calculator_never_came_back_is_named(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "likes" / "index.html").write_text(page(f"<p>{MARKER_PREFIX}0123456789abcdef0123--></p>"), "utf-8")
    with pytest.raises(DeferredError, match=r"likes/index\.html"):
        check_expanded(site)
    assert main([str(site), "--no-snapshot"]) == 1
    assert "likes/index.html" in capsys.readouterr().err
    assert not (site / RUNTIME_DIR).exists(), "nothing is written to a site that lost a calculator"
