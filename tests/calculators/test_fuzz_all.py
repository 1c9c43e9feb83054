"""Every calculator, fed anything a reader, a URL or a script could send: no exception, messages
only for declared fields, and reader text never becomes markup.

Complements the per-calculator property tests (which stay inside the declared bounds) and
tests/calculators/test_validation.py (one field at a time): here whole input dicts are arbitrary,
unknown keys included, and the HTML both renderers produce is parsed and checked.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators.api import update
from calculators.engine import evaluate
from calculators.locales import conventions
from calculators.registry import calculators
from calculators.render import render_results, render_widget
from calculators.spec import Calculator
from tests.calculators.catalog.catalog_checks import field_values
from tests.markup import parse_markup

EXAMPLES = 100
"""Hypothesis examples per calculator and property (8 calculators: about a second each)."""

NASTY_TEXT = (
    "",
    " ",
    "\t\n",
    "-1",
    "-0",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "1e308",
    "1e309",
    "-1e308",
    "1e-324",
    "0x10",
    "1_000",
    "1,000",
    "1.000,5",
    "1,5",
    "12k",
    "1.5M",
    "2b",
    "$5",
    "5%",
    "\uff15",  # a full-width digit 5
    "٣",  # an Arabic-Indic digit
    "1" * 41,
    "9" * 400,
    "x" * 10_000,
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "'><svg onload=alert(1)>",
    "{{7*7}}",
    "${7*7}",
    "__import__('os').system('id')",
    "__proto__",
    "constructor",
    "javascript:alert(1)",
    "\u202e1000",
    "\x00",
    "\ud800",  # a lone surrogate
    "true",
    "maybe",
)
HOSTILE_KEYS = ("__proto__", "constructor", "prototype", "<b>", "", "name", "html", "errors")

ALLOWED_TAGS = {
    "p", "span", "strong", "small", "br", "ul", "ol", "li", "table", "caption", "thead", "tbody", "tr",
    "th", "td", "div", "details", "summary", "a", "figure", "figcaption", "svg", "title", "text", "rect",
    "section", "h2", "form", "label", "input", "select", "option", "button", "fieldset", "legend",
}  # fmt: skip
"""Every element the renderer writes; a reader's text that became markup would add another."""
TAG_LIKE = re.compile(r"<[a-zA-Z/!?]")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}
"""Only the sources' links carry URLs, and those come from the facts file, never from input."""


def any_value() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(NASTY_TEXT),
        st.text(max_size=60),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**400), max_value=10**400),
        st.floats(allow_nan=False, allow_infinity=False).map(repr),
        st.none(),
        st.booleans(),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    )


def raw_inputs(calc: Calculator) -> st.SearchStrategy[dict[str, Any]]:
    """Some declared fields (each junk or valid), plus unknown keys."""
    per_field = {f.name: st.one_of(any_value(), field_values(f)) for f in calc.fields}
    declared = st.fixed_dictionaries({}, optional=per_field)
    extra = st.dictionaries(st.one_of(st.sampled_from(HOSTILE_KEYS), st.text(max_size=10)), any_value(), max_size=3)
    return st.tuples(extra, declared).map(lambda pair: {**pair[0], **pair[1]})


def assert_inert(html: str, raw: dict[str, Any]) -> None:
    """Only the renderer's own elements, no event handlers, no URL but the sources', reader text escaped."""
    parser = parse_markup(html)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, f"unexpected <{tag}>"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name} on <{tag}>"
            if name in URL_ATTRIBUTES:
                assert (value or "").startswith(("https://", "#")), f"{name}={value!r} on <{tag}>"
    for value in raw.values():
        if isinstance(value, str) and TAG_LIKE.search(value):
            assert value not in html, f"unescaped reader text {value!r}"


