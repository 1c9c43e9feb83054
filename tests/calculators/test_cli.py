"""The command line's own behaviour (each calculator's results are tested in catalog/)."""

from __future__ import annotations

import json
import sys

import pytest

from calculators.cli import EXIT_BAD_INPUT, main
from calculators.registry import calculators


@pytest.mark.parametrize("name", list(calculators()))
def test_every_calculator_has_working_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([name, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for fld in calculators()[name].fields:
        assert "--" + fld.name.replace("_", "-") in out


def test_list_names_every_calculator(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == list(calculators())


def test_unknown_calculator_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["engagment"]) == EXIT_BAD_INPUT
    assert "Did you mean engagement" in capsys.readouterr().err


def test_bad_input_with_json_still_prints_the_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["engagement", "--views", "lots", "--json"]) == EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert "--views" in captured.err
    assert json.loads(captured.out)["errors"] == {"views": "Enter a number, like 12500 or 12.5k."}


def test_no_arguments_prints_usage_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == EXIT_BAD_INPUT
    assert "usage" in capsys.readouterr().out


@pytest.mark.parametrize(("command", "module"), [("new", "scaffold"), ("check-facts", "freshness")])
def test_developer_commands_explain_themselves_where_the_tools_are_not_installed(
    command: str, module: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, f"calculators.dev.{module}", None)  # as in the wheel: no calculators/dev/
    assert main([command, "anything"]) == EXIT_BAD_INPUT
    assert f"`{command}` is a developer command" in capsys.readouterr().err


# --- What a person types at a terminal (the reliability review, item 12) ----------------------


def test_a_choice_error_lists_the_values_to_type(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["live_gifts", "--mode", "DIAMONDS"]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "error: --mode: Choose one of: diamonds, coins, usd (" in err
    assert main(["subscriptions", "--country", "us"]) == EXIT_BAD_INPUT
    assert "error: --country: Choose one of: AU, BR, CA, " in capsys.readouterr().err
    assert main(["subscriptions", "--country", "US"]) == 0


@pytest.mark.parametrize("argv", [["engagement", "--lik", "5"], ["subscriptions", "--count", "DE"]])
def test_abbreviated_flags_are_refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == EXIT_BAD_INPUT
    assert f"unrecognized arguments: {argv[1]}" in capsys.readouterr().err


def test_new_and_check_facts_refuse_abbreviated_flags(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["check-facts", "--max-age", "3"], ["new", "demo", "--pag", "x.md"]):
        with pytest.raises(SystemExit) as done:
            main(argv)
        assert done.value.code == EXIT_BAD_INPUT, argv
        assert "unrecognized arguments" in capsys.readouterr().err


# Escapes, so the test reads unambiguously: U+0661.. are Arabic-Indic, U+06F1.. Persian, U+FF11.. fullwidth.
@pytest.mark.parametrize("typed", ["1\u06623", "\u066123", "\u0661\u06623", "1\uff123", "\u06f1\u0662\u0663"])
def test_digits_mixing_writing_systems_are_refused(typed: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["engagement", "--likes", typed]) == EXIT_BAD_INPUT
    assert "error: --likes: Type the number in one kind of digits" in capsys.readouterr().err


@pytest.mark.parametrize("typed", ["123", "\u0661\u0662\u0663", "\uff11\uff12\uff13", "\u06f1\u06f2\u06f3"])
def test_digits_of_one_writing_system_are_read(typed: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["engagement", "--likes", typed, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["inputs"]["likes"] == 123


def test_a_negative_value_after_a_space_gets_the_fields_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["engagement", "--likes", "-1k"]) == EXIT_BAD_INPUT
    spaced = capsys.readouterr().err
    assert main(["engagement", "--likes=-1k"]) == EXIT_BAD_INPUT
    assert spaced == capsys.readouterr().err == "error: --likes: Enter 0 or more.\n"
    with pytest.raises(SystemExit):  # a flag is never taken for a value
        main(["engagement", "--likes", "--json"])
    assert "expected one argument" in capsys.readouterr().err


def test_an_ambiguous_number_fails_with_both_readings(capsys: pytest.CaptureFixture[str]) -> None:
    """The command line reads numbers as the page does: "300.000" views is asked about, not taken as 300."""
    assert main(["creator_rewards", "--monthly-views", "300.000"]) == EXIT_BAD_INPUT
    assert "300000 or 300" in capsys.readouterr().err


def test_a_comma_decimal_is_read_as_a_decimal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["subscriptions", "--price", "4,99", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["inputs"]["price"] == 4.99


def test_a_value_for_a_field_that_does_not_apply_is_ignored_and_said(capsys: pytest.CaptureFixture[str]) -> None:
    """Income with Subscriptions unticked: subscribers typed too change nothing, and the command line says so."""
    assert main(["income", "--use-subscriptions", "false", "--subscribers", "500", "--json"]) == 0
    captured = capsys.readouterr()
    assert "note: --subscribers does not apply" in captured.err
    assert main(["income", "--use-subscriptions", "false", "--json"]) == 0
    assert json.loads(captured.out)["outputs"] == json.loads(capsys.readouterr().out)["outputs"]
