// @ts-check
// One Python per tab: the page's client of the worker (pyodide-worker.js). It starts the worker
// lazily, keeps it across Material's instant navigation, and holds the one status every widget shows.
//
// One build from page to worker (site_build/build_id.py): the worker is started for the build of
// the page on screen, and kept only while the reader stays on pages of that build. A page of
// another build (the site was deployed again while the tab was open) gets a new worker, started
// for its build, before any of its figures is computed; a page older than the site's Python files
// gets no live figures at all (FailureKind.outdated), only its own, built with its text.

import { mark } from "./marks.js";
import { asWorkerMessage, Failure, FailureKind, MessageType, messageOf, toFailure } from "./protocol.js";

/** One update takes milliseconds: this long without an answer means the worker is gone. */
const CALL_TIMEOUT_MS = 10000;

/**
 * The status, replaced as a whole on every change (a "status" event follows).
 * While loading, ``loaded`` and ``total`` are the bytes of Python's files received and to receive
 * (``total`` 0 until the worker knows it).
 * @typedef {{ phase: "idle" } | { phase: "loading", loaded: number, total: number } | { phase: "ready" }
 *   | { phase: "error", kind: import("./protocol.js").FailureKindName, detail: string, wasReady: boolean }} Status
 */

/**
 * What a visit lets the worker do: download the memory snapshot ("always") or take it only from a
 * cache ("cached"), and keep what it unpacks for the next visit (not for a reader saving data).
 * @typedef {{ snapshot: import("./protocol.js").SnapshotPolicy, keep: boolean }} StartPlan
 */

/** @type {StartPlan} where the page says nothing: a fast connection's */
const ALWAYS = Object.freeze({ snapshot: "always", keep: false });

/**
 * @typedef {object} WorkerLike The part of a Worker this client uses (tests pass a fake).
 * @property {(message: import("./protocol.js").PageMessage) => void} postMessage
 * @property {() => void} terminate
 * @property {(type: string, listener: (event: any) => void) => void} addEventListener
 */

/**
 * A worker made ahead of the start (see prepare()): what it said before start() listened.
 * @typedef {{ worker: WorkerLike, booted: boolean, failed: boolean }} Spare
 */

/**
 * @typedef {object} Call
 * @property {(msg: { json?: string, error?: string, outdated?: string }) => void} resolve
 * @property {(error: Failure) => void} reject
 * @property {ReturnType<typeof setTimeout>} timer
 */

/** The worker client. Listen to "status" for changes of ``status``. */
export class PythonRuntime extends EventTarget {
  /**
   * @param {object} options
   * @param {string} options.runtimeUrl where Pyodide's files are (the site's pyodide/ folder)
   * @param {string} options.packageName the calculators wheel's distribution name
   * @param {() => WorkerLike} options.createWorker
   * @param {number} [options.timeoutMs] how long an update may go unanswered
   * @param {StartPlan | Promise<StartPlan>} [options.plan] what this visit lets the worker do
   *   (runtime/connection.js); the worker starts meanwhile, and is told once it is known
   */
  constructor({ runtimeUrl, packageName, createWorker, timeoutMs = CALL_TIMEOUT_MS, plan = ALWAYS }) {
    super();
    this.runtimeUrl = runtimeUrl;
    this.packageName = packageName;
    this.createWorker = createWorker;
    this.timeoutMs = timeoutMs;
    this.plan = plan;
    /** @type {Status} */
    this.status = { phase: "idle" };
    /** @type {WorkerLike | null} */
    this.worker = null;
    /** @type {Spare | null} a worker made by prepare(), which the next start takes */
    this.spare = null;
    /** @type {Promise<void> | null} set once started; null again after a failure (a retry starts afresh) */
    this.started = null;
    this.nextId = 1;
    /** @type {Map<number, Call>} */
    this.pending = new Map();
    /** The build of the page on screen ("" when it names none); see showPage(). */
    this.pageBuild = "";
    /** The build the current worker was started for (its init message said so). */
    this.startedFor = "";
    /** The build the running worker loaded (pyodide/integrity.json), once it is ready. */
    this.build = "";
    /** @type {(error: Failure) => void} rejects the start in progress (a no-op once it settled) */
    this.abandon = () => {};
  }

