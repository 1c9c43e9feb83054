"""Macros that place calculators on a page."""

from __future__ import annotations

from html import escape

from calculators.registry import calculators, get_calculator
from calculators.render import render_widget
from site_build.deferred import defer


def calculator(name: str) -> str:
    """The calculator ``name`` with its default inputs, results computed at build time."""
    return defer(render_widget(get_calculator(name)))


def calculator_list() -> str:
    """A Markdown list of every calculator, linking to the page it lives on."""
    lines = []
    for calc in calculators().values():
        title = escape(calc.title)
        link = f"[{title}]({calc.page})" if calc.page else title
        lines.append(f"- {link}: {escape(calc.summary)}")
    return "\n".join(lines)
