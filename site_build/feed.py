"""The Atom feed of rule changes (RFC 4287), written into any built site: ``changes.xml``.

A step of ``finish_site``, so it needs nothing from the generator: links are relative to the
feed's own address (``changes/#change-…``, resolved as RFC 4287 says), and ids are ``urn:uuid``
names derived from the fact and the day of the change, so an entry keeps its id wherever the
site is hosted and a feed reader never shows it twice. ``updated`` is the newest change, not
the build time: an unchanged log is a byte-identical file.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from calculators.changes import LogEntry, changelog

FEED_FILE = "changes.xml"
"""Where the feed lands, at the site's root (the page is ``changes/``)."""
PAGE = "changes/"
"""The What changed page, relative to the feed."""
TITLE = "TikTok Money Guide: what changed"
_NAMESPACE = uuid.UUID("6f1c3a52-3c4e-4a54-9d1e-7b0a8f5e2c11")
"""Fixed forever: ids depend only on this, the fact and the day."""


def entry_id(entry: LogEntry) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{entry.fact.key}/{entry.date}')}"


def _timestamp(day: str) -> str:
    """RFC 3339 for a day as precise as its source ("2024" is 1 January)."""
    year, month, date = [*day.split("-"), "01", "01"][:3]
    return dt.datetime(int(year), int(month), int(date), tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")


def atom_feed(entries: list[LogEntry] | None = None) -> str:
    """The log as an Atom 1.0 document, newest entry first."""
    entries = changelog() if entries is None else entries
    updated = _timestamp(entries[0].date) if entries else "2026-01-01T00:00:00Z"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"  <title>{xml_escape(TITLE)}</title>",
        "  <subtitle>Changes to TikTok's rules and rates, as recorded in the guide's sourced data.</subtitle>",
        f"  <id>urn:uuid:{uuid.uuid5(_NAMESPACE, 'feed')}</id>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(PAGE)}/>',
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(FEED_FILE)}/>',
        f"  <updated>{updated}</updated>",
        "  <author><name>TikTok Money Guide contributors</name></author>",
    ]
    for entry in entries:
        title = f"{entry.fact.label}: {entry.values}" if entry.values else entry.fact.label
        sources = "; ".join(f"{s.title} ({s.when}) {s.url}" for s in entry.change.sources)
        lines += [
            "  <entry>",
            f"    <title>{xml_escape(title)}</title>",
            f"    <id>{entry_id(entry)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(PAGE + "#" + entry.anchor)}/>',
            f"    <published>{_timestamp(entry.date)}</published>",
            f"    <updated>{_timestamp(entry.date)}</updated>",
            f'    <summary type="text">{xml_escape(f"{entry.change.change} Sources: {sources}.")}</summary>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def write_feed(site_dir: Path) -> Path:
    """Write the feed into a built site; returns its path."""
    path = Path(site_dir) / FEED_FILE
    path.write_text(atom_feed(), "utf-8")
    return path
