"""TikTok Money Guide calculators: plain Python, standard library only.

The same code runs in CPython when the site is built and in Pyodide in the reader's browser.
Use it as a library (``evaluate("engagement", {"likes": "1200", ...})``) or from the command
line (``python -m calculators list``).
"""

from calculators.engine import Evaluation, evaluate
from calculators.facts import Fact, get_fact, load_facts
from calculators.registry import UnknownCalculatorError, calculators, get_calculator
from calculators.spec import Calculator, Field, InputError, Note, Output, Range, Result

__all__ = [
    "Calculator",
    "Evaluation",
    "Fact",
    "Field",
    "InputError",
    "Note",
    "Output",
    "Range",
    "Result",
    "UnknownCalculatorError",
    "calculators",
    "evaluate",
    "get_calculator",
    "get_fact",
    "load_facts",
]
