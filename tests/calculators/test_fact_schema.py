"""Facts that cannot lie: the data file's rules, each failing with the file, line, fact and key.

The first cases are the reliability review's own payloads (2026-12-02, #2 and #7), applied to the
real data file the way the review applied them; on commit 00b7255 each of them loaded silently
or was blamed on a page.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from calculators import fact_schema
from calculators.dev.freshness import main as check_facts
from calculators.fact_schema import DATA_FILE, FactDataError, locate
from calculators.facts import parse_facts_text

TEXT = resources.files("calculators").joinpath("data/facts.toml").read_text("utf-8")


def line_of(text: str, needle: str, after: str = "") -> int:
    """The 1-based line where ``needle`` first occurs (after the line holding ``after``)."""
    start = text.index(after) if after else 0
    return text.count("\n", 0, text.index(needle, start)) + 1


def in_fact(text: str, fact: str, old: str, new: str) -> str:
    """``text`` with the first ``old`` inside fact ``fact``'s own table replaced by ``new``."""
    start = text.index(f"[{fact}]")
    at = text.index(old, start)
    end = re.compile(r"^\[\w", re.M).search(text, start + 1)
    assert end is None or at < end.start(), f"{old!r} is not in [{fact}]"
    return text[:at] + new + text[at + len(old) :]


def error_for(text: str) -> str:
    with pytest.raises(FactDataError) as info:
        parse_facts_text(text)
    return str(info.value)


def first_value_line(fact: str) -> str:
    section = TEXT[TEXT.index(f"[{fact}]") :]
    return re.search(r"^(value|low) = .*$", section, re.M).group(0)  # type: ignore[union-attr]


def test_the_data_file_follows_every_rule() -> None:
    assert parse_facts_text(TEXT)


def test_a_negative_percent_names_the_line() -> None:
    """Review #2: ``value = -4400`` for a brand engagement rate printed "-4,400%" in prose."""
    old = first_value_line("er_followers_brand_accounts")
    text = in_fact(TEXT, "er_followers_brand_accounts", old, "value = -4400")
    message = error_for(text)
    line = line_of(text, "value = -4400")
    assert message.startswith(f"{DATA_FILE}:{line}: fact 'er_followers_brand_accounts', key 'value':")
    assert "-4400 is out of bounds: must be 0 to 100" in message


def test_a_source_date_that_is_not_a_date_names_the_line() -> None:
    """Review #2: a source dated "last tuesday" was shown on four pages."""
    text = TEXT.replace('date = "2026-02"', 'date = "last tuesday"', 1)
    line = line_of(text, '"last tuesday"')
    fact = re.findall(r"^\[\[(\w+)\.sources\]\]", text[: text.index('"last tuesday"')], re.M)[-1]
    message = error_for(text)
    assert message.startswith(f"{DATA_FILE}:{line}: fact {fact!r}, key 'sources[")
    assert "].date': must be a date like" in message
    assert "'last tuesday'" in message


def test_a_value_next_to_a_range_names_the_line() -> None:
    """Review #2: ``value`` with ``low/typical/high`` silently dropped the range."""
    text = in_fact(TEXT, "diamond_value", "value = 0.005\n", "value = 0.005\nlow = 0.001\ntypical = 0.5\nhigh = 9\n")
    message = error_for(text)
    line = line_of(text, "low = 0.001")
    assert message.startswith(f"{DATA_FILE}:{line}: fact 'diamond_value', key 'low': has both 'value' and")


def test_the_three_payloads_together_are_all_reported() -> None:
    text = in_fact(
        TEXT, "er_followers_brand_accounts", first_value_line("er_followers_brand_accounts"), "value = -4400"
    )
    text = text.replace('date = "2026-02"', 'date = "last tuesday"', 1)
    text = in_fact(text, "diamond_value", "value = 0.005\n", "value = 0.005\nlow = 0.001\ntypical = 0.5\nhigh = 9\n")
    message = error_for(text)
    assert message.startswith(f"3 problems in {DATA_FILE}:")
    assert message.count(f"{DATA_FILE}:") == 4


