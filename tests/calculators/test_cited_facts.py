"""Every fact a calculation reads is cited in its result, with no list kept by hand (issue #11)."""

from __future__ import annotations

import itertools
import threading

import pytest

from calculators.engine import evaluate
from calculators.facts import facts_read, get_fact, rate
from calculators.locales import usd_rate_facts
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


def test_a_fact_a_compute_names_without_reading_it_is_not_cited() -> None:
    """A hand-kept list once cited the Subscription bonus share even when no bonus applied (issue #14)."""

    def listing(values: Values) -> Result:
        return Result(values={"pay": rate("crp_rpm")}, facts=("crp_rpm", "creator_fund_rpm"))

    calc = Calculator("listing", "Listing", "", FORGETFUL.fields, FORGETFUL.outputs, listing)
    result = evaluate(calc).result
    assert result is not None
    assert result.facts == ("crp_rpm",)


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
    """Every combination of choice values and toggle states (the branches that read facts), each with
    the defaults and with every number at zero (where notes about a sale or a payout drop out)."""
    switches = [field for field in calc.fields if field.kind in ("choice", "toggle")]
    states = [[v for v, _ in f.choices] if f.kind == "choice" else ["yes", "no"] for f in switches]
    zeros = {f.name: 0 for f in calc.fields if f.kind in ("number", "integer") and (f.minimum or 0) <= 0}
    variants: list[dict[str, object]] = []
    for combination in itertools.product(*states):
        chosen: dict[str, object] = dict(zip((f.name for f in switches), combination, strict=True))
        variants += [chosen, {**zeros, **chosen}]
    return variants


@pytest.mark.parametrize("name", sorted(calculators()))
def test_every_calculator_cites_exactly_what_it_read(name: str) -> None:
    calc = calculators()[name]
    for raw in input_variants(calc):
        with facts_read() as read:
            result = calc.compute(evaluate(calc, raw).values)
        evaluation = evaluate(calc, raw)
        assert evaluation.result is not None, (name, raw, evaluation.errors)
        # Abroad, the exchange rates the amounts were converted at are cited after them.
        rates = usd_rate_facts(evaluation.style.currency) if evaluation.style.converts else ()
        assert evaluation.result.facts == tuple(dict.fromkeys([*read, *rates])), (name, raw)
        assert result.facts == (), f"{name}: the engine cites what the compute reads; list no facts by hand"
