"""The one renderer: a calculator and its inputs as the widget's HTML.

The page build calls ``render_widget`` (form + pre-computed results); the browser calls
``render_results`` inside Pyodide after each edit. Both go through the same functions, so
what a reader sees before and after Python starts cannot drift apart. Every value that
reaches the HTML passes through ``html.escape``.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from calculators.engine import Evaluation, evaluate
from calculators.facts import get_fact
from calculators.formatting import format_range, format_value
from calculators.spec import Calculator, Chart, Field, Range
from calculators.validation import as_text

STATUS_STATIC = "Figures below are for the values shown. Change a value to recalculate."


def _attrs(**attrs: str | None) -> str:
    """HTML attributes from keyword arguments; ``None`` drops one, ``_`` becomes ``-``."""
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        key = name.rstrip("_").replace("_", "-")
        parts.append(f'{key}="{escape(value, quote=True)}"')
    return " ".join(parts)


def field_id(calc: Calculator, name: str) -> str:
    return f"calc-{calc.name}-{name}"


def render_widget(calc: Calculator, raw: Mapping[str, object] | None = None) -> str:
    """The whole widget, as the built page carries it (``data-state="static"``)."""
    evaluation = evaluate(calc, raw)
    given = raw or {}
    fields = "\n".join(_render_field(calc, f, evaluation, given.get(f.name)) for f in calc.fields)
    title_id = f"calc-{calc.name}-title"
    root = _attrs(data_calculator=calc.name, data_state="static", aria_labelledby=title_id)
    return (
        f'<section class="tmg-calc" {root}>\n'
        f'<h2 class="tmg-calc__title" id="{escape(title_id)}">{escape(calc.title)}</h2>\n'
        f'<p class="tmg-calc__summary">{escape(calc.summary)}</p>\n'
        f'<form class="tmg-calc__form" novalidate {_attrs(aria_label=calc.title + " inputs")}>\n{fields}\n</form>\n'
        '<div class="tmg-calc__bar">'
        f'<p class="tmg-calc__status" data-status role="status">{escape(STATUS_STATIC)}</p>'
        '<button type="button" class="md-button tmg-calc__retry" data-retry hidden>Try again</button>'
        "</div>\n"
        # Not a live region itself: a screen reader would read the whole table on every keystroke.
        # The browser runtime says the headline (or the field's problem) in data-announce after a pause.
        '<p class="tmg-sr-only" data-announce aria-live="polite" aria-atomic="true"></p>\n'
        '<div class="tmg-calc__results" data-results>\n'
        f"{render_results(evaluation)}\n</div>\n"
        "</section>"
    )


def _render_field(calc: Calculator, fld: Field, evaluation: Evaluation, given: object) -> str:
    fid = field_id(calc, fld.name)
    error = evaluation.errors.get(fld.name, "")
    value = evaluation.values.get(fld.name, fld.default)
    # An invalid entry is shown as typed, next to its message, never replaced by a default.
    text = str(given) if error and given is not None else as_text(fld, value)
    described = f"{fid}-help {fid}-error" if fld.help else f"{fid}-error"
    common = {
        "id": fid,
        "name": fld.name,
        "aria_describedby": described,
        "aria_invalid": "true" if error else None,
    }
    unit = f' <span class="tmg-field__unit">({escape(fld.unit)})</span>' if fld.unit else ""
    label = f"<label {_attrs(for_=fid)}>{escape(fld.label)}{unit}</label>"
    if fld.kind == "choice":
        options = "".join(
            f"<option {_attrs(value=v, selected='' if v == value else None)}>{escape(text)}</option>"
            for v, text in fld.choices
        )
        control = f"<select {_attrs(**common)}>{options}</select>"
    elif fld.kind == "toggle":
        control = f'<input type="checkbox" {_attrs(value="true", checked="" if value else None, **common)}>'
        label = f'<label class="tmg-field__check" {_attrs(for_=fid)}>{escape(fld.label)}</label>'
        return _field_box(fld, fid, control + label, error)
    else:
        control = (
            '<input type="text" autocomplete="off" spellcheck="false" '
            + _attrs(
                inputmode="numeric" if fld.kind == "integer" else "decimal",
                value=text,
                placeholder="optional" if fld.optional else None,
                **common,
            )
            + ">"
        )
    return _field_box(fld, fid, label + control, error)


def _field_box(fld: Field, fid: str, inner: str, error: str) -> str:
    help_text = f'<p class="tmg-field__help" id="{escape(fid)}-help">{escape(fld.help)}</p>' if fld.help else ""
    hidden = "" if error else " hidden"
    return (
        f'<div class="tmg-field tmg-field--{escape(fld.kind)}" data-field="{escape(fld.name)}">'
        f"{inner}{help_text}"
        f'<p class="tmg-field__error" id="{escape(fid)}-error"{hidden}>{escape(error)}</p>'
        "</div>"
    )


def render_results(evaluation: Evaluation) -> str:
    """The results region's content: headline, table, notes, chart, the math, the sources."""
    result = evaluation.result
    calc = evaluation.calculator
    if result is None:
        return '<p class="tmg-results__invalid">Fix the highlighted field to see figures.</p>'
    parts = []
    for out in calc.outputs:
        if out.headline and out.key in result.values:
            value = result.values[out.key]
            parts.append(
                '<p class="tmg-headline">'
                f'<span class="tmg-headline__label">{escape(out.label)}</span> '
                f'<strong class="tmg-headline__value">{escape(format_value(value.typical, out.unit))}</strong>'
                + (
                    ""
                    if value.is_single
                    else f' <span class="tmg-headline__range">range {escape(format_range(value, out.unit))}</span>'
                )
                + "</p>"
            )
    if result.notes:
        notes = "".join(
            f'<li class="tmg-note tmg-note--{escape(note.level)}">{escape(note.text)}</li>' for note in result.notes
        )
        parts.append(f'<ul class="tmg-notes">{notes}</ul>')
    parts.append(_render_table(evaluation))
    if result.chart is not None:
        parts.append(render_chart(result.chart, f"calc-{calc.name}-chart"))
    if result.steps:
        steps = "".join(f"<li>{escape(step)}</li>" for step in result.steps)
        parts.append(
            f'<details class="tmg-math" data-section="math"><summary>The math</summary><ol>{steps}</ol></details>'
        )
    if result.facts:
        parts.append(_render_sources(result.facts))
    return "\n".join(parts)