  /**
   * The page on screen changed (first load, or Material's instant navigation); ``build`` is its
   * identity. Call it before the page's widgets compute: a worker of another build is replaced at
   * once (so not one figure of the old build reaches the new page), and an "outdated" failure,
   * which was about the previous page, is forgotten.
   * @param {string} build
   */
  showPage(build) {
    this.pageBuild = build;
    const { status } = this;
    if ((status.phase === "loading" || status.phase === "ready") && this.startedFor !== build) {
      this.stop();
      this.start().catch(() => {});
    } else if (status.phase === "error" && status.kind === FailureKind.outdated) {
      this.stop();
      this.setStatus({ phase: "idle" });
    }
  }

  /**
   * Make the worker now and start Python later: its thread and its own scripts (a few kB, nothing
   * of Pyodide) are ready when start() comes. Where data is dear, Python waits for the reader's
   * touch, and on the phone profile the worker's own start took about a second of the wait after
   * it (phone_slow4g_cold_first_result_ms, benchmarks/README.md). A worker whose script did not
   * arrive is made again by start(), which reports a second failure.
   */
  prepare() {
    if (this.worker || this.spare || this.status.phase !== "idle") return;
    let worker;
    try {
      worker = this.createWorker();
    } catch {
      return; // start() tries again, and says why if it fails
    }
    /** @type {Spare} */
    const spare = { worker, booted: false, failed: false };
    // Until start() listens, what the worker says would be lost: the first message, or that it
    // failed. Once start() has taken it, its own listeners hear everything.
    worker.addEventListener("message", (event) => {
      if (this.spare !== spare) return;
      if (asWorkerMessage(event.data)?.type === MessageType.booted) spare.booted = true;
    });
    worker.addEventListener("error", (/** @type {ErrorEvent} */ event) => {
      if (this.spare !== spare) return;
      event.preventDefault();
      spare.failed = true;
    });
    this.spare = spare;
  }

  /**
   * The worker a start uses: the one prepare() made, unless its script failed; else a new one.
   * @returns {{ worker: WorkerLike, booted: boolean }}
   */
  takeWorker() {
    const spare = this.spare;
    this.spare = null;
    if (spare && !spare.failed) return spare;
    if (spare) spare.worker.terminate();
    return { worker: this.createWorker(), booted: false };
  }