def test_a_toml_syntax_error_names_the_data_file_and_the_fact() -> None:
    """Review #7: ``reviewed = 2026-13-01`` was reported as ``_File_: index.md``."""
    text = TEXT.replace("reviewed = 2026-11-01", "reviewed = 2026-13-01", 1)
    line = line_of(text, "2026-13-01")
    fact = re.findall(r"^\[(\w+)\]", text[: text.index("2026-13-01")], re.M)[-1]
    message = error_for(text)
    assert message.startswith(f"{DATA_FILE}:{line}:")
    assert f"not valid TOML (in fact {fact!r})" in message


def test_a_duplicated_fact_names_the_data_file_and_its_line() -> None:
    """Review #7: a second ``[diamond_value]`` was reported as ``_File_: index.md``."""
    text = TEXT + '\n[diamond_value]\nlabel = "again"\n'
    line = text.count("\n", 0, text.rindex("[diamond_value]")) + 1
    message = error_for(text)
    assert message.startswith(f"{DATA_FILE}:{line}:")
    assert "Cannot declare ('diamond_value',) twice" in message


@pytest.mark.parametrize(
    ("old", "new", "key", "expected"),
    [
        (
            'url = "https://www.followchain.org/tiktok-live-requirements"',
            'url = "https://www.followchain.org"',
            "url",
            "links only to a site's home page",
        ),
        (
            'url = "https://www.followchain.org/tiktok-live-requirements"',
            'url = "https://www.followchain.org/"',
            "url",
            "links only to a site's home page",
        ),
        (
            'url = "https://www.followchain.org/tiktok-live-requirements"',
            'url = "http://www.followchain.org/a"',
            "url",
            "must start with https://",
        ),
        (
            'url = "https://www.followchain.org/tiktok-live-requirements"',
            'url = "https://www.followchain.org/a\\"onmouseover=\\"x"',
            "url",
            "characters a URL cannot hold",
        ),
        (
            'url = "https://www.followchain.org/tiktok-live-requirements"',
            'url = "https://localhost/a"',
            "url",
            "needs a host name",
        ),
        ('accessed = "2026-11"', 'date = "undated"', "date", "must be a date like"),
        ('accessed = "2026-11"', 'date = "2025-13"', "date", "must be a date like"),
        ('accessed = "2026-11"', "date = 2025-10-29", "date", "write it in quotes"),
        ('accessed = "2026-11"', 'date = "2025"\naccessed = "2026-11"', "accessed", "not both"),
    ],
)
def test_every_source_has_a_deep_https_url_and_its_own_date(old: str, new: str, key: str, expected: str) -> None:
    """Issue #11: no bare-domain URLs; each source carries its own date (or when it was read)."""
    text = in_fact(TEXT, "withdrawal_min", old, new)
    message = error_for(text)
    line = line_of(text, new.splitlines()[-1], after="[withdrawal_min]")
    assert message.startswith(f"{DATA_FILE}:{line}: fact 'withdrawal_min', key 'sources[0].{key}':"), message
    assert expected in message


def test_a_source_without_any_date_is_refused() -> None:
    text = in_fact(TEXT, "withdrawal_min", 'accessed = "2026-11"\n', "")
    message = error_for(text)
    line = line_of(text, "[[withdrawal_min.sources]]")
    assert message.startswith(
        f"{DATA_FILE}:{line}: fact 'withdrawal_min', key 'sources[0]': a source needs its own date"
    )


@pytest.mark.parametrize(
    ("fact", "new", "expected"),
    [
        ("gift_creator_share", "low = 310\ntypical = 400\nhigh = 500", "310 is out of bounds: must be 0 to 100"),
        ("withdrawal_max_per_day", "value = -1", "-1 is out of bounds: must be 0 or more"),
        ("crp_min_followers", "value = nan", "must be a number"),
        ("crp_min_followers", "value = true", "must be a number"),
        ("crp_rpm", "low = 0.40\nhigh = 1.00", "missing typical"),
    ],
)
def test_values_stay_inside_their_units_bounds(fact: str, new: str, expected: str) -> None:
    section = TEXT[TEXT.index(f"[{fact}]") :]
    old = re.search(r"^(value = .*|low = .*\ntypical = .*\nhigh = .*)$", section, re.M).group(0)  # type: ignore[union-attr]
    message = error_for(in_fact(TEXT, fact, old, new))
    assert f"fact {fact!r}" in message
    assert expected in message


