"""The one renderer: a calculator and its inputs as the widget's HTML.

The page build calls ``render_widget`` (form + pre-computed results); the browser calls
``render_results`` inside Pyodide after each edit. Both go through the same functions, so
what a reader sees before and after Python starts cannot drift apart. Every value that
reaches the HTML passes through ``html.escape``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from html import escape

from calculators.common import COUNTRY_FIELD
from calculators.engine import Evaluation, evaluate
from calculators.facts import get_fact
from calculators.formatting import figure_parts, format_figure, format_range
from calculators.spec import Calculator, Chart, Field, Note, Range, Unit
from calculators.validation import as_text, in_words, read_back, reading, readings, typeable


def _in_readers_style[**P, R](render: Callable[P, R]) -> Callable[P, R]:
    """Render in the style (marks, currency) of the reader's country the ``Evaluation`` argument carries."""

    @functools.wraps(render)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        evaluation = next(a for a in (*args, *kwargs.values()) if isinstance(a, Evaluation))
        with evaluation.formatting():
            return render(*args, **kwargs)

    return wrapper


STATUS_STATIC = "These figures are for the values in the form. Change a value to recalculate."


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


def render_widget(calc: Calculator, raw: Mapping[str, object] | None = None, *, wake: str | None = None) -> str:
    """The whole widget, as the built page carries it (``data-state="static"``).

    Answer first: the headline figure comes before the form and stays pinned at the top of
    the screen while the reader edits any field (on a phone the keyboard hides the lower
    part of the screen). Then the form: the fields that move the answer most, and the rest
    under "More details" with their assumed values in view. The notes, table, chart, the
    math and the sources follow the form.
    """
    evaluation = evaluate(calc, raw)
    given = raw or {}
    title_id = f"calc-{calc.name}-title"
    # wake="touch": Python starts only when the reader touches this calculator (the home page's
    # quick estimate must not cost every visitor the download), not when it comes into view.
    root = _attrs(data_calculator=calc.name, data_state="static", data_wake=wake, aria_labelledby=title_id)
    return (
        f'<section class="tmg-calc" {root}>\n'
        f'<h2 class="tmg-calc__title" id="{escape(title_id)}">{escape(calc.title)}</h2>\n'
        f'<p class="tmg-calc__summary">{escape(calc.summary)}</p>\n'
        f'<div class="tmg-calc__answer" data-answer>{render_answer(evaluation)}</div>\n'
        '<div class="tmg-calc__bar">'
        f'<p class="tmg-calc__status" data-status role="status">{escape(STATUS_STATIC)}</p>'
        '<button type="button" class="md-button tmg-calc__retry" data-retry hidden>Try again</button>'
        "</div>\n"
        f'<form class="tmg-calc__form" novalidate {_attrs(aria_label=calc.title + " inputs")}>\n'
        f"{_render_form(calc, evaluation, given)}\n</form>\n"
        # Not a live region itself: a screen reader would read the whole table on every keystroke.
        # The browser runtime says the headline (or the field's problem) in data-announce after a pause.
        '<p class="tmg-sr-only" data-announce aria-live="polite" aria-atomic="true"></p>\n'
        '<div class="tmg-calc__results" data-results>\n'
        f"{render_results(evaluation)}\n</div>\n"
        # The address holds the reader's numbers; the runtime shows this button (it needs a script).
        '<p class="tmg-calc__share"><button type="button" class="md-button tmg-calc__copy" data-copy-link hidden>'
        "Copy link to my numbers</button> "
        '<span class="tmg-calc__copied" data-copied role="status"></span></p>\n'
        "</section>"
    )


