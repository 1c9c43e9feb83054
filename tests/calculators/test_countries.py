"""The country table (``calculators/data/countries.toml``): what it holds, and bad data named by its line."""

from __future__ import annotations

import re

import pytest

from calculators import fact_schema
from calculators.countries import (
    DATA_FILE,
    DEFAULT_COUNTRY,
    STATUSES,
    CountryDataError,
    UnknownCountryError,
    country,
    country_choices,
    load_countries,
    parse_countries_text,
    programs,
)
from calculators.registry import calculators

VALID = """
[sources.S5]
title = "Hithanh: TikTok Creator Rewards Program"
url = "https://hithanh.com/tiktok-creator-rewards-program"
accessed = "2026-11"

[programs.creator_rewards]
label = "Creator Rewards"
[programs.creator_rewards.default]
status = "not_listed"
note = "Not in the lists."
sources = ["S5"]
reviewed = 2026-12-02

[programs.subscriptions]
label = "Subscriptions"
[programs.subscriptions.default]
status = "unknown"
share_rule = "elsewhere"
note = "No source found."
reviewed = 2026-12-02

[countries.US]
name = "United States"

[countries.KR]
name = "South Korea"
[countries.KR.creator_rewards]
status = "available"
min_age = 19
note = "Listed, 19+."
sources = ["S5"]
reviewed = 2026-12-02
"""