def test_a_fact_may_declare_wider_bounds() -> None:
    message = error_for(in_fact(TEXT, "brand_usage_rights_uplift", "bounds = [0, 500]", "bounds = [0, 150]"))
    assert "'high': 200 is out of bounds: must be 0 to 150" in message


def test_text_is_one_line_of_text() -> None:
    message = error_for(in_fact(TEXT, "crp_rpm", 'per = "1,000 qualified views"', 'per = "1,000\\n# views"'))
    assert "key 'per': must be one line of plain text" in message


@pytest.mark.parametrize("control", ["\\t", "\\r", "\\u0000", "\\u001f", "\\u007f"])
def test_no_control_character_passes_as_text(control: str) -> None:
    text = in_fact(TEXT, "crp_rpm", 'per = "1,000 qualified views"', f'per = "1,000{control}views"')
    assert "key 'per': must be one line of plain text" in error_for(text)


def test_valid_data_is_read_without_mapping_its_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """The line map is only for messages: the browser's first result (issue #15) should not wait for it."""
    calls: list[str] = []
    real = fact_schema.locate

    def locate(text: str) -> dict[tuple[str | int, ...], int]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(fact_schema, "locate", locate)
    assert parse_facts_text(TEXT)
    assert calls == []
    message = error_for(in_fact(TEXT, "crp_rpm", 'per = "1,000 qualified views"', 'per = "1,000\\tviews"'))
    assert len(calls) == 1
    assert f"{DATA_FILE}:{line_of(TEXT, 'per = ', after='[crp_rpm]')}" in message


HISTORY = """
[[sub_bonus_share.history]]
date = "2025-10-01"
change = "US and Canada creators get 70% after app-store fees instead of 50%."
value = 50
[[sub_bonus_share.history.sources]]
title = "A page"
url = "https://example.org/news/change"
date = "2025-10"
"""


def test_history_entries_follow_the_same_rules() -> None:
    fact_end = TEXT.index("\n[", TEXT.index("[sub_bonus_share]") + 1)
    good = TEXT[:fact_end] + HISTORY + TEXT[fact_end:]
    assert parse_facts_text(good)["sub_bonus_share"].history[0].date == "2025-10-01"
    bad = good.replace("value = 50\n[[sub_bonus_share.history", "value = 500\n[[sub_bonus_share.history")
    message = error_for(bad)
    line = line_of(bad, "value = 500")
    assert message.startswith(f"{DATA_FILE}:{line}: fact 'sub_bonus_share', key 'history[0].value': 500 is out")
    undated = good.replace('date = "2025-10-01"', 'date = "soon"')
    assert "key 'history[0].date': must be a date like" in error_for(undated)


def test_locate_finds_tables_keys_and_array_elements() -> None:
    lines = locate(TEXT)
    assert lines[("crp_rpm",)] == line_of(TEXT, "[crp_rpm]")
    assert lines[("crp_rpm", "low")] == line_of(TEXT, "low", after="[crp_rpm]")
    second = TEXT.index("[[crp_rpm.sources]]", TEXT.index("[[crp_rpm.sources]]") + 1)
    assert lines[("crp_rpm", "sources", 1)] == TEXT.count("\n", 0, second) + 1
    assert lines[("crp_rpm", "sources", 1, "date")] == TEXT.count("\n", 0, second) + 4


def test_check_facts_fails_on_an_undated_source_or_a_bare_domain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue #11: ``make check-facts`` also fails on a source without its own date or a URL without a path."""
    for broken in (
        in_fact(TEXT, "withdrawal_min", 'accessed = "2026-11"', 'date = "undated"'),
        in_fact(
            TEXT,
            "withdrawal_min",
            "https://www.followchain.org/tiktok-live-requirements",
            "https://www.followchain.org",
        ),
    ):
        path = tmp_path / "facts.toml"
        path.write_text(broken, "utf-8")
        assert check_facts(["--file", str(path), "--today", "2026-12-01"]) == 2
        assert "fact 'withdrawal_min', key 'sources[0]" in capsys.readouterr().err