@_in_readers_style
def _render_form(calc: Calculator, evaluation: Evaluation, given: Mapping[str, object]) -> str:
    """Primary fields first; the rest under a disclosure that lists their assumed values."""
    hidden = calc.inapplicable(evaluation.values)

    def blocks(names: list[str]) -> str:
        """Fields in declared order; a group's fields together in one box where its first one falls."""
        group_of = {n: g for g in calc.groups for n in g.fields}
        out: list[str] = []
        loose: list[str] = []
        done: set[str] = set()

        def flush() -> None:
            if loose:
                out.append(f'<div class="tmg-calc__fields">{"".join(loose)}</div>')
                loose.clear()

        for name in names:
            if name in done:
                continue
            group = group_of.get(name)
            if group is None:
                loose.append(_render_field(calc, calc.field(name), evaluation, given.get(name), name in hidden))
                continue
            flush()
            members = [n for n in group.fields if n in names]
            done.update(members)
            inner = "".join(_render_field(calc, calc.field(n), evaluation, given.get(n), n in hidden) for n in members)
            # A method's box opens with its own checkbox ("Creator Rewards"): the legend would only
            # repeat it on screen, so it is left to screen readers (it names the group for them).
            first = calc.field(members[0])
            repeated = first.kind == "toggle" and first.label == group.title
            legend = f"<legend{' class="tmg-sr-only"' if repeated else ''}>{escape(group.title)}</legend>"
            out.append(f'<fieldset class="tmg-group">{legend}<div class="tmg-calc__fields">{inner}</div></fieldset>')
        flush()
        return "\n".join(out)

    # The reader's country comes first, in view: it decides which programs pay at all, and it
    # is the same choice in every calculator (the runtime keeps them in step).
    names = [f.name for f in calc.fields if f.name != COUNTRY_FIELD]
    where = ""
    if len(names) < len(calc.fields):
        country = _render_field(calc, calc.field(COUNTRY_FIELD), evaluation, given.get(COUNTRY_FIELD))
        where = f'<div class="tmg-calc__fields tmg-calc__where">{country}</div>\n'
    if not calc.primary:
        return where + blocks(names)
    rest = [n for n in names if n not in calc.primary]
    first = where + blocks([n for n in names if n in calc.primary])
    if not rest:
        return first
    assumed = "".join(_assumed(calc, calc.field(n), evaluation, given, n in hidden) for n in rest)
    return (
        f"{first}\n"
        '<details class="tmg-more" data-section="more"><summary>'
        '<span class="tmg-more__title">More details</span> '
        f'<span class="tmg-more__assumed">assumed: {assumed}</span></summary>\n'
        f"{blocks(rest)}\n</details>"
    )


def _assumed(calc: Calculator, fld: Field, evaluation: Evaluation, given: Mapping[str, object], hidden: bool) -> str:
    """One "Followers 50,000" entry of the disclosure's summary; the runtime hides it once edited.

    Shown only while the field holds its default and applies: then the figures rest on a value
    the reader never gave, and the page says so ("assumed"), never "you entered".
    """
    value = fld.default
    if fld.kind == "toggle":
        text = "yes" if value else "no"
    elif fld.kind == "choice":
        text = dict(fld.choices).get(str(value), str(value))
    elif isinstance(value, int | float):
        text = reading(fld, value)
    else:
        text = "empty"
    typed = given.get(fld.name)
    edited = typed is not None and str(typed) != as_text(fld, value)
    shown = not hidden and not edited and fld.name not in evaluation.errors
    return (
        f'<span class="tmg-more__item" {_attrs(data_assumed=fld.name, hidden="" if not shown else None)}>'
        f"{escape(fld.label)}: {escape(text)}</span>"
    )


