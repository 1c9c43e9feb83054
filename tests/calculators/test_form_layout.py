"""What the form shows and what the result listens to: answer first, few fields in view, the rest
under a disclosure with assumed values, fields that do not apply hidden and ignored (issue 12)."""

from __future__ import annotations

import json
import re

import pytest

from calculators.api import update
from calculators.engine import evaluate
from calculators.registry import calculators
from calculators.render import keypad, render_results, render_widget
from calculators.spec import (
    AppliesWhen,
    Bar,
    Calculator,
    Chart,
    Field,
    Group,
    Note,
    Output,
    Range,
    Result,
    Values,
    num,
)
from calculators.validation import as_text
from tests.markup import parse_markup


def careless(v: Values) -> Result:
    """Reads every field whatever the mode, as a compute function written in a hurry would."""
    total = num(v, "diamonds") * 0.005 + num(v, "coins") * 0.01 + (5 if v["agency"] else 0) + num(v, "cut")
    notes = tuple(Note(f"note {i}", "warning" if i == 3 else "info") for i in range(5))
    return Result(
        values={"total": Range(total * 0.5, total, total * 2), "count": Range.of(0.42), "orders": Range.of(7.6)},
        notes=notes,
        chart=Chart("Only one bar", "usd", (Bar("Total", Range(total * 0.5, total, total * 2)),)),
    )


DEMO = Calculator(
    name="demo",
    title="Demo",
    summary="A calculator for these tests.",
    fields=(
        Field("mode", "From", "diamonds", kind="choice", minimum=None, choices=(("diamonds", "D"), ("coins", "C"))),
        Field("diamonds", "Diamonds", 20_000, kind="integer", maximum=1e12),
        Field("coins", "Coins", 50_000, kind="integer", maximum=1e12),
        Field("age", "Your age", 25, kind="integer", maximum=120),
        Field("agency", "I work with an agency", False, kind="toggle", minimum=None),
        Field("cut", "Agency cut", 20, kind="percent", maximum=100),
    ),
    outputs=(
        Output("total", "Total", "usd", headline=True),
        Output("count", "A count under one", "count"),
        Output("orders", "Orders", "count"),
    ),
    compute=careless,
    primary=("mode", "diamonds", "coins"),
    groups=(Group("Agency", ("agency", "cut")),),
    applies=(
        AppliesWhen(("diamonds",), "mode", ("diamonds",)),
        AppliesWhen(("coins",), "mode", ("coins",)),
        AppliesWhen(("cut",), "agency", (True,)),
    ),
)


def result_of(calc: Calculator, raw: dict[str, object]) -> str:
    evaluation = evaluate(calc, raw)
    assert evaluation.ok, evaluation.errors
    return render_results(evaluation)


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"mode": "diamonds"}, "coins"),
        ({"mode": "coins"}, "diamonds"),
        ({"agency": "false"}, "cut"),
    ],
)
@pytest.mark.parametrize("typed", ["99999", "0", "1.5M", "junk", "-4", ""])
def test_a_field_that_does_not_apply_cannot_change_the_result(raw: dict[str, object], field: str, typed: str) -> None:
    assert result_of(DEMO, {**raw, field: typed}) == result_of(DEMO, raw)


def test_a_field_that_applies_still_counts() -> None:
    assert result_of(DEMO, {"mode": "coins", "coins": "1"}) != result_of(DEMO, {"mode": "coins"})
    assert result_of(DEMO, {"agency": "true", "cut": "50"}) != result_of(DEMO, {"agency": "true"})


@pytest.mark.parametrize("calc", list(calculators().values()), ids=lambda c: c.name)
def test_no_catalog_field_that_does_not_apply_changes_a_result(calc: Calculator) -> None:
    for rule in calc.applies:
        controller = calc.field(rule.controller)
        others = [v for v, _ in controller.choices] if controller.kind == "choice" else [True, False]
        for off in (v for v in others if v not in rule.values):
            raw = {rule.controller: as_text(controller, off)}
            base = evaluate(calc, raw)
            for name in rule.fields:
                for typed in ("7", "123456", "junk"):
                    changed = evaluate(calc, {**raw, name: typed})
                    assert changed.errors == base.errors, (calc.name, name, typed)
                    if base.ok:
                        assert render_results(changed) == render_results(base), (calc.name, name, typed)


def test_primary_fields_come_first_and_the_rest_sit_under_a_disclosure() -> None:
    html = render_widget(DEMO)
    parse_markup(html)
    answer, form = html.index("data-answer"), html.index("<form")
    assert answer < form, "the answer comes before the inputs"
    more = html.index('<details class="tmg-more"')
    for name in DEMO.primary:
        assert html.index(f'name="{name}"') < more
    for name in ("age", "agency", "cut"):
        assert html.index(f'name="{name}"') > more
    summary = re.search(r"<summary>(.*?)</summary>", html[more:], re.S)
    assert summary
    assert "assumed:" in summary.group(1)
    assert "Your age: 25" in summary.group(1)
    assert "I work with an agency: no" in summary.group(1)


