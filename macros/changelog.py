"""The "What changed" page and its Atom feed, both built from the facts' history at build time.

The page is a macro (``{{ changes_log() }}``); the feed is a file written into the built site by
:func:`write_feed`, a plain function of the site folder and its public URL, so any generator's
post-build step can call it (today: the macros plugin's ``on_post_build``). Feed ids are derived
from the fact and the day of the change, so a reader's feed app never sees an entry twice, and
the feed's ``updated`` is the newest change, not the build time, so an unchanged log is an
unchanged file.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from calculators.changes import LogEntry, changelog
from macros.deferred import defer
from macros.figures import source_link, text

FEED_FILE = "changes.xml"
"""Where the feed lands in the built site (next to the page, ``changes/``)."""
PAGE = "changes/"
"""The What changed page's URL, relative to the site root."""
FEED_TITLE = "TikTok Money Guide: what changed"
_NAMESPACE = uuid.UUID("6f1c3a52-3c4e-4a54-9d1e-7b0a8f5e2c11")
"""Fixed, so an entry's id depends only on its fact and day, not on where the site is hosted."""


def entry_id(entry: LogEntry) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{entry.fact.key}/{entry.date}')}"


def _html_entry(entry: LogEntry) -> str:
    values = f"<p><strong>{text(entry.values)}</strong></p>" if entry.values else ""
    sources = "; ".join(source_link(s) for s in entry.change.sources)
    label = "Sources" if len(entry.change.sources) > 1 else "Source"
    return (
        f'<li id="{entry.anchor}"><p><time datetime="{entry.date}">{entry.date}</time> · '
        f'<a href="../methodology/#fact-{entry.fact.key}">{text(entry.fact.label)}</a></p>'
        f"<p>{text(entry.change.change)}</p>{values}<p>{label}: {sources}.</p></li>"
    )


def changes_log() -> str:
    """Every change, newest first, under a heading per year (the headings go in the table of contents)."""
    entries = changelog()
    if not entries:
        return "No changes are recorded yet."
    parts = []
    years = sorted({e.date[:4] for e in entries}, reverse=True)
    for year in years:
        items = "".join(_html_entry(e) for e in entries if e.date.startswith(year))
        parts.append(f"## {year}\n\n" + defer(f'<ol class="tmg-changes" reversed>{items}</ol>'))
    return "\n\n".join(parts)


def _timestamp(day: str) -> str:
    year, month, date = [*day.split("-"), "01", "01"][:3]
    return dt.datetime(int(year), int(month), int(date), tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")


def atom_feed(site_url: str, entries: list[LogEntry] | None = None) -> str:
    """The log as an Atom 1.0 document (RFC 4287), newest entry first."""
    entries = changelog() if entries is None else entries
    base = site_url if site_url.endswith("/") else site_url + "/"
    page = base + PAGE
    updated = _timestamp(entries[0].date) if entries else "2026-01-01T00:00:00Z"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"  <title>{xml_escape(FEED_TITLE)}</title>",
        "  <subtitle>Changes to TikTok's rules and rates, as recorded in the guide's sourced data.</subtitle>",
        f"  <id>{xml_escape(page)}</id>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(page)}/>',
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + FEED_FILE)}/>',
        f"  <updated>{updated}</updated>",
        "  <author><name>TikTok Money Guide contributors</name></author>",
    ]
    for entry in entries:
        title = f"{entry.fact.label}: {entry.values}" if entry.values else entry.fact.label
        sources = "; ".join(f"{s.title} ({s.when}) {s.url}" for s in entry.change.sources)
        summary = f"{entry.change.change} Sources: {sources}."
        lines += [
            "  <entry>",
            f"    <title>{xml_escape(title)}</title>",
            f"    <id>{entry_id(entry)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(page + "#" + entry.anchor)}/>',
            f"    <published>{_timestamp(entry.date)}</published>",
            f"    <updated>{_timestamp(entry.date)}</updated>",
            f'    <summary type="text">{xml_escape(summary)}</summary>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def write_feed(site_dir: Path, site_url: str) -> Path:
    """Write the Atom feed into a built site; returns its path."""
    path = Path(site_dir) / FEED_FILE
    path.write_text(atom_feed(site_url), "utf-8")
    return path
