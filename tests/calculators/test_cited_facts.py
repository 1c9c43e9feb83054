"""Every fact a calculation reads is cited in its result, with no list kept by hand (issue #11)."""

from __future__ import annotations

import threading

import pytest

from calculators.engine import evaluate
from calculators.facts import facts_read, get_fact, rate
from calculators.registry import calculators
from calculators.spec import Calculator, Field, Output, Result, Values, num


def forgetful(values: Values) -> Result:
    """A compute that reads two facts and lists neither (as a contributor easily would)."""
    rpm = rate("crp_rpm")
    get_fact("crp_qualified_share").note  # noqa: B018  # read only for its note: still a source
    return Result(values={"pay": rpm * (num(values, "views") / 1000)})


FORGETFUL = Calculator(
    name="forgetful",
    title="Forgetful",
    summary="Reads facts without listing them.",
    fields=(Field("views", "Views", 1000, kind="integer"),),
    outputs=(Output("pay", "Pay", "usd", headline=True),),
    compute=forgetful,
)


def test_a_fact_read_in_a_compute_is_cited_without_being_listed() -> None:
    result = evaluate(FORGETFUL).result
    assert result is not None
    assert result.facts == ("crp_rpm", "crp_qualified_share")


def test_facts_a_compute_lists_itself_are_kept_after_the_ones_it_read() -> None:
    def listing(values: Values) -> Result:
        return Result(values={"pay": rate("crp_rpm")}, facts=("crp_rpm", "creator_fund_rpm"))

    calc = Calculator("listing", "Listing", "", FORGETFUL.fields, FORGETFUL.outputs, listing)
    result = evaluate(calc).result
    assert result is not None
    assert result.facts == ("crp_rpm", "creator_fund_rpm")


def test_reads_outside_a_compute_are_not_recorded() -> None:
    rate("brand_cpm")  # a field default or a page, say
    result = evaluate(FORGETFUL).result
    assert result is not None
    assert "brand_cpm" not in result.facts


def test_recordings_nest_and_stay_in_their_own_thread() -> None:
    seen_elsewhere: list[str] = []

    def other_thread() -> None:
        with facts_read() as theirs:
            rate("diamond_value")
        seen_elsewhere.extend(theirs)

    with facts_read() as outer:
        rate("crp_rpm")
        with facts_read() as inner:
            rate("coin_price")
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
    assert list(inner) == ["coin_price"]
    assert list(outer) == ["crp_rpm", "coin_price"], "the outer recording sees the inner reads"
    assert seen_elsewhere == ["diamond_value"]


def input_variants(calc: Calculator) -> list[dict[str, object]]:
    """Defaults, then each choice value and each toggle state on its own: the branches that read facts."""
    variants: list[dict[str, object]] = [{}]
    for field in calc.fields:
        if field.kind == "choice":
            variants += [{field.name: value} for value, _ in field.choices]
        elif field.kind == "toggle":
            variants += [{field.name: "yes"}, {field.name: "no"}]
    return variants


@pytest.mark.parametrize("name", sorted(calculators()))
def test_every_calculator_cites_exactly_what_it_read(name: str) -> None:
    calc = calculators()[name]
    for raw in input_variants(calc):
        with facts_read() as read:
            result = calc.compute(evaluate(calc, raw).values)
        evaluation = evaluate(calc, raw)
        assert evaluation.result is not None, (name, raw, evaluation.errors)
        cited = evaluation.result.facts
        assert list(read) == list(cited[: len(read)]), (name, raw)
        assert set(result.facts) <= set(cited), (name, raw)
