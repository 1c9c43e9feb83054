"""Every calculator applies the chosen country's rules from the table, and says so.

For each country in ``data/countries.toml``: a rule the table sets there changes the result
(a program not offered pays $0, a country's own minimum age is a gate, the Subscription share
follows the US-and-Canada rule or the one for everywhere else) and the notes name the country.
The expected figures come from the table and the sources behind it, never from the code's output.
"""

from __future__ import annotations

import pytest

from calculators.cli import main
from calculators.countries import DEFAULT_COUNTRY, load_countries
from calculators.engine import evaluate
from calculators.spec import Range

CODES = list(load_countries())
CREATOR = {"age": 25, "followers": 2_000_000, "views_30d": 20_000_000}
"""A creator who meets every published threshold, so only the country decides."""


def notes(name: str, **raw: object) -> str:
    result = evaluate(name, raw).result
    assert result is not None, evaluate(name, raw).errors
    return " ".join(note.text for note in result.notes)


def figure(name: str, key: str, **raw: object) -> Range:
    result = evaluate(name, raw).result
    assert result is not None, evaluate(name, raw).errors
    return result.values[key]


@pytest.mark.parametrize("code", CODES)
def test_creator_rewards_pays_only_where_the_table_says_it_is_offered(code: str) -> None:
    place = load_countries()[code]
    rule = place.rule("creator_rewards")
    income = figure("creator_rewards", "monthly_income", country=code, **CREATOR)
    said = notes("creator_rewards", country=code, **CREATOR)
    assert f"Rules for {place.name}: Creator Rewards {rule.status_text}" in said
    if rule.offered:
        assert income.typical > 0
    else:
        assert income == Range.of(0.0), "never computed as if offered"
        assert figure("creator_rewards", "income_if_eligible", country=code, **CREATOR).typical > 0
        assert place.name in said
        wording = {
            "not_listed": "not among the countries the sources list",
            "disputed": "the sources disagree",
            "unknown": "no source found",
        }[rule.status]
        assert wording in said


@pytest.mark.parametrize("code", [c for c in CODES if load_countries()[c].rule("creator_rewards").min_age])
def test_a_country_s_own_minimum_age_is_a_gate(code: str) -> None:
    place = load_countries()[code]
    age = place.rule("creator_rewards").min_age
    assert age is not None
    below = {**CREATOR, "age": age - 1}
    assert figure("creator_rewards", "monthly_income", country=code, **below) == Range.of(0.0)
    assert f"{age} or older in {place.name}" in notes("creator_rewards", country=code, **below)
    assert figure("creator_rewards", "monthly_income", country=code, **{**CREATOR, "age": age}).typical > 0
    # The same age is enough where the usual minimum (18) holds.
    assert figure("creator_rewards", "monthly_income", country=DEFAULT_COUNTRY, **below).typical > 0


def test_south_korea_at_18_gets_nothing_where_the_us_pays() -> None:
    # Hithanh (S5): 19+ in South Korea; TikTok (S4): 18+ elsewhere.
    young = {**CREATOR, "age": 18}
    assert figure("creator_rewards", "monthly_income", country="KR", **young) == Range.of(0.0)
    assert figure("creator_rewards", "monthly_income", country="US", **young).typical > 0


def test_the_cli_takes_the_country(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["creator_rewards", "--country", "NG", "--followers", "50000"]) == 0
    out = capsys.readouterr().out
    assert "Where you live: Nigeria" in out
    assert "Nigeria is not among the countries the sources list" in out


def test_the_cli_refuses_an_unknown_country_and_lists_the_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["creator_rewards", "--country", "XX"]) == 2
    err = capsys.readouterr().err
    assert "error: --country:" in err
    assert "DE: Germany" in err
