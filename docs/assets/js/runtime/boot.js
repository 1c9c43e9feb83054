// @ts-check
// The worker's start: Pyodide and the calculators wheel, every file checked before it runs.
//
// The worker downloads each file once, checks it (runtime/verified-fetch.js) and hands Pyodide
// those same bytes: the JavaScript modules as blob: imports, the rest through a fetch() that
// answers from the checked bytes; the wheel is checked against the lock file's sha256, which
// Pyodide itself asks for (checkIntegrity). The wheel is installed by name from the site's
// pyodide-lock.json: no CDN, no PyPI, no micropip.
//
// When the build made a memory snapshot of the ready calculators (site_build/snapshot.py; listed in
// the manifest as "snapshot-<digest>.bin.gz"), Pyodide can restore it instead of starting Python
// and importing the calculators: several times less work, but 3 MB more to download than a start
// with the compiled standard library (site_build/stdlib.py). So the page says what a download
// costs this reader (runtime/connection.js), as the snapshot policy: "always" takes it (a fast
// connection); "cached" takes it only if a cache already has it (data is dear), and the page asks
// for it for the next visit once the calculator is live ("keep"). Restored from the snapshot,
// every module is already imported: Pyodide still mounts a standard library archive, and gets an
// empty one. What the snapshot can cause (its download or checksum failing, a restore that fails)
// falls back to a normal start, once; a core file that fails would fail that too. Once unpacked,
// the snapshot is kept as it is restored, for the next visit to skip unpacking it
// (runtime/unpacked-snapshot.js); a start that finds it kept downloads no compressed snapshot.
//
// One build from page to worker (site_build/build_id.py): the manifest names the build of the
// site's Python files. A page of another build is refused before anything is downloaded
// (FailureKind.outdated), and a file that fails its checksum while the manifest has meanwhile
// changed is a deploy in progress, not damage: outdated too, so the reader is told to reload.
//
// The files are checked against their checksums, so what the host says they are does not matter:
// the WebAssembly is handed to Pyodide as application/wasm even when a simple host labels it
// application/octet-stream (streaming compilation refuses any other type).

import { MANIFEST, parseManifest } from "./build.js";
import { Failure, FailureKind, toFailure } from "./protocol.js";
import { CORE_FILES, LOCK_FILE, SIZES_FILE, SNAPSHOT_PREFIX, STDLIB } from "./shared.js";
import { xorDataSegments } from "./snapshot-delta.js";
import { findKept, keepImage, listedImage, readKept } from "./unpacked-snapshot.js";
import {
  download,
  fetchCompiled,
  fetchLocked,
  fetchVerified,
  gunzip,
  importVerified,
  matches,
  nativeFetch,
} from "./verified-fetch.js";

const WASM = "pyodide.asm.wasm";
const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

/**
 * The calculators, loaded: one computation, JSON out (calculators/api.py), and the build they are.
 * @typedef {{ build: string, update: (name: string, values: Record<string, string>) => string }} Python
 * @typedef {import("./verified-fetch.js").File} File
 */

