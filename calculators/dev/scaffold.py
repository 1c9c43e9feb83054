"""``python -m calculators new <name>``: a new calculator that works and is tested from its first minute.

The skeleton computes something real with a fact that is already in the data file (the
published engagement-rate benchmark), so a contributor starts from green tests and the
site never shows a made-up number: the scaffold does not write to ``facts.toml`` at all.
When a calculator needs a new figure, the contributor adds it with its source; the
template for that is printed, not written, because a placeholder value in the data file
would be quoted on pages as if it were sourced.
"""

from __future__ import annotations

import argparse
import ast
import keyword
import re
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from string import Template

FACT = "er_views_benchmark"
"""The sourced fact the skeleton uses: a percent range every copy of the guide has."""

RESERVED = frozenset({"list", "new", "help"})
"""Words the command line reads as commands, so a calculator with that name could not be run."""

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_NAME_LENGTH = 40


class ScaffoldError(ValueError):
    """A reason the calculator cannot be created, written for the person who asked."""


@dataclass(frozen=True)
class Created:
    name: str
    files: tuple[Path, ...]
    snippet: str


TEMPLATES = resources.files("calculators.dev.templates")
"""The skeleton's files (``templates/``): real modules, so ruff and mypy check them like any other."""

TEMPLATE_MODULE = "calculators.dev.templates.calculator"
"""How the test template imports the calculator template; the copy imports the new module instead."""


def template(name: str) -> Template:
    """A file of ``templates/``, with ``$name``, ``$title``, ``$fact`` and ``$page`` to fill in."""
    return Template(TEMPLATES.joinpath(name).read_text("utf-8"))


def fact_entry() -> str:
    """An annotated ``facts.toml`` entry, printed for the contributor (never written: see the docstring)."""
    return TEMPLATES.joinpath("fact.toml.tmpl").read_text("utf-8").rstrip("\n")


