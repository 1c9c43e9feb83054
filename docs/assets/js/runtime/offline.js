// @ts-check
// The service worker (site_build/service-worker.js, written into the site as sw.js): every page and
// the live calculators, offline and instant on the next visit.

import { RUNTIME_CACHE } from "./shared.js";

/** How long a new service worker may take to install (it downloads the pages) before it is not waited for. */
const ACTIVATE_TIMEOUT_MS = 30000;

/**
 * Register it, quietly: a browser without service workers, a blocked registration or a preview
 * without one (mkdocs serve) changes nothing for the reader.
 * @param {URL} root the site's root (the worker's scope)
 * @returns {Promise<ServiceWorker | null>} the active service worker, or null (none, or not in time)
 */
export async function registerServiceWorker(root) {
  if (!("serviceWorker" in navigator)) return null;
  try {
    await navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.href });
  } catch {
    return null;
  }
  /** @type {Promise<null>} */
  const late = new Promise((resolve) => setTimeout(() => resolve(null), ACTIVATE_TIMEOUT_MS));
  return Promise.race([navigator.serviceWorker.ready.then((registration) => registration.active), late]);
}

/**
 * Whether the service worker already holds this runtime's snapshot and wasm: then starting
 * Python downloads nothing, and costs the reader no data.
 * @returns {Promise<boolean>}
 */
export async function runtimeCached() {
  if (!("caches" in window) || !navigator.serviceWorker?.controller) return false;
  try {
    if (!(await caches.has(RUNTIME_CACHE))) return false;
    const names = (await (await caches.open(RUNTIME_CACHE)).keys()).map((request) => request.url);
    return names.some((url) => /\/snapshot-[^/]*$/.test(url)) && names.some((url) => /\/pyodide\.asm\.wasm$/.test(url));
  } catch {
    return false;
  }
}
