// The worker's WebAssembly guard (docs/assets/js/runtime/boot.js, guardWebAssembly): a failed
// instantiation becomes a reported failure, and a module compiled ahead of time for the checked
// wasm is used instead of compiling the same bytes again. Starting Pyodide itself is covered by
// the browser tests (tests/e2e/test_faults.py, test_engine.py).
import assert from "node:assert/strict";
import { test } from "node:test";

import { guardWebAssembly } from "../../docs/assets/js/runtime/boot.js";

// The smallest module there is: the magic number and version 1.
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const wasmResponse = (bytes = EMPTY_MODULE) =>
  new Response(bytes, { status: 200, headers: { "Content-Type": "application/wasm" } });

const originals = { instantiate: WebAssembly.instantiate, instantiateStreaming: WebAssembly.instantiateStreaming };
const restore = () => Object.assign(WebAssembly, originals);

test("the module compiled ahead for the checked wasm is instantiated, and the body is not read again", async (t) => {
  t.after(restore);
  const response = wasmResponse();
  const compiled = await WebAssembly.compile(EMPTY_MODULE);
  /** @type {Response[]} */
  const asked = [];
  guardWebAssembly(
    () => assert.fail("nothing failed"),
    (source) => {
      asked.push(source);
      return Promise.resolve(compiled);
    },
  );
  const result = await WebAssembly.instantiateStreaming(Promise.resolve(response), {});
  assert.equal(result.module, compiled);
  assert.ok(result.instance instanceof WebAssembly.Instance);
  assert.deepEqual(asked, [response]);
  assert.equal(response.bodyUsed, false);
});

test("any other response is compiled from its bytes, as before", async (t) => {
  t.after(restore);
  guardWebAssembly(
    () => assert.fail("nothing failed"),
    () => null,
  );
  const response = wasmResponse();
  const result = await WebAssembly.instantiateStreaming(response, {});
  assert.ok(result.module instanceof WebAssembly.Module);
  assert.equal(response.bodyUsed, true);
});

test("with nothing compiled ahead, Pyodide's own compile runs and its failure is reported", async (t) => {
  t.after(restore);
  /** @type {unknown[]} */
  const reported = [];
  guardWebAssembly(
    (failure) => reported.push(failure),
    () => Promise.resolve(null),
  );
  const broken = wasmResponse(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x09, 0x00, 0x00, 0x00]));
  await assert.rejects(WebAssembly.instantiateStreaming(broken, {}), /could not start/);
  assert.equal(reported.length, 1);
  assert.equal(/** @type {any} */ (reported[0]).kind, "crash");
});