def line_of(text: str, needle: str, after: str = "") -> int:
    """The 1-based line of the first ``needle`` after the line holding ``after``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and needle in line) + 1


def error(text: str) -> str:
    with pytest.raises(CountryDataError) as caught:
        parse_countries_text(text)
    return str(caught.value)


def test_a_valid_table_reads_with_defaults_for_every_country() -> None:
    table = parse_countries_text(VALID)
    assert list(table) == ["US", "KR"]
    us, kr = table["US"], table["KR"]
    assert us.rule("creator_rewards").status == "not_listed"
    assert us.rule("creator_rewards").inherited
    assert kr.rule("creator_rewards").offered
    assert kr.rule("creator_rewards").min_age == 19
    assert not kr.rule("creator_rewards").inherited
    assert kr.rule("subscriptions").share_rule == "elsewhere"


def test_a_bad_status_names_file_line_country_and_program() -> None:
    text = VALID.replace('status = "available"', 'status = "maybe"')
    message = error(text)
    assert message.startswith(f"{DATA_FILE}:{line_of(text, 'status = "maybe"')}: ")
    assert "country 'KR', program 'creator_rewards', key 'status'" in message
    assert "status must be one of available, not_listed, disputed, unknown" in message


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            'sources = ["S5"]\nreviewed = 2026-12-02\n',
            'sources = ["S9"]\nreviewed = 2026-12-02\n',
            '["S9"]',
            "no source 'S9'",
        ),
        ("min_age = 19", "min_age = 1.5", "min_age", "whole number of years"),
        (
            '[countries.KR]\nname = "South Korea"',
            '[countries.kr]\nname = "South Korea"',
            "[countries.kr]",
            "ISO 3166-1",
        ),
        ('share_rule = "elsewhere"', 'share_rule = "mars"', "share_rule", "must be us_ca or elsewhere"),
        (
            'url = "https://hithanh.com/tiktok-creator-rewards-program"',
            'url = "http://hithanh.com/x"',
            "http://",
            "https",
        ),
        ('accessed = "2026-11"', 'accessed = "last week"', "last week", "must be a date"),
        ("reviewed = 2026-12-02\n\n[countries.US]", 'reviewed = "soon"\n\n[countries.US]', '"soon"', "TOML date"),
        ("[countries.KR.creator_rewards]", "[countries.KR.creator_rewardz]", "rewardz", "unknown program"),
    ],
)
def test_bad_data_is_named_by_its_line(old: str, new: str, needle: str, message: str) -> None:
    assert old in VALID
    text = VALID.replace(old, new, 1)
    found = error(text)
    assert message in found
    assert f"{DATA_FILE}:{line_of(text, needle)}:" in found, found


def test_a_status_other_than_unknown_needs_sources() -> None:
    text = VALID.replace('min_age = 19\nnote = "Listed, 19+."\nsources = ["S5"]', 'min_age = 19\nnote = "Listed, 19+."')
    found = error(text)
    assert "a status of 'available' needs its sources" in found
    assert "country 'KR', program 'creator_rewards'" in found


def test_a_source_no_cell_cites_is_an_error() -> None:
    extra = '\n[sources.S99]\ntitle = "Spare"\nurl = "https://example.org/spare"\ndate = "2025"\n'
    text = extra + VALID
    found = error(text)
    assert "source 'S99'" in found
    assert "no cell cites this source" in found
    assert f"{DATA_FILE}:{line_of(text, '[sources.S99]')}:" in found


def test_subscriptions_default_must_say_which_share_applies() -> None:
    found = error(VALID.replace('share_rule = "elsewhere"\n', ""))
    assert "program 'subscriptions', default" in found
    assert "needs share_rule" in found


def test_the_default_country_must_be_in_the_table() -> None:
    found = error(VALID.replace('[countries.US]\nname = "United States"\n', ""))
    assert f"needs the default country, {DEFAULT_COUNTRY}" in found


def test_broken_toml_names_the_country_file() -> None:
    found = error(VALID + "\n[countries.US]\n")
    assert found.startswith(f"{DATA_FILE}:")
    assert "not valid TOML" in found


def test_every_problem_is_reported_at_once() -> None:
    text = VALID.replace('status = "available"', 'status = "maybe"').replace("min_age = 19", "min_age = -1")
    found = error(text)
    assert found.startswith(f"2 problems in {DATA_FILE}:")


# --- The real table --------------------------------------------------------------------------


def test_the_real_table_reads_and_holds_the_countries_the_issue_names() -> None:
    table = load_countries()
    for code in ("US", "GB", "DE", "BR", "MX", "JP", "ID", "NG", "KR", "IT", "ES", "CA"):
        assert code in table, code
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in table)
    names = [c.name for c in table.values()]
    assert len(set(names)) == len(names)


def test_every_country_has_a_cell_for_every_program() -> None:
    for c in load_countries().values():
        assert set(c.rules) == set(programs()), c.code
        for rule in c.rules.values():
            assert rule.status in STATUSES
            assert rule.note.strip()
            assert rule.sources or rule.status == "unknown", (c.code, rule.program)


def test_the_sources_disagreement_on_italy_and_spain_is_kept() -> None:
    for code in ("IT", "ES"):
        rule = country(code).rule("creator_rewards")
        assert rule.status == "disputed"
        assert "disagree" in rule.note
        assert not rule.offered


def test_south_korea_sets_its_own_minimum_age_for_creator_rewards() -> None:
    # Hithanh (S5): 19+ in South Korea.
    assert country("KR").rule("creator_rewards").min_age == 19


def test_creator_rewards_is_offered_where_the_sources_list_it() -> None:
    # S2 (TikTok: US, UK, France, Germany), S5 (adds Japan, South Korea, Brazil), S8 (Mexico, Nov 2025).
    offered = {c.code for c in load_countries().values() if c.rule("creator_rewards").offered}
    assert offered == {"US", "GB", "DE", "FR", "JP", "KR", "BR", "MX"}


def test_subscriptions_share_rule_is_us_and_canada_or_elsewhere() -> None:
    # S30: 70% + up to 20% in the US and Canada; 50% + up to 20% elsewhere.
    rules = {c.code: c.rule("subscriptions").share_rule for c in load_countries().values()}
    assert {code for code, rule in rules.items() if rule == "us_ca"} == {"US", "CA"}
    assert set(rules.values()) == {"us_ca", "elsewhere"}


def test_the_menu_lists_every_country_by_name() -> None:
    choices = country_choices()
    assert [name for _, name in choices] == sorted(name for _, name in choices)
    assert {code for code, _ in choices} == set(load_countries())


def test_an_unknown_country_names_the_closest() -> None:
    with pytest.raises(UnknownCountryError, match="Did you mean DE"):
        country("de")


def test_every_calculator_takes_the_country_with_the_us_as_default() -> None:
    for calc in calculators().values():
        fld = calc.field("country")
        assert fld.kind == "choice"
        assert fld.default == DEFAULT_COUNTRY
        assert dict(fld.choices) == dict(country_choices())


def test_a_valid_table_is_read_without_mapping_its_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines are for messages only; the first result in the browser should not wait for them (#15)."""
    calls: list[str] = []

    def locate(text: str) -> dict[tuple[str | int, ...], int]:
        calls.append(text)
        return {}

    monkeypatch.setattr(fact_schema, "locate", locate)
    assert parse_countries_text(VALID)
    assert calls == []
    with pytest.raises(CountryDataError):
        parse_countries_text(VALID.replace('status = "available"', 'status = "maybe"'))
    assert calls == [VALID.replace('status = "available"', 'status = "maybe"')]
