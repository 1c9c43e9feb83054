// Integrity matching and checked downloads (docs/assets/js/runtime/verified-fetch.js).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";

import { Failure } from "../../docs/assets/js/runtime/protocol.js";
import { fetchCompiled, fetchVerified, matches } from "../../docs/assets/js/runtime/verified-fetch.js";

const BYTES = new TextEncoder().encode("print('hello')\n");
const OTHER = new TextEncoder().encode("print('altered')\n");
/** @param {string} algorithm @param {Uint8Array} bytes */
const sri = (algorithm, bytes) => `${algorithm}-${createHash(algorithm).update(bytes).digest("base64")}`;

test("a digest of the file's bytes matches", async () => {
  assert.ok(await matches(BYTES, sri("sha256", BYTES)));
  assert.ok(await matches(BYTES, sri("sha512", BYTES)));
  assert.ok(!(await matches(OTHER, sri("sha256", BYTES))));
});

test("the strongest algorithm listed decides", async () => {
  // A right sha256 does not save a wrong sha384: SRI only looks at the strongest.
  assert.ok(!(await matches(BYTES, `${sri("sha256", BYTES)} ${sri("sha384", OTHER)}`)));
  assert.ok(await matches(BYTES, `${sri("sha256", OTHER)} ${sri("sha384", BYTES)}`));
  // Any of the strongest algorithm's digests may match.
  assert.ok(await matches(BYTES, `${sri("sha384", OTHER)} ${sri("sha384", BYTES)}`));
});

test("base64url digests are accepted", async () => {
  const token = sri("sha256", BYTES).replace(/\+/g, "-").replace(/\//g, "_");
  assert.ok(await matches(BYTES, token));
});

test("no usable digest is no match", async () => {
  for (const integrity of ["", "   ", "md5-abc", "sha1-abc", "sha256"]) assert.ok(!(await matches(BYTES, integrity)));
});

/**
 * A fetch that answers each call with the next of ``answers`` and records the cache mode asked for.
 * @param {Array<Uint8Array | number | Error>} answers bytes, an HTTP status, or a thrown error
 * @param {string} [type] the Content-Type of the bytes
 */
function fakeFetch(answers, type = "application/wasm") {
  /** @type {string[]} */
  const caches = [];
  /** @type {typeof fetch} */
  const get = async (_url, options) => {
    caches.push(String(options?.cache));
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    if (typeof answer === "number") return new Response("gone", { status: answer });
    return new Response(answer, { headers: { "Content-Type": type } });
  };
  return { get, caches };
}

const URL_ = "http://127.0.0.1/pyodide/pyodide.asm.wasm";

test("a stale cached copy is fetched once more past the cache, then accepted", async () => {
  const { get, caches } = fakeFetch([OTHER, BYTES]);
  const file = await fetchVerified(URL_, sri("sha256", BYTES), "default", get);
  assert.deepEqual(new Uint8Array(file.bytes), BYTES);
  assert.equal(file.type, "application/wasm");
  assert.deepEqual(caches, ["default", "reload"]);
});

test("bytes that never match are refused as an integrity failure", async () => {
  const { get } = fakeFetch([OTHER, OTHER]);
  await assert.rejects(fetchVerified(URL_, sri("sha256", BYTES), "default", get), (error) => {
    assert.ok(error instanceof Failure);
    assert.equal(error.kind, "integrity");
    assert.match(error.message, /pyodide\.asm\.wasm does not match/);
    return true;
  });
});

test("a file without a published checksum is refused before it is downloaded", async () => {
  const { get, caches } = fakeFetch([BYTES]);
  await assert.rejects(fetchVerified(URL_, undefined, "default", get), { kind: "integrity" });
  assert.deepEqual(caches, []);
});

test("a missing or unreachable file is a network failure naming the file", async () => {
  await assert.rejects(fetchVerified(URL_, sri("sha256", BYTES), "default", fakeFetch([404]).get), {
    kind: "network",
    message: "pyodide.asm.wasm could not be downloaded (HTTP 404)",
  });
  const offline = fakeFetch([new TypeError("Failed to fetch")]).get;
  await assert.rejects(fetchVerified(URL_, sri("sha256", BYTES), "default", offline), {
    kind: "network",
    message: "pyodide.asm.wasm could not be downloaded (Failed to fetch)",
  });
});

/**
 * The smallest WebAssembly module that says which it is: one empty function, exported as ``name``.
 * @param {string} name one ASCII letter
 */
const wasmExporting = (name) =>
  new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // magic, version
    ...[0x01, 0x04, 0x01, 0x60, 0x00, 0x00], // types: () -> ()
    ...[0x03, 0x02, 0x01, 0x00], // functions: one of type 0
    ...[0x07, 0x05, 0x01, 0x01, name.charCodeAt(0), 0x00, 0x00], // exports: name -> function 0
    ...[0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b], // code: an empty body
  ]);
