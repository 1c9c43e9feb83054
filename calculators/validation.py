"""Turning what a reader typed (or a URL, or the command line) into typed values.

Readers type "12k", "1,200" or "$49.99"; they also paste junk. Every path in here either
returns a value or a message written for the reader about that one field: nothing raises.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace

from calculators.formatting import NumberStyle, format_plain, localize, style, with_symbol
from calculators.spec import Calculator, Field, Value, Values

MAX_TEXT_LENGTH = 40
"""Longer than any number a person types; longer input is rejected before parsing."""

_SUFFIXES = {"k": 1e3, "m": 1e6, "b": 1e9}
# Spaces of every width, underscores and apostrophes group digits (French "300 000", Swiss "300'000").
_GROUP_MARKS = str.maketrans("", "", " \u00a0\u202f\u2009_'\u2019")
_DIGITS = re.compile(r"[0-9]*", re.ASCII)
_SCIENTIFIC = re.compile(r"([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+", re.ASCII)
MIXED_DIGITS = "Type the number in one kind of digits: this mixes digits from different writing systems."
CHOICES_NAMED = 6
"""A menu this long is named in its field's message; a longer one (the reader's country) is not."""
_TRUE = {"true", "1", "on", "yes"}
_FALSE = {"false", "0", "off", "no", ""}


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
    if len(fld.choices) > CHOICES_NAMED:
        return None, "Choose one from the list."
    labels = ", ".join(label for _, label in fld.choices)
    return None, f"Choose one of: {labels}."


def _parse_number(fld: Field, raw: object) -> tuple[Value, str | None]:
    """A number field's value; money typed in the reader's currency comes back in US dollars."""
    per_usd = _typed_per_usd(fld, raw)
    local = _in_currency_typed(fld, per_usd)
    meanings, error = _meanings(local, raw)
    if error:
        return None, error
    if not meanings:
        return None, None  # an empty optional field
    checked = [_check(local, number) for number in meanings]
    valid = [value for value, _ in checked if value is not None]
    if len(valid) == 1:
        return (valid[0] if per_usd == 1 else valid[0] / per_usd), None
    if not valid:
        return checked[0]
    # Both readings fit the field: a guess could be off by a factor of 1,000, so ask.
    first, second = valid
    return None, (
        f"“{_shown(raw)}” can be read two ways: {in_words(first)} or {in_words(second)}."
        f" Type {typeable(first)} or {typeable(second)}."
    )


# --- Money in the reader's currency ---------------------------------------------------------


_USD_MARKS = ("US$", "USD", "$")


def _typed_per_usd(fld: Field, raw: object) -> float:
    """Units per US dollar of what the reader typed in a money field: 1 for US dollars.

    A bare amount typed is in the reader's currency (their country's, where a dated rate
    exists); one marked "US$", "USD" or, where the local currency is not a dollar, "$" is in US
    dollars, so a reader can always give either. A number that is not text is a field's
    default or a program's input: US dollars, as every figure in the calculators is.
    """
    s = style()
    if fld.kind != "money" or not s.converts or s.per_usd is None or not isinstance(raw, str):
        return 1.0
    text = raw.strip()
    marks = _USD_MARKS[:2] if "$" in s.symbol else _USD_MARKS  # "$5" in Mexico is pesos
    if any(text.startswith(mark) or text.endswith(mark) for mark in marks):
        return 1.0
    return s.per_usd


def _in_currency_typed(fld: Field, per_usd: float) -> Field:
    """The field as the reader fills it: a money field's bounds in the currency they type."""
    if per_usd == 1:
        return fld
    scale = {k: getattr(fld, k) * per_usd for k in ("minimum", "maximum") if getattr(fld, k) is not None}
    return replace(fld, **scale)


def _strip_currency(text: str) -> str:
    """An amount without its currency mark: "$4.99", "4,99 €", "US$ 5", "Rp 16.000", "30 EUR"."""
    s = style()
    marks = sorted({*_USD_MARKS, s.currency, s.symbol} - {""}, key=len, reverse=True)
    for mark in marks:
        if text.startswith(mark):
            return text.removeprefix(mark)
        if text.endswith(mark):
            return text.removesuffix(mark)
    return text


