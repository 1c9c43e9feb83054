"""Reader input → typed values or a message for that field; never an exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.spec import Field
from calculators.validation import MAX_TEXT_LENGTH, as_text, parse_field, read_back, readings

COUNT = Field("views", "Views", 1000, kind="integer", maximum=1e12)
MONEY = Field("price", "Price", 4.99, kind="money", maximum=1000)
FEE = Field("fee", "Fee", 500, kind="money", maximum=1e6)
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
        # A comma before one or two digits can only mark decimals (a European keypad has no dot).
        (MONEY, "4,99", 4.99),
        (MONEY, "12,5", 12.5),
        (PERCENT, "12,5", 12.5),
        (FEE, "1.234,56", 1234.56),
        (FEE, "1,234.56", 1234.56),
        (MONEY, "0,125", 0.125),
        (COUNT, "1.000.000", 1000000),
        (COUNT, "1,5M", 1500000),
        (COUNT, "300\u202f000", 300000),  # French: a narrow no-break space groups thousands
        (COUNT, "300'000", 300000),  # Swiss
        (COUNT, "\u0663\u0660\u0660,\u0660\u0660\u0660", 300000),  # Arabic-Indic digits, grouped
        (MONEY, "\uff14,\uff19\uff19", 4.99),  # fullwidth digits, comma decimal
        # One reading only fits the field: 1.5 views is not a count, 12,500% is over 100%.
        (COUNT, "1.500", 1500),
        (PERCENT, "12.500", 12.5),
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
        (COUNT, "1.000,5", "whole number"),
        (COUNT, "12,5", "whole number"),
        (COUNT, "1.2.3", "Enter a number"),
        (COUNT, "12,34,567", "Enter a number"),
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


@pytest.mark.parametrize(
    ("fld", "raw", "meanings"),
    [
        (COUNT, "300.000", (300000, 300)),
        (COUNT, "1.000", (1000, 1)),
        (MONEY, "1.000", (1000, 1)),
        (FEE, "4.500", (4500, 4.5)),
        (MONEY, "4.500", (4.5,)),  # $4,500 is over this field's $1,000: one reading left,
    ],
)
def test_a_dot_before_three_digits_is_a_question_not_a_guess(fld: Field, raw: str, meanings: tuple[float, ...]) -> None:
    """ "300.000" is 300,000 in Germany and 300 in the US: never silently 300 (issue 12)."""
    assert readings(fld, raw) == meanings
    value, error = parse_field(fld, raw)
    if len(meanings) == 1:
        assert (value, error) == (meanings[0], None)
        return
    assert value is None
    assert error is not None
    assert "two ways" in error
    assert f"Type {meanings[0]:g} or {meanings[1]:g}." in error


@pytest.mark.parametrize("raw", ["300000", "300,000", "300 000", "300k", "0.3M", "1.000.000", 300000])
def test_unambiguous_forms_have_one_reading(raw: object) -> None:
    assert len(readings(COUNT, raw)) == 1


@pytest.mark.parametrize(
    ("fld", "raw", "echo"),
    [
        (COUNT, "300,000", "= 300,000"),
        (COUNT, "1.5M", "= 1,500,000"),
        (MONEY, "4,99", "= $4.99"),
        (FEE, "1.234,56", "= $1,234.56"),
        (MONEY, "5", "= $5"),
        (PERCENT, "12,5", "= 12.5%"),
        (PERCENT, "0.5", "= 0.5% (for 50%, type 50)"),
        (PERCENT, "0.5%", "= 0.5%"),
        (PERCENT, "50", "= 50%"),
    ],
)
def test_every_number_is_echoed_as_read(fld: Field, raw: str, echo: str) -> None:
    value, error = parse_field(fld, raw)
    assert error is None
    assert read_back(fld, raw, value) == echo
