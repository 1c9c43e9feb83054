"""Checks on the built HTML: content, calculators, links, and nothing loaded from elsewhere."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from calculators.registry import calculators
from tests.pages import nav_docs

ROOT = Path(__file__).resolve().parents[2]
LOADING_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "track": ("src",),
    "input": ("src",),
}
LOADING_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "modulepreload",
    "prefetch",
    "manifest",
    "apple-touch-icon",
    "preconnect",
}
PLACEHOLDERS = re.compile(r"\b(lorem ipsum|coming soon|TODO|TBD|FIXME)\b", re.IGNORECASE)


class Page(HTMLParser):
    """Everything a test needs from one built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self._in_article = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "name" in attrs and tag == "a":
            self.ids.add(attrs["name"])
        for attr in LOADING_ATTRS.get(tag, ()):
            if attrs.get(attr):
                self.loads += [part.strip().split(" ")[0] for part in attrs[attr].split(",")]
        if tag == "link" and LOADING_RELS & set(attrs.get("rel", "").split()):
            self.loads.append(attrs.get("href", ""))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "article":
            self._in_article += 1
        if tag in ("script", "style"):
            self._skip += 1
        style = attrs.get("style", "")
        self.loads += re.findall(r"url\(['\"]?([^'\")]+)", style)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._in_article and not self._skip:
            self.text.append(data)


@cache
def parse_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text("utf-8"))
    return page


def built_path(site_dir: Path, doc: str) -> Path:
    stem = doc.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site_dir / stem.removesuffix("index") / "index.html"
    return site_dir / stem / "index.html"


def html_files(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if "pyodide" not in p.parts)


def test_every_nav_page_has_real_content(site_dir: Path) -> None:
    pages = nav_docs()
    assert len(pages) >= 12
    for doc in pages:
        assert (ROOT / "docs" / doc).exists(), f"{doc} is in the nav but missing"
        text = " ".join(parse_page(built_path(site_dir, doc)).text)
        words = len(text.split())
        assert words >= 150, f"{doc} has only {words} words"
        assert not PLACEHOLDERS.search(text), f"{doc} has placeholder text: {PLACEHOLDERS.search(text)}"
        assert "{{" not in text, f"{doc} has an unrendered macro"
        html = built_path(site_dir, doc).read_text("utf-8")
        assert "<!-- calculator:" not in html, f"{doc} has a calculator marker"
        assert "tmg-deferred" not in html, f"{doc} kept a deferred macro's marker (site_build/deferred.py)"


def test_no_page_loads_anything_from_another_host(site_dir: Path) -> None:
    offenders = []
    for path in html_files(site_dir):
        for url in parse_page(path).loads:
            if urlparse(url).netloc or url.startswith("//"):
                offenders.append(f"{path.relative_to(site_dir)}: {url}")
    for css in site_dir.rglob("*.css"):
        for url in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text("utf-8")):
            if urlparse(url).netloc:
                offenders.append(f"{css.relative_to(site_dir)}: {url}")
        assert "@import url(http" not in css.read_text("utf-8")
    assert not offenders, offenders


def test_internal_links_and_anchors_resolve(site_dir: Path, site_port: int) -> None:
    origin = f"http://127.0.0.1:{site_port}/"  # the SITE_URL the site was built for
    broken = []
    for path in html_files(site_dir):
        base = origin + path.relative_to(site_dir).as_posix()
        for href in parse_page(path).links:
            target = urlparse(urljoin(base, href))
            if f"{target.scheme}://{target.netloc}/" != origin:
                continue
            file = site_dir / unquote(target.path).lstrip("/")
            if file.is_dir():
                file = file / "index.html"
            if not file.exists():
                broken.append(f"{path.relative_to(site_dir)} → {href}")
            elif target.fragment and file.suffix == ".html" and target.fragment not in parse_page(file).ids:
                broken.append(f"{path.relative_to(site_dir)} → {href} (no such anchor)")
    assert not broken, broken


def test_every_calculator_is_on_its_page_with_precomputed_figures(site_dir: Path) -> None:
    for calc in calculators().values():
        assert calc.page, f"{calc.name} declares no page"
        html = built_path(site_dir, calc.page).read_text("utf-8")
        assert f'data-calculator="{calc.name}"' in html, f"{calc.name} is not on {calc.page}"
        widget = html.split(f'data-calculator="{calc.name}"', 1)[1]
        assert re.search(r'<td[^>]*class="tmg-num[^"]*"[^>]*>[^<]*\d', widget), f"{calc.name} has no figures"


@pytest.mark.parametrize("needed", ["pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"])
def test_the_python_runtime_is_self_hosted(site_dir: Path, needed: str) -> None:
    assert (site_dir / "pyodide" / needed).exists()


def test_the_lock_file_ships_the_calculators_wheel(site_dir: Path) -> None:
    import json

    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text("utf-8"))
    package = lock["packages"]["tiktok-money-calculators"]
    assert (site_dir / "pyodide" / package["file_name"]).exists()
    assert package["imports"] == ["calculators"]


UNPACK_JS = """
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { xorDataSegments } from "./docs/assets/js/runtime/snapshot-delta.js";
const [gz, wasm] = process.argv.slice(1);
const image = xorDataSegments(gunzipSync(readFileSync(gz)), new Uint8Array(readFileSync(wasm)));
console.log(`sha256-${createHash("sha256").update(image).digest("base64")}`);
"""


def test_the_kept_unpacked_snapshot_is_checked_against_the_image_a_browser_unpacks(site_dir: Path) -> None:
    """integrity.json's "unpacked" SRI is the image after gunzip and the delta (runtime/snapshot-delta.js),
    so the image a first visit keeps passes the next visit's check (runtime/unpacked-snapshot.js)."""
    import json
    import shutil
    import subprocess

    runtime = site_dir / "pyodide"
    manifest = json.loads((runtime / "integrity.json").read_text("utf-8"))
    shipped = [name for name in manifest["files"] if name.startswith("snapshot-")]
    if not shipped:  # a build without the snapshot (TMG_SNAPSHOT=0) lists no image to keep either
        assert "unpacked" not in manifest
        return
    [gz] = shipped
    assert manifest["unpacked"].keys() == {gz.removesuffix(".gz")}
    node = shutil.which("node")
    assert node, "Node.js is needed (make deps)"
    args = [node, "--input-type=module", "-e", UNPACK_JS, str(runtime / gz), str(runtime / "pyodide.asm.wasm")]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == manifest["unpacked"][gz.removesuffix(".gz")]


def test_every_page_has_a_link_preview_whose_picture_is_in_the_site(site_dir: Path, site_port: int) -> None:
    """og:title, og:description and og:image on every page (issue 12); the picture is served by the site."""
    origin = f"http://127.0.0.1:{site_port}/"
    missing = []
    for path in html_files(site_dir):
        html = path.read_text("utf-8")
        tags = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z:]+)" content="([^"]*)"', html))
        name = path.relative_to(site_dir).as_posix()
        for needed in ("og:title", "og:description", "og:image", "twitter:card"):
            if not tags.get(needed):
                missing.append(f"{name}: no {needed}")
        image = tags.get("og:image", "")
        if not image.startswith(origin) or not (site_dir / image.removeprefix(origin)).is_file():
            missing.append(f"{name}: og:image {image!r} is not a file of the site")
    assert not missing, missing