def test_an_edited_or_hidden_field_is_not_called_assumed() -> None:
    html = render_widget(DEMO, {"age": "31"})
    item = re.search(r'<span class="tmg-more__item" data-assumed="age"( hidden="")?>', html)
    assert item
    assert item.group(1), "age was typed: not an assumption"
    cut = re.search(r'<span class="tmg-more__item" data-assumed="cut"( hidden="")?>', html)
    assert cut
    assert cut.group(1), "cut does not apply while the agency box is unticked"
    assert "you entered" not in html


def test_a_field_that_does_not_apply_is_hidden_and_says_when_it_does() -> None:
    tags = {a.get("data-field"): a for _, a in parse_markup(render_widget(DEMO)).tags if a.get("data-field")}
    assert "hidden" in tags["coins"]
    assert "hidden" in tags["cut"]
    assert "hidden" not in tags["diamonds"]
    assert tags["coins"]["data-when"] == "mode"
    assert json.loads(tags["coins"]["data-when-values"] or "") == ["coins"]
    assert json.loads(tags["cut"]["data-when-values"] or "") == ["true"]
    shown = {a.get("data-field"): a for _, a in parse_markup(render_widget(DEMO, {"mode": "coins"})).tags}
    assert "hidden" in shown["diamonds"]
    assert "hidden" not in shown["coins"]


def test_a_group_is_one_box_in_declared_order() -> None:
    html = render_widget(DEMO)
    box = re.search(r'<fieldset class="tmg-group"><legend>Agency</legend>(.*?)</fieldset>', html, re.S)
    assert box
    assert re.findall(r'data-field="(\w+)"', box.group(1)) == ["agency", "cut"]


def test_results_keep_two_notes_in_view_warnings_first() -> None:
    html = result_of(DEMO, {})
    in_view, _, rest = html.partition('<details class="tmg-more-notes"')
    assert re.findall(r"note \d", in_view) == ["note 3", "note 0"]
    assert "3 more notes" in rest
    assert re.findall(r"note \d", rest) == ["note 1", "note 2", "note 4"]


def test_counts_are_whole_and_a_one_bar_chart_is_left_out() -> None:
    html = result_of(DEMO, {})
    assert "under 1" in html
    assert ">8<" in html  # 7.6 orders
    assert "0.42" not in html
    assert "tmg-chart" not in html


def test_a_table_without_ranges_has_one_value_column() -> None:
    html = result_of(calculators()["engagement"], {})
    head = re.search(r"<thead>(.*?)</thead>", html)
    assert head
    columns = re.findall(r"<th[^>]*>(.*?)</th>", head.group(1))
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", html)
    if all('colspan="3"' in row for row in rows):
        pytest.fail("a table of single values still has Low / Typical / High columns")
    assert columns in (["Figure", "Low", "Typical", "High"], ["Figure", "Value"])


def test_keypads_can_type_what_each_field_accepts() -> None:
    fields = {f.name: f for f in DEMO.fields}
    assert keypad(fields["coins"]) == "text"  # "12k", "1.5M": letters, as TikTok shows counts
    assert keypad(fields["age"]) == "numeric"
    assert keypad(fields["cut"]) == "decimal"
    html = render_widget(DEMO)
    assert re.search(r'inputmode="text"[^>]*name="coins"', html)


def test_an_ambiguous_entry_offers_both_readings_as_buttons() -> None:
    html = render_widget(DEMO, {"mode": "coins", "coins": "300.000"})
    assert "can be read two ways" in html
    picks = re.findall(r'<button type="button" class="tmg-field__pick" data-pick="(\d+)">([^<]+)</button>', html)
    assert picks == [("300000", "300 thousand"), ("300", "300")]
    live = json.loads(update("creator_rewards", {"monthly_views": "300.000"}))
    assert live["html"] is None
    assert 'data-pick="300000"' in live["picks"]["monthly_views"]


def test_every_number_is_echoed_as_read_on_the_page_and_live() -> None:
    html = render_widget(DEMO, {"diamonds": "1,5k"})
    assert '<span class="tmg-field__read" id="calc-demo-diamonds-read">= 1,500</span>' in html
    live = json.loads(update("creator_rewards", {"monthly_views": "1.5M", "qualified_share": "0.5"}))
    assert live["read"]["monthly_views"] == "= 1,500,000"
    assert live["read"]["qualified_share"] == "= 0.5% (for 50%, type 50)"


@pytest.mark.parametrize("calc", list(calculators().values()), ids=lambda c: c.name)
def test_defaults_are_never_called_what_you_entered(calc: Calculator) -> None:
    """The built page shows defaults only: nothing may say the reader entered them (issue 12)."""
    assert "you entered" not in render_widget(calc).lower()
