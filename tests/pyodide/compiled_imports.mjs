// Imports the calculators inside real Pyodide (the npm package, under Node) the way a start without
// the snapshot does, and reports what Python had to compile on the way.
//
// Usage: node compiled_imports.mjs <runtime dir: the built site's pyodide/> <package name>
//
// Pyodide starts with the site's python_stdlib.zip and installs the wheel by name from the site's
// lock file, as the worker does. Python's import compiles a module's source with builtins.compile
// whenever it has no usable .pyc, so a spy there sees every module compiled from source; a module
// written without bytecode afterwards proves the spy sees them. Prints JSON: the files compiled,
// each calculators module's file and cached bytecode, the header of every .pyc in the package,
// whether the bytecode of each calculators module and each module imported from the standard
// library archive has line numbers and column ranges, the modules built into the interpreter
// (frozen), and the archive's.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const { loadPyodide } = require("pyodide");

const IMPORT = `
import builtins
import importlib
import importlib.util
import json
import os
import sys
import zipfile

from pyodide._package_loader import SITE_PACKAGES

compiled = []
_compile = builtins.compile


def spy(source, filename, *args, **kwargs):
    compiled.append(str(filename))
    return _compile(source, filename, *args, **kwargs)


builtins.compile = spy
try:
    from calculators.api import update
    from calculators.registry import calculators

    for _calc in calculators().values():
        update(_calc.name, {})
    with open(f"{SITE_PACKAGES}/tmg_no_bytecode.py", "w") as canary:
        canary.write("ANSWER = 42\\n")
    importlib.invalidate_caches()
    import tmg_no_bytecode
finally:
    builtins.compile = _compile

package = os.path.dirname(sys.modules["calculators"].__file__)
pycs = {}
for folder, _, names in os.walk(package):
    for name in names:
        if name.endswith(".py"):
            source = os.path.join(folder, name)
            cached = importlib.util.cache_from_source(source)
            with open(source, "rb") as text:
                source_hash = importlib.util.source_hash(text.read())
            header = None
            if os.path.exists(cached):
                with open(cached, "rb") as pyc:
                    head = pyc.read(16)
                header = {
                    "magic_matches": head[:4] == importlib.util.MAGIC_NUMBER,
                    "flags": int.from_bytes(head[4:8], "little"),
                    "hash_matches": head[8:16] == source_hash,
                }
            pycs[os.path.relpath(source, SITE_PACKAGES)] = header


def positions(code):
    """Every (line, column) the code and the code nested in it carries."""
    for start, _, column, _ in code.co_positions():
        yield start, column
    for const in code.co_consts:
        if hasattr(const, "co_positions"):
            yield from positions(const)


def carries(spec):
    """Whether the bytecode Python imports for this module spec has line numbers, and column ranges."""
    found = list(positions(spec.loader.get_code(spec.name)))
    return {
        "lines": any(line is not None for line, _ in found),
        "columns": any(column is not None for _, column in found),
    }


modules = {
    name: {
        "file": module.__file__,
        "cached": module.__spec__.cached,
        "cached_exists": bool(module.__spec__.cached) and os.path.exists(module.__spec__.cached),
        **carries(module.__spec__),
    }
    for name, module in sys.modules.items()
    if name == "calculators" or name.startswith("calculators.")
}


archive = next(p for p in sys.path if p.endswith(".zip"))
stdlib = {}
frozen = []
for module in list(sys.modules.values()):
    spec = getattr(module, "__spec__", None)
    if spec is not None and spec.origin == "frozen":
        frozen.append(spec.name)
    elif (getattr(module, "__file__", None) or "").startswith(archive + "/"):
        stdlib[spec.name] = carries(spec)
with zipfile.ZipFile(archive) as shipped:
    in_archive = [
        name.removesuffix(".pyc").removesuffix("/__init__").replace("/", ".")
        for name in shipped.namelist()
        if name.endswith(".pyc")
    ]
json.dumps({
    "compiled": compiled,
    "site_packages": str(SITE_PACKAGES),
    "modules": modules,
    "pycs": pycs,
    "stdlib": stdlib,
    "frozen": frozen,
    "archive": in_archive,
})
`;

const runtime = path.resolve(process.argv[2]) + path.sep;
const pyodide = await loadPyodide({
  indexURL: runtime,
  lockFileURL: path.join(runtime, "pyodide-lock.json"),
  stdout: () => {},
  stderr: (line) => process.stderr.write(`${line}\n`),
});
await pyodide.loadPackage(process.argv[3], { messageCallback: () => {} });
process.stdout.write(pyodide.runPython(IMPORT));