  /** End the worker; calls in flight are given up (their widgets are gone or recompute). */
  stop() {
    const stopped = new Failure(FailureKind.outdated, "the worker was replaced for another build");
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(stopped);
    }
    this.pending.clear();
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.started = null;
    this.abandon(stopped); // computations waiting for that start end too
    this.build = "";
  }

  /** @param {Status} status */
  setStatus(status) {
    this.status = status;
    this.dispatchEvent(new Event("status"));
  }

  /**
   * Start the worker (once: later calls share the same start).
   * @returns {Promise<void>}
   */
  start() {
    if (this.started) return this.started;
    mark("tmg:python-start"); // benchmarks/
    this.setStatus({ phase: "loading", loaded: 0, total: 0 });
    /** @type {Promise<void>} */
    const started = new Promise((resolve, reject) => {
      this.abandon = reject; // stop() gives up on this start
      let worker;
      let booted = false; // the worker's script ran (it says so first thing)
      try {
        ({ worker, booted } = this.takeWorker());
      } catch (error) {
        reject(error);
        return;
      }
      this.worker = worker;
      this.startedFor = this.pageBuild;
      worker.addEventListener("message", (event) => {
        if (this.worker !== worker) return; // a worker that was given up on
        const msg = asWorkerMessage(event.data);
        if (!msg) return;
        if (msg.type === MessageType.booted) {
          booted = true;
        } else if (msg.type === MessageType.progress) {
          if (this.status.phase === "loading")
            this.setStatus({ phase: "loading", loaded: msg.loaded, total: msg.total });
        } else if (msg.type === MessageType.ready) {
          this.build = msg.build;
          resolve();
          this.setStatus({ phase: "ready" });
        } else if (msg.type === MessageType.fatal) {
          this.lose(new Failure(msg.kind, msg.message), reject);
        } else if (msg.type === MessageType.result) {
          const call = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          if (call) {
            clearTimeout(call.timer);
            call.resolve(msg);
          }
        }
      });
      // An uncaught error inside the worker, or a message it cannot read: before "ready" the
      // start fails; after it, Python's state is unknown, so the worker is dropped (retry restarts it).
      /** @param {ErrorEvent} event */
      const crashed = (event) => {
        event.preventDefault();
        if (this.worker !== worker) return;
        // An error before the script said anything: the script itself did not arrive.
        const error = booted
          ? new Failure(FailureKind.crash, event.message || "the Python worker stopped")
          : new Failure(FailureKind.network, event.message || "the Python worker's script could not be loaded");
        this.lose(error, reject);
      };
      worker.addEventListener("error", crashed);
      worker.addEventListener("messageerror", crashed);
      const build = this.startedFor;
      Promise.resolve(this.plan)
        .catch(() => ALWAYS)
        .then(({ snapshot, keep }) => {
          if (this.worker !== worker) return;
          worker.postMessage({
            type: MessageType.init,
            runtime: this.runtimeUrl,
            packageName: this.packageName,
            build,
            snapshot,
            keep,
          });
        });
    });
    this.started = started;
    started.catch((error) => {
      if (this.started === started) this.fail(error); // not a start that stop() gave up on
    });
    return this.started;
  }

  /**
   * A failure from the worker: before "ready" it fails the start, after it the running Python.
   * @param {Failure} error
   * @param {(error: Failure) => void} rejectStart
   */
  lose(error, rejectStart) {
    if (this.status.phase === "ready") this.fail(error);
    else rejectStart(error);
  }

  /**
   * For event handlers: start Python without leaving a rejected promise unhandled (the failure
   * itself is shown by every widget through the status). Only the first start is automatic (near
   * the viewport, touched, idle); after a failure only "Try again" starts it.
   */
  wake() {
    if (this.status.phase === "idle") this.start().catch(() => {});
  }

  /** Once live: have the worker download what the next visit needs into the caches (nothing to wait for). */
  keepForNextVisit() {
    if (this.worker && this.status.phase === "ready") this.worker.postMessage({ type: MessageType.keep });
  }

  /**
   * Give up on the worker: every pending call fails, and the status says why.
   * @param {unknown} error
   */
  fail(error) {
    if (this.status.phase === "error" && !this.worker) return; // already reported
    const failure = error instanceof Failure ? error : toFailure(error, guessKind(error));
    const wasReady = this.status.phase === "ready" || (this.status.phase === "error" && this.status.wasReady);
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(failure);
    }
    this.pending.clear();
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.started = null; // a retry starts afresh
    this.setStatus({ phase: "error", kind: failure.kind, detail: failure.message, wasReady });
  }

  /**
   * One computation in the worker: the results for ``values`` as the Python renderer made them.
   * @param {string} name
   * @param {Record<string, string>} values
   * @returns {Promise<import("./protocol.js").Output>}
   */
  async compute(name, values) {
    await this.start();
    const worker = /** @type {WorkerLike} */ (this.worker);
    const id = this.nextId++;
    /** @type {{ json?: string, error?: string, outdated?: string }} */
    const reply = await new Promise((resolve, reject) => {
      // A worker that closed itself or hangs sends nothing: give up on it after a while.
      const timer = setTimeout(
        () => this.fail(new Failure(FailureKind.unresponsive, "no answer from the worker")),
        this.timeoutMs,
      );
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ type: MessageType.update, id, name, values, build: this.startedFor });
    });
    if (reply.outdated !== undefined) {
      // The worker is of another build than the page it was asked for: no figures from it.
      const error = new Failure(
        FailureKind.outdated,
        `the worker runs build ${reply.outdated}, not ${this.startedFor}`,
      );
      this.fail(error);
      throw error;
    }
    if (reply.error !== undefined) {
      // Python raised: its state cannot be trusted any more (evaluate() never raises on input).
      const error = new Failure(FailureKind.crash, reply.error);
      this.fail(error);
      throw error;
    }
    return JSON.parse(/** @type {string} */ (reply.json));
  }
}

/**
 * A kind for an error that came without one (the worker could not be created, say).
 * @param {unknown} error
 * @returns {import("./protocol.js").FailureKindName}
 */
function guessKind(error) {
  return /fetch|network|load|404|import/i.test(messageOf(error)) ? FailureKind.network : FailureKind.crash;
}
