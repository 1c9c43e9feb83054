// @ts-check
// Nothing is run unless its bytes match the build: downloads checked against Subresource
// Integrity strings (pyodide/integrity.json, written by the build, and the lock file's sha256).

import { Failure, FailureKind, messageOf } from "./protocol.js";

/** The platform's fetch, taken before the worker answers Pyodide's fetches itself (runtime/boot.js). */
export const nativeFetch = globalThis.fetch.bind(globalThis);

const ALGORITHMS = { sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" };

/**
 * A downloaded file: its bytes and Content-Type.
 * @typedef {{ bytes: ArrayBuffer, type: string }} File
 */

/**
 * The last segment of a URL's path, for messages.
 * @param {string} url
 */
export const fileName = (url) => new URL(url).pathname.split("/").pop() || url;

/** @param {ArrayBuffer} buffer */
function base64(buffer) {
  let text = "";
  for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
  return btoa(text);
}

/**
 * Subresource Integrity semantics: the strongest algorithm listed decides; any of its digests may
 * match (standard or URL-safe base64).
 * @param {BufferSource} bytes
 * @param {string} integrity e.g. "sha256-… sha384-…"
 * @returns {Promise<boolean>}
 */
export async function matches(bytes, integrity) {
  const tokens = String(integrity)
    .trim()
    .split(/\s+/)
    .map((token) => token.match(/^(sha256|sha384|sha512)-([A-Za-z0-9+/=_-]+)/))
    .filter((token) => token !== null);
  if (tokens.length === 0) return false;
  const algorithms = tokens.map((token) => token[1]).sort();
  const strongest = /** @type {keyof typeof ALGORITHMS} */ (algorithms[algorithms.length - 1]);
  const digest = base64(await crypto.subtle.digest(ALGORITHMS[strongest], bytes));
  const standard = (/** @type {string} */ value) => value.replace(/-/g, "+").replace(/_/g, "/");
  return tokens.some(([, algorithm, value]) => algorithm === strongest && standard(value) === digest);
}

/**
 * Bytes of every download so far: each body is counted as it arrives, and ``onChange`` (set by
 * the worker) tells the page, which shows it against the runtime's total (pyodide/sizes.json).
 */
export const received = {
  bytes: 0,
  /** @type {(bytes: number) => void} */
  onChange: () => {},
};

/**
 * A response's body, counted into ``received`` as it arrives.
 * @param {Response} response
 * @returns {Promise<ArrayBuffer>}
 */
async function readCounting(response) {
  if (!response.body) return response.arrayBuffer();
  const reader = response.body.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    received.bytes += value.length;
    received.onChange(received.bytes);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes.buffer;
}

/**
 * ``cache: "only-if-cached"`` answers from a cache or fails at once: it asks whether a file is
 * already here without downloading it (the Fetch standard allows it for same-origin requests only).
 * @param {string} url
 * @param {RequestCache} cache
 * @param {typeof fetch} [get]
 * @returns {Promise<File>}
 */
export async function download(url, cache, get = nativeFetch) {
  let response;
  try {
    const mode = cache === "only-if-cached" ? "same-origin" : "cors";
    response = await get(url, { cache, mode, credentials: "same-origin" });
  } catch (error) {
    throw new Failure(FailureKind.network, `${fileName(url)} could not be downloaded (${messageOf(error)})`);
  }
  if (!response.ok) {
    throw new Failure(FailureKind.network, `${fileName(url)} could not be downloaded (HTTP ${response.status})`);
  }
  try {
    return { bytes: await readCounting(response), type: response.headers.get("Content-Type") || "" };
  } catch (error) {
    throw new Failure(FailureKind.network, `${fileName(url)} was cut off while downloading (${messageOf(error)})`);
  }
}

/**
 * Download and check; on a mismatch try once more past the HTTP cache (a stale cached copy after a
 * deploy is not an attack) before refusing.
 * @param {string} url
 * @param {string | undefined} integrity
 * @param {RequestCache} [cache]
 * @param {typeof fetch} [get]
 * @returns {Promise<File>}
 */
export async function fetchVerified(url, integrity, cache = "default", get = nativeFetch) {
  if (!integrity) throw new Failure(FailureKind.integrity, `${fileName(url)} has no published checksum`);
  let file = await download(url, cache, get);
  if (await matches(file.bytes, integrity)) return file;
  file = await download(url, "reload", get);
  if (await matches(file.bytes, integrity)) return file;
  throw new Failure(FailureKind.integrity, `${fileName(url)} does not match the checksum published with this site`);
}

/**
 * The WebAssembly, downloaded and checked like any file, and compiled from the response itself as
 * it arrives (the same bytes, teed), not from the checked bytes once they are all here: on a slow
 * connection the compilation then runs while the rest downloads instead of after it (the phone
 * profile's first live result, benchmarks/README.md). The module is handed out only once the bytes
 * it was compiled from have matched, so nothing of a file that failed its check is ever
 * instantiated. Where the response cannot be compiled as it streams (a host that labels it
 * otherwise than application/wasm), the checked bytes are compiled.
 * @param {string} url
 * @param {string | undefined} integrity
 * @param {typeof fetch} [get]
 * @returns {{ file: Promise<File>, module: Promise<WebAssembly.Module | null> }} ``module`` is null
 *   when the bytes do not compile (Pyodide's own attempt then reports it)
 */
export function fetchCompiled(url, integrity, get = nativeFetch) {
  /** @type {Promise<WebAssembly.Module | null>} the compilation of the response read last */
  let compiling = Promise.resolve(null);
  /** @type {typeof fetch} each response fetchVerified reads, also compiled as it arrives */
  const compilingGet = async (input, options) => {
    const response = await get(input, options);
    const streamable = /^application\/wasm\s*(;|$)/i.test(response.headers.get("Content-Type") || "");
    compiling =
      response.ok && streamable
        ? WebAssembly.compileStreaming(response.clone()).catch(() => null)
        : Promise.resolve(null);
    return response;
  };
  const file = fetchVerified(url, integrity, "default", compilingGet);
  const module = file
    .then(async (checked) => (await compiling) || WebAssembly.compile(checked.bytes))
    .catch(() => null);
  return { file, module };
}

/**
 * Import a checked JavaScript module from its bytes (a blob: URL, so the bytes run are the bytes checked).
 * @param {File} file
 * @returns {Promise<any>}
 */
export async function importVerified({ bytes }) {
  const url = URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
  try {
    return await import(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Gzip-compressed bytes, decompressed.
 * @param {ArrayBuffer} bytes
 * @returns {Promise<Uint8Array>}
 */
export async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * A file listed in a lock file, checked against the lock's sha256 (hex), as Pyodide checks it.
 * @param {string} url
 * @param {string} sha256 hex digest
 * @returns {Promise<File>}
 */
export function fetchLocked(url, sha256) {
  const digest = new Uint8Array((sha256.match(/../g) || []).map((hex) => parseInt(hex, 16)));
  return fetchVerified(url, `sha256-${base64(digest.buffer)}`);
}
