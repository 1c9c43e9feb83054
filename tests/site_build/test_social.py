"""Link previews: every page gets Open Graph and Twitter card tags and its own picture (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

from site_build.social import MARKER, SIZE, image_name, write_social

BASE = "https://example.org/guide/"


def page(title: str, description: str, canonical: str | None) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        f'<!doctype html><html><head><meta name="description" content="{description}">{link}'
        f"<title>{title}</title></head><body><p>x</p></body></html>"
    )


def test_each_page_gets_tags_and_a_picture_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(page("Home - Guide", "The answer &amp; more", BASE), "utf-8")
    (tmp_path / "likes").mkdir()
    (tmp_path / "likes" / "index.html").write_text(page("Likes - Guide", "Do likes pay?", BASE + "likes/"), "utf-8")
    (tmp_path / "404.html").write_text(page("Guide", "", None), "utf-8")
    assert write_social(tmp_path) == 3
    likes = (tmp_path / "likes" / "index.html").read_text("utf-8")
    assert '<meta property="og:title" content="Likes">' in likes
    assert '<meta property="og:description" content="Do likes pay?">' in likes
    assert '<meta property="og:url" content="https://example.org/guide/likes/">' in likes
    assert '<meta name="twitter:card" content="summary_large_image">' in likes
    image = re.search(r'<meta property="og:image" content="([^"]+)">', likes)
    assert image
    assert image.group(1) == BASE + "assets/social/likes.png"
    with Image.open(tmp_path / "assets" / "social" / "likes.png") as picture:
        assert picture.size == SIZE
    home = (tmp_path / "index.html").read_text("utf-8")
    assert '<meta property="og:description" content="The answer &amp; more">' in home  # escaped once, not twice
    missing = (tmp_path / "404.html").read_text("utf-8")
    assert BASE + "assets/social/404.png" in missing, "a page without its own address still gets a picture"
    assert (tmp_path / "assets" / "social" / "home.png").is_file()
    assert write_social(tmp_path) == 0, "finishing twice adds nothing"
    assert likes.count(MARKER) == 1


def test_a_site_without_an_address_gets_no_previews(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(page("Home", "x", None), "utf-8")
    assert write_social(tmp_path) == 0
    assert MARKER not in (tmp_path / "index.html").read_text("utf-8")


def test_image_names_follow_the_page_path(tmp_path: Path) -> None:
    assert image_name(tmp_path / "index.html", tmp_path) == "assets/social/home.png"
    assert image_name(tmp_path / "a" / "b" / "index.html", tmp_path) == "assets/social/a-b.png"
    assert image_name(tmp_path / "404.html", tmp_path) == "assets/social/404.png"
