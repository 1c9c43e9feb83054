"""The guide's pages as the tests see them: the navigation list and where each page is served."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def nav_docs() -> list[str]:
    """Every page of the navigation, in order (mkdocs.yml is the one list)."""

    loader = yaml.SafeLoader((ROOT / "mkdocs.yml").read_text("utf-8"))
    loader.add_constructor("!ENV", lambda _loader, _node: "")  # site_url: not needed here
    try:
        config = loader.get_single_data()
    finally:
        loader.dispose()
    found: list[str] = []

    def walk(items: object) -> None:
        if isinstance(items, str):
            found.append(items)
        elif isinstance(items, list):
            for item in items:
                walk(item)
        elif isinstance(items, dict):
            for value in items.values():
                walk(value)

    walk(config["nav"])
    return found


def doc_url(site_url: str, doc: str) -> str:
    """The served URL of a Markdown page (``likes/index.md`` → ``likes/``)."""
    stem = doc.removesuffix(".md")
    if stem == "index":
        return site_url
    stem = stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"
    return site_url + stem
