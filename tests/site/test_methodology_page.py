"""The built methodology page carries the generated account of every calculator (content review 3.5)."""

from __future__ import annotations

from pathlib import Path

from calculators.registry import calculators


def test_the_methodology_page_describes_every_calculator(site_dir: Path) -> None:
    page = (site_dir / "methodology" / "index.html").read_text("utf-8")
    for calc in calculators().values():
        assert f'id="calc-{calc.name}"' in page, calc.name
