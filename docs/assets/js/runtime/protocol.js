// @ts-check
// The messages between the page (calculators.js) and the Python worker (pyodide-worker.js),
// the ways a start can fail, and the one error class both sides throw. Imported by both sides.

/** Message types, one spelling for both sides. */
export const MessageType = Object.freeze({
  /** page → worker: load Pyodide and the calculators. */
  init: "init",
  /** page → worker: compute one calculator's figures. */
  update: "update",
  /** worker → page: the script arrived and runs (an error before this means it did not). */
  booted: "booted",
  /** worker → page: Python and the calculators are loaded. */
  ready: "ready",
  /** worker → page: Python could not start, or stopped. */
  fatal: "fatal",
  /** worker → page: the answer to one update. */
  result: "result",
  /** worker → page: bytes of Python's files received so far, and their total (0: not known). */
  progress: "progress",
  /** page → worker: once live and idle, download what the next visit needs into the caches. */
  keep: "keep",
});

/**
 * Whether the worker may download the memory snapshot (runtime/boot.js): "always", or "cached"
 * (only if a cache already has it: data is dear, see runtime/connection.js).
 * @typedef {"always" | "cached"} SnapshotPolicy
 */

/** Why Python is not running; the page turns each kind into plain words. */
export const FailureKind = Object.freeze({
  /** a file could not be downloaded (offline, blocked, missing) */
  network: "network",
  /** a file's bytes differ from the build's (damaged or altered): not run */
  integrity: "integrity",
  /** Python or WebAssembly failed to start, or stopped */
  crash: "crash",
  /** the worker stopped answering */
  unresponsive: "unresponsive",
  /**
   * the page and the site's Python files are from different builds (site_build/build_id.py): the
   * site was deployed again since the page loaded, or is being deployed. Python is not run for it,
   * so the figures beside the page's text are never another build's.
   */
  outdated: "outdated",
});

/** @typedef {keyof typeof FailureKind} FailureKindName */

/**
 * ``build`` is a build identity (site_build/build_id.py): in init and update, the page's, "" when
 * the page names none; in ready and outdated, the worker's (from pyodide/integrity.json). The
 * worker starts only for a page of its build and computes only for pages of its build: an update
 * for another build gets ``outdated`` instead of figures.
 * ``keep``: the reader lets this visit keep the runtime for the next one (runtime/connection.js's
 * plan; not when saving data).
 * @typedef {{ type: "init", runtime: string, packageName: string, build: string,
 *   snapshot: SnapshotPolicy, keep: boolean }} InitMessage
 * @typedef {{ type: "update", id: number, name: string, values: Record<string, string>, build: string }} UpdateMessage
 * @typedef {{ type: "keep" }} KeepMessage
 * @typedef {InitMessage | UpdateMessage | KeepMessage} PageMessage
 *
 * @typedef {{ type: "booted" }} BootedMessage
 * @typedef {{ type: "ready", build: string }} ReadyMessage
 * @typedef {{ type: "fatal", kind: FailureKindName, message: string }} FatalMessage
 * @typedef {{ type: "result", id: number, json: string }} ResultMessage
 * @typedef {{ type: "result", id: number, error: string }} ResultErrorMessage
 * @typedef {{ type: "result", id: number, outdated: string }} ResultOutdatedMessage
 * @typedef {{ type: "progress", loaded: number, total: number }} ProgressMessage
 * @typedef {BootedMessage | ReadyMessage | FatalMessage | ResultMessage | ResultErrorMessage
 *   | ResultOutdatedMessage | ProgressMessage} WorkerMessage
 *
 * The JSON in a result (calculators/api.py): per-field ``errors``, the results' ``html`` and the
 * pinned headline's ``answer`` (both null while a field is invalid), how each number was ``read``
 * ("= 300,000") and ``picks`` (buttons for an entry that reads two ways), the ``currency`` money fields
 * are read in (the reader's country's, or USD); ``fatal`` when the page
 * names a calculator the wheel does not have.
 * @typedef {{ errors?: Record<string, string>, html?: string | null, answer?: string | null,
 *   values?: Record<string, string>, read?: Record<string, string>, picks?: Record<string, string>,
 *   currency?: string, fatal?: string }} Output
 */

