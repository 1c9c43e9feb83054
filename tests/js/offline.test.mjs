// Registering the service worker (docs/assets/js/runtime/offline.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { registerServiceWorker } from "../../docs/assets/js/runtime/offline.js";

/**
 * A navigator whose service worker container does what a browser's does with a registration:
 * the scope is resolved against the script's URL, and one that does not resolve is refused.
 * @param {import("node:test").TestContext} t
 */
function fakeServiceWorkers(t) {
  /** @type {Array<{ script: string, scope: string }>} */
  const registered = [];
  const serviceWorker = {
    /** @param {URL} script @param {{ scope: string }} options */
    async register(script, options) {
      const scope = new URL(options.scope, script).href; // throws TypeError as register() does
      registered.push({ script: String(script), scope });
    },
    ready: Promise.resolve({ active: "the active worker" }),
  };
  const before = Object.getOwnPropertyDescriptor(globalThis, "navigator");
  Object.defineProperty(globalThis, "navigator", { value: { serviceWorker }, configurable: true });
  t.after(() => {
    if (before) Object.defineProperty(globalThis, "navigator", before);
    else delete (/** @type {any} */ (globalThis).navigator);
  });
  return registered;
}

test("the service worker is registered at the site's root, for the whole site", async (t) => {
  const registered = fakeServiceWorkers(t);
  const active = await registerServiceWorker(new URL("https://example.github.io/guide/"));
  assert.equal(active, "the active worker");
  assert.deepEqual(registered, [
    { script: "https://example.github.io/guide/sw.js", scope: "https://example.github.io/guide/" },
  ]);
});

test("a page opened at an address with a doubled slash still registers it", async (t) => {
  // http://host//likes/… puts the root at "//": as a bare path, "//" reads as an address with
  // no host, and the registration was refused (seen in Chromium: "The URL protocol of the scope
  // ('http:') is not supported"), so that visit kept nothing for the next.
  const registered = fakeServiceWorkers(t);
  const active = await registerServiceWorker(new URL("http://127.0.0.1:8000//"));
  assert.equal(active, "the active worker");
  assert.deepEqual(registered, [{ script: "http://127.0.0.1:8000//sw.js", scope: "http://127.0.0.1:8000//" }]);
});
