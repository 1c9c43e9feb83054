"""Macros that quote sourced figures in prose, so prose and calculators never disagree.

A figure in running text carries a small numbered marker, like a footnote: the sentence reads
on, and the marker leads (one tap, no JavaScript) to the page's list of sources, where each
source shows its own date next to its own link, and the date a person last checked it.
Material's ``content.footnote.tooltips`` shows the same entry on hover or focus, because the
marker and the entry use the footnote markup it looks for.

Text from the data file is text: :func:`text` escapes it for HTML *and* for Markdown (the macro
output is Markdown source until the page is converted, so a ``[link](…)`` or ``![image](…)``
inside a label would otherwise become a tag; reliability review 2026-12-02, #3).
"""

from __future__ import annotations

from typing import Any

from calculators.facts import Fact, Source, get_fact, load_facts
from site_build.deferred import defer

MARKDOWN_ACTIVE = "\\`*_{}[]()#!|~^<>&\"'"
"""Characters that start Markdown syntax (with this site's extensions: attr_list, footnotes,
tables, abbr) or HTML. Each becomes a numeric character reference, which Markdown passes
through untouched and the browser shows as the character itself."""

_ENTITIES = {ord(c): f"&#{ord(c)};" for c in MARKDOWN_ACTIVE}

SOURCES_ID = "figure-sources"
"""The id of the heading above a page's list of sources."""

_cited: list[str] = []
"""Facts cited on the page being rendered, in the order of their first marker."""
_markers: dict[str, int] = {}
"""How many markers each cited fact has on that page (each marker gets its own id)."""


def text(value: str) -> str:
    """Data as inert text inside Markdown or HTML: no tag, link, image or attribute can come of it.

    Line breaks collapse to spaces (the schema refuses them anyway): a new line in Markdown
    source could start a heading, a list or a table row.
    """
    return " ".join(value.split()).translate(_ENTITIES)


def url(value: str) -> str:
    """A source URL for an ``href`` (already checked by the schema: https, no quotes or spaces)."""
    return value.translate(_ENTITIES)


def start_page() -> None:
    """Forget the previous page's citations (called before each page's macros run)."""
    _cited.clear()
    _markers.clear()


def cite(key: str) -> str:
    """The numbered marker for a fact: the same number each time the page cites it again."""
    if key not in _cited:
        _cited.append(key)
    number = _cited.index(key) + 1
    _markers[key] = _markers.get(key, 0) + 1
    return (
        f'<sup class="tmg-cite" id="cite-ref-{key}-{_markers[key]}">'
        f'<a class="footnote-ref" href="#cite-{key}">'
        f'<span class="tmg-sr-only">source </span>{number}</a></sup>'
    )


def fact(key: str, part: str = "range") -> str:
    """A figure with its source marker: ``$0.40–$1.00 per 1,000 qualified views¹``."""
    f = get_fact(key)
    return f'<span class="tmg-fact" data-fact="{key}">{text(f.text(part))}{cite(key)}</span>'


def fact_value(key: str, part: str = "range") -> str:
    """Just the formatted figure, for tables and headings where the source is cited nearby."""
    return text(get_fact(key).text(part))


def reviewed(key: str) -> str:
    """The date a person last checked a fact's sources."""
    return get_fact(key).reviewed.isoformat()


def source_link(source: Source) -> str:
    """One source as a link followed by its own date: what a citation must never mix up."""
    return f'<a href="{url(source.url)}" rel="noopener">{text(source.title)}</a> ({text(source.when)})'


def citation(f: Fact) -> str:
    """The inside of one list entry: the figure, each source with its date, the review date."""
    sources = "; ".join(source_link(s) for s in f.sources)
    day = f.reviewed.isoformat()
    changed = ""
    if f.history:
        last = f.history[-1]
        changed = f" Changed {text(last.date)}: {text(last.change)}"
    return (
        f"<strong>{text(f.label)}</strong>: {text(f.text())}. "
        f"{'Sources' if len(f.sources) > 1 else 'Source'}: {sources}. "
        f'Reviewed <time datetime="{day}">{day}</time>.{changed}'
    )


def citations(keys: list[str]) -> str:
    """The numbered list the markers point to, as HTML (in footnote markup for Material's tooltips)."""
    items = "".join(
        f'<li id="cite-{key}"><p>{citation(get_fact(key))} '
        f'<a class="footnote-backref" href="#cite-ref-{key}-1" title="Back to the text">&#8617;</a></p></li>'
        for key in keys
    )
    return f'<div class="footnote tmg-citations"><ol>{items}</ol></div>'


def sources_section() -> str:
    """The page's "Sources" section, or nothing when the page cites no figure.

    The heading is Markdown (so it is in the page's table of contents); the list is deferred
    past Markdown (``site_build/deferred.py``), like the calculators.
    """
    if not _cited:
        return ""
    return f"\n\n## Sources of the figures on this page {{ #{SOURCES_ID} }}\n\n" + defer(citations(list(_cited)))


def on_pre_page_macros(env: Any) -> None:
    """mkdocs-macros: a new page starts with no citations."""
    start_page()


def on_post_page_macros(env: Any) -> None:
    """mkdocs-macros: append the page's sources to its Markdown, after its own content."""
    env.markdown += sources_section()


def facts_table() -> str:
    """Every fact in the data file as a table: figure, value, confidence, sources, review date.

    HTML rather than a Markdown table: Markdown passes a raw HTML block through instead of parsing
    it cell by cell, which took most of the methodology page's build time. Not deferred
    (``site_build/deferred.py``): other pages link to its ``#fact-…`` rows, and MkDocs checks those
    anchors in what Markdown produced. So every string in it goes through :func:`text`.
    """
    head = "\n".join(f"<th>{name}</th>" for name in ("Figure", "Value", "Confidence", "Sources", "Reviewed"))
    rows = []
    for f in load_facts().values():
        sources = "<br>".join(source_link(s) for s in f.sources)
        note = f"<br><small>{text(f.note)}</small>" if f.note else ""
        cells = (
            f'<span id="fact-{f.key}">{text(f.label)}</span>{note}',
            text(f.text()),
            text(f.confidence),
            sources,
            f.reviewed.isoformat(),
        )
        rows.append("<tr>\n" + "\n".join(f"<td>{cell}</td>" for cell in cells) + "\n</tr>")
    # Laid out as Markdown lays out a table: search indexes the text of each cell as its own words.
    return f"<table>\n<thead>\n<tr>\n{head}\n</tr>\n</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
