// The Python side of the calculators, off the main thread.
//
// One worker per tab: it loads the self-hosted Pyodide once, installs the calculators
// wheel by name from the site's pyodide-lock.json (no CDN, no PyPI, no micropip), and
// then answers "update" messages. Reader input arrives as data (a plain object of
// strings) and is handed to Python with toPy(): it is never pasted into Python source.
//
// Integrity: nothing is run unless its bytes match the build. The build writes
// pyodide/integrity.json (sha256 of Pyodide's core files and of pyodide-lock.json, which
// holds the wheel's sha256). The worker downloads each file once, checks it with
// crypto.subtle.digest and hands Pyodide those same bytes (the JavaScript modules as blob:
// imports, the rest through a fetch() that answers from the checked bytes); the wheel is
// checked against the lock's sha256, which Pyodide itself asks for (checkIntegrity). A file
// that does not match is fetched once more bypassing the HTTP cache (a stale cached copy
// after a deploy is not an attack) and then refused.
//
// Failures are reported with a kind the page turns into plain words:
//   network   — a file could not be downloaded (offline, blocked, missing)
//   integrity — a file's bytes differ from the build's (damaged or altered): not run
//   crash     — Python or WebAssembly failed to start, or stopped

const MANIFEST = "integrity.json";
const nativeFetch = self.fetch.bind(self);

let api = null;
let toPy = null;
let failLoad = null; // while loading: records a failure seen outside init()'s awaits and ends init

class LoadError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

const fileName = (url) => new URL(url).pathname.split("/").pop();

// Pyodide logs a failed WebAssembly instantiation and waits forever: turn it into a failure
// (keeping the kind when the bytes were refused before they reached WebAssembly).
for (const method of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[method];
  WebAssembly[method] = async (...args) => {
    try {
      return await original.apply(WebAssembly, args);
    } catch (error) {
      const failure =
        error instanceof LoadError
          ? error
          : new LoadError("crash", `the Python engine (WebAssembly) could not start: ${error.message}`);
      if (failLoad) failLoad(failure);
      throw failure;
    }
  };
}

function base64(buffer) {
  let text = "";
  for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
  return btoa(text);
}

