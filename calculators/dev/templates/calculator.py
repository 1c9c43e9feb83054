"""$title: what a video's views could bring in likes, comments and shares.

Made by ``python -m calculators new $name``: a working starting point, not a finished
calculator. It multiplies views by the published engagement-rate benchmark (a sourced
fact). Replace the fields, outputs and compute with yours and keep the shape: declared
fields do the validation, every number comes from ``calculators/data/facts.toml`` through
``rate()``, and the result is a low / typical / high range with the steps that produced it and
a chart of it (what every calculator provides: CONTRIBUTING.md, "What every calculator provides").
"""

from __future__ import annotations

from calculators.kit import (
    Bar,
    Calculator,
    Chart,
    Field,
    Note,
    Output,
    Result,
    Values,
    count,
    country_field,
    num,
    pct,
    rate,
)

FACT = "$fact"
"""The sourced figure this calculator uses (see calculators/data/facts.toml)."""


def compute(v: Values) -> Result:
    """Expected interactions: the benchmark engagement rate by views, applied to the reader's views."""
    views = num(v, "views")
    benchmark = rate(FACT)
    interactions = benchmark.map(lambda percent: views * percent / 100)
    return Result(
        values={"interactions": interactions},
        steps=(
            f"Benchmark engagement rate by views: {pct(benchmark.low)} to"
            f" {pct(benchmark.high)}, typically {pct(benchmark.typical)}",
            f"Interactions = {pct(benchmark.typical)} of {count(views)} views"
            f" = {count(interactions.typical)} (typical; {count(interactions.low)} to"
            f" {count(interactions.high)} across the benchmark's range)",
        ),
        notes=(Note("An estimate from published benchmarks, not a promise: your videos can do better or worse."),),
        chart=Chart(
            "Likes, comments and shares these views typically bring",
            "count",
            (Bar("Expected likes, comments and shares", interactions),),
        ),
    )


CALCULATOR = Calculator(
    name="$name",
    title="$title",
    summary="How many likes, comments and shares a video's views typically bring, from published benchmarks.",
    fields=(
        Field(
            "views",
            "Views",
            10_000,
            kind="integer",
            minimum=1,
            maximum=1e12,
            help="Views of the video (or videos) you are estimating for.",
        ),
        # Every calculator takes the reader's country: the form, shared links and the command line carry it.
        country_field(),
    ),
    outputs=(Output("interactions", "Expected likes, comments and shares", "count", headline=True),),
    compute=compute,
    page="$page",
)
