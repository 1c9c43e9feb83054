"""Names the build and the browser runtime share, written once in ``docs/assets/js/runtime/shared.js``.

The runtime imports that module; the build reads the same file here, parsing its ``const shared``
object as JSON (the module's header says to keep it JSON). So a file name, the snapshot prefix,
the page index's path or the input length limit is changed in one place and both sides follow.
No MkDocs import.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).resolve().parent.parent / "docs" / "assets" / "js" / "runtime" / "shared.js"
_OBJECT = re.compile(r"^const shared = (\{.*?^\});$", re.MULTILINE | re.DOTALL)


class SharedError(Exception):
    """``shared.js`` no longer holds its object as plain JSON."""


def read(path: Path = SOURCE) -> dict[str, Any]:
    """The ``const shared = {…};`` object of ``path``, or a SharedError naming the file and line."""
    text = path.read_text("utf-8")
    found = _OBJECT.search(text)
    if not found:
        raise SharedError(f"{path}: no `const shared = {{ … }};` object (the build reads the shared names from it)")
    try:
        values = json.loads(found.group(1))
    except json.JSONDecodeError as exc:
        line = text.count("\n", 0, found.start(1)) + exc.lineno
        raise SharedError(f"{path}:{line}: the `shared` object must stay plain JSON: {exc.msg}") from exc
    if not isinstance(values, dict):
        raise SharedError(f"{path}: `shared` must be an object")
    return values


_shared = read()

PACKAGE_NAME: str = _shared["packageName"]
"""The calculators wheel's distribution name, as the worker asks Pyodide to install it."""
RUNTIME_DIR: str = _shared["runtimeDir"]
"""Where the runtime lands inside the built site."""
CORE_FILES: tuple[str, ...] = tuple(_shared["coreFiles"])
"""What every start needs from Pyodide's npm package; the rest (source maps, consoles) stays out."""
STDLIB: str = _shared["stdlib"]
"""Pyodide's standard library archive, and the name the trimmed one ships under (Pyodide's default
``stdLibURL``; ``stdlib.py``). Only a start without the snapshot downloads it."""
SIZES_FILE: str = _shared["sizesFile"]
"""Each runtime file's size in bytes: the loading status shows the download against their sum."""
LOCK_FILE: str = _shared["lockFile"]
"""The trimmed lock file that lists the wheel and its sha256."""
INTEGRITY_FILE: str = _shared["integrityFile"]
"""The build identity and the SRI hashes of the core files, the lock file and the snapshot
(``{"build": …, "files": {…}}``, ``site_build/build_id.py``); the worker refuses bytes that do not match."""
BUILD_META: str = _shared["buildMeta"]
"""The ``name`` of the meta that says which build a page is (``site_build/build_id.py``)."""
SNAPSHOT_PREFIX: str = _shared["snapshotPrefix"]
"""How the memory snapshot's name starts; the worker finds it in the integrity file by it."""
RUNTIME_CACHE: str = _shared["runtimeCache"]
"""The cache a reader's browser keeps the runtime's large files in (``site_build/service-worker.js``)."""
PAGE_INDEX = Path(_shared["pageIndex"])
"""Which calculators each page holds, relative to the site root."""
MAX_VALUE_LENGTH: int = _shared["maxValueLength"]
"""The most characters of one field the page sends to Python."""
