"""Macros that quote sourced figures in prose, so prose and calculators never disagree.

A figure in running text carries a small numbered marker, like a footnote: the sentence reads
on, and the marker leads (one tap, no JavaScript) to the page's list of sources, where each
source shows its own date next to its own link, and the date a person last checked it.
Material's ``content.footnote.tooltips`` shows the same entry on hover or focus, because the
marker and the entry use the footnote markup it looks for.

The list is kept in the page's ``meta`` (``tmg_citations``) as each figure is quoted, and the
theme (``overrides/main.html``) puts it after the page's content, as it puts the FAQ's
structured data in ``<head>``: no page hook of a particular generator is needed, so MkDocs and
Zensical build the same page.

Text from the data file is text: :func:`text` escapes it for HTML *and* for Markdown (the macro
output is Markdown source until the page is converted, so a ``[link](…)`` or ``![image](…)``
inside a label would otherwise become a tag; reliability review 2026-12-02, #3).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import pass_context

from calculators.facts import Fact, Source, get_fact, load_facts

MARKDOWN_ACTIVE = "\\`*_{}[]()#!|~^<>&\"'"
"""Characters that start Markdown syntax (with this site's extensions: attr_list, footnotes,
tables, abbr) or HTML. Each becomes a numeric character reference, which Markdown passes
through untouched and the browser shows as the character itself."""

_ENTITIES = {ord(c): f"&#{ord(c)};" for c in MARKDOWN_ACTIVE}

SOURCES_ID = "figure-sources"
"""The id of the heading above a page's list of sources."""
CITATIONS_KEY = "tmg_citations"
"""Where a page's list of sources waits in ``page.meta`` for the theme."""
_CITED_KEY = "tmg_cited"
"""In ``page.meta``: each cited fact (in the order of its first marker) → how many markers it has."""


def text(value: str) -> str:
    """Data as inert text inside Markdown or HTML: no tag, link, image or attribute can come of it.

    Line breaks collapse to spaces (the schema refuses them anyway): a new line in Markdown
    source could start a heading, a list or a table row.
    """
    return " ".join(value.split()).translate(_ENTITIES)


def url(value: str) -> str:
    """A source URL for an ``href`` (already checked by the schema: https, no quotes or spaces)."""
    return value.translate(_ENTITIES)


def page_meta(context: Mapping[str, Any] | None) -> dict[str, Any]:
    """The metadata of the page being rendered, where its citations are kept.

    Both MkDocs' macros and Zensical's hand the macros a copy of the page that shares its
    ``meta`` with the page the theme renders.
    """
    page = context.get("page") if context is not None else None
    meta = getattr(page, "meta", None)
    if not isinstance(meta, dict):
        raise RuntimeError("fact() needs the page it is quoted on; use fact_value() outside a page")
    return meta


def cite(key: str, meta: dict[str, Any]) -> str:
    """The numbered marker for a fact on the page of ``meta``: the same number each time it is cited again.

    Also refreshes the page's list of sources, so it is complete whenever the theme reads it.
    """
    cited: dict[str, int] = meta.setdefault(_CITED_KEY, {})
    cited[key] = cited.get(key, 0) + 1
    number = list(cited).index(key) + 1
    meta[CITATIONS_KEY] = sources_section(list(cited))
    return (
        f'<sup class="tmg-cite" id="cite-ref-{key}-{cited[key]}">'
        f'<a class="footnote-ref" href="#cite-{key}">'
        f'<span class="tmg-sr-only">source </span>{number}</a></sup>'
    )


def figure(key: str, meta: dict[str, Any], part: str = "range") -> str:
    """A figure with its source marker: ``$0.40–$1.00 per 1,000 qualified views¹``."""
    f = get_fact(key)
    return f'<span class="tmg-fact" data-fact="{key}">{text(f.text(part))}{cite(key, meta)}</span>'


@pass_context
def fact(context: Mapping[str, Any], key: str, part: str = "range") -> str:
    """The macro: ``{{ fact("crp_rpm") }}`` or ``{{ fact("crp_rpm", "typical") }}`` on a page."""
    return figure(key, page_meta(context), part)


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


def sources_section(keys: list[str]) -> str:
    """A page's "Sources" section: a heading and the numbered list its markers point to."""
    return (
        f'<section class="tmg-citations-section" aria-labelledby="{SOURCES_ID}">'
        f'<h2 id="{SOURCES_ID}">Sources of the figures on this page</h2>{citations(keys)}</section>'
    )


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
