"""The "What changed" page, built from the facts' history (``calculators/changes.py``).

Its Atom feed is written into the built site by ``site_build/feed.py``, the generator-agnostic
step after the build; both read the same log, so page and feed list the same changes.
"""

from __future__ import annotations

from calculators.changes import LogEntry, changelog
from macros.figures import source_link, text
from site_build.deferred import defer


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
        parts.append(f"## {year}\n\n" + defer(f'<ul class="tmg-changes">{items}</ul>'))
    return "\n\n".join(parts)
