"""``python -m site_build SITE_DIR``: finish a site any generator built (see ``finish.py``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from site_build.finish import finish_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_build",
        description="Put the Python runtime, the calculator page index and the CSP into a built site.",
    )
    parser.add_argument("site_dir", type=Path, help="the generator's output folder, e.g. site/")
    parser.add_argument(
        "--no-snapshot",
        action="store_true",
        help="skip the Pyodide memory snapshot (quicker; TMG_SNAPSHOT=0 does the same)",
    )
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        parser.error(f"{args.site_dir} has no index.html: build the site first")
    snapshot = not args.no_snapshot and os.environ.get("TMG_SNAPSHOT", "1") != "0"
    try:
        finish_site(args.site_dir, snapshot=snapshot)
    # BundleError, SnapshotError, StdlibError, CspError, DeferredError, OfflineError: each says what to do
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"finished {args.site_dir}: pyodide/, page index, CSP and service worker in place")
    return 0


if __name__ == "__main__":
    sys.exit(main())
