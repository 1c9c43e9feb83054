"""FAQ structured data: questions come from the page itself and nothing in an answer can break out of the script."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from jinja2 import Environment

from macros.faq import (
    HEAD_KEY,
    SPLIT,
    FaqEntry,
    faq_jsonld,
    faq_script,
    markdown_to_text,
    page_source,
    parse_faq,
    render_together,
    script_json,
)

ROOT = Path(__file__).resolve().parents[2]

PAGE = """# FAQ

{{ faq_jsonld() }}

Short intro that is not an answer.

## Money

### Do likes pay? { #likes }

No. Rate: {{ rate() }}, {{ fact("x") }}.

- first point
- second point

### Is this a question

Not counted: no question mark.

## What about code?

```
## Not a heading?
```

Done.
"""


def _payload(html: str) -> dict[str, Any]:
    match = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', html, re.S)
    assert match, html
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_parse_faq_takes_question_headings_only() -> None:
    entries = parse_faq(PAGE)
    assert [e.question for e in entries] == ["Do likes pay?", "What about code?"]
    assert entries[0].answer.startswith('No. Rate: {{ rate() }}, {{ fact("x") }}.')
    assert "Not counted" not in entries[0].answer
    assert "## Not a heading?" in entries[1].answer


def test_markdown_to_text_strips_markup() -> None:
    text = markdown_to_text("**No.** See [the rules](https://example.com).\n\n- one\n- two")
    assert text == "No. See the rules. one two"


def test_script_json_cannot_close_the_script() -> None:
    data = {"text": "</script><script>alert(1)</script> & <!-- \u2028"}
    out = script_json(data)
    assert "<" not in out
    assert ">" not in out
    assert "&" not in out
    assert json.loads(out) == data


def test_faq_script_builds_faqpage() -> None:
    html = faq_script([FaqEntry("Is <b>this</b> safe?", "Yes: `</script>` stays text.")])
    data = _payload(html)
    assert data["@type"] == "FAQPage"
    question = data["mainEntity"][0]
    assert question["name"] == "Is this safe?"
    assert question["acceptedAnswer"]["text"] == "Yes: </script> stays text."
    assert html.count("</script>") == 1


def test_faq_script_refuses_a_page_without_questions() -> None:
    with pytest.raises(ValueError, match="no questions"):
        faq_script([])


def test_macro_renders_answers_with_page_macros_into_the_head() -> None:
    env = Environment(autoescape=False)
    page = SimpleNamespace(markdown=PAGE, meta={})
    template = env.from_string(PAGE)
    out = template.render(
        page=page,
        faq_jsonld=faq_jsonld,
        rate=lambda: '<span class="f">$0.40 <a href="#">source</a></span>',
        fact=lambda key: f'{key} <small>(<a href="#">source</a>)</small>',
        fact_value=lambda key: f"{key}-value",
    )
    # Nothing lands in the content: Material's instant navigation would run it as JavaScript.
    assert "<script" not in out
    script = page.meta[HEAD_KEY]
    data = _payload(script)
    answers = [q["acceptedAnswer"]["text"] for q in data["mainEntity"]]
    assert answers[0] == "No. Rate: $0.40 source, x-value. first point second point"
    assert "x <small>(" in out, "the page itself keeps the figure with its source"
    assert "faq_jsonld" not in script


def test_macro_needs_a_page() -> None:
    env = Environment(autoescape=False)
    with pytest.raises(RuntimeError, match="call it from a page"):
        env.from_string("{{ faq_jsonld() }}").render(faq_jsonld=faq_jsonld, page=None)


def test_theme_puts_the_structured_data_in_the_head() -> None:
    template = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    head = template.split("{% block extrahead %}", 1)[1].split("{% endblock %}", 1)[0]
    assert f"page.meta.{HEAD_KEY}" in head


def test_texts_are_rendered_as_one_template_and_split_back() -> None:
    calls: list[str] = []

    def render(text: str) -> str:
        calls.append(text)
        return text.replace("?", "?!")

    assert render_together(["a?", "b", "c?", "d"], render) == ["a?!", "b", "c?!", "d"]
    assert len(calls) == 1
    assert render_together([], render) == []


def test_a_text_that_breaks_the_split_is_refused_loudly() -> None:
    with pytest.raises(ValueError, match="separator"):
        render_together([f"x {SPLIT} y"], lambda s: s)
    with pytest.raises(ValueError, match="gave 1 texts for 2"):
        render_together(["a", "b"], lambda s: s.replace(SPLIT, ""))


def test_under_zensical_the_source_is_read_from_the_page_file(tmp_path: Path) -> None:
    """Zensical's macros get a page with a ``path`` and no ``markdown``; its config names the docs folder."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "faq.md").write_text("---\ntitle: FAQ\n---\n" + PAGE, "utf-8")
    page = SimpleNamespace(path="faq.md", meta={})
    config = {"docs_dir": "docs", "root_dir": str(tmp_path)}
    assert page_source(page, config) == PAGE
    Environment(autoescape=False).from_string(PAGE).render(
        page=page, config=config, faq_jsonld=faq_jsonld, rate=str, fact=str, fact_value=str
    )
    assert [q["name"] for q in _payload(page.meta[HEAD_KEY])["mainEntity"]] == [e.question for e in parse_faq(PAGE)]
    assert page_source(SimpleNamespace(path="missing.md", meta={}), config) is None