def _render_table(evaluation: Evaluation) -> str:
    assert evaluation.result is not None
    rows = []
    for out in evaluation.calculator.outputs:
        value = evaluation.result.values.get(out.key)
        label = escape(out.label)
        if out.help:
            label += f"<br><small>{escape(out.help)}</small>"
        if value is None:
            continue  # the output does not apply to these inputs (a note says why)
        if value.is_single:
            text = escape(format_value(value.typical, out.unit))
            cells = f'<td colspan="3" class="tmg-num tmg-num--single">{text}</td>'
        else:
            cells = "".join(
                f'<td class="tmg-num">{escape(format_value(getattr(value, part), out.unit))}</td>'
                for part in ("low", "typical", "high")
            )
        rows.append(f'<tr><th scope="row">{label}</th>{cells}</tr>')
    return (
        '<div class="tmg-table-wrap"><table class="tmg-table">'
        "<caption>Estimates for the values above</caption>"
        '<thead><tr><th scope="col">Figure</th><th scope="col">Low</th>'
        '<th scope="col">Typical</th><th scope="col">High</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _render_sources(keys: tuple[str, ...]) -> str:
    items = []
    for key in keys:
        fact = get_fact(key)
        links = ", ".join(
            f"<a {_attrs(href=source.url, rel='noopener')}>{escape(source.title)}</a> ({escape(source.when)})"
            for source in fact.sources
        )
        items.append(
            f"<li><strong>{escape(fact.label)}</strong>: {escape(fact.text())} "
            f"— {links}; reviewed {escape(fact.reviewed.isoformat())}</li>"
        )
    return (
        '<details class="tmg-sources" data-section="sources"><summary>Assumptions and sources</summary>'
        f"<ul>{''.join(items)}</ul></details>"
    )


def render_chart(chart: Chart, chart_id: str) -> str:
    """A range chart: HTML labels (they reflow and scale on phones) over SVG bars.

    Bars are drawn in a 0–100 SVG box stretched to the row's width, so no inline style
    is needed (the Content-Security-Policy forbids it) and no script either. The labels
    carry every number, so the SVG is decoration for assistive technology.
    """
    top = max((bar.value.high for bar in chart.bars), default=0.0)
    scale_max = top * 1.05 if top > 0 else 1.0

    def x(value: float) -> float:
        return 100 * max(0.0, value) / scale_max

    rows = []
    for bar in chart.bars:
        v: Range = bar.value
        x0, x1, xt = x(v.low), x(v.high), x(v.typical)
        rows.append(
            "<li>"
            f'<span class="tmg-chart__label">{escape(bar.label)}: <strong>{escape(format_range(v, chart.unit))}'
            "</strong></span>"
            '<svg class="tmg-chart__svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"'
            ' focusable="false">'
            '<rect class="tmg-chart__track" x="0" y="2" width="100" height="6"></rect>'
            f'<rect class="tmg-chart__bar" x="{x0:.2f}" y="2" width="{max(x1 - x0, 0.8):.2f}" height="6"></rect>'
            f'<rect class="tmg-chart__typical" x="{max(xt - 0.4, 0):.2f}" y="0" width="0.8" height="10"></rect>'
            "</svg></li>"
        )
    return (
        f'<figure class="tmg-chart" id="{escape(chart_id)}">'
        f'<ul class="tmg-chart__rows">{"".join(rows)}</ul>'
        f"<figcaption>{escape(chart.title)}. Bars span low to high; the mark is the typical value.</figcaption>"
        "</figure>"
    )