/** A failure with its kind (and, in the worker, whether the memory snapshot caused it). */
export class Failure extends Error {
  /**
   * @param {FailureKindName} kind
   * @param {string} message
   * @param {{ fromSnapshot?: boolean }} [options]
   */
  constructor(kind, message, { fromSnapshot = false } = {}) {
    super(message);
    this.name = "Failure";
    /** @type {FailureKindName} */
    this.kind = kind;
    this.fromSnapshot = fromSnapshot;
  }
}

/**
 * The text of anything thrown (an Error, a string, a Pyodide proxy), for messages and data-error-detail.
 * @param {unknown} error
 * @returns {string}
 */
export function messageOf(error) {
  if (error && typeof error === "object" && "message" in error && error.message) return String(error.message);
  return String(error ?? "");
}

/**
 * @param {unknown} kind
 * @returns {kind is FailureKindName}
 */
export function isFailureKind(kind) {
  return typeof kind === "string" && Object.hasOwn(FailureKind, kind);
}

/**
 * Any error as a Failure: its own kind when it has one, else ``fallback``.
 * @param {unknown} error
 * @param {FailureKindName} [fallback]
 * @returns {Failure}
 */
export function toFailure(error, fallback = FailureKind.crash) {
  return error instanceof Failure ? error : new Failure(fallback, messageOf(error));
}

/**
 * What the page accepts from the worker; anything else is null (and ignored).
 * @param {unknown} data
 * @returns {WorkerMessage | null}
 */
export function asWorkerMessage(data) {
  if (!data || typeof data !== "object" || !("type" in data)) return null;
  const msg = /** @type {Record<string, unknown>} */ (data);
  switch (msg.type) {
    case MessageType.booted:
      return { type: msg.type };
    case MessageType.ready:
      return { type: msg.type, build: String(msg.build ?? "") };
    case MessageType.fatal:
      return {
        type: msg.type,
        kind: isFailureKind(msg.kind) ? msg.kind : FailureKind.crash,
        message: messageOf(msg.message),
      };
    case MessageType.progress:
      return {
        type: msg.type,
        loaded: Math.max(0, Number(msg.loaded) || 0),
        total: Math.max(0, Number(msg.total) || 0),
      };
    case MessageType.result:
      if (typeof msg.id !== "number") return null;
      if (typeof msg.json === "string") return { type: msg.type, id: msg.id, json: msg.json };
      if (typeof msg.outdated === "string") return { type: msg.type, id: msg.id, outdated: msg.outdated };
      return { type: msg.type, id: msg.id, error: messageOf(msg.error) };
    default:
      return null;
  }
}

/**
 * What the worker accepts from the page; anything else is null (and ignored).
 * @param {unknown} data
 * @returns {PageMessage | null}
 */
export function asPageMessage(data) {
  if (!data || typeof data !== "object" || !("type" in data)) return null;
  const msg = /** @type {Record<string, unknown>} */ (data);
  if (msg.type === MessageType.init) {
    const build = String(msg.build ?? "");
    const snapshot = msg.snapshot === "cached" ? "cached" : "always";
    const keep = msg.keep === true;
    return {
      type: msg.type,
      runtime: String(msg.runtime),
      packageName: String(msg.packageName),
      build,
      snapshot,
      keep,
    };
  }
  if (msg.type === MessageType.keep) return { type: msg.type };
  if (msg.type === MessageType.update && typeof msg.id === "number") {
    const build = String(msg.build ?? "");
    return { type: msg.type, id: msg.id, name: String(msg.name), values: asValues(msg.values), build };
  }
  return null;
}

/**
 * A form's values as the worker hands them to Python: strings only, never code.
 * @param {unknown} values
 * @returns {Record<string, string>}
 */
function asValues(values) {
  /** @type {Record<string, string>} */
  const out = {};
  if (values && typeof values === "object") {
    for (const [name, value] of Object.entries(values)) out[name] = String(value);
  }
  return out;
}
