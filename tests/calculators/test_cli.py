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
