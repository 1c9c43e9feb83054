"""The Content-Security-Policy: which inline scripts it allows, what it forbids, one policy per site."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_build.csp import PLACEHOLDER, CspError, fill_site, inline_scripts, policy, script_hash

META = f'<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">'


def directives(text: str) -> dict[str, list[str]]:
    parsed = {}
    for part in text.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_inline_scripts_are_the_ones_a_browser_runs() -> None:
    html = (
        "<script>a=1</script>"
        '<script type="module">b=2</script>'
        "<SCRIPT type='text/javascript'>c=3</SCRIPT>"
        '<script src="x.js"></script>'
        '<script id="__config" type="application/json">{"d": 4}</script>'
        '<script type="application/ld+json">{"e": 5}</script>'
    )
    assert inline_scripts(html) == ["a=1", "b=2", "c=3"]


def test_hash_is_the_browsers() -> None:
    # The empty script's hash, as Chromium prints it in its CSP error messages.
    assert script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    assert script_hash("é") != script_hash("e")


def test_policy_allows_what_the_site_needs_and_nothing_inline() -> None:
    parsed = directives(policy(["'sha256-abc='"]))
    assert parsed["default-src"] == ["'self'"]
    assert parsed["script-src"] == ["'self'", "'wasm-unsafe-eval'", "'sha256-abc='"]
    assert parsed["style-src"] == ["'self'"]
    assert parsed["connect-src"] == ["'self'"]
    assert parsed["worker-src"] == ["'self'"]
    assert parsed["object-src"] == ["'none'"]
    assert parsed["base-uri"] == ["'self'"]
    text = policy(["'sha256-abc='"])
    assert "unsafe-inline" not in text
    assert "'unsafe-eval'" not in text
    assert "*" not in text
    assert "http" not in text, "no other host"


def test_dev_policy_allows_live_reload_and_nothing_else_more() -> None:
    dev = directives(policy(["'sha256-abc='"], dev=True))
    prod = directives(policy(["'sha256-abc='"]))
    assert dev["script-src"] == ["'self'", "'wasm-unsafe-eval'", "'unsafe-inline'"]
    assert {k: v for k, v in dev.items() if k != "script-src"} == {k: v for k, v in prod.items() if k != "script-src"}


def page(body: str) -> str:
    return f"<html><head>{META}</head><body>{body}</body></html>"


def test_fill_site_writes_one_policy_with_every_pages_scripts(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(page("<script>one()</script>"), encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(page("<script>two()</script><script>one()</script>"), encoding="utf-8")
    text = fill_site(tmp_path)
    assert script_hash("one()") in text
    assert script_hash("two()") in text
    for path in (tmp_path / "index.html", tmp_path / "a" / "index.html"):
        html = path.read_text(encoding="utf-8")
        assert PLACEHOLDER not in html
        assert f'content="{text}"' in html, "the same policy on every page"


def test_fill_site_refuses_a_page_without_the_theme_override(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><head></head></html>", encoding="utf-8")
    with pytest.raises(CspError, match=r"index\.html: expected the CSP placeholder once, found 0"):
        fill_site(tmp_path)


def test_fill_site_while_serving_skips_pages_a_dirty_rebuild_kept(tmp_path: Path) -> None:
    (tmp_path / "kept.html").write_text("<html><head><meta content='old policy'></head></html>", encoding="utf-8")
    (tmp_path / "new.html").write_text(page(""), encoding="utf-8")
    text = fill_site(tmp_path, dev=True)
    assert "'unsafe-inline'" in text
    assert "old policy" in (tmp_path / "kept.html").read_text(encoding="utf-8")
