"""The "Where you live" page: the country table (``calculators/data/countries.toml``) as HTML.

Every word about a country comes from the data file, through :func:`macros.figures.text`, so
the page, the calculators and the command line say the same thing. Not deferred: the
calculators' notes send readers to this page's ``#country-xx`` anchors, which MkDocs checks in
what Markdown produced.
"""

from __future__ import annotations

from calculators.countries import DEFAULT_COUNTRY, Rule, load_countries, programs
from macros.figures import source_link, text

SHORT_STATUS = {
    "available": "Offered",
    "not_listed": "Not listed",
    "disputed": "Sources disagree",
    "unknown": "No source found",
}
"""How a cell reads in the overview table, where space is short."""


def anchor(code: str) -> str:
    """The id of a country's section: ``country-de``."""
    return f"country-{code.lower()}"


def country_overview() -> str:
    """One row per country, one column per program: the status of each cell, linking to the details."""
    progs = programs()
    head = "".join(f'<th scope="col">{text(p.label)}</th>' for p in progs.values())
    rows = []
    for c in sorted(load_countries().values(), key=lambda c: c.name):
        cells = "".join(_status_cell(c.rule(key)) for key in progs)
        rows.append(f'<tr><th scope="row"><a href="#{anchor(c.code)}">{text(c.name)}</a></th>{cells}</tr>')
    return (
        '<div class="tmg-countries__wrap"><table class="tmg-countries">'
        "<caption>Which programs the sources say are offered, by country</caption>"
        f'<thead><tr><th scope="col">Country</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _status_cell(rule: Rule) -> str:
    extra = f" (from age {rule.min_age})" if rule.min_age is not None else ""
    return f'<td class="tmg-countries__{rule.status}">{SHORT_STATUS[rule.status]}{extra}</td>'


def country_details() -> str:
    """Each country's own rules with their sources, then what holds wherever no country is named."""
    progs = programs()
    sections = []
    for c in sorted(load_countries().values(), key=lambda c: c.name):
        own = [(progs[key].label, rule) for key, rule in c.rules.items() if not rule.inherited]
        items = "".join(_rule_item(label, rule) for label, rule in own)
        rest = [progs[key].label for key, rule in c.rules.items() if rule.inherited]
        if rest:
            items += (
                f"<li>{text(', '.join(rest))}: what the sources say for every country not named"
                ' (<a href="#country-default">below</a>).</li>'
            )
        default = " These are the rules the guide's built pages assume." if c.code == DEFAULT_COUNTRY else ""
        sections.append(
            f'<section class="tmg-country" id="{anchor(c.code)}"><h3>{text(c.name)}</h3>'
            f"<p>Code {c.code}.{default}</p><ul>{items}</ul></section>"
        )
    defaults = "".join(_rule_item(progs[key].label, rule) for key, rule in _defaults().items())
    sections.append(
        '<section class="tmg-country" id="country-default"><h3>Every country not named</h3>'
        f"<ul>{defaults}</ul></section>"
    )
    return "\n".join(sections)


def _defaults() -> dict[str, Rule]:
    """Each program's default cell, as every country without its own cell has it."""
    found: dict[str, Rule] = {}
    for c in load_countries().values():
        for key, rule in c.rules.items():
            if rule.inherited:
                found.setdefault(key, rule)
    return {key: found[key] for key in programs() if key in found}


def _rule_item(label: str, rule: Rule) -> str:
    sources = "; ".join(source_link(s) for s in rule.sources)
    cited = f" {'Sources' if len(rule.sources) > 1 else 'Source'}: {sources}." if sources else ""
    extra = f" Minimum age here: {rule.min_age}." if rule.min_age is not None else ""
    day = rule.reviewed.isoformat()
    return (
        f"<li><strong>{text(label)}: {text(SHORT_STATUS[rule.status].lower())}</strong>"
        f" ({text(rule.confidence)}). {text(rule.note)}{extra}{cited}"
        f' Reviewed <time datetime="{day}">{day}</time>.</li>'
    )


def country_names() -> str:
    """The countries the table covers, as a sentence: "Australia, Brazil, …, Vietnam"."""
    names = [c.name for c in sorted(load_countries().values(), key=lambda c: c.name)]
    return text(", ".join(names[:-1]) + " and " + names[-1])


def country_count() -> str:
    return str(len(load_countries()))
