"""The calculators wheel readers download holds what Pyodide imports, with its bytecode, and no developer tool."""

from __future__ import annotations

import zipfile

from site_build.bundle import site_wheel


def test_the_wheel_ships_the_calculators_and_not_the_developer_tools() -> None:
    with zipfile.ZipFile(site_wheel()) as wheel:
        names = set(wheel.namelist())
    assert {"calculators/api.py", "calculators/catalog/brand_deal.py", "calculators/data/facts.toml"} <= names
    assert any(name.startswith("calculators/__pycache__/api.") for name in names), "with the modules' bytecode"
    developer = sorted(n for n in names if n.startswith("calculators/dev/") or "scaffold" in n or "freshness" in n)
    assert developer == [], "calculators/dev/ is excluded in pyproject.toml: readers never run it"