const ALGORITHMS = { sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" };

// Subresource Integrity semantics: the strongest algorithm listed decides; any of its digests may match.
async function matches(bytes, integrity) {
  const tokens = String(integrity)
    .trim()
    .split(/\s+/)
    .map((token) => token.match(/^(sha256|sha384|sha512)-([A-Za-z0-9+/=_-]+)/))
    .filter(Boolean);
  if (tokens.length === 0) return false;
  const strongest = tokens.map((t) => t[1]).sort().pop();
  const digest = base64(await crypto.subtle.digest(ALGORITHMS[strongest], bytes));
  return tokens.some(([, algorithm, value]) => algorithm === strongest && value.replace(/-/g, "+").replace(/_/g, "/") === digest);
}

async function download(url, cache) {
  let response;
  try {
    response = await nativeFetch(url, { cache, credentials: "same-origin" });
  } catch (error) {
    throw new LoadError("network", `${fileName(url)} could not be downloaded (${error.message})`);
  }
  if (!response.ok) throw new LoadError("network", `${fileName(url)} could not be downloaded (HTTP ${response.status})`);
  try {
    return { bytes: await response.arrayBuffer(), type: response.headers.get("Content-Type") || "" };
  } catch (error) {
    throw new LoadError("network", `${fileName(url)} was cut off while downloading (${error.message})`);
  }
}

// Download, check, and on a mismatch try once more past the HTTP cache before refusing.
async function fetchVerified(url, integrity, cache = "default") {
  if (!integrity) throw new LoadError("integrity", `${fileName(url)} has no published checksum`);
  let file = await download(url, cache);
  if (await matches(file.bytes, integrity)) return file;
  file = await download(url, "reload");
  if (await matches(file.bytes, integrity)) return file;
  throw new LoadError("integrity", `${fileName(url)} does not match the checksum published with this site`);
}

async function importVerified({ bytes }) {
  const url = URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
  try {
    return await import(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

// A gzip-compressed file, checked like the others, as bytes.
async function gunzipVerified(url, integrity) {
  const { bytes } = await fetchVerified(url, integrity);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Loading strategy: when the build made a memory snapshot of the ready calculators
// (macros/snapshot.py; listed in the manifest as "snapshot-<digest>.bin.gz"), Pyodide
// restores it instead of starting Python and importing the calculators: several times
// faster. What the snapshot can cause (its download or checksum failing, a restore that
// fails) falls back to a normal start, once; a core file that fails would fail that too.
let snapshotTried = false;

async function init(runtime, packageName) {
  snapshotTried = false;
  try {
    await load(runtime, packageName, true);
  } catch (error) {
    const snapshotFault = error && (error.fromSnapshot || !(error instanceof LoadError) || error.kind === "crash");
    if (!snapshotTried || !snapshotFault) throw error;
    await load(runtime, packageName, false);
  }
}

async function load(runtime, packageName, allowSnapshot) {
  let failure = null; // this attempt's first failure
  const aborted = new Promise((_, reject) => {
    failLoad = (error) => {
      failure = failure || error;
      reject(failure);
    };
  });
  aborted.catch(() => {});
  const abort = failLoad; // this attempt's: a late failure of an earlier attempt must not end this one
  // The manifest and the lock change with every build, so they are revalidated even where
  // the host caches /pyodide/ as immutable; the core files are versioned and may come from cache.
  const manifestFile = await download(new URL(MANIFEST, runtime).href, "no-cache");
  let manifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestFile.bytes));
  } catch {
    throw new LoadError("integrity", `${MANIFEST} is not valid JSON`);
  }
  const verified = new Map(); // absolute URL -> Promise of checked bytes, until Pyodide takes them
  for (const name of ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]) {
    const url = new URL(name, runtime).href;
    const pending = fetchVerified(url, manifest[name], name === "pyodide-lock.json" ? "no-cache" : "default");
    // A refused or missing file ends the start at once (not "unhandled", not a Pyodide hang).
    pending.catch((error) => abort(error));
    verified.set(url, pending);
  }
  const checked = (name) => verified.get(new URL(name, runtime).href);
  // The snapshot adds ~7 MB to a first visit: a reader who asked to save data gets the normal start.
  const saveData = Boolean(self.navigator && self.navigator.connection && self.navigator.connection.saveData);
  const snapshotName = allowSnapshot && !saveData && Object.keys(manifest).find((name) => name.startsWith("snapshot-"));
  let snapshot;
  if (snapshotName) {
    snapshotTried = true;
    snapshot = gunzipVerified(new URL(snapshotName, runtime).href, manifest[snapshotName]).catch((error) => {
      if (error && typeof error === "object") error.fromSnapshot = true;
      throw error;
    });
    snapshot.catch(() => {}); // awaited by Pyodide
  }

  // Pyodide fetches the wasm, the standard library, the lock file and the wheel with fetch():
  // answer the first three from the checked bytes, and check anything that carries an integrity.
  self.fetch = async (input, options = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
    const integrity = options.integrity || (input instanceof Request ? input.integrity : "");
    let file;
    if (verified.has(url)) {
      const pending = verified.get(url);
      verified.delete(url); // each is read once; do not keep megabytes alive
      try {
        file = await pending;
      } catch {
        // Already reported through failLoad. Pyodide would log the error and carry on without
        // the file; this instance is being given up on, so it just never gets an answer.
        return new Promise(() => {});
      }
    } else if (integrity) {
      try {
        file = await fetchVerified(url, integrity);
      } catch (error) {
        abort(error);
        throw error;
      }
    } else {
      return nativeFetch(input, options);
    }
    return new Response(file.bytes, { status: 200, headers: { "Content-Type": file.type } });
  };

  const { loadPyodide } = await importVerified(await checked("pyodide.mjs"));
  const { default: createPyodideModule } = await importVerified(await checked("pyodide.asm.mjs"));
  await checked("pyodide-lock.json"); // refuse before Python starts, not half-way through
  let pyodide;
  try {
    pyodide = await Promise.race([
      loadPyodide({
        indexURL: runtime,
        lockFileURL: new URL("pyodide-lock.json", runtime).href,
        createPyodideModule,
        // Restored from the snapshot, the calculators are already imported (and their data
        // read): installing the wheel again would cost ~300 ms for nothing.
        ...(snapshot ? { _loadSnapshot: snapshot } : { packages: [packageName] }),
        // Nothing a calculator prints is meant for the reader; keep the console clean.
        stdout: () => {},
        stderr: () => {},
      }),
      aborted,
    ]);
  } catch (error) {
    throw error instanceof LoadError ? error : new LoadError("crash", String((error && error.message) || error));
  }
  verified.clear();
  if (failure) throw failure; // e.g. the wheel was refused: Pyodide only logs that
  if (!snapshot && !(packageName in pyodide.loadedPackages)) {
    throw new LoadError("crash", `the ${packageName} package did not install`);
  }
  api = pyodide.pyimport("calculators.api");
  toPy = (value) => pyodide.toPy(value);
}

function update(name, values) {
  const raw = toPy(values && typeof values === "object" ? values : {});
  try {
    return api.update(name, raw);
  } finally {
    raw.destroy();
  }
}

function describe(error) {
  return {
    kind: error instanceof LoadError ? error.kind : "crash",
    message: String((error && error.message) || error),
  };
}

// Pyodide starts some fetches (the lock file, the wasm) in promises of its own: when one
// fails, the rejection may never reach init()'s await. Report it instead of hanging.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (failLoad) failLoad(event.reason instanceof LoadError ? event.reason : new LoadError("crash", String((event.reason && event.reason.message) || event.reason)));
  else if (!api) self.postMessage({ type: "fatal", ...describe(event.reason) });
});

self.addEventListener("message", async (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    try {
      await init(String(msg.runtime), String(msg.packageName));
      failLoad = null;
      self.postMessage({ type: "ready" });
    } catch (error) {
      failLoad = null;
      self.postMessage({ type: "fatal", ...describe(error) });
    }
    return;
  }
  if (msg.type === "update") {
    try {
      self.postMessage({ type: "result", id: msg.id, json: update(String(msg.name), msg.values) });
    } catch (error) {
      self.postMessage({ type: "result", id: msg.id, error: String((error && error.message) || error) });
    }
  }
});

// First thing the page hears: the script arrived and runs (an error before this means it did not).
self.postMessage({ type: "booted" });