def check_name(name: str, root: Path) -> None:
    """Raise ``ScaffoldError`` unless ``name`` can become a new calculator module under ``root``."""
    if not name:
        raise ScaffoldError("give the calculator a name, e.g. `python -m calculators new brand_rates`")
    if not NAME_PATTERN.match(name):
        hint = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")
        if hint and not hint[0].isalpha():
            hint = f"calc_{hint}"
        suggestion = f" (for example {hint!r})" if hint and hint != name else ""
        raise ScaffoldError(
            f"{name!r} is not a valid name: use lowercase letters, digits and underscores,"
            f" starting with a letter{suggestion}"
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ScaffoldError(f"{name!r} is too long: keep it to {MAX_NAME_LENGTH} characters")
    if keyword.iskeyword(name):
        raise ScaffoldError(f"{name!r} is a Python keyword, so it cannot name a module: pick another word")
    if name in RESERVED:
        raise ScaffoldError(f"{name!r} is a command of `python -m calculators`: pick another name")
    catalog = root / "calculators" / "catalog"
    if not catalog.is_dir():
        raise ScaffoldError(f"no calculators/catalog/ under {root}: run this from the project root or pass --root")
    if (catalog / f"{name}.py").exists() or (catalog / name).exists():
        raise ScaffoldError(f"calculators/catalog/{name}.py already exists: pick another name")
    owner = declared_names(catalog).get(name)
    if owner:
        raise ScaffoldError(f"a calculator named {name!r} already exists (in calculators/catalog/{owner})")
    test = root / "tests" / "calculators" / "catalog" / f"test_{name}.py"
    if test.exists():
        raise ScaffoldError(f"{test.relative_to(root)} already exists: pick another name or remove it")


def declared_names(catalog: Path) -> dict[str, str]:
    """Calculator names declared in the catalog's modules (``Calculator(name=...)``), by file."""
    names: dict[str, str] = {}
    for path in sorted(catalog.glob("*.py")):
        try:
            tree = ast.parse(path.read_text("utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Calculator":
                given = [kw.value for kw in node.keywords if kw.arg == "name"] + node.args[:1]
                if given and isinstance(given[0], ast.Constant) and isinstance(given[0].value, str):
                    names[given[0].value] = path.name
    return names


def check_page(page: str, root: Path) -> Path:
    """The file under ``docs/`` a ``--page`` argument names, if it is new and well-formed."""
    rel = PurePosixPath(page)
    if rel.is_absolute() or ".." in rel.parts or rel.suffix != ".md" or not rel.parts:
        raise ScaffoldError(f"--page wants a path inside docs/ ending in .md, like monetization/rates.md: {page!r}")
    path = root / "docs" / rel
    if path.exists():
        raise ScaffoldError(f"docs/{rel} already exists: run without --page and paste the printed snippet into it")
    return path


def title_for(name: str) -> str:
    words = name.replace("_", " ").strip().capitalize()
    return words if words.lower().endswith("calculator") else f"{words} calculator"


def check_fact(root: Path) -> None:
    """The skeleton's fact must exist in this tree's data file, or its tests could not pass."""
    data = root / "calculators" / "data" / "facts.toml"
    try:
        facts = tomllib.loads(data.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ScaffoldError(f"cannot read {data}: {exc}") from None
    if FACT not in facts:
        raise ScaffoldError(
            f"the skeleton uses the fact {FACT!r}, which is no longer in calculators/data/facts.toml:"
            " update FACT in calculators/dev/scaffold.py to an existing percent fact"
        )


def create(name: str, root: Path, page: str | None = None) -> Created:
    """Write the calculator and its tests (and a page when asked); nothing is written on error."""
    check_name(name, root)
    check_fact(root)
    page_path = check_page(page, root) if page else None
    title = title_for(name)
    fields = {"name": name, "title": title, "fact": FACT, "page": page or ""}
    writes: list[tuple[Path, str]] = [
        (root / "calculators" / "catalog" / f"{name}.py", template("calculator.py").substitute(fields)),
    ]
    test_dir = root / "tests" / "calculators" / "catalog"
    package = (root / "tests" / "__init__.py").exists()
    for folder in (root / "tests" / "calculators", test_dir):
        # A folder made here follows its parent's convention (package or plain folder);
        # existing folders are left as they are, since their tests may import by file name.
        if folder.exists():
            package = (folder / "__init__.py").exists()
        elif package:
            writes.append((folder / "__init__.py", ""))
    test = template("test_calculator.py").substitute(fields).replace(TEMPLATE_MODULE, f"calculators.catalog.{name}")
    writes.append((test_dir / f"test_{name}.py", test))
    snippet = template("page.md").substitute(fields)
    if page_path is not None:
        writes.append((page_path, snippet))
    for path, text in writes:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return Created(name, tuple(path for path, _ in writes), snippet)


def report(created: Created, root: Path, page: str | None) -> str:
    """What was made and what to do next, for the terminal."""
    name = created.name
    made = "\n".join(f"  {path.relative_to(root).as_posix()}" for path in created.files)
    if page:
        where = (
            f"docs/{page} has the calculator. Add it to `nav:` in mkdocs.yml (the strict build fails"
            " on pages missing from nav) and write its text."
        )
    else:
        where = (
            "Put it on a page: paste this into a page under docs/, add that page to `nav:` in"
            f' mkdocs.yml, and set page="<that path under docs/>" in calculators/catalog/{name}.py:'
            f"\n\n{_indent(created.snippet)}\n"
        )
    return f"""Created the calculator {name!r}; it computes and its tests pass as generated:
{made}

Try it:
  python -m calculators {name} --views 25000
  .venv/bin/python -m pytest tests/calculators/catalog/test_{name}.py

Next:
  1. Replace its fields, outputs and compute with yours (calculators/catalog/brand_deal.py is the reference).
     Keep what every calculator provides (CONTRIBUTING.md, "What every calculator provides"): bounded
     numeric fields, a headline output, ordered ranges, the steps, a chart, the facts it used, a page.
  2. Every number comes from calculators/data/facts.toml with its source. For a figure that is not there yet,
     add an entry like this one, with the source's own numbers (the scaffold never writes placeholders there):

{_indent(fact_entry())}

  3. {where}
  4. Add known cases from your sources to the tests, then run `make lint` and `make test`.
"""


def _indent(text: str) -> str:
    return "\n".join(f"       {line}" if line else "" for line in text.splitlines())


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m calculators new <name> [--page PATH] [--root DIR]``."""
    parser = argparse.ArgumentParser(
        allow_abbrev=False,
        prog="python -m calculators new",
        description="Create a working, tested calculator skeleton in calculators/catalog/.",
    )
    parser.add_argument("name", help="lowercase identifier, e.g. brand_rates")
    parser.add_argument("--page", metavar="PATH", help="also write docs/PATH (e.g. monetization/brand-rates.md)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: current directory)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        created = create(args.name, root, args.page)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report(created, root, args.page))
    return 0
