// @ts-check
// The guide's service worker: every page and the live calculators, offline and instant on a
// second visit. Written into the built site as sw.js by site_build/offline.py, which puts the
// precache list (every page and asset with a content revision) in with
// Workbox's injectManifest, and copies Workbox's own modules next to it (no CDN).
//
// Versions never mix. One installed worker serves one build: its pages, its scripts and the
// runtime's manifests (pyodide/integrity.json, sizes.json, pyodide-lock.json) all come from its
// precache. The runtime's large files (wasm, snapshot, standard library, wheel) are kept in a
// cache of their own as the calculators download them (and as a page asks, "keep"), and the
// Python worker checks every one against the precached integrity.json: a file of another build
// is refused and fetched again.
// A new build's service worker installs in the background and takes over only when no page of
// the old build is open (no skipWaiting); when it does, it drops every runtime file whose bytes
// its own build does not list, so the cache holds one runtime, the one its pages were built with.

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

sw.importScripts(
  "assets/workbox/workbox-core.prod.js",
  "assets/workbox/workbox-routing.prod.js",
  "assets/workbox/workbox-strategies.prod.js",
  "assets/workbox/workbox-precaching.prod.js",
);

/**
 * The part of Workbox's modules (loaded above, as the global ``workbox``) this worker uses.
 * @typedef {{ request: Request, url: URL }} RouteContext
 * @typedef {object} Workbox
 * @property {{ precacheAndRoute: (entries: unknown, options: object) => void, cleanupOutdatedCaches: () => void,
 *   matchPrecache: (url: string) => Promise<Response | undefined> }} precaching
 * @property {{ clientsClaim: () => void }} core
 * @property {{ registerRoute: (match: (context: RouteContext) => boolean,
 *   handler: (context: RouteContext) => Promise<Response>) => void }} routing
 */
// Not a global binding named "workbox": Workbox's own modules look that name up, and a const of
// this script would shadow their global object (a ReferenceError as they load).
const wb = /** @type {{ workbox: Workbox }} */ (/** @type {unknown} */ (sw)).workbox;

const RUNTIME_CACHE = "tmg-runtime";
const RUNTIME = new URL("pyodide/", sw.location.href);

// A shared link carries the reader's values in its query string: the page is the same page.
// @ts-expect-error the build's injectManifest (make_sw.mjs) puts the precache list here
wb.precaching.precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
wb.precaching.cleanupOutdatedCaches();
wb.core.clientsClaim();

// The runtime's large files: from the cache when it has them; otherwise (and for the worker's
// second try past every cache, cache: "reload") from the network, kept for next time.
// "only-if-cached" asks whether a file is here without downloading it: the request goes on to
// the HTTP cache, never the network.
wb.routing.registerRoute(
  ({ url, request }) => request.method === "GET" && url.href.startsWith(RUNTIME.href),
  async ({ request }) => {
    const cache = await caches.open(RUNTIME_CACHE);
    if (request.cache !== "reload") {
      const hit = await cache.match(request, { ignoreSearch: true });
      if (hit) return hit;
    }
    const response = await fetch(request);
    if (response.ok && response.status === 200) await cache.put(request, response.clone());
    return response;
  },
);

/**
 * A response body's digest, as integrity.json writes it.
 * @param {Response} response
 * @returns {Promise<string>}
 */
async function sha256(response) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.arrayBuffer()));
  let text = "";
  for (const byte of digest) text += String.fromCharCode(byte);
  return `sha256-${btoa(text)}`;
}

// Once this build is the active one: keep only the runtime files it lists, with its bytes (the
// unpacked snapshot the Python worker keeps too: runtime/unpacked-snapshot.js).
async function keepOnlyThisRuntime() {
  const listed = await wb.precaching.matchPrecache("pyodide/integrity.json");
  if (!listed) return;
  const integrity = await listed.json(); // site_build/build_id.py
  /** @type {Map<string, string>} */
  const expected = new Map([...Object.entries(integrity.files || {}), ...Object.entries(integrity.unpacked || {})]);
  // The wheel is listed in the lock file, by its sha256 in hex.
  const lock = await wb.precaching.matchPrecache("pyodide/pyodide-lock.json");
  /** @type {Array<{ file_name: string, sha256: string }>} */
  const packages = Object.values((lock && (await lock.json()).packages) || {});
  for (const entry of packages) {
    const bytes = String(entry.sha256).match(/../g) || [];
    expected.set(entry.file_name, `sha256-${btoa(String.fromCharCode(...bytes.map((hex) => parseInt(hex, 16))))}`);
  }
  const cache = await caches.open(RUNTIME_CACHE);
  for (const request of await cache.keys()) {
    const wanted = expected.get(new URL(request.url).pathname.split("/").pop() || "");
    const response = wanted && (await cache.match(request));
    const digests = String(wanted).split(/\s+/);
    if (!response || !digests.includes(await sha256(response))) await cache.delete(request);
  }
}

sw.addEventListener("activate", (event) => event.waitUntil(keepOnlyThisRuntime()));

// A page whose calculator went live asks for what the next visit needs (its plan: runtime/
// connection.js): the files of a start from the snapshot, from the HTTP cache where the first
// visit left them, else from the network (the snapshot, when a dear first visit did without it).
async function keepForNextVisit() {
  const listed = await wb.precaching.matchPrecache("pyodide/integrity.json");
  if (!listed) return;
  const cache = await caches.open(RUNTIME_CACHE);
  const skipped = new Set(["python_stdlib.zip", "pyodide-lock.json"]); // not needed / precached
  for (const name of Object.keys((await listed.json()).files || {})) {
    const url = new URL(name, RUNTIME).href;
    if (skipped.has(name) || (await cache.match(url))) continue;
    const response = await fetch(url, { credentials: "same-origin" });
    if (response.ok && response.status === 200) await cache.put(url, response);
  }
}

sw.addEventListener("message", (event) => {
  if (event.data && event.data.type === "keep") event.waitUntil(keepForNextVisit());
});