def _render_field(calc: Calculator, fld: Field, evaluation: Evaluation, given: object, hidden: bool = False) -> str:
    fid = field_id(calc, fld.name)
    error = evaluation.errors.get(fld.name, "")
    value = evaluation.values.get(fld.name, fld.default)
    # An invalid entry is shown as typed, next to its message, never replaced by a default; a
    # field that does not apply keeps what it holds (hidden), though the result ignores it.
    text = str(given) if (error or hidden) and given is not None else as_text(fld, value)
    described = " ".join([f"{fid}-help"] * bool(fld.help) + [f"{fid}-read"] * _is_number(fld) + [f"{fid}-error"])
    common = {
        "id": fid,
        "name": fld.name,
        "aria_describedby": described,
        "aria_invalid": "true" if error else None,
    }
    # A money field's currency follows the reader's country (the runtime updates it after each result).
    money = {"data_money_unit": ""} if fld.kind == "money" else {}
    shown = evaluation.style.currency if fld.kind == "money" and evaluation.style.converts else fld.unit
    unit = f" <span {_attrs(class_='tmg-field__unit', **money)}>({escape(shown)})</span>" if fld.unit else ""
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
        return _field_box(calc, fld, fid, control + label, error, hidden=hidden)
    else:
        control = (
            '<input type="text" autocomplete="off" autocapitalize="none" spellcheck="false" enterkeyhint="done" '
            + _attrs(
                inputmode=keypad(fld),
                value=text,
                placeholder="optional" if fld.optional else None,
                **common,
            )
            + ">"
        )
        raw = given if given is not None else text
        echo = "" if error or hidden else read_back(fld, raw, value)
        label = (
            f'<div class="tmg-field__head">{label}'
            f'<span class="tmg-field__read" id="{escape(fid)}-read">{escape(echo)}</span></div>'
        )
        picks = (
            f'<div class="tmg-field__picks" id="{escape(fid)}-picks">{render_picks(fld, raw if error else None)}</div>'
        )
        return _field_box(calc, fld, fid, label + control, error, picks, hidden)
    return _field_box(calc, fld, fid, label + control, error, hidden=hidden)


def _is_number(fld: Field) -> bool:
    return fld.kind not in ("choice", "toggle")


SHORTHAND_MIN = 1e6
"""Count fields whose maximum is above this take "12k" and "1.5M", as TikTok itself shows counts."""


def keypad(fld: Field) -> str:
    """The on-screen keyboard a number field asks for: one that can type what the field accepts.

    Views, followers, likes and Diamonds are shown by TikTok as "12.3K" and "1.5M", and
    creators copy them that way, so those fields get the full keyboard ("text"); a numeric
    keypad has no letters. Money and percents need a decimal separator ("decimal": a European
    phone shows a comma, which is read as one). Small counts (age, videos a month) need digits only.
    """
    if fld.kind == "integer":
        return "text" if fld.maximum is None or fld.maximum > SHORTHAND_MIN else "numeric"
    return "decimal"


def render_picks(fld: Field, raw: object) -> str:
    """Buttons for each reading of an ambiguous entry ("300.000": 300 thousand or 300); empty otherwise."""
    options = readings(fld, raw) if raw is not None else ()
    if len(options) < 2:
        return ""
    buttons = "".join(
        f'<button type="button" class="tmg-field__pick" {_attrs(data_pick=typeable(option))}>'
        f"{escape(in_words(float(option)))}</button>"
        for option in options
    )
    return f'<span class="tmg-field__picks-label">Did you mean</span> {buttons}'


def _field_box(
    calc: Calculator, fld: Field, fid: str, inner: str, error: str, picks: str = "", hidden: bool = False
) -> str:
    help_text = f'<p class="tmg-field__help" id="{escape(fid)}-help">{escape(fld.help)}</p>' if fld.help else ""
    # The runtime shows or hides the field as its controller changes, before Python is ready too.
    rule = next((r for r in calc.applies if fld.name in r.fields), None)
    when = None
    if rule is not None:
        controller = calc.field(rule.controller)
        when = json.dumps([as_text(controller, v) for v in rule.values])
    box = _attrs(
        class_=f"tmg-field tmg-field--{fld.kind}",
        data_field=fld.name,
        data_when=rule.controller if rule else None,
        data_when_values=when,
        hidden="" if hidden else None,
    )
    return (
        f"<div {box}>{inner}{help_text}"
        f'<p class="tmg-field__error" id="{escape(fid)}-error"{"" if error else " hidden"}>{escape(error)}</p>'
        f"{picks}</div>"
    )


NOTES_SHOWN = 2
"""Notes in view under the figures; the rest are one tap away (a wall of caveats hides the answer)."""

