"""The built site carries the What changed page and its Atom feed, generated at build time."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from calculators.changes import changelog

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_is_in_the_built_site_and_parses(site_dir: Path) -> None:
    root = ET.fromstring((site_dir / "changes.xml").read_bytes())
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(changelog())
    assert all(e.findtext(f"{ATOM}id") and e.findtext(f"{ATOM}updated") for e in entries)


def test_the_page_lists_the_changes_and_pages_point_feed_readers_at_the_feed(site_dir: Path) -> None:
    page = (site_dir / "changes" / "index.html").read_text("utf-8")
    for entry in changelog():
        assert f'id="{entry.anchor}"' in page
    assert 'href="../changes.xml"' in page
    home = (site_dir / "index.html").read_text("utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in home