def assert_typed_text_kept_as_data(calc: Calculator, html: str, raw: dict[str, Any], errors: dict[str, str]) -> None:
    """A field in error shows exactly what was typed, inside its value attribute (no breaking out)."""
    parser = parse_markup(html)
    inputs = {a.get("name"): a for t, a in parser.tags if t == "input" and a.get("type") == "text"}
    for name, typed in raw.items():
        if name in errors and name in inputs and typed is not None:
            assert inputs[name].get("value") == str(typed), (name, typed)


def assert_errors_are_field_messages(calc: Calculator, errors: dict[str, str]) -> None:
    names = {f.name for f in calc.fields}
    assert set(errors) <= names, f"errors for undeclared fields: {set(errors) - names}"
    for message in errors.values():
        assert isinstance(message, str)
        assert message.strip()
        assert len(message) < 200, "a field message is a sentence, not a dump"


CALCULATORS = list(calculators().values())
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("calc", CALCULATORS, ids=lambda c: c.name)
def test_evaluate_and_render_never_raise_on_anything(calc: Calculator) -> None:
    @FUZZ
    @given(raw=raw_inputs(calc))
    def check(raw: dict[str, Any]) -> None:
        evaluation = evaluate(calc, raw)
        assert_errors_are_field_messages(calc, evaluation.errors)
        assert evaluation.ok == (not evaluation.errors)
        if evaluation.result is not None:
            for key, r in evaluation.result.values.items():
                assert all(math.isfinite(x) for x in (r.low, r.typical, r.high)), (key, r)
        assert_inert(render_results(evaluation), raw)
        widget = render_widget(calc, raw)
        assert_inert(widget, raw)
        assert_typed_text_kept_as_data(calc, widget, raw, evaluation.errors)

    check()


@pytest.mark.parametrize("calc", CALCULATORS, ids=lambda c: c.name)
def test_the_browser_entry_point_answers_anything_with_json(calc: Calculator) -> None:
    @FUZZ
    @given(raw=raw_inputs(calc))
    def check(raw: dict[str, Any]) -> None:
        # What the worker sends: strings only (form values), under any keys.
        as_strings = {str(k): v if isinstance(v, str) else json.dumps(v, default=str) for k, v in raw.items()}
        answer = json.loads(update(calc.name, as_strings))
        assert set(answer) == {"errors", "html", "answer", "values", "read", "picks", "currency"}
        assert_errors_are_field_messages(calc, answer["errors"])
        assert (answer["html"] is None) == (answer["answer"] is None) == bool(answer["errors"])
        if answer["html"] is not None:
            assert_inert(answer["html"], as_strings)
            assert_inert(answer["answer"], as_strings)
        for html in answer["picks"].values():
            assert_inert(html, as_strings)
        names = {f.name for f in calc.fields}
        assert set(answer["values"]) <= names
        assert set(answer["read"]) <= names
        assert set(answer["picks"]) <= set(answer["errors"])
        assert answer["currency"] in {"USD", *(row.currency for row in conventions().countries.values())}

    check()


@pytest.mark.parametrize("name", ["", "nope", "<script>", "__proto__", "engagement\x00"])
def test_an_unknown_calculator_is_a_message_not_an_exception(name: str) -> None:
    answer = json.loads(update(name, {"likes": "1"}))
    assert set(answer) == {"fatal"}
    assert "Unknown calculator" in answer["fatal"]


@pytest.mark.parametrize("calc", CALCULATORS, ids=lambda c: c.name)
@pytest.mark.parametrize("value", NASTY_TEXT)
def test_each_nasty_text_in_each_field(calc: Calculator, value: str) -> None:
    """The bounded list, deterministically: every nasty text in every field of every calculator."""
    for fld in calc.fields:
        raw = {fld.name: value}
        evaluation = evaluate(calc, raw)
        assert_errors_are_field_messages(calc, evaluation.errors)
        if fld.name in evaluation.errors:
            assert set(evaluation.errors) == {fld.name}, "one bad field never blames another"
        widget = render_widget(calc, raw)
        assert_inert(widget, raw)
        assert_typed_text_kept_as_data(calc, widget, raw, evaluation.errors)
