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
AFFILIATE = {**CREATOR, "mode": "affiliate"}


def notes(name: str, **raw: object) -> str:
    result = evaluate(name, raw).result
    assert result is not None, evaluate(name, raw).errors
    return " ".join(note.text for note in result.notes)


def figure(name: str, key: str, **raw: object) -> Range:
    result = evaluate(name, raw).result
    assert result is not None, evaluate(name, raw).errors
    return result.values[key]


PROGRAMS = [
    # (table program, calculator, its headline, the figure if eligible, inputs that meet every other gate)
    ("creator_rewards", "Creator Rewards", "creator_rewards", "monthly_income", "income_if_eligible", CREATOR),
    ("live_gifts", "Receiving LIVE gifts", "live_gifts", "earned", "earned_if_eligible", CREATOR),
    ("subscriptions", "Subscription", "subscriptions", "monthly_income", "income_if_eligible", CREATOR),
    (
        "shop_affiliate",
        "TikTok Shop affiliate",
        "shop",
        "earnings",
        "earnings_if_eligible",
        {**CREATOR, "mode": "affiliate"},
    ),
    ("shop_seller", "Selling on TikTok Shop", "shop", "profit", "profit_if_eligible", {**CREATOR, "mode": "merch"}),
]
WORDING = {
    "not_listed": "is not among the countries the sources list",
    "disputed": "the sources disagree",
    "unknown": "no source found",
}


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize(
    ("program", "name", "calc", "headline", "if_eligible", "raw"), PROGRAMS, ids=[p[0] for p in PROGRAMS]
)
def test_a_program_pays_only_where_the_table_says_it_is_offered(
    code: str, program: str, name: str, calc: str, headline: str, if_eligible: str, raw: dict[str, object]
) -> None:
    place = load_countries()[code]
    rule = place.rule(program)
    income = figure(calc, headline, country=code, **raw)
    said = notes(calc, country=code, **raw)
    assert f"Rules for {place.name}: {name} — {rule.status_text}" in said
    if rule.offered:
        assert income.typical > 0
    else:
        assert income == Range.of(0.0), "never computed as if offered"
        assert figure(calc, if_eligible, country=code, **raw).typical > 0
        assert f"{name} in {place.name}" in said or f"{name}: {place.name}" in said
        assert WORDING[rule.status] in said


@pytest.mark.parametrize("code", CODES)
def test_the_overview_and_the_quick_estimate_follow_the_table(code: str) -> None:
    place = load_countries()[code]
    rewards = place.rule("creator_rewards")
    quick = figure("quick_estimate", "creator_rewards", country=code)
    overview = figure("income", "rewards", country=code)
    if rewards.offered:
        assert quick.typical > 0
        assert overview.typical > 0
    else:
        assert quick == Range.of(0.0)
        assert overview == Range.of(0.0)
        assert WORDING[rewards.status] in notes("quick_estimate", country=code)
        assert f"Counted as $0 for {place.name}: Creator Rewards" in notes("income", country=code)


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