def typeable(value: float) -> str:
    """A value as the reader can type it back and have it read only one way, in their country's marks.

    "4.5" in the US and "4,5" in Germany; a fraction of exactly three digits gets a fourth
    ("1,1250"), since "1,125" could be a thousand and more.
    """
    text = format_plain(value)
    whole, dot, fraction = text.partition(".")
    if dot and len(fraction) == 3 and re.fullmatch(r"-?[1-9][0-9]{0,2}", whole):
        fraction += "0"
    return f"{whole}{style().decimal if dot else ''}{fraction}"


def readings(fld: Field, raw: object) -> tuple[float | int, ...]:
    """The values a typed text could mean in this field: two when it is ambiguous, else one or none.

    "300.000" is 300,000 where a dot groups thousands (much of Europe, Latin America,
    Indonesia) and 300 where it marks decimals, and both fit a count of views; the page
    offers both as buttons instead of guessing.
    """
    if fld.kind in ("toggle", "choice"):
        return ()
    local = _in_currency_typed(fld, _typed_per_usd(fld, raw))
    meanings, error = _meanings(local, raw)
    if error:
        return ()
    return tuple(value for value, _ in (_check(local, n) for n in meanings) if value is not None)


def _check(fld: Field, number: float) -> tuple[float | int | None, str | None]:
    """A number against the field's kind and bounds."""
    value: float | int = number
    if fld.kind == "integer":
        if number != math.floor(number):
            return None, "Enter a whole number, like 12500."
        value = int(number)
    if fld.minimum is not None and value < fld.minimum:
        return None, f"Enter {format_plain(fld.minimum)} or more."
    if fld.maximum is not None and value > fld.maximum:
        return None, f"Enter {format_plain(fld.maximum)} or less."
    return value, None


def in_words(value: float) -> str:
    """A reading that no separator convention can misread: "300 thousand", "1.5 million", "300"."""
    decimal = style().decimal
    for size, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if abs(value) >= size:
            return f"{format_plain(value / size).replace('.', decimal)} {word}"
    return format_plain(value).replace(".", decimal)


def _exact(value: float) -> str:
    """Every digit the reader gave, grouped (not rounded like the figures): 1234.56 → "1,234.56"."""
    return localize(f"{int(value):,}" if float(value).is_integer() and abs(value) < 1e15 else f"{value:,.12g}")


def _shown(raw: object) -> str:
    return str(raw).strip()


def _meanings(fld: Field, raw: object) -> tuple[tuple[float, ...], str | None]:
    """Read a number the way people write one: every value it can mean, or a message.

    An empty optional field gives no value and no message.
    """
    if isinstance(raw, bool):
        return (), "Enter a number, like 12500."
    if isinstance(raw, int | float):
        try:
            number = float(raw)
        except OverflowError:  # a Python int beyond float range
            return (), "That number is too large."
        if not math.isfinite(number):
            return (), "Enter an ordinary number (not infinity or NaN)."
        return (number,), None
    text = "" if raw is None else str(raw)
    if len(text) > MAX_TEXT_LENGTH:
        return (), f"That is too long for a number: use at most {MAX_TEXT_LENGTH} characters."
    if mixes_digit_scripts(text):
        return (), MIXED_DIGITS
    # Digits of any one script are read ("١٢٣" from an Arabic keyboard is 123); the separators
    # and suffixes below are then matched on ASCII digits only.
    text = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text.strip())
    text = text.translate(_GROUP_MARKS)
    if not text:
        if fld.optional:
            return (), None
        return (), "This field is needed: enter a number."
    if fld.kind == "money":
        text = _strip_currency(text)
    if fld.kind == "percent":
        text = text.removesuffix("%")
    multiplier = 1.0
    if text and text[-1].lower() in _SUFFIXES and fld.kind != "percent":
        multiplier = _SUFFIXES[text[-1].lower()]
        text = text[:-1]
    sign = -1.0 if text.startswith("-") else 1.0
    body = text[1:] if text[:1] in "+-" else text
    if body.lower() in {"nan", "inf", "infinity"}:
        return (), "Enter an ordinary number (not infinity or NaN)."
    numbers = _read_digits(body, style())
    if numbers is None:
        return (), "Enter a number, like 12500 or 12.5k."
    scaled = tuple(sign * n * multiplier for n in numbers)
    if not all(math.isfinite(n) for n in scaled):
        return (), "That number is too large."
    return scaled, None


