// Build-time standard library for the calculators (see site_build/stdlib.py).
//
// usage: node site_build/make_stdlib.mjs <pyodide npm dir> <runtime dir> <package> <out.zip>
//   (the runtime dir holds pyodide-lock.json and the wheel)
//
// Pyodide is started in Node the way the browser's worker starts it without a snapshot (the
// stock python_stdlib.zip, the calculators installed by name from the site's lock file), every
// calculator is run with its defaults, with no values and with text no field accepts, and one
// Python error is formatted (traceback, linecache). Every module then loaded from the standard
// library archive is compiled by this same interpreter (the browser's Python, so the bytecode
// matches) without docstrings and asserts (optimize=2, as `python -OO`), and written into a new
// archive as sourceless .pyc files: Python imports them without compiling source, the largest
// part of a start without a snapshot. The interpreter runs with PYTHONNODEBUGRANGES (Python's
// `-X no_debug_ranges`): the bytecode keeps its line numbers but not the column ranges that
// underline the failing expression in a traceback, a third of every compressed .pyc and nothing
// a reader of the calculators ever sees (the wire-bytes budget, phone_slow4g_wire_bytes).

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, runtimeDir, packageName, outPath] = process.argv.slice(2);
if (!pyodideDir || !runtimeDir || !packageName || !outPath) {
  console.error("usage: node make_stdlib.mjs <pyodide dir> <runtime dir> <package> <out.zip>");
  process.exit(2);
}

const EXERCISE = `
from calculators.api import update
from calculators.registry import calculators
from calculators.validation import as_text

REFUSED = ["", " ", "abc", "1,000", "1.000,5", "NaN", "-Infinity", "1e308", "-5", "9" * 60]
for _calc in calculators().values():
    update(_calc.name, {})
    update(_calc.name, {f.name: as_text(f, f.default) for f in _calc.fields})
    for _field in _calc.fields:
        for _text in REFUSED:
            update(_calc.name, {_field.name: _text})
update("no-such-calculator", {})
`;

const COLLECT = `
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

ARCHIVE = next(p for p in sys.path if p.endswith(".zip"))
used = set()
for module in list(sys.modules.values()):
    path = getattr(module, "__file__", None) or ""
    if getattr(module.__spec__, "origin", None) == "frozen":
        continue  # built into the interpreter (os, site, codecs…): its file in the archive is never read
    if path.startswith(ARCHIVE + "/") and path.endswith(".py"):
        used.add(path[len(ARCHIVE) + 1 :])
source = zipfile.ZipFile(ARCHIVE)
with zipfile.ZipFile("/tmp/stdlib.zip", "w") as out:
    for name in sorted(used):
        code = compile(source.read(name), name, "exec", dont_inherit=True, optimize=2)
        # Unchecked hash-based .pyc: no source to compare with, and no timestamps (reproducible).
        data = bytes(_code_to_hash_pyc(code, bytes(8), checked=False))
        info = zipfile.ZipInfo(name + "c", date_time=(1980, 1, 1, 0, 0, 0))
        out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
len(used)
`;

const index = `${resolve(pyodideDir)}/`;
const runtime = `${resolve(runtimeDir)}/`;
const { loadPyodide } = await import(pathToFileURL(`${index}pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL: index,
  lockFileURL: `${runtime}pyodide-lock.json`,
  packageCacheDir: runtime,
  packages: [packageName],
  env: { PYTHONNODEBUGRANGES: "1" },
  stdout: () => {},
  stderr: (line) => console.error(line),
});
pyodide.runPython(EXERCISE);
try {
  pyodide.runPython("raise ValueError('formatting an error imports traceback and linecache')");
} catch {
  // expected: the point was to format it
}
const count = pyodide.runPython(COLLECT);
writeFileSync(outPath, pyodide.FS.readFile("/tmp/stdlib.zip"));
console.log(JSON.stringify({ modules: count }));
