// Build-time bytecode for the calculators' own modules (see site_build/compiled_wheel.py).
//
// usage: node site_build/make_compiled_wheel.mjs <pyodide npm dir> <calculators wheel> <out.zip>
//
// Pyodide is started in Node from the pinned npm package (the browser's interpreter, so the bytecode's
// magic number and cache tag match), and every module in the wheel is compiled as Python itself would
// compile it when importing it from site-packages: the same file name, optimize level 0 (the
// calculators rely on `assert`, so nothing is stripped), without the column ranges a traceback
// underlines expressions with (line numbers stay; a third of the compressed bytecode, as for the
// standard library: site_build/make_stdlib.mjs). Each is written as an unchecked hash-based
// .pyc (no timestamps: reproducible; the source's own hash, so the file says what it was compiled
// from) under the name Python looks for next to its source (`__pycache__/<module>.<tag>.pyc`), into
// a zip that compiled_wheel.py adds to the wheel.

import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheelPath, outPath] = process.argv.slice(2);
if (!pyodideDir || !wheelPath || !outPath) {
  console.error("usage: node make_compiled_wheel.mjs <pyodide dir> <wheel> <out.zip>");
  process.exit(2);
}

const COMPILE = `
import importlib.util
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

from pyodide._package_loader import SITE_PACKAGES

with zipfile.ZipFile("/tmp/calculators.whl") as wheel, zipfile.ZipFile("/tmp/pyc.zip", "w") as out:
    modules = sorted(n for n in wheel.namelist() if n.endswith(".py") and ".dist-info/" not in n)
    for name in modules:
        source = wheel.read(name)
        # The path loadPackage installs it at: the code's file name is then the one Python would give it.
        code = compile(source, f"{SITE_PACKAGES}/{name}", "exec", dont_inherit=True, optimize=0)
        data = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))
        out.writestr(importlib.util.cache_from_source(name, optimization=""), data)
len(modules)
`;

const index = `${resolve(pyodideDir)}/`;
const { loadPyodide } = await import(pathToFileURL(`${index}pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL: index,
  // As `python -X no_debug_ranges`: line numbers kept, column ranges left out (site_build/make_stdlib.mjs).
  env: { PYTHONNODEBUGRANGES: "1" },
  stdout: () => {},
  stderr: (line) => console.error(line),
});
pyodide.FS.writeFile("/tmp/calculators.whl", readFileSync(wheelPath));
const count = pyodide.runPython(COMPILE);
writeFileSync(outPath, pyodide.FS.readFile("/tmp/pyc.zip"));
console.log(JSON.stringify({ modules: count }));
