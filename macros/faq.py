"""schema.org FAQPage structured data, built from the FAQ page's own Markdown.

The questions and answers are written once, as ordinary Markdown on the page: every heading
(``##`` or ``###``) that ends with a question mark is a question, and everything up to the
next heading is its answer. ``{{ faq_jsonld() }}`` reads the page's source, renders each
answer's macros (so figures match the prose exactly; ``fact()`` gives the bare value there,
since a search snippet has no room for source links), turns it into plain text and builds one
``<script type="application/ld+json">``. Nothing is copied by hand, so the structured data
cannot drift from what readers see.

The element goes in the page's ``<head>`` (``page.meta["tmg_jsonld"]``, placed by
``overrides/main.html``), not where the macro is called: Material's instant navigation re-creates
the scripts it finds in the content as plain JavaScript, and would run the JSON as code.

The parsing and escaping are plain functions with no MkDocs import, so they are tested
without a build; only ``faq_jsonld`` touches the Jinja context.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown as md  # type: ignore[import-untyped]  # no stubs in the lock; one converter
from jinja2 import pass_context
from jinja2.runtime import Context

MACRO_CALL = re.compile(r"\{\{-?\s*faq_jsonld\(\s*\)\s*-?\}\}")
"""The macro's own call, removed from answers so rendering an answer cannot recurse."""

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ATTR_LIST = re.compile(r"\s*\{[^{}]*\}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_MARKDOWN_EXTENSIONS = ("tables", "attr_list", "def_list", "admonition", "md_in_html")

_rendering: ContextVar[bool] = ContextVar("faq_rendering", default=False)


@dataclass(frozen=True)
class FaqEntry:
    """One question and its answer, both still as Markdown (with macros unrendered)."""

    question: str
    answer: str


def parse_faq(source: str) -> list[FaqEntry]:
    """Questions (level-2/3 headings ending in "?") and their answers from a page's Markdown.

    Headings inside fenced code are ignored; headings that are not questions (group titles)
    end the previous answer but start no entry. A trailing ``{#id}`` attribute list on a
    heading is not part of the question.
    """
    entries: list[FaqEntry] = []
    question: str | None = None
    answer: list[str] = []
    in_fence = False

    def close() -> None:
        if question is not None:
            text = MACRO_CALL.sub("", "\n".join(answer)).strip()
            if text:
                entries.append(FaqEntry(question, text))

    for line in source.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading is None:
            if question is not None:
                answer.append(line)
            continue
        close()
        title = _ATTR_LIST.sub("", heading.group(2)).strip()
        is_question = len(heading.group(1)) in (2, 3) and title.endswith("?")
        question = title if is_question else None
        answer = []
    close()
    return entries


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment, with a space where a block ends."""

    _BLOCKS = frozenset({"p", "li", "br", "div", "tr", "td", "th", "h1", "h2", "h3", "h4", "dd", "dt"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self.parts.append(" ")


_converter: md.Markdown | None = None


def markdown_to_text(source: str) -> str:
    """Plain text of a Markdown (or HTML) fragment, whitespace collapsed: what search engines show."""
    global _converter
    if _converter is None:  # one converter, reset per fragment: building one costs more than converting
        _converter = md.Markdown(extensions=list(_MARKDOWN_EXTENSIONS))
    html = _converter.reset().convert(source)
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    text = re.sub(r"\s+", " ", "".join(extractor.parts)).strip()
    return re.sub(r"\s+([.,;:!?)])", r"\1", text)


def faq_schema(entries: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """The schema.org FAQPage object for (question, plain-text answer) pairs."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": question, "acceptedAnswer": {"@type": "Answer", "text": answer}}
            for question, answer in entries
        ],
    }


def script_json(data: object) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>`` or ``&`` can end the element early.

    ``json.dumps`` alone would let an answer containing ``</script>`` close the tag; the
    ``\\u003c`` style escapes mean the same to a JSON parser and nothing to the HTML parser.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


SPLIT = "<!--tmg-faq-split-->"
"""Between the texts rendered together by ``render_together`` (an HTML comment: inert if it leaked)."""


def render_together(texts: list[str], render: Callable[[str], str]) -> list[str]:
    """Render many texts as ONE template: compiling a Jinja template costs far more than rendering it."""
    if not texts:
        return []
    if any(SPLIT in text for text in texts):
        raise ValueError(f"an FAQ text contains the separator {SPLIT!r}")
    rendered = render(SPLIT.join(texts)).split(SPLIT)
    if len(rendered) != len(texts):
        raise ValueError(f"rendering the FAQ gave {len(rendered)} texts for {len(texts)}: a macro wrote the separator")
    return rendered


def faq_script(entries: Iterable[FaqEntry], render: Callable[[str], str] = lambda s: s) -> str:
    """The ``<script type="application/ld+json">`` element; ``render`` expands macros in answers."""
    texts = render_together([text for e in entries for text in (e.question, e.answer)], render)
    plain = [markdown_to_text(text) for text in texts]
    pairs = list(zip(plain[::2], plain[1::2], strict=True))
    if not pairs:
        raise ValueError("faq_jsonld() found no questions: use ## headings that end with '?'")
    return f'<script type="application/ld+json">{script_json(faq_schema(pairs))}</script>'


_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)


def page_source(page: object, config: object) -> str | None:
    """The page's Markdown, front matter left out, as each generator makes it available.

    MkDocs gives it as ``page.markdown``. Zensical's macros see a page with only its ``path``
    inside the docs folder, so the file is read from there (``config`` has ``docs_dir``, and
    ``root_dir`` when ``docs_dir`` is relative).
    """
    source = getattr(page, "markdown", None)
    if isinstance(source, str):
        return source
    path = getattr(page, "path", None)
    if not isinstance(path, str) or not isinstance(config, Mapping) or not config.get("docs_dir"):
        return None
    file = Path(str(config.get("root_dir") or ".")) / str(config["docs_dir"]) / path
    try:
        text = file.read_text("utf-8")
    except OSError:
        return None
    return _FRONT_MATTER.sub("", text, count=1)


HEAD_KEY = "tmg_jsonld"
"""Where the element waits in ``page.meta`` for the theme to put it in ``<head>``."""


@pass_context
def faq_jsonld(context: Context) -> str:
    """FAQPage JSON-LD for the current page, built from its own question headings, put in ``<head>``.

    Returns an empty string: nothing is written where the macro is called.
    """
    if _rendering.get():
        return ""
    page = context.get("page")
    source = page_source(page, context.get("config"))
    meta = getattr(page, "meta", None)
    if source is None or not isinstance(meta, dict):
        raise RuntimeError("faq_jsonld() needs the page's Markdown source; call it from a page")
    variables = dict(context.get_all())
    # On the page each figure carries its source link; in the snippet a search engine shows,
    # the bare value reads better, and it still comes from the same data file.
    if "fact_value" in variables:
        variables["fact"] = variables["fact_value"]

    def render(text: str) -> str:
        return context.environment.from_string(text).render(variables)

    token = _rendering.set(True)
    try:
        meta[HEAD_KEY] = faq_script(parse_faq(source), render)
    finally:
        _rendering.reset(token)
    return ""
