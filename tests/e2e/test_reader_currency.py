"""A reader abroad, in Chromium: money typed in their currency, figures in it with US dollars beside them.

The form carries the reader's country as its ``country`` field (the country control sets it for
every calculator on the page); where a build has no such field yet, the test adds it to the form
as the control would, so this checks the money side on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from calculators.registry import get_calculator
from tests.e2e.conftest import Watch
from tests.e2e.support import calc_url, wait_ready, wait_settled

SET_COUNTRY = """([root, country]) => {
  const form = document.querySelector(`${root} form`);
  let field = form.querySelector("[name=country]");
  if (!field) {
    field = document.createElement("input");
    field.type = "hidden";
    field.name = "country";
    form.append(field);
  }
  if (field instanceof HTMLSelectElement && ![...field.options].some((o) => o.value === country)) return false;
  field.value = country;
  field.dispatchEvent(new Event("change", { bubbles: true }));
  return true;
}"""


@pytest.fixture(scope="module")
def page(open_context: Callable[..., tuple[Any, Watch]]) -> Iterator[Any]:
    context, watch = open_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context.new_page()
    assert not watch.errors, watch.errors


def test_a_german_reader_types_euros_and_reads_euros(page: Any, site_url: str) -> None:
    calc = get_calculator("subscriptions")
    root = f'[data-calculator="{calc.name}"]'
    page.goto(calc_url(site_url, calc))
    wait_ready(page, calc.name)
    assert page.text_content(f"{root} [data-money-unit]") == "(USD)"  # the stated default, as built
    assert page.evaluate(SET_COUNTRY, [root, "DE"])
    page.fill(f'{root} [name="price"]', "4,99")
    page.fill(f'{root} [name="subscribers"]', "1.000")
    wait_settled(page, calc.name)
    page.wait_for_function(
        "root => document.querySelector(`${root} [data-money-unit]`).textContent === '(EUR)'", arg=root
    )
    # 4,99 € at the ECB's 1.1172 US$ per euro is US$5.57; "1.000" is a thousand in Germany.
    assert page.text_content(f"#calc-{calc.name}-price-read") == "= 4,99\u00a0€ (5,57\u00a0US$)"
    assert page.text_content(f"#calc-{calc.name}-subscribers-read") == "= 1.000"
    headline = page.text_content(f"{root} [data-answer] .tmg-headline__value") or ""
    assert "\u00a0€ (" in headline
    assert "US$)" in headline
    assert "European Central Bank" in (page.text_content(f"{root} [data-results]") or "")