const WASM_A = wasmExporting("a");

/** @param {WebAssembly.Module | null} module */
const exported = (module) => (module ? WebAssembly.Module.exports(module).map((entry) => entry.name) : null);

/**
 * Count how the platform is asked to compile during ``t``.
 * @param {import("node:test").TestContext} t
 */
function watchCompiles(t) {
  const counts = { streaming: 0, bytes: 0 };
  const { compile, compileStreaming } = WebAssembly;
  WebAssembly.compileStreaming = (source) => {
    counts.streaming += 1;
    return compileStreaming(source);
  };
  WebAssembly.compile = (bytes) => {
    counts.bytes += 1;
    return compile(bytes);
  };
  t.after(() => Object.assign(WebAssembly, { compile, compileStreaming }));
  return counts;
}

test("the wasm is compiled from the response as it downloads, and handed out once its bytes match", async (t) => {
  const counts = watchCompiles(t);
  const { file, module } = fetchCompiled(URL_, sri("sha384", WASM_A), fakeFetch([WASM_A]).get);
  assert.deepEqual(new Uint8Array((await file).bytes), WASM_A);
  assert.deepEqual(exported(await module), ["a"]);
  assert.deepEqual(counts, { streaming: 1, bytes: 0 });
});

test("the compilation of a copy that did not match is never handed out", async (t) => {
  // A stale cached copy (another valid module) compiles too; the module handed out is the one
  // compiled from the bytes that matched, on the second download.
  const counts = watchCompiles(t);
  const { get, caches } = fakeFetch([wasmExporting("z"), WASM_A]);
  const { module } = fetchCompiled(URL_, sri("sha384", WASM_A), get);
  assert.deepEqual(exported(await module), ["a"]);
  assert.deepEqual(caches, ["default", "reload"]);
  assert.deepEqual(counts, { streaming: 2, bytes: 0 });
});

test("wasm a host labels otherwise is compiled from the checked bytes", async (t) => {
  // Streaming compilation refuses any type but application/wasm (see runtime/boot.js).
  const counts = watchCompiles(t);
  const { module } = fetchCompiled(URL_, sri("sha384", WASM_A), fakeFetch([WASM_A], "application/octet-stream").get);
  assert.deepEqual(exported(await module), ["a"]);
  assert.deepEqual(counts, { streaming: 0, bytes: 1 });
});

test("wasm that never matches gives no module, and the download fails as an integrity failure", async () => {
  const other = wasmExporting("z");
  const { file, module } = fetchCompiled(URL_, sri("sha384", WASM_A), fakeFetch([other, other]).get);
  await assert.rejects(file, { kind: "integrity" });
  assert.equal(await module, null);
});

test("bytes that match but do not compile give no module (Pyodide's own attempt reports it)", async () => {
  const { file, module } = fetchCompiled(URL_, sri("sha384", BYTES), fakeFetch([BYTES]).get);
  assert.deepEqual(new Uint8Array((await file).bytes), BYTES);
  assert.equal(await module, null);
});
