// Zeroing the allocator's free blocks before the snapshot is written (site_build/free_memory.mjs),
// on a real Pyodide from the npm package the site ships.
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

import { zeroFreeMemory } from "../../site_build/free_memory.mjs";

const index = `${resolve("node_modules/pyodide")}/`;
const { loadPyodide } = await import(pathToFileURL(`${index}pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: index, stdout: () => {}, stderr: () => {} });
const module = pyodide._module;

test("a freed block's old bytes are zeroed, and live memory is left alone", () => {
  const size = 64 * 1024;
  const freed = module._malloc(size);
  const live = module._malloc(size);
  module.HEAPU8.fill(0xab, freed, freed + size);
  module.HEAPU8.fill(0xcd, live, live + size);
  module._free(freed);
  // The allocator writes its own bookkeeping at the start of a free block; the rest is old data.
  const body = () => module.HEAPU8.subarray(freed + 64, freed + size);
  assert.ok(
    body().some((byte) => byte === 0xab),
    "a freed block keeps its old bytes",
  );

  const zeroed = zeroFreeMemory(module);

  assert.ok(zeroed >= size - 64, `zeroed ${zeroed} bytes`);
  assert.ok(
    body().every((byte) => byte === 0),
    "the freed block is zero",
  );
  assert.ok(
    module.HEAPU8.subarray(live, live + size).every((byte) => byte === 0xcd),
    "a live block is untouched",
  );
  module._free(live);
});

test("memory does not grow, and the allocator may grow it again afterwards", () => {
  const before = module.HEAPU8.buffer.byteLength;
  zeroFreeMemory(module);
  assert.equal(module.HEAPU8.buffer.byteLength, before);
  const big = module._malloc(before); // more than is free: needs the footprint limit lifted
  assert.ok(big, "malloc can grow the heap after zeroing");
  module._free(big);
});

test("Python still runs after its free memory is zeroed", () => {
  zeroFreeMemory(module);
  assert.equal(pyodide.runPython("sum(range(10)) + len({'a': 1} | {'b': 2})"), 47);
});
