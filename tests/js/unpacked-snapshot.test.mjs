// The unpacked snapshot kept for the next visit (docs/assets/js/runtime/unpacked-snapshot.js),
// against an in-memory CacheStorage (Node has none). The start that uses it is covered by the
// browser tests (tests/e2e/test_offline.py).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";

import { RUNTIME_CACHE } from "../../docs/assets/js/runtime/shared.js";
import { findKept, keepImage, listedImage, readKept } from "../../docs/assets/js/runtime/unpacked-snapshot.js";

const BASE = "https://guide.example/pyodide/";
const sri = (/** @type {Uint8Array} */ bytes) => `sha256-${createHash("sha256").update(bytes).digest("base64")}`;

/** The part of CacheStorage the module uses, in memory. */
class FakeCaches {
  constructor() {
    /** @type {Map<string, Map<string, Response>>} */
    this.caches = new Map();
  }
  /** @param {string} name */
  async has(name) {
    return this.caches.has(name);
  }
  /** @param {string} name */
  async open(name) {
    if (!this.caches.has(name)) this.caches.set(name, new Map());
    const entries = /** @type {Map<string, Response>} */ (this.caches.get(name));
    return {
      match: async (/** @type {string} */ url) => entries.get(url)?.clone(),
      put: async (/** @type {string} */ url, /** @type {Response} */ response) => {
        entries.set(url, new Response(await response.arrayBuffer(), { headers: response.headers }));
      },
      delete: async (/** @type {string | Request} */ request) =>
        entries.delete(typeof request === "string" ? request : request.url),
      keys: async () => [...entries.keys()].map((url) => new Request(url)),
    };
  }
}

test("this build's image is the snapshot-named entry of integrity.json's unpacked", () => {
  assert.deepEqual(listedImage({ "snapshot-a.bin": "sha256-x" }), { name: "snapshot-a.bin", integrity: "sha256-x" });
  assert.equal(listedImage({}), null);
});

test("looking for a kept image creates no cache, and finds none where there is none", async () => {
  const storage = new FakeCaches();
  assert.equal(await findKept(`${BASE}snapshot-a.bin`, /** @type {any} */ (storage)), null);
  assert.equal(await storage.has(RUNTIME_CACHE), false);
  assert.equal(await findKept(`${BASE}snapshot-a.bin`, undefined), null, "no Cache API: a start from the .gz");
});

test("a kept image is read back when its bytes are the build's", async () => {
  const storage = /** @type {any} */ (new FakeCaches());
  const image = new Uint8Array([1, 2, 3, 0, 0, 0, 7]);
  await keepImage(`${BASE}snapshot-a.bin`, image, storage);
  const found = await findKept(`${BASE}snapshot-a.bin`, storage);
  assert.ok(found);
  assert.deepEqual(await readKept(`${BASE}snapshot-a.bin`, found, sri(image), storage), image);
});

test("an image whose bytes are not the build's is refused and dropped", async () => {
  const storage = /** @type {any} */ (new FakeCaches());
  await keepImage(`${BASE}snapshot-a.bin`, new Uint8Array([1, 2, 3]), storage);
  const found = await findKept(`${BASE}snapshot-a.bin`, storage);
  assert.ok(found);
  assert.equal(await readKept(`${BASE}snapshot-a.bin`, found, sri(new Uint8Array([9])), storage), null);
  assert.equal(await findKept(`${BASE}snapshot-a.bin`, storage), null);
});

test("keeping this build's image drops another build's, and nothing else", async () => {
  const storage = /** @type {any} */ (new FakeCaches());
  const cache = await storage.open(RUNTIME_CACHE);
  for (const name of ["snapshot-old.bin", "snapshot-a.bin.gz", "pyodide.asm.wasm"]) {
    await cache.put(`${BASE}${name}`, new Response(new Uint8Array([1])));
  }
  await keepImage(`${BASE}snapshot-a.bin`, new Uint8Array([4]), storage);
  const names = (await cache.keys()).map((/** @type {Request} */ r) => r.url.slice(BASE.length)).sort();
  assert.deepEqual(names, ["pyodide.asm.wasm", "snapshot-a.bin", "snapshot-a.bin.gz"]);
});
