"""The baseline: a bare page that only starts Pyodide and makes one call into the calculators.

It is written by the benchmark into the built site (never shipped in ``docs/``) with its own
copy of the runtime (``bench-bare/pyodide/``): Pyodide's npm files as published (the whole
standard library, where the guide ships a compiled part of it) and the guide's wheel and
lock file.
Like the guide, it runs Pyodide in a module Web Worker, and it does what Pyodide's
documentation shows: ``loadPyodide({indexURL, lockFileURL, packages})``, nothing more (no
integrity checks, no snapshot, no preloading). The main thread puts the returned HTML in
the page and sets the mark ``bare:result`` (the same moment the guide marks ``tmg:result``).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path

from site_build.bundle import PYODIDE_FILES, PYODIDE_NPM
from site_build.shared import LOCK_FILE, RUNTIME_DIR

DIR = "bench-bare"
"""Folder of the bare page inside the built site."""

WORKER_JS = """\
// Bare Pyodide, as its documentation shows it: load, install the wheel by name, call once.
self.onmessage = async (event) => {
  const { runtime, packageName, calculator, values } = event.data;
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
    const pyodide = await loadPyodide({
      indexURL: runtime,
      lockFileURL: new URL("pyodide-lock.json", runtime).href,
      packages: [packageName],
      stdout: () => {},
      stderr: () => {},
    });
    const api = pyodide.pyimport("calculators.api");
    const raw = pyodide.toPy(values);
    const json = api.update(calculator, raw);
    raw.destroy();
    self.postMessage({ json });
  } catch (error) {
    self.postMessage({ error: String((error && error.stack) || error) });
  }
};
"""

PAGE_HTML = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Bare Pyodide (benchmark baseline)</title></head>
<body>
<div id="results">Loading…</div>
<script type="module">
const config = {config};
performance.mark("bare:python-start");
const worker = new Worker(new URL("worker.js", location.href), {{ type: "module" }});
worker.onmessage = (event) => {{
  if (event.data.error) {{
    window.__bareError = event.data.error;
    return;
  }}
  const out = JSON.parse(event.data.json);
  document.getElementById("results").innerHTML = out.html;
  performance.mark("bare:result", {{ detail: config.calculator }});
}};
worker.postMessage({{ ...config, runtime: new URL("pyodide/", location.href).href }});
</script>
</body>
</html>
"""


def write_bare_page(site_dir: Path, package_name: str, calculator: str, values: Mapping[str, str]) -> str:
    """Write the bare page into ``site_dir``; return its path relative to the site root."""
    out = site_dir / DIR
    runtime = out / RUNTIME_DIR
    runtime.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_NPM / name, runtime / name)
    for shipped in [site_dir / RUNTIME_DIR / LOCK_FILE, *(site_dir / RUNTIME_DIR).glob("*.whl")]:
        shutil.copy2(shipped, runtime / shipped.name)
    config = {"packageName": package_name, "calculator": calculator, "values": dict(values)}
    (out / "worker.js").write_text(WORKER_JS, encoding="utf-8")
    (out / "index.html").write_text(PAGE_HTML.format(config=json.dumps(config)), encoding="utf-8")
    return f"{DIR}/"
