"""Turning what a reader typed (or a URL, or the command line) into typed values.

Readers type "12k", "1,200" or "$49.99"; they also paste junk. Every path in here either
returns a value or a message written for the reader about that one field: nothing raises.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping

from calculators.formatting import format_plain
from calculators.spec import Calculator, Field, Value, Values

MAX_TEXT_LENGTH = 40
"""Longer than any number a person types; longer input is rejected before parsing."""

_SUFFIXES = {"k": 1e3, "m": 1e6, "b": 1e9}
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_EUROPEAN = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*,\d+$|^[+-]?\d+,\d{1,2}$")
MIXED_DIGITS = "Type the number in one kind of digits: this mixes digits from different writing systems."
_TRUE = {"true", "1", "on", "yes"}
_FALSE = {"false", "0", "off", "no", ""}


class ValidationError(ValueError):
    """Raised by library callers that prefer an exception to an error mapping."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


def parse_inputs(calc: Calculator, raw: Mapping[str, object]) -> tuple[Values, dict[str, str]]:
    """Parse every declared field; unknown keys are ignored (they may belong to another widget).

    Missing keys take the field's default, so a URL or a command line can give just a few.
    """
    values: Values = {}
    errors: dict[str, str] = {}
    for fld in calc.fields:
        given = raw.get(fld.name, fld.default) if isinstance(raw, Mapping) else fld.default
        value, error = parse_field(fld, given)
        if error:
            errors[fld.name] = error
        else:
            values[fld.name] = value
    return values, errors


def parse_field(fld: Field, raw: object) -> tuple[Value, str | None]:
    """One field: ``(value, None)`` or ``(None, message)``."""
    if fld.kind == "toggle":
        return _parse_toggle(raw)
    if fld.kind == "choice":
        return _parse_choice(fld, raw)
    return _parse_number(fld, raw)


def _parse_toggle(raw: object) -> tuple[Value, str | None]:
    if isinstance(raw, bool):
        return raw, None
    text = str(raw).strip().lower() if raw is not None else ""
    if text in _TRUE:
        return True, None
    if text in _FALSE:
        return False, None
    return None, "Choose yes or no."


def _parse_choice(fld: Field, raw: object) -> tuple[Value, str | None]:
    text = str(raw).strip() if raw is not None else ""
    allowed = [value for value, _ in fld.choices]
    if text in allowed:
        return text, None
    labels = ", ".join(label for _, label in fld.choices)
    return None, f"Choose one of: {labels}."


def _parse_number(fld: Field, raw: object) -> tuple[Value, str | None]:
    number, error = _to_number(fld, raw)
    if error:
        return None, error
    if number is None:
        return None, None
    if fld.kind == "integer":
        if number != math.floor(number):
            return None, "Enter a whole number, like 12500."
        number = int(number)
    if fld.minimum is not None and number < fld.minimum:
        return None, f"Enter {format_plain(fld.minimum)} or more."
    if fld.maximum is not None and number > fld.maximum:
        return None, f"Enter {format_plain(fld.maximum)} or less."
    return number, None


def _to_number(fld: Field, raw: object) -> tuple[float | None, str | None]:
    """Read a number the way people write one; ``(None, None)`` for an empty optional field."""
    if isinstance(raw, bool):
        return None, "Enter a number, like 12500."
    if isinstance(raw, int | float):
        try:
            number = float(raw)
        except OverflowError:  # a Python int beyond float range
            return None, "That number is too large."
        if not math.isfinite(number):
            return None, "Enter an ordinary number (not infinity or NaN)."
        return number, None
    text = "" if raw is None else str(raw)
    if len(text) > MAX_TEXT_LENGTH:
        return None, f"That is too long for a number: use at most {MAX_TEXT_LENGTH} characters."
    text = text.strip().replace("\u00a0", " ").replace(" ", "").replace("_", "")
    if not text:
        if fld.optional:
            return None, None
        return None, "This field is needed: enter a number."
    if mixes_digit_scripts(text):
        return None, MIXED_DIGITS
    if fld.kind == "money":
        text = text.removeprefix("$").removeprefix("US$")
    if fld.kind == "percent":
        text = text.removesuffix("%")
    multiplier = 1.0
    if text and text[-1].lower() in _SUFFIXES and fld.kind != "percent":
        multiplier = _SUFFIXES[text[-1].lower()]
        text = text[:-1]
    if _GROUPED.match(text):
        text = text.replace(",", "")
    elif _EUROPEAN.match(text):
        return None, "Use a dot for decimals and no separator for thousands, like 1000.5."
    if text.lower().lstrip("+-") in {"nan", "inf", "infinity"}:
        return None, "Enter an ordinary number (not infinity or NaN)."
    if not _PLAIN.match(text):
        return None, "Enter a number, like 12500 or 12.5k."
    number = float(text) * multiplier
    if not math.isfinite(number):
        return None, "That number is too large."
    return number, None


def mixes_digit_scripts(text: str) -> bool:
    """Whether ``text`` holds digits of more than one writing system, like "1٢3" (1, Arabic 2, 3).

    ``float()`` reads the digits of every script, mixed or not. Digits of one script are read, on
    every path (the command line and the browser run this same code): "١٢٣" from an Arabic
    keyboard and fullwidth digits from a Japanese one are 123. A mixture is not how anyone writes
    a number (it comes from a paste or a look-alike trick), so it is refused rather than read.
    """
    zeros = {ord(char) - unicodedata.decimal(char) for char in text if char.isdecimal()}
    return len(zeros) > 1


def as_text(fld: Field, value: Value) -> str:
    """The canonical text of a parsed value, used to refill forms and share URLs."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int) and fld.kind != "choice":
        return format_plain(value)
    return str(value)


def default_texts(calc: Calculator) -> dict[str, str]:
    """The form's values on a built page (its defaults as text), as the browser first sends them."""
    return {f.name: as_text(f, f.default) for f in calc.fields}
