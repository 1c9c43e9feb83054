// Build-time Pyodide memory snapshot of the calculators' ready state (see site_build/snapshot.py).
//
// usage: node site_build/make_snapshot.mjs <pyodide npm dir> <calculators wheel> <output .bin>
//
// Pyodide is started in Node from the pinned npm package with `_makeSnapshot`, the wheel is
// unpacked into site-packages by hand (loading it with loadPackage would leave a JavaScript
// object in Pyodide's table that a snapshot refuses), every calculator is imported and run
// once with its defaults (so lazy caches such as the facts file are filled), the allocator's
// free blocks are zeroed (site_build/free_memory.mjs: garbage that gzip cannot shrink), then Pyodide's
// whole WebAssembly memory is written out as a delta against the wasm's data segments
// (docs/assets/js/runtime/snapshot-delta.js; site_build/snapshot.py compresses it). The browser
// undoes the delta, restores it with loadPyodide({ _loadSnapshot }) and skips Python's
// start-up and the imports. The last line of output is JSON: the image's size and the SRI of
// the image itself (what a repeat visit finds unpacked in the cache).

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { xorDataSegments } from "../docs/assets/js/runtime/snapshot-delta.js";
import { zeroFreeMemory } from "./free_memory.mjs";

const [pyodideDir, wheelPath, outPath] = process.argv.slice(2);
if (!pyodideDir || !wheelPath || !outPath) {
  console.error("usage: node make_snapshot.mjs <pyodide dir> <wheel> <out.bin>");
  process.exit(2);
}

const PRELOAD = `
import gc
import importlib
import zipfile

from pyodide._package_loader import SITE_PACKAGES

with zipfile.ZipFile("/tmp/calculators.whl") as wheel:
    wheel.extractall(SITE_PACKAGES)
importlib.invalidate_caches()

from calculators.api import update
from calculators.registry import calculators
from calculators.validation import default_texts

for _calc in calculators().values():
    update(_calc.name, {})
    update(_calc.name, default_texts(_calc))
del _calc, update, calculators, default_texts, wheel
gc.collect()
`;

const index = `${resolve(pyodideDir)}/`;
const { loadPyodide } = await import(pathToFileURL(`${index}pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL: index,
  _makeSnapshot: true,
  stdout: () => {},
  stderr: (line) => console.error(line),
});
pyodide.FS.writeFile("/tmp/calculators.whl", readFileSync(wheelPath));
pyodide.runPython(PRELOAD);
pyodide.FS.unlink("/tmp/calculators.whl");
zeroFreeMemory(pyodide._module);
const snapshot = pyodide.makeMemorySnapshot();
const wasm = new Uint8Array(readFileSync(`${index}pyodide.asm.wasm`));
// The image as Pyodide restores it, before the delta: a repeat visit reads it unpacked from the
// service worker's cache and checks it against this (runtime/boot.js).
const unpacked = `sha256-${createHash("sha256").update(snapshot).digest("base64")}`;
writeFileSync(outPath, xorDataSegments(snapshot, wasm));
console.log(JSON.stringify({ bytes: snapshot.length, unpacked }));
