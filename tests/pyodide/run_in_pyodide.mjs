// Runs the calculators inside real Pyodide (the npm package, under Node) and prints results.
//
// Usage: node run_in_pyodide.mjs <runtime dir with pyodide-lock.json + wheel>  < cases.json
// cases.json: [{"name": "...", "inputs": {...}}, ...]. Inputs reach Python with toPy(), as
// data, exactly like the browser's worker does.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const { loadPyodide } = require("pyodide");

const runtime = path.resolve(process.argv[2]) + path.sep;
const cases = JSON.parse(readFileSync(0, "utf8"));

const pyodide = await loadPyodide({
  indexURL: runtime,
  lockFileURL: path.join(runtime, "pyodide-lock.json"),
  stdout: () => {},
  stderr: (line) => process.stderr.write(`${line}\n`),
});
await pyodide.loadPackage("tiktok-money-calculators", { messageCallback: () => {} });
const run = pyodide.runPython(`
import json, sys
from calculators.api import update
from calculators.cli import to_json
from calculators.engine import evaluate

def run(name, raw):
    raw = dict(raw)
    return json.dumps({"result": to_json(evaluate(name, raw)), "update": json.loads(update(name, raw)),
                       "python": sys.version.split()[0], "platform": sys.platform})
run
`);
const out = [];
for (const c of cases) {
  const raw = pyodide.toPy(c.inputs);
  out.push(JSON.parse(run(c.name, raw)));
  raw.destroy();
}
process.stdout.write(JSON.stringify(out));
