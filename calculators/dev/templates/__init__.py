"""The files ``python -m calculators new`` copies: a calculator, its tests, a page snippet, a fact entry.

The two Python files are real modules (``$name``, ``$title``, ``$fact`` and ``$page`` only appear
inside strings), so ruff and mypy read them on every ``make lint``; the scaffold fills the
placeholders with ``string.Template`` and points the test at the new module.
"""
