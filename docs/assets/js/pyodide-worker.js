// @ts-check
// The Python side of the calculators, off the main thread (the worker's entry; the pieces are in runtime/).
//
// One worker per tab: it loads the self-hosted Pyodide once (runtime/boot.js, every file checked
// against the build's checksums) and then answers "update" messages. Reader input arrives as data
// (a plain object of strings) and is handed to Python with toPy(): it is never pasted into Python
// source. It computes only for pages of the build it loaded (runtime/build.js). Messages and
// failure kinds: runtime/protocol.js.

import { Boot, guardWebAssembly, keepForNextVisit } from "./runtime/boot.js";
import { asPageMessage, MessageType, messageOf, toFailure } from "./runtime/protocol.js";
// boot.js's own imports, named here so they are fetched with boot.js, not after it:
import "./runtime/build.js";
import "./runtime/shared.js";
import "./runtime/snapshot-delta.js";
import "./runtime/unpacked-snapshot.js";
import { received } from "./runtime/verified-fetch.js";

/** The page hears of the download at most this often (the loading status shows it). */
const PROGRESS_MS = 250;

/** @type {Boot | null} while Python starts */
let boot = null;
/** @type {import("./runtime/boot.js").Python | null} once it runs */
let python = null;

/** @param {import("./runtime/protocol.js").WorkerMessage} message */
const post = (message) => self.postMessage(message);

/** @param {unknown} error */
const fatal = (error) => {
  const { kind, message } = toFailure(error);
  post({ type: MessageType.fatal, kind, message });
};

guardWebAssembly(
  (failure) => boot?.fail(failure),
  (response) => boot?.compiledFor(response) ?? null,
);

// Pyodide starts some fetches (the lock file, the wasm) in promises of its own: when one
// fails, the rejection may never reach the start's await. Report it instead of hanging.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (boot) boot.fail(toFailure(event.reason));
  else if (!python) fatal(event.reason);
});

/** Bytes received and the total to receive, told to the page while Python starts. */
const progress = { total: 0, told: 0 };
/** @param {boolean} [now] */
const tellProgress = (now = false) => {
  if (!boot || (!now && Date.now() - progress.told < PROGRESS_MS)) return;
  progress.told = Date.now();
  post({ type: MessageType.progress, loaded: received.bytes, total: progress.total });
};
received.onChange = () => tellProgress();

/** @type {string} the runtime's URL, once the page said it */
let runtime = "";

self.addEventListener("message", async (/** @type {MessageEvent} */ event) => {
  const msg = asPageMessage(event.data);
  if (msg?.type === MessageType.init) {
    runtime = msg.runtime;
    received.bytes = 0;
    const announceTotal = (/** @type {number} */ total) => {
      progress.total = total;
      tellProgress(true);
    };
    boot = new Boot(msg.runtime, msg.packageName, msg.build, msg.snapshot, announceTotal, msg.keep);
    try {
      python = await boot.start();
      tellProgress(true);
      boot = null;
      post({ type: MessageType.ready, build: python.build });
    } catch (error) {
      boot = null;
      fatal(error);
    }
  } else if (msg?.type === MessageType.keep) {
    // Nothing the reader waits for: a failure here only means the next visit downloads again.
    if (python && runtime) keepForNextVisit(runtime).catch(() => {});
  } else if (msg?.type === MessageType.update) {
    try {
      if (!python) throw new Error("Python is not running");
      if (msg.build && msg.build !== python.build) {
        // A page of another build: its text and these figures would come from different data.
        post({ type: MessageType.result, id: msg.id, outdated: python.build });
        return;
      }
      post({ type: MessageType.result, id: msg.id, json: python.update(msg.name, msg.values) });
    } catch (error) {
      post({ type: MessageType.result, id: msg.id, error: messageOf(error) });
    }
  }
});

// First thing the page hears: the script arrived and runs (an error before this means it did not).
post({ type: MessageType.booted });
