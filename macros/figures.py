"""Macros that quote sourced figures in prose, so prose and calculators never disagree."""

from __future__ import annotations

from html import escape

from calculators.facts import Fact, get_fact, load_facts


def _source_link(f: Fact) -> str:
    first = f.sources[0]
    more = f" +{len(f.sources) - 1}" if len(f.sources) > 1 else ""
    title = f"{f.label}. Source: {first.title} ({first.date}); reviewed {f.reviewed.isoformat()}"
    return (
        f'<a class="tmg-source" href="{escape(first.url, quote=True)}" title="{escape(title, quote=True)}"'
        f' rel="noopener">source, {escape(f.source_date)}{escape(more)}</a>'
    )


def _reviewed_note(f: Fact) -> str:
    """When a person last checked the figure, visible to readers (month precision reads well inline)."""
    day = f.reviewed.isoformat()
    return f'<span class="tmg-reviewed">reviewed <time datetime="{day}">{day[:7]}</time></span>'


def fact(key: str, part: str = "range") -> str:
    """A figure with its source and review date: ``$0.40–$1.00 per 1,000 (source, 2025 · reviewed 2026-11)``."""
    f = get_fact(key)
    return (
        f'<span class="tmg-fact" data-fact="{escape(key)}">{escape(f.text(part))}'
        f" <small>({_source_link(f)} · {_reviewed_note(f)})</small></span>"
    )


def fact_value(key: str, part: str = "range") -> str:
    """Just the formatted figure, for tables and headings where the source is cited nearby."""
    return escape(get_fact(key).text(part))


def reviewed(key: str) -> str:
    """The date a person last checked a fact's sources."""
    return get_fact(key).reviewed.isoformat()


def facts_table() -> str:
    """Every fact in the data file as a table: figure, value, confidence, sources, review date.

    HTML rather than a Markdown table: Markdown passes a raw HTML block through instead of parsing
    it cell by cell, which took most of the methodology page's build time. Not deferred
    (``site_build/deferred.py``): other pages link to its ``#fact-…`` rows, and MkDocs checks those
    anchors in what Markdown produced.
    """
    head = "\n".join(f"<th>{name}</th>" for name in ("Figure", "Value", "Confidence", "Sources", "Reviewed"))
    rows = []
    for f in load_facts().values():
        sources = "<br>".join(
            f'<a href="{escape(s.url, quote=True)}" rel="noopener">{escape(s.title)}</a> ({escape(s.date)})'
            for s in f.sources
        )
        note = f"<br><small>{escape(f.note)}</small>" if f.note else ""
        cells = (
            f'<span id="fact-{escape(f.key)}">{escape(f.label)}</span>{note}',
            escape(f.text()),
            escape(f.confidence),
            sources,
            f.reviewed.isoformat(),
        )
        rows.append("<tr>\n" + "\n".join(f"<td>{cell}</td>" for cell in cells) + "\n</tr>")
    # Laid out as Markdown lays out a table: search indexes the text of each cell as its own words.
    return f"<table>\n<thead>\n<tr>\n{head}\n</tr>\n</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
