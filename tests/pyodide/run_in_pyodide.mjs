// Runs the calculators inside real Pyodide (the npm package, under Node) and prints results.
//
// Usage: node run_in_pyodide.mjs <runtime dir: the built site's pyodide/>  < cases.json
// cases.json: [{"name": "...", "inputs": {...}}, ...]. Inputs reach Python with toPy(), as
// data, exactly like the browser's worker does.
//
// Both ways the worker starts, each with only the files it gets in the browser:
//   normal   — Pyodide's start with the site's python_stdlib.zip (the compiled, trimmed one)
//              and the wheel installed by name from the site's lock file;
//   snapshot — the site's memory snapshot (a delta against the wasm, undone with the worker's
//              own code) restored with an empty standard library archive.
// Each runs calculators.api.update for every case before anything else is imported. The
// normal start then also runs evaluate() through the CLI's JSON (argparse and the rest of the
// standard library the CLI needs come from Pyodide's stock archive, added only at that point).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";

import { xorDataSegments } from "../../docs/assets/js/runtime/snapshot-delta.js";

const require = createRequire(import.meta.url);
const { loadPyodide } = require("pyodide");
const STOCK_STDLIB = path.join(path.dirname(require.resolve("pyodide")), "python_stdlib.zip");
const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 5, 6, ...new Array(18).fill(0)]);

const runtime = path.resolve(process.argv[2]) + path.sep;
const cases = JSON.parse(readFileSync(0, "utf8"));
const quiet = { stdout: () => {}, stderr: (line) => process.stderr.write(`${line}\n`) };

function updates(pyodide) {
  const update = pyodide.pyimport("calculators.api").update;
  return cases.map((c) => {
    const raw = pyodide.toPy(c.inputs);
    try {
      return JSON.parse(update(c.name, raw));
    } finally {
      raw.destroy();
    }
  });
}

const pyodide = await loadPyodide({
  indexURL: runtime,
  lockFileURL: path.join(runtime, "pyodide-lock.json"),
  ...quiet,
});
await pyodide.loadPackage("tiktok-money-calculators", { messageCallback: () => {} });
const normal = updates(pyodide);
pyodide.FS.writeFile("/stock_stdlib.zip", readFileSync(STOCK_STDLIB));
const run = pyodide.runPython(`
import json, sys
sys.path.append("/stock_stdlib.zip")
from calculators.cli import to_json
from calculators.engine import evaluate

def run(name, raw):
    return json.dumps({"result": to_json(evaluate(name, dict(raw))), "python": sys.version.split()[0],
                       "platform": sys.platform})
run
`);
const results = cases.map((c, i) => {
  const raw = pyodide.toPy(c.inputs);
  try {
    return { ...JSON.parse(run(c.name, raw)), update: normal[i] };
  } finally {
    raw.destroy();
  }
});

let snapshot = null;
const snapshotName = readdirSync(runtime).find((name) => name.startsWith("snapshot-"));
if (snapshotName) {
  const empty = path.join(mkdtempSync(path.join(tmpdir(), "tmg-parity-")), "empty.zip");
  writeFileSync(empty, EMPTY_ZIP);
  const wasm = new Uint8Array(readFileSync(path.join(runtime, "pyodide.asm.wasm")));
  const memory = xorDataSegments(new Uint8Array(gunzipSync(readFileSync(path.join(runtime, snapshotName)))), wasm);
  const restored = await loadPyodide({ indexURL: runtime, stdLibURL: empty, _loadSnapshot: memory, ...quiet });
  snapshot = updates(restored);
}
process.stdout.write(JSON.stringify({ results, snapshot }));
