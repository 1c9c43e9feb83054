"""The What changed page and its Atom feed, built from the facts' history."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from calculators.changes import changelog
from macros.changelog import changes_log
from site_build.feed import FEED_FILE, write_feed

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_is_atom_with_dated_entries_and_stable_ids(tmp_path: Path) -> None:
    path = write_feed(tmp_path)
    assert path == tmp_path / FEED_FILE
    root = ET.fromstring(path.read_bytes())
    assert root.tag == f"{ATOM}feed"
    for required in ("title", "id", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    self_link = [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link == ["changes.xml"], "relative to the feed's address: right wherever the site is hosted"
    assert str(root.findtext(f"{ATOM}id")).startswith("urn:uuid:")
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(changelog()) >= 5
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    assert all(i and i.startswith("urn:uuid:") for i in ids)
    updated = [dt.datetime.fromisoformat(str(e.findtext(f"{ATOM}updated"))) for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert root.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated"), "the newest change, not the build"
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        assert entry.findtext(f"{ATOM}summary")
        href = str(entry.find(f"{ATOM}link").get("href"))  # type: ignore[union-attr]
        assert href.startswith("changes/#change-")


def test_the_page_lists_every_change_under_its_year() -> None:
    page = changes_log()
    for entry in changelog():
        assert f'id="{entry.anchor}"' in page
        assert f"## {entry.date[:4]}" in page
    assert page.index("## 2025") < page.index("## 2023"), "newest year first"
