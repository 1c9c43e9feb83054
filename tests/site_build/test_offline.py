"""The service worker's source as the build needs it (``site_build/offline.py``)."""

from __future__ import annotations

from site_build.offline import PRECACHE, SOURCE


def test_the_source_has_exactly_one_injection_point() -> None:
    """Workbox's injectManifest refuses a source that names its injection point more than once (a comment counts)."""
    assert SOURCE.read_text("utf-8").count("self.__WB_MANIFEST") == 1


def test_the_precache_holds_the_runtime_manifests_not_its_large_files() -> None:
    """One build per installed worker: its integrity.json is precached; the wasm and snapshot are kept on use."""
    patterns = [str(p) for p in PRECACHE["globPatterns"]]  # type: ignore[attr-defined]
    assert "pyodide/integrity.json" in patterns
    assert not any(p.endswith((".wasm", ".gz", ".zip")) or p == "pyodide/*" for p in patterns)