_NOTE_ORDER = {"warning": 0, "success": 1, "info": 2}


@_in_readers_style
def render_answer(evaluation: Evaluation) -> str:
    """The headline figure and its range: the answer to the page's question, pinned while editing."""
    result = evaluation.result
    if result is None:
        return '<p class="tmg-results__invalid">Fix the highlighted field to see figures.</p>'
    parts = []
    for out in evaluation.calculator.outputs:
        if out.headline and out.key in result.values:
            value = result.values[out.key]
            parts.append(
                '<p class="tmg-headline">'
                f'<span class="tmg-headline__label">{escape(out.label)}</span> '
                f'<strong class="tmg-headline__value">{escape(format_figure(value.typical, out.unit))}</strong>'
                + (
                    ""
                    if value.is_single
                    else f' <span class="tmg-headline__range">range {escape(format_range(value, out.unit))}</span>'
                )
                + "</p>"
            )
    return "".join(parts)


@_in_readers_style
def render_results(evaluation: Evaluation) -> str:
    """The results region's content: notes, table, chart, the math, the sources."""
    result = evaluation.result
    calc = evaluation.calculator
    if result is None:
        return '<p class="tmg-results__invalid">Fix the highlighted field to see figures.</p>'
    parts = []
    if result.notes:
        # Warnings first (an unmet gate explains a $0), then at most two in view.
        notes = sorted(result.notes, key=lambda note: _NOTE_ORDER.get(note.level, 3))

        def items(chosen: list[Note]) -> str:
            return "".join(
                f'<li class="tmg-note tmg-note--{escape(note.level)}">{escape(note.text)}</li>' for note in chosen
            )

        parts.append(f'<ul class="tmg-notes">{items(notes[:NOTES_SHOWN])}</ul>')
        if len(notes) > NOTES_SHOWN:
            more = len(notes) - NOTES_SHOWN
            parts.append(
                '<details class="tmg-more-notes" data-section="notes">'
                f"<summary>{more} more {'note' if more == 1 else 'notes'}</summary>"
                f'<ul class="tmg-notes">{items(notes[NOTES_SHOWN:])}</ul></details>'
            )
    parts.append(_render_table(evaluation))
    if result.chart is not None and len(result.chart.bars) > 1:
        # One bar compares nothing: the table already holds its numbers.
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
    """Every figure with its low / typical / high; one "Value" column when no figure is a range."""
    assert evaluation.result is not None
    shown = [
        (out, evaluation.result.values[out.key])
        for out in evaluation.calculator.outputs
        if out.key in evaluation.result.values  # an output that does not apply is left out (a note says why)
    ]
    ranged = any(not value.is_single for _, value in shown)
    rows = []
    for out, value in shown:
        label = escape(out.label)
        if out.help:
            label += f"<br><small>{escape(out.help)}</small>"
        if not ranged:
            cells = f'<td class="tmg-num">{_figure_cell(value.typical, out.unit)}</td>'
        elif value.is_single:
            text = _figure_cell(value.typical, out.unit)
            cells = f'<td colspan="3" class="tmg-num tmg-num--single">{text}</td>'
        else:
            cells = "".join(
                f'<td class="tmg-num">{_figure_cell(getattr(value, part), out.unit)}</td>'
                for part in ("low", "typical", "high")
            )
        rows.append(f'<tr><th scope="row">{label}</th>{cells}</tr>')
    columns = ("Low", "Typical", "High") if ranged else ("Value",)
    head = "".join(f'<th scope="col">{name}</th>' for name in columns)
    return (
        '<div class="tmg-table-wrap"><table class="tmg-table">'
        "<caption>Estimates for the values in the form</caption>"
        f'<thead><tr><th scope="col">Figure</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _figure_cell(value: float, unit: Unit) -> str:
    """A table cell's figure; abroad, US dollars on a line of their own beneath the reader's currency."""
    text, usd = figure_parts(value, unit)
    return escape(text) + (f"<br><small>({escape(usd)})</small>" if usd else "")


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
