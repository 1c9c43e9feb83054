"""Reader input → typed values or a message for that field; never an exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.spec import Field
from calculators.validation import MAX_TEXT_LENGTH, as_text, parse_field

COUNT = Field("views", "Views", 1000, kind="integer", maximum=1e12)
MONEY = Field("price", "Price", 4.99, kind="money", maximum=1000)
PERCENT = Field("share", "Share", 50, kind="percent", maximum=100)
OPTIONAL = Field("followers", "Followers", None, kind="integer", optional=True)
CHOICE = Field("region", "Region", "us", kind="choice", choices=(("us", "US/Canada"), ("other", "Elsewhere")))
TOGGLE = Field("bonus", "Bonus", False, kind="toggle")


@pytest.mark.parametrize(
    ("fld", "raw", "expected"),
    [
        (COUNT, "12500", 12500),
        (COUNT, " 12,500 ", 12500),
        (COUNT, "1,234,567", 1234567),
        (COUNT, "12k", 12000),
        (COUNT, "1.2M", 1200000),
        (COUNT, "1 000", 1000),
        (COUNT, "1_000", 1000),
        (COUNT, 42, 42),
        (COUNT, 42.0, 42),
        (MONEY, "$4.99", 4.99),
        (MONEY, "US$10", 10.0),
        (PERCENT, "12.5%", 12.5),
        (CHOICE, "other", "other"),
        (TOGGLE, "true", True),
        (TOGGLE, "off", False),
        (TOGGLE, True, True),
        (OPTIONAL, "", None),
        (OPTIONAL, "   ", None),
    ],
)
def test_values_people_type_are_understood(fld: Field, raw: object, expected: object) -> None:
    value, error = parse_field(fld, raw)
    assert error is None
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("fld", "raw", "message"),
    [
        (COUNT, "", "needed"),
        (COUNT, "lots", "Enter a number"),
        (COUNT, "1.000,5", "dot for decimals"),
        (COUNT, "12,5", "dot for decimals"),
        (COUNT, "NaN", "not infinity or NaN"),
        (COUNT, "-Infinity", "not infinity or NaN"),
        (COUNT, float("nan"), "not infinity or NaN"),
        (COUNT, float("inf"), "not infinity or NaN"),
        (COUNT, "1e308", "or less"),
        (COUNT, "1e309", "too large"),
        (COUNT, "-5", "0 or more"),
        (COUNT, "12.5", "whole number"),
        (COUNT, "9" * (MAX_TEXT_LENGTH + 1), "too long"),
        (COUNT, "<script>alert(1)</script>", "Enter a number"),
        (COUNT, "__import__('os')", "Enter a number"),
        (COUNT, True, "Enter a number"),
        (COUNT, None, "needed"),
        (PERCENT, "101", "100 or less"),
        (PERCENT, "5k", "Enter a number"),
        (CHOICE, "mars", "Choose one of: US/Canada, Elsewhere"),
        (TOGGLE, "maybe", "yes or no"),
    ],
)
def test_bad_input_gets_a_message_for_its_field(fld: Field, raw: object, message: str) -> None:
    value, error = parse_field(fld, raw)
    assert value is None
    assert error is not None
    assert message in error


@settings(max_examples=300, deadline=None)
@given(raw=st.one_of(st.text(max_size=60), st.floats(allow_nan=True), st.integers(), st.none(), st.booleans()))
@pytest.mark.parametrize("fld", [COUNT, MONEY, PERCENT, OPTIONAL, CHOICE, TOGGLE])
def test_any_input_gives_a_value_or_a_message(fld: Field, raw: object) -> None:
    value, error = parse_field(fld, raw)
    assert (value is None) or (error is None)
    if error is None and value is not None and fld.kind in ("integer", "money", "percent"):
        assert isinstance(value, int | float)
        assert fld.minimum is None or value >= fld.minimum
        assert fld.maximum is None or value <= fld.maximum


@settings(max_examples=200, deadline=None)
@given(value=st.floats(min_value=0, max_value=1000, allow_nan=False))
def test_canonical_text_parses_back_to_the_same_value(value: float) -> None:
    parsed, error = parse_field(MONEY, as_text(MONEY, value))
    assert error is None
    assert parsed == pytest.approx(value, rel=1e-11)
