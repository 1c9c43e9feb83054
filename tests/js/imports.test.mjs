// The runtime's module graph: no cycles, state only in the two entries, nothing unreachable,
// the worker's modules one round trip away, and the page's modules all preloaded.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const JS = join(ROOT, "docs/assets/js");
const PAGE = join(JS, "calculators.js");
const WORKER = join(JS, "pyodide-worker.js");
const ENTRIES = [PAGE, WORKER];

/**
 * The modules a file imports statically (import … from, export … from, import "…").
 * @param {string} file
 * @returns {string[]} absolute paths
 */
function importsOf(file) {
  const source = readFileSync(file, "utf8");
  const specifiers = [...source.matchAll(/^\s*(?:import|export)\s(?:[^;"']*?\sfrom\s)?\s*"([^"]+)"/gm)].map(
    (m) => m[1],
  );
  return specifiers.map((specifier) => {
    assert.ok(
      specifier.startsWith("./") || specifier.startsWith("../"),
      `${file}: ${specifier} is not a relative path`,
    );
    return resolve(dirname(file), specifier);
  });
}

/**
 * Every module reachable from ``entry``; fails on a cycle, naming it.
 * @param {string} entry
 */
function graph(entry) {
  /** @type {Set<string>} */
  const done = new Set();
  /** @param {string} file @param {string[]} path */
  const visit = (file, path) => {
    const cycle = path.indexOf(file);
    assert.equal(cycle, -1, `import cycle: ${[...path.slice(cycle), file].map((f) => relative(JS, f)).join(" → ")}`);
    if (done.has(file)) return;
    for (const imported of importsOf(file)) visit(imported, [...path, file]);
    done.add(file);
  };
  visit(entry, []);
  return done;
}

const runtimeModules = () =>
  readdirSync(join(JS, "runtime"))
    .filter((name) => name.endsWith(".js"))
    .map((name) => join(JS, "runtime", name));

test("no import cycles, and every runtime module is used by an entry", () => {
  const reachable = new Set(ENTRIES.flatMap((entry) => [...graph(entry)]));
  for (const file of runtimeModules()) assert.ok(reachable.has(file), `${relative(JS, file)} is imported by nothing`);
});

test("mutable module-level state lives only in the two entries", () => {
  for (const file of runtimeModules()) {
    const source = readFileSync(file, "utf8");
    assert.doesNotMatch(source, /^(let|var)\s/m, `${relative(JS, file)} declares module-level state`);
  }
});

test("the worker imports each module of its graph itself (all fetched in one round trip)", () => {
  const direct = new Set(importsOf(WORKER));
  for (const file of graph(WORKER)) {
    if (file !== WORKER) assert.ok(direct.has(file), `pyodide-worker.js should import ${relative(JS, file)} directly`);
  }
});

test("overrides/main.html preloads exactly the page's modules", () => {
  const template = readFileSync(join(ROOT, "overrides/main.html"), "utf8");
  const list = template.match(/for module in \[([^\]]*)\]/);
  assert.ok(list, "overrides/main.html has no modulepreload list");
  const preloaded = [...list[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
  const needed = [...graph(PAGE)].map((file) => relative(JS, file)).sort();
  assert.deepEqual(preloaded, needed);
});
