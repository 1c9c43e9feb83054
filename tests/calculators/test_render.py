"""The one renderer: markup contract, escaping, and the same HTML for build and browser."""

from __future__ import annotations

import json
import re

from calculators.api import update
from calculators.engine import evaluate
from calculators.registry import calculators, get_calculator
from calculators.render import render_chart, render_results, render_widget
from calculators.spec import Bar, Chart, Range
from tests.markup import parse_markup


def test_every_calculator_follows_the_markup_contract() -> None:
    for calc in calculators().values():
        tags = parse_markup(render_widget(calc)).tags
        roots = [a for t, a in tags if "data-calculator" in a]
        assert len(roots) == 1
        assert roots[0]["data-calculator"] == calc.name
        assert roots[0]["data-state"] == "static"
        controls = {a["name"]: a for t, a in tags if t in ("input", "select")}
        assert set(controls) == {f.name for f in calc.fields}
        labels = {a.get("for") for t, a in tags if t == "label"}
        for attrs in controls.values():
            assert attrs["id"] in labels, f"{calc.name}: {attrs['name']} has no label"
            assert f"{attrs['id']}-error" in (attrs.get("aria-describedby") or "")
        results = [a for t, a in tags if "data-results" in a]
        assert len(results) == 1
        # The results are not a live region (a screen reader would read the whole table on every
        # keystroke); a short summary in data-announce is, and the runtime fills it after a pause.
        assert "aria-live" not in results[0]
        announce = [a for t, a in tags if "data-announce" in a]
        assert len(announce) == 1
        assert announce[0]["aria-live"] == "polite"
        assert announce[0]["aria-atomic"] == "true"


def test_ids_are_unique_across_all_calculators_on_one_page() -> None:
    html = "".join(render_widget(calc) for calc in calculators().values())
    ids = [a["id"] for _, a in parse_markup(html).tags if a.get("id")]
    assert len(ids) == len(set(ids))


def test_build_and_browser_render_the_same_results() -> None:
    for calc in calculators().values():
        widget = render_widget(calc)
        live = json.loads(update(calc.name, {}))
        assert live["errors"] == {}
        assert live["html"] in widget


def test_invalid_input_is_reported_at_its_field_and_escaped() -> None:
    calc = get_calculator("engagement")
    payload = '"><script>alert(1)</script>'
    html = render_widget(calc, {"likes": payload})
    assert "<script>" not in html
    assert 'aria-invalid="true"' in html
    assert "&quot;&gt;&lt;script&gt;" in html  # the reader's text is kept, as text
    live = json.loads(update("engagement", {"likes": payload}))
    assert set(live["errors"]) == {"likes"}
    assert live["html"] is None


def test_chart_escapes_labels_and_scales_to_the_largest_bar() -> None:
    chart = Chart("<b>Title</b>", "usd", (Bar("A & B", Range(1, 2, 3)), Bar("C", Range(0, 0, 0))))
    svg = render_chart(chart, "c1")
    assert "<b>" not in svg
    assert "A &amp; B" in svg
    bars = [
        (float(x), float(w)) for x, w in re.findall(r'class="tmg-chart__bar" x="([\d.]+)" y="2" width="([\d.]+)"', svg)
    ]
    assert len(bars) == 2
    assert max(x + w for x, w in bars) <= 100
    assert bars[0][1] > bars[1][1]


def test_results_for_an_invalid_evaluation_say_what_to_do() -> None:
    evaluation = evaluate("engagement", {"views": "0"})
    assert not evaluation.ok
    assert "Fix the highlighted field" in render_results(evaluation)
