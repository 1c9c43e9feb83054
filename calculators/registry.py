"""Finding calculators by name.

Each module in ``calculators/catalog/`` defines one ``CALCULATOR``; adding a file there is all
it takes to register one, so the scaffold and contributors never edit a central list.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from functools import cache

from calculators import catalog
from calculators.spec import Calculator


class UnknownCalculatorError(KeyError):
    """A page, URL or command asked for a calculator that does not exist."""

    def __str__(self) -> str:
        return str(self.args[0])


@cache
def calculators() -> dict[str, Calculator]:
    """All calculators, keyed by name, in the order their modules sort."""
    found: dict[str, Calculator] = {}
    for info in sorted(pkgutil.iter_modules(catalog.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{catalog.__name__}.{info.name}")
        calc = getattr(module, "CALCULATOR", None)
        if not isinstance(calc, Calculator):
            raise TypeError(f"{module.__name__} must define CALCULATOR = Calculator(...)")
        if calc.name in found:
            raise ValueError(f"two calculators are named {calc.name!r}")
        found[calc.name] = calc
    return found


def get_calculator(name: str) -> Calculator:
    """One calculator by name; an unknown name lists the closest known ones."""
    known = calculators()
    try:
        return known[name]
    except KeyError:
        close = difflib.get_close_matches(name, known, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else f" Known: {', '.join(known)}."
        raise UnknownCalculatorError(f"Unknown calculator {name!r}.{hint}") from None
