// Integrity matching and checked downloads (docs/assets/js/runtime/verified-fetch.js).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";

import { Failure } from "../../docs/assets/js/runtime/protocol.js";
import { fetchVerified, matches } from "../../docs/assets/js/runtime/verified-fetch.js";

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
 */
function fakeFetch(answers) {
  /** @type {string[]} */
  const caches = [];
  /** @type {typeof fetch} */
  const get = async (_url, options) => {
    caches.push(String(options?.cache));
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    if (typeof answer === "number") return new Response("gone", { status: answer });
    return new Response(answer, { headers: { "Content-Type": "application/wasm" } });
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
