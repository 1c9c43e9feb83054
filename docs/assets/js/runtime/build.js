// @ts-check
// Which build a page is, and which build the site's Python files are (site_build/build_id.py).
//
// Every built page carries <meta name="tmg-build" content="…">; pyodide/integrity.json carries
// {"build": "…", "files": {…}}. The identity is a digest of the calculators and their data (the
// wheel), Pyodide and these scripts: two pages of one build show figures from the same data, and a
// worker computes only for pages of the build it loaded. Material's instant navigation swaps the
// head's metas with the page, so the meta always names the build of the page on screen.

import { BUILD_META, INTEGRITY_FILE } from "./shared.js";

export { BUILD_META };

/** Where the runtime's identity is, relative to the runtime folder (pyodide/). */
export const MANIFEST = INTEGRITY_FILE;

/**
 * The build identity of the page in ``doc`` ("" when it names none: a page from before builds had one).
 * @param {{ querySelector(selectors: string): { getAttribute(name: string): string | null } | null }} [doc] the page
 * @returns {string}
 */
export function pageBuild(doc = /** @type {any} */ (globalThis).document) {
  const meta = doc.querySelector(`meta[name="${BUILD_META}"]`);
  return meta?.getAttribute("content") || "";
}

/**
 * A parsed integrity.json: the build identity, each runtime file's Subresource Integrity, and the
 * SRI of what a reader's cache keeps but no host serves (the unpacked snapshot: runtime/unpacked-snapshot.js).
 * @typedef {{ build: string, files: Record<string, string>, unpacked: Record<string, string> }} Manifest
 */

/**
 * Read integrity.json's text; null when it is not a manifest.
 * @param {string} text
 * @returns {Manifest | null}
 */
export function parseManifest(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (
    !data ||
    typeof data !== "object" ||
    typeof data.build !== "string" ||
    !data.files ||
    typeof data.files !== "object"
  ) {
    return null;
  }
  /** @type {Record<string, string>} */
  const files = {};
  for (const [name, integrity] of Object.entries(data.files)) files[name] = String(integrity);
  /** @type {Record<string, string>} */
  const unpacked = {};
  if (data.unpacked && typeof data.unpacked === "object") {
    for (const [name, integrity] of Object.entries(data.unpacked)) unpacked[name] = String(integrity);
  }
  return { build: data.build, files, unpacked };
}
