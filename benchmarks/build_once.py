"""Build the site once and print how long MkDocs' ``build()`` took, as JSON.

``--no-macros`` builds the same pages with the macros plugin dropped from ``plugins`` (the
configuration is otherwise ``mkdocs.yml``'s, hooks included): pages then keep their raw
``{{ ... }}``, which is fine for timing. Strict mode is off for both, so the two builds do the
same work apart from the macros.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site-dir", required=True, type=Path)
    parser.add_argument("--no-macros", action="store_true")
    args = parser.parse_args(argv)
    overrides: dict[str, Any] = {"site_dir": str(args.site_dir), "strict": False}
    if args.no_macros:
        overrides["plugins"] = ["search"]
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), **overrides)
    start = time.perf_counter()
    build(config)
    print(json.dumps({"seconds": time.perf_counter() - start}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