def _read_digits(body: str, s: NumberStyle) -> tuple[float, ...] | None:
    """Unsigned digits with separators: one meaning, two when ambiguous, ``None`` if not a number.

    - Both "." and "," present: the last one marks decimals ("1,234.5", "1.234,5").
    - One kind, used more than once: it groups thousands ("1.000.000", "1,000,000"; in India
      also "3,00,000").
    - One mark before anything but exactly three digits after one to three: decimals ("4,99").
    - One mark before exactly three digits after one to three ("300.000", "300,000"): the
      reader's country decides when it is its group mark (Germany's ".", the US's ","); when it
      is the country's decimal mark, or not its mark at all, both readings are in everyday use
      (a German "4,500" is 4.5, an English one 4,500), so both are returned. In the US, the
      stated default for every reader who has not chosen a country, "300.000" stays a question.
    """
    if _SCIENTIFIC.fullmatch(body):
        return (float(body),)
    if "." in body and "," in body:
        decimal = "." if body.rfind(".") > body.rfind(",") else ","
        group = "," if decimal == "." else "."
        whole, _, fraction = body.rpartition(decimal)
        if not (_grouped(whole, group) and fraction and _DIGITS.fullmatch(fraction)):
            return None
        return (float(whole.replace(group, "") + "." + fraction),)
    separator = "," if "," in body else "." if "." in body else ""
    if not separator:
        return (float(body),) if body and _DIGITS.fullmatch(body) else None
    if body.count(separator) > 1:
        return (float(body.replace(separator, "")),) if _grouped(body, separator, s) else None
    whole, fraction = body.split(separator)
    if not (whole or fraction) or not _DIGITS.fullmatch(whole) or not _DIGITS.fullmatch(fraction):
        return None
    as_decimal = float(f"{whole or 0}.{fraction or 0}")
    if len(fraction) != 3 or not re.fullmatch(r"[1-9][0-9]{0,2}", whole):
        return (as_decimal,)
    as_thousands = float(whole + fraction)
    return (as_thousands,) if separator == s.group else (as_thousands, as_decimal)


def _grouped(text: str, separator: str, s: NumberStyle | None = None) -> bool:
    """Digits in groups of three after a first group of one to three: "1.234.567".

    Where the country groups the digits above the first three in twos (India: "12,34,567"),
    that is grouping too.
    """
    head, *groups = text.split(separator)
    if not (groups and head.isascii() and head.isdigit() and all(g.isascii() and g.isdigit() for g in groups)):
        return False
    if 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups):
        return True
    secondary = s.money.secondary if s is not None and s.group == separator else 3
    return (
        secondary != 3
        and 1 <= len(head) <= secondary
        and len(groups[-1]) == 3
        and all(len(g) == secondary for g in groups[:-1])
    )


def read_back(fld: Field, raw: object, value: Value) -> str:
    """How a number field's entry was read, shown beside it: "= 300,000", "= $4.99".

    A percent under 1 typed without "%" also gets a hint: "0.5" is 0.5%, and a reader who
    meant a half probably meant 50%.
    """
    if fld.kind in ("toggle", "choice") or isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    text = f"= {reading(fld, value)}"
    if fld.kind == "percent" and 0 < value < 1 and "%" not in str(raw):
        text += f" (for {_exact(value * 100)}%, type {format_plain(value * 100)})"
    return text


def reading(fld: Field, value: float) -> str:
    """A number in its field's unit with every digit the reader gave: "300,000", "$4.99", "0.5%"."""
    exact = _exact(value)
    if fld.kind == "money":
        s = style()
        if s.country != "US":
            return _money_reading(value, s)
        return f"${value:,.2f}" if not float(value).is_integer() and round(value, 2) == value else f"${exact}"
    if fld.kind == "percent":
        s = style()
        return f"{s.percent.prefix}{exact}{s.percent.suffix}"
    return exact


def _money_reading(usd: float, s: NumberStyle) -> str:
    """An amount read from a money field, abroad: in the reader's currency to the cent, US dollars beside."""
    dollars = _cents(usd, s.usd_symbol, s)
    if not s.converts or s.per_usd is None:
        return dollars
    return f"{_cents(usd * s.per_usd, s.symbol, s)} ({dollars})"


def _cents(amount: float, symbol: str, s: NumberStyle) -> str:
    """An amount to the cent, in the country's marks and symbol placement: "4,99 €", "US$5"."""
    return with_symbol(localize(f"{round(amount, 2):,.2f}".removesuffix(".00"), s), symbol, s)


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
