// The Python side of the calculators, off the main thread.
//
// One worker per tab: it loads the self-hosted Pyodide once, installs the calculators
// wheel by name from the site's pyodide-lock.json (no CDN, no PyPI, no micropip), and
// then answers "update" messages. Reader input arrives as data (a plain object of
// strings) and is handed to Python with toPy(): it is never pasted into Python source.

let api = null;
let toPy = null;

async function init(runtime, packageName) {
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  const pyodide = await loadPyodide({
    indexURL: runtime,
    lockFileURL: new URL("pyodide-lock.json", runtime).href,
    packages: [packageName],
    // Nothing a calculator prints is meant for the reader; keep the console clean.
    stdout: () => {},
    stderr: () => {},
  });
  api = pyodide.pyimport("calculators.api");
  toPy = (value) => pyodide.toPy(value);
}

function update(name, values) {
  const raw = toPy(values);
  try {
    return api.update(name, raw);
  } finally {
    raw.destroy();
  }
}

// Pyodide starts some fetches (the lock file, the wasm) in promises of its own: when one
// fails, the rejection may never reach init()'s await. Report it instead of hanging.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (!api) self.postMessage({ type: "fatal", message: String((event.reason && event.reason.message) || event.reason) });
});

self.addEventListener("message", async (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    try {
      await init(msg.runtime, msg.packageName);
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "fatal", message: String((error && error.message) || error) });
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