/** One try at starting: its first failure ends it (a late failure of an earlier try does not). */
class Attempt {
  /** @param {import("./protocol.js").SnapshotPolicy | "never"} snapshotPolicy */
  constructor(snapshotPolicy) {
    this.snapshotPolicy = snapshotPolicy;
    this.usedSnapshot = false;
    /** The checked wasm as handed to Pyodide, and its compilation (runtime/verified-fetch.js, fetchCompiled). */
    this.wasmResponse = /** @type {Response | null} */ (null);
    this.compiledWasm = /** @type {Promise<WebAssembly.Module | null>} */ (Promise.resolve(null));
    this.controller = new AbortController();
    const signal = this.controller.signal;
    /** @type {Promise<never>} rejects with the first failure */
    this.aborted = new Promise((_, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
    this.aborted.catch(() => {});
  }

  /** @param {unknown} error */
  fail(error) {
    if (!this.controller.signal.aborted) this.controller.abort(error);
  }

  /** @returns {unknown} the first failure, if any */
  get failure() {
    return this.controller.signal.aborted ? this.controller.signal.reason : null;
  }
}

/** Starting Python in this worker. ``fail()`` reports a failure seen outside the start's awaits. */
export class Boot {
  /**
   * @param {string} runtime the URL of the site's pyodide/ folder
   * @param {string} packageName the calculators wheel's distribution name
   * @param {string} build the page's build identity ("" when it names none: not checked)
   * @param {import("./protocol.js").SnapshotPolicy} [snapshotPolicy]
   * @param {(total: number) => void} [announceTotal] the bytes this start downloads (for progress)
   * @param {boolean} [keep] keep the unpacked snapshot for the next visit (not for a reader saving data)
   */
  constructor(runtime, packageName, build, snapshotPolicy = "always", announceTotal = () => {}, keep = false) {
    this.runtime = runtime;
    this.packageName = packageName;
    this.build = build;
    this.snapshotPolicy = snapshotPolicy;
    this.announceTotal = announceTotal;
    this.keep = keep;
    /** @type {Attempt | null} */
    this.attempt = null;
    /** The build named by the manifest this start uses. */
    this.manifestBuild = "";
  }

  /** @param {unknown} error */
  fail(error) {
    if (this.attempt) this.attempt.fail(error);
  }

  /**
   * The compiled module for ``response`` when it is the checked wasm this start handed Pyodide
   * (see guardWebAssembly), else null.
   * @param {Response} response
   * @returns {Promise<WebAssembly.Module | null> | null}
   */
  compiledFor(response) {
    return this.attempt && this.attempt.wasmResponse === response ? this.attempt.compiledWasm : null;
  }

  /** @returns {Promise<Python>} */
  async start() {
    try {
      try {
        return await this.load(new Attempt(this.snapshotPolicy));
      } catch (error) {
        const failure = toFailure(error);
        const snapshotFault = failure.fromSnapshot || failure.kind === FailureKind.crash;
        if (!this.attempt?.usedSnapshot || !snapshotFault) throw failure;
        return await this.load(new Attempt("never"));
      }
    } catch (error) {
      const failure = toFailure(error);
      if (failure.kind === FailureKind.integrity && (await this.siteChanged())) {
        throw new Failure(FailureKind.outdated, `the site was updated while Python started (${failure.message})`);
      }
      throw failure;
    }
  }

  /**
   * Whether the site's manifest now names another build than the one this start used: a file that
   * did not match was then from a deploy in progress, not damaged.
   * @returns {Promise<boolean>}
   */
  async siteChanged() {
    if (!this.manifestBuild) return false;
    try {
      const now = parseManifest(
        new TextDecoder().decode((await download(new URL(MANIFEST, this.runtime).href, "no-cache")).bytes),
      );
      return now !== null && now.build !== this.manifestBuild;
    } catch {
      return false;
    }
  }

  /**
   * @param {Attempt} attempt
   * @returns {Promise<Python>}
   */
  async load(attempt) {
    this.attempt = attempt;
    const { runtime, packageName } = this;
    const at = (/** @type {string} */ name) => new URL(name, runtime).href;
    // The manifest and the lock change with every build, so they are revalidated even where
    // the host caches /pyodide/ as immutable; the core files are versioned and may come from cache.
    const sizesRead = readSizes(at(SIZES_FILE));
    const manifestFile = await download(at(MANIFEST), "no-cache");
    const parsed = parseManifest(new TextDecoder().decode(manifestFile.bytes));
    if (!parsed) throw new Failure(FailureKind.integrity, `${MANIFEST} is not a build's manifest`);
    this.manifestBuild = parsed.build;
    if (this.build && parsed.build !== this.build) {
      // Nothing of this build is on the site any more (or not yet): no Python for this page.
      throw new Failure(
        FailureKind.outdated,
        `this page is build ${this.build}; the site's Python files are build ${parsed.build}`,
      );
    }
    const manifest = parsed.files;
    // Asked first: whether the snapshot is taken decides whether the standard library is needed.
    const image = listedImage(parsed.unpacked);
    const kept = image && attempt.snapshotPolicy !== "never" ? await findKept(at(image.name)) : null;
    const snapshotFile = kept ? null : await this.snapshotFile(manifest, attempt);
    const sizes = await sizesRead;
    const names = [...CORE_FILES, LOCK_FILE, ...(snapshotFile || kept ? [] : [STDLIB])];
    // Read from a cache or not, every body is counted as it arrives (verified-fetch.js).
    const downloads = [...names, ...(snapshotFile ? [snapshotFile.name] : [])];
    /** @type {Map<string, Promise<File>>} absolute URL → checked bytes, until Pyodide takes them */
    const verified = new Map();
    for (const name of names) {
      let pending;
      if (name === WASM) {
        // Compiled as it downloads, handed to Pyodide once checked (see guardWebAssembly): Pyodide
        // itself would compile only once it is ready to instantiate. A compile error is left to
        // Pyodide's own attempt, which reports it.
        const wasm = fetchCompiled(at(name), manifest[name]);
        pending = wasm.file;
        attempt.compiledWasm = wasm.module;
      } else {
        pending = fetchVerified(at(name), manifest[name], name === LOCK_FILE ? "no-cache" : "default");
      }
      // A refused or missing file ends the start at once (not "unhandled", not a Pyodide hang).
      pending.catch((error) => attempt.fail(error));
      verified.set(at(name), pending);
    }
    const checked = (/** @type {string} */ name) => /** @type {Promise<File>} */ (verified.get(at(name)));
    let total = downloads.reduce((sum, name) => sum + (Number(sizes[name]) || 0), 0);
    /** @type {Promise<Uint8Array> | null} */
    let snapshot = null;
    /** @type {Promise<Uint8Array> | null} the image unpacked here, to keep for the next visit */
    let unpacked = null;
    const fromSnapshot = (/** @type {unknown} */ error) => {
      const failure = toFailure(error);
      throw new Failure(failure.kind, failure.message, { fromSnapshot: true });
    };
    if (kept && image) {
      attempt.usedSnapshot = true;
      snapshot = readKept(at(image.name), kept, image.integrity)
        .then((bytes) => {
          if (!bytes) throw new Failure(FailureKind.integrity, `the kept ${image.name} is not this build's`);
          return bytes;
        })
        .catch(fromSnapshot);
      snapshot.catch(() => {}); // awaited by Pyodide
    } else if (snapshotFile) {
      attempt.usedSnapshot = true;
      // Shipped as a delta against the wasm's data segments (runtime/snapshot-delta.js).
      snapshot = Promise.all([snapshotFile.bytes.then((file) => gunzip(file.bytes)), checked(WASM)])
        .then(([memory, wasm]) => xorDataSegments(memory, new Uint8Array(wasm.bytes)))
        .catch(fromSnapshot);
      snapshot.catch(() => {}); // awaited by Pyodide
      if (image && this.keep) unpacked = snapshot;
    } else {
      // The wheel Pyodide asks for once Python runs: downloaded now, alongside the rest.
      const lock = JSON.parse(new TextDecoder().decode((await checked(LOCK_FILE)).bytes));
      const wheel = lock.packages?.[packageName];
      if (wheel) {
        const pending = fetchLocked(at(wheel.file_name), String(wheel.sha256));
        pending.catch((error) => attempt.fail(error));
        verified.set(at(wheel.file_name), pending);
        total += Number(sizes[wheel.file_name]) || 0;
      }
    }
    this.announceTotal(total);

    self.fetch = answerFrom(verified, attempt, snapshot ? at(STDLIB) : null);
    const { loadPyodide } = await importVerified(await checked("pyodide.mjs"));
    const { default: createPyodideModule } = await importVerified(await checked("pyodide.asm.mjs"));
    await checked(LOCK_FILE); // refuse before Python starts, not half-way through
    let pyodide;
    try {
      pyodide = await Promise.race([
        loadPyodide({
          indexURL: runtime,
          lockFileURL: at(LOCK_FILE),
          createPyodideModule,
          // Restored from the snapshot, the calculators are already imported (and their data
          // read): installing the wheel again would cost time for nothing.
          ...(snapshot ? { _loadSnapshot: snapshot } : { packages: [packageName] }),
          // Nothing a calculator prints is meant for the reader; keep the console clean.
          stdout: () => {},
          stderr: () => {},
        }),
        attempt.aborted,
      ]);
    } catch (error) {
      throw toFailure(error);
    }
    verified.clear();
    if (attempt.failure) throw attempt.failure; // e.g. the wheel was refused: Pyodide only logs that
    if (!snapshot && !(packageName in pyodide.loadedPackages)) {
      throw new Failure(FailureKind.crash, `the ${packageName} package did not install`);
    }
    if (unpacked && image) {
      // After the start, not during it; nothing the reader waits for (a failure: the next visit unpacks).
      const url = at(image.name);
      unpacked.then((bytes) => keepImage(url, bytes)).catch(() => {});
    }
    const api = pyodide.pyimport("calculators.api");
    return {
      build: parsed.build,
      update(name, values) {
        const raw = pyodide.toPy(values);
        try {
          return api.update(name, raw);
        } finally {
          raw.destroy();
        }
      },
    };
  }

  /**
   * The memory snapshot this start takes, if any: its name and its checked, compressed bytes.
   * "always" downloads it; "cached" takes it only from a cache (a normal start otherwise).
   * @param {Record<string, string>} manifest
   * @param {Attempt} attempt
   * @returns {Promise<{ name: string, bytes: Promise<File> } | null>}
   */
  async snapshotFile(manifest, attempt) {
    const name = Object.keys(manifest).find((key) => key.startsWith(SNAPSHOT_PREFIX));
    if (!name || attempt.snapshotPolicy === "never") return null;
    const url = new URL(name, this.runtime).href;
    if (attempt.snapshotPolicy === "always") {
      const bytes = fetchVerified(url, manifest[name]);
      bytes.catch(() => {}); // reported through the snapshot's own promise
      return { name, bytes };
    }
    let file;
    try {
      file = await download(url, "only-if-cached");
    } catch {
      return null; // not in any cache
    }
    // Another build's snapshot in the cache is not this one's: a normal start.
    return (await matches(file.bytes, manifest[name])) ? { name, bytes: Promise.resolve(file) } : null;
  }
}

/**
 * The runtime's file sizes (pyodide/sizes.json), for progress only: empty when unavailable.
 * @param {string} url
 * @returns {Promise<Record<string, number>>}
 */
async function readSizes(url) {
  try {
    const response = await nativeFetch(url, { cache: "no-cache", credentials: "same-origin" });
    return response.ok ? await response.json() : {};
  } catch {
    return {};
  }
}

/**
 * What the next visit needs, downloaded into the caches (the service worker's, or the HTTP cache)
 * without being run: the files of a start from the snapshot. Bytes already cached cost nothing.
 * @param {string} runtime
 */
export async function keepForNextVisit(runtime) {
  const at = (/** @type {string} */ name) => new URL(name, runtime).href;
  const parsed = parseManifest(new TextDecoder().decode((await download(at(MANIFEST), "no-cache")).bytes));
  for (const name of Object.keys(parsed ? parsed.files : {}).filter((n) => n !== STDLIB && n !== LOCK_FILE)) {
    const response = await nativeFetch(at(name), { credentials: "same-origin" });
    await response.arrayBuffer(); // read to the end, so a cache keeps it
  }
}

/**
 * Pyodide fetches the wasm, the standard library, the lock file and the wheel with fetch(): this
 * answers the first three from the checked bytes, and checks anything that carries an integrity.
 * @param {Map<string, Promise<File>>} verified
 * @param {Attempt} attempt
 * @param {string | null} emptyStdlib the standard library's URL when restoring a snapshot (answered
 *   with an empty archive), else null
 * @returns {typeof fetch}
 */
function answerFrom(verified, attempt, emptyStdlib) {
  return async (input, options = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
    const integrity = options.integrity || (input instanceof Request ? input.integrity : "");
    if (url === emptyStdlib)
      return new Response(EMPTY_ZIP, { status: 200, headers: { "Content-Type": "application/zip" } });
    let file;
    const pending = verified.get(url);
    if (pending) {
      verified.delete(url); // each is read once; do not keep megabytes alive
      try {
        file = await pending;
      } catch {
        // Already reported to the attempt. Pyodide would log the error and carry on without
        // the file; this instance is being given up on, so it just never gets an answer.
        return new Promise(() => {});
      }
    } else if (integrity) {
      try {
        file = await fetchVerified(url, integrity);
      } catch (error) {
        attempt.fail(error);
        throw error;
      }
    } else {
      return nativeFetch(input, options);
    }
    // Checked bytes: the type is what the build says they are, not what the host said (see the top).
    if (url.endsWith(".wasm")) {
      const response = new Response(file.bytes, { status: 200, headers: { "Content-Type": "application/wasm" } });
      attempt.wasmResponse = response;
      return response;
    }
    return new Response(file.bytes, { status: 200, headers: { "Content-Type": file.type } });
  };
}

/**
 * Pyodide logs a failed WebAssembly instantiation and waits forever: turn it into a failure,
 * reported through ``report`` (keeping the kind when the bytes were refused before they reached
 * WebAssembly). And where ``compiledFor`` has the module already compiled for the response
 * Pyodide streams from, instantiate that instead of compiling the same bytes again.
 * @param {(failure: Failure) => void} report
 * @param {(response: Response) => Promise<WebAssembly.Module | null> | null} [compiledFor]
 */
export function guardWebAssembly(report, compiledFor = () => null) {
  const instantiate = WebAssembly.instantiate.bind(WebAssembly);
  const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
  /**
   * @param {(...args: any[]) => Promise<unknown>} run
   * @returns {(...args: any[]) => Promise<any>}
   */
  const guarded =
    (run) =>
    async (...args) => {
      try {
        return await run(...args);
      } catch (error) {
        const failure =
          error instanceof Failure
            ? error
            : new Failure(
                FailureKind.crash,
                `the Python engine (WebAssembly) could not start: ${toFailure(error).message}`,
              );
        report(failure);
        throw failure;
      }
    };
  /** @type {any} */ (WebAssembly).instantiate = guarded(instantiate);
  /** @type {any} */ (WebAssembly).instantiateStreaming = guarded(async (source, imports) => {
    const response = await source;
    const compiled = response instanceof Response ? await compiledFor(response) : null;
    if (compiled) return { module: compiled, instance: await instantiate(compiled, imports) };
    return instantiateStreaming(response, imports);
  });
}
