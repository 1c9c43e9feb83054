// @ts-check
// The memory snapshot, unpacked, kept for the next visit (site_build/snapshot.py).
//
// Every start from the compressed snapshot gunzips it and undoes its delta (runtime/snapshot-delta.js):
// on a phone that is over a second of the repeat visit (its budget against bare Pyodide's warm
// visit; benchmarks/README.md). So once a start has unpacked it, the worker keeps the image in the
// runtime's cache, under the name integrity.json lists in "unpacked", with the image's own SRI; the
// next start finds it there, checks it and restores it as it is. The image is several times the
// compressed file (mostly zeros): it costs the reader disk, never data, and is kept only for a
// reader who did not ask to save data. One image is kept: another build's goes when this one comes
// (and the service worker drops any its build does not list when it takes over).

import { RUNTIME_CACHE, SNAPSHOT_PREFIX } from "./shared.js";
import { fileName, matches } from "./verified-fetch.js";

/**
 * The unpacked image this build lists, if any: its name and SRI.
 * @param {Record<string, string>} unpacked integrity.json's "unpacked"
 * @returns {{ name: string, integrity: string } | null}
 */
export function listedImage(unpacked) {
  const name = Object.keys(unpacked).find((key) => key.startsWith(SNAPSHOT_PREFIX));
  return name ? { name, integrity: unpacked[name] } : null;
}

/**
 * The kept image's response (its body not yet read), or null when the cache has none.
 * Never creates the cache: a visit that keeps nothing leaves no trace.
 * @param {string} url
 * @param {CacheStorage | undefined} [storage]
 * @returns {Promise<Response | null>}
 */
export async function findKept(url, storage = globalThis.caches) {
  if (!storage) return null;
  try {
    if (!(await storage.has(RUNTIME_CACHE))) return null;
    return (await (await storage.open(RUNTIME_CACHE)).match(url)) || null;
  } catch {
    return null; // storage refused (a private mode, a full disk): a start from the compressed file
  }
}

/**
 * The kept image's bytes if they are the ones this build lists; else null, and the entry is dropped
 * (the next start keeps a good one).
 * @param {string} url
 * @param {Response} response from findKept
 * @param {string} integrity
 * @param {CacheStorage | undefined} [storage]
 * @returns {Promise<Uint8Array | null>}
 */
export async function readKept(url, response, integrity, storage = globalThis.caches) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (await matches(bytes, integrity)) return bytes;
  try {
    await (await storage.open(RUNTIME_CACHE)).delete(url);
  } catch {
    // nothing more to do: it is not used
  }
  return null;
}

/**
 * Keep ``image`` under ``url`` for the next visit, in place of any other build's image.
 * @param {string} url
 * @param {Uint8Array} image
 * @param {CacheStorage | undefined} [storage]
 */
export async function keepImage(url, image, storage = globalThis.caches) {
  if (!storage) return;
  const cache = await storage.open(RUNTIME_CACHE);
  for (const request of await cache.keys()) {
    const name = fileName(request.url);
    if (request.url !== url && name.startsWith(SNAPSHOT_PREFIX) && !name.endsWith(".gz")) await cache.delete(request);
  }
  const body = /** @type {Uint8Array<ArrayBuffer>} */ (image); // never a view of shared memory
  await cache.put(url, new Response(body, { headers: { "Content-Type": "application/octet-stream" } }));
}
