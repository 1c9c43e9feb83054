"""``python -m calculators check-facts``: old review dates fail, with a fixed ``--today`` in every test.

The real data file is only checked against a date far in the future: whether today's facts
are fresh is for the weekly CI run to say, not for a test that any pull request could fail.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calculators.cli import main as cli
from calculators.dev.freshness import main, months_before, months_between
from calculators.facts import load_facts
from tests.calculators.test_countries import VALID

SOURCE = """
[[{key}.sources]]
title = "A source"
url = "https://example.org/{key}"
date = "2025"
"""


def fact(key: str, reviewed: str) -> str:
    entry = f'[{key}]\nlabel = "{key} label"\nunit = "percent"\nvalue = 5\nreviewed = {reviewed}\n'
    return entry + SOURCE.format(key=key)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "facts.toml"
    path.write_text(
        "# test data\n"
        + fact("exactly_a_year", "2025-11-26")
        + fact("a_day_too_old", "2025-11-25")
        + fact("recent", "2026-10-01")
        + fact("typo_future", "2062-11-01")
    )
    return path


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2026-11-26", 12, "2025-11-26"),
        ("2026-03-31", 1, "2026-02-28"),
        ("2024-02-29", 12, "2023-02-28"),
        ("2026-01-15", 1, "2025-12-15"),
        ("2026-01-15", 25, "2023-12-15"),
    ],
)
def test_months_before(day: str, months: int, expected: str) -> None:
    assert months_before(dt.date.fromisoformat(day), months) == dt.date.fromisoformat(expected)


def test_months_between() -> None:
    assert months_between(dt.date(2025, 11, 25), dt.date(2026, 11, 26)) == 12
    assert months_between(dt.date(2025, 11, 27), dt.date(2026, 11, 26)) == 11


def test_old_and_future_review_dates_fail(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--file", str(data), "--today", "2026-11-26"]) == 1
    out = capsys.readouterr().out
    assert "2 of 4 facts need a review" in out
    assert "a_day_too_old: reviewed 2025-11-25, 12 months ago" in out
    assert "typo_future: reviewed 2062-11-01, which is after 2026-11-26" in out
    assert "exactly_a_year" not in out
    assert "recent:" not in out
    assert f"{data}:" in out, "each fact points at the line to edit"
    assert "https://example.org/a_day_too_old" in out, "each fact lists its sources to re-check"
    assert "set reviewed = 2026-11-26" in out


def test_a_longer_allowance_passes_when_nothing_is_older(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "facts.toml"
    path.write_text(fact("old", "2025-01-10") + fact("new", "2026-11-27"))
    assert main(["--file", str(path), "--today", "2026-11-26"]) == 1
    assert main(["--file", str(path), "--today", "2026-11-26", "--max-age-months", "23"]) == 0
    out = capsys.readouterr().out
    assert "All 2 facts were reviewed on or after 2024-12-26; the oldest is old, reviewed 2025-01-10." in out


def test_ci_gets_an_annotation_on_the_reviewed_line(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--file", str(data), "--today", "2026-11-26"]) == 1
    lines = data.read_text().splitlines()
    annotation = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("::error "))
    line_number = int(annotation.split("line=")[1].split(",")[0])
    assert lines[line_number - 1] == "reviewed = 2025-11-25"


def test_the_real_data_file_goes_stale_eventually(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["check-facts", "--today", "2100-01-01"]) == 1
    out = capsys.readouterr().out
    count = len(load_facts())
    assert f"{count} of {count} facts need a review" in out
    assert "(calculators/data/facts.toml:" in out


@pytest.mark.parametrize("args", [["--today", "2026-13-01"], ["--max-age-months", "0"], ["--max-age-months", "x"]])
def test_bad_arguments_are_refused(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert "error: argument" in capsys.readouterr().err


def test_a_broken_data_file_is_an_error_not_a_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "facts.toml"
    path.write_text('[broken]\nlabel = "no unit"\n')
    assert main(["--file", str(path), "--today", "2026-11-26"]) == 2
    assert "missing 'unit'" in capsys.readouterr().err


def test_the_country_table_goes_stale_like_any_fact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "countries.toml"
    text = VALID.replace("reviewed = 2026-12-02\n\n[countries.US]", "reviewed = 2024-01-10\n\n[countries.US]")
    path.write_text(text)
    facts = tmp_path / "facts.toml"
    facts.write_text(fact("recent", "2026-10-01"))
    assert main(["--file", str(facts), "--countries", str(path), "--today", "2026-12-02"]) == 1
    out = capsys.readouterr().out
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "2024-01-10" in row)
    assert f"subscriptions default: reviewed 2024-01-10, 34 months ago  ({path}:{line})" in out
    assert "creator_rewards" not in out.split("need a review")[1], "only the stale cell is listed"


def test_check_facts_covers_the_real_country_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--today", "2099-01-01"]) == 1
    out = capsys.readouterr().out
    assert "cells of the country table need a review" in out
    assert "calculators/data/countries.toml:" in out


def test_a_broken_country_table_fails_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "countries.toml"
    path.write_text("[countries.US]\n")
    facts = tmp_path / "facts.toml"
    facts.write_text(fact("recent", "2026-10-01"))
    assert main(["--file", str(facts), "--countries", str(path), "--today", "2026-12-02"]) == 2
    assert "calculators/data/countries.toml" in capsys.readouterr().err
