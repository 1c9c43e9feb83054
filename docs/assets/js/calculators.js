// Makes the pre-rendered calculators live.
//
// Each calculator arrives in the page already rendered by Python at build time, with real
// figures (data-state="static"). This script starts Python lazily — when a calculator is
// near the viewport, touched, or the browser is idle — once per tab, in a Web Worker, and
// keeps that worker across Material's instant navigation. Results HTML comes from the same
// Python renderer that built the page, so nothing shifts when Python takes over.

const ROOT = new URL("../../", import.meta.url);
const RUNTIME_URL = new URL("pyodide/", ROOT).href;
const WORKER_URL = new URL("assets/js/pyodide-worker.js", ROOT);
const PACKAGE_NAME = "tiktok-money-calculators";
const MAX_VALUE_LENGTH = 200; // longer is never a number; Python says so, but don't ship megabytes
const SLOW_MS = 8000;
const CALL_TIMEOUT_MS = 10000; // one update takes milliseconds: this long means the worker is gone
const ANNOUNCE_MS = 900; // screen readers hear the outcome once the reader pauses, not every keystroke
const SHARE_MS = 300; // the address follows the figures once typing pauses (history.replaceState costs ms each time)

const MESSAGES = {
  loading: "Starting the live calculator (Python in your browser)…",
  slow: "Still starting the live calculator: the connection seems slow. The figures shown stay valid for the values they were computed for.",
  ready: "Live: figures update as you type.",
  invalid: "Fix the highlighted field to update the figures. The figures shown are for your last valid values.",
};

// Why Python is not running, in plain words (kinds come from the worker, see pyodide-worker.js).
const REASONS = {
  network: "its files could not be downloaded (you may be offline, or a network filter blocked them).",
  integrity:
    "its files did not match the ones published with this page (they may be damaged or altered), so they were not run.",
  crash: "it stopped unexpectedly.",
  unresponsive: "it stopped responding.",
};

// ---- One Python per tab ------------------------------------------------------------------

const python = {
  worker: null,
  ready: null, // Promise, set once started
  state: "idle", // idle | loading | ready | error
  error: "",
  errorKind: "",
  detail: "",
  wasReady: false, // "stopped" rather than "could not start"
  nextId: 1,
  pending: new Map(),
  listeners: new Set(),
};

function notify() {
  for (const listener of python.listeners) listener();
}

class PythonFailure extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

function fail(error) {
  if (python.state === "error" && !python.worker) return; // already reported
  const kind = (error && error.kind) || guessKind(error);
  python.state = "error";
  python.errorKind = kind;
  python.error = REASONS[kind] || REASONS.crash;
  python.detail = String((error && error.message) || error || ""); // for developers: see data-error
  for (const { reject, timer } of python.pending.values()) {
    clearTimeout(timer);
    reject(new PythonFailure(kind, python.error));
  }
  python.pending.clear();
  prepared.clear(); // failed computations: a retry computes afresh
  if (python.worker) python.worker.terminate();
  python.worker = null;
  python.ready = null; // a retry starts afresh
  notify();
}

function startPython() {
  if (python.ready) return python.ready;
  if (typeof performance !== "undefined" && performance.mark) performance.mark("tmg:python-start"); // benchmarks/
  python.state = "loading";
  python.error = "";
  python.errorKind = "";
  python.wasReady = false;
  notify();
  python.ready = new Promise((resolve, reject) => {
    let worker;
    try {
      worker = new Worker(WORKER_URL, { type: "module" });
    } catch (error) {
      reject(error);
      return;
    }
    python.worker = worker;
    let booted = false; // the worker's script ran (it says so first thing)
    worker.addEventListener("message", (event) => {
      if (python.worker !== worker) return; // a worker that was given up on
      const msg = event.data || {};
      if (msg.type === "booted") {
        booted = true;
      } else if (msg.type === "ready") {
        loadPageIndex();
        python.state = "ready";
        python.wasReady = true;
        resolve();
        notify();
      } else if (msg.type === "fatal") {
        const error = new PythonFailure(REASONS[msg.kind] ? msg.kind : "crash", String(msg.message));
        if (python.state === "ready") fail(error);
        else reject(error);
      } else if (msg.type === "result") {
        const call = python.pending.get(msg.id);
        python.pending.delete(msg.id);
        if (call) {
          clearTimeout(call.timer);
          call.resolve(msg);
        }
      }
    });
    // An uncaught error inside the worker, or a message it cannot read: before "ready" the
    // start fails; after it, Python's state is unknown, so the worker is dropped (retry restarts it).
    const crashed = (event) => {
      event.preventDefault();
      if (python.worker !== worker) return;
      // An error before the script said anything: the script itself did not arrive.
      const error = booted
        ? new PythonFailure("crash", event.message || "the Python worker stopped")
        : new PythonFailure("network", event.message || "the Python worker's script could not be loaded");
      if (python.state === "ready") fail(error);
      else reject(error);
    };
    worker.addEventListener("error", crashed);
    worker.addEventListener("messageerror", crashed);
    worker.postMessage({ type: "init", runtime: RUNTIME_URL, packageName: PACKAGE_NAME });
  });
  python.ready.catch((error) => fail(error));
  return python.ready;
}

// For event handlers: start Python without leaving a rejected promise unhandled (the
// failure itself is shown by every widget through the shared state). Only the first start is
// automatic (near the viewport, touched, idle); after a failure only "Try again" starts it.
function wake() {
  if (python.state === "idle") startPython().catch(() => {});
}

function guessKind(error) {
  const text = String((error && error.message) || error || "");
  return /fetch|network|load|404|import/i.test(text) ? "network" : "crash";
}

// One computation in the worker: the results for ``values`` as the Python renderer made them.
async function post(name, values) {
  await startPython();
  const worker = python.worker;
  const id = python.nextId++;
  const reply = await new Promise((resolve, reject) => {
    // A worker that closed itself or hangs sends nothing: give up on it after a while.
    const timer = setTimeout(() => fail(new PythonFailure("unresponsive", "no answer from the worker")), CALL_TIMEOUT_MS);
    python.pending.set(id, { resolve, reject, timer });
    worker.postMessage({ type: "update", id, name, values });
  });
  if (reply.error) {
    // Python raised: its state cannot be trusted any more (evaluate() never raises on input).
    const error = new PythonFailure("crash", reply.error);
    fail(error);
    throw error;
  }
  return JSON.parse(reply.json);
}

// A widget's computation: one prepared for exactly these values is taken (see prepare()).
function callPython(name, values) {
  const key = preparedKey(name, values);
  const ready = prepared.get(key);
  if (ready) {
    prepared.delete(key);
    return ready;
  }
  return post(name, values);
}

// ---- Figures computed before the page arrives -----------------------------------------------
//
// When Python is running and the reader points at, focuses or clicks a link to a calculator
// page, or goes Back or Forward to one, that page's figures are computed at once, in the worker,
// from the values its form will hold (assets/calculator-pages.json, written by the build:
// macros/page_index.py, plus the link's query string as restoreFromUrl() applies it). Material's instant navigation then
// takes 60-90 ms to fetch and swap the page (benchmarks/); the widget finds its figures waiting.
// A prepared result is used only when the form really holds the values it was computed for.

const PAGES_URL = new URL("assets/calculator-pages.json", ROOT);
const PREPARED_MAX = 8; // a sweep across the navigation menu must not keep every page's figures
const prepared = new Map(); // preparedKey → Promise of the worker's output; oldest first
let pageIndex = null; // Promise of { path: [{ name, fields }] }; empty when unavailable
let shownPath = window.location.pathname; // the page in the document (the address changes first)

function preparedKey(name, values) {
  return JSON.stringify([name, Object.keys(values).sort().map((field) => [field, values[field]])]);
}

function loadPageIndex() {
  if (!pageIndex) {
    // A hint only: without it, figures are computed when the page arrives, as always.
    pageIndex = fetch(PAGES_URL, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : {}))
      .catch(() => ({}));
  }
  return pageIndex;
}

// The values a calculator's form will hold on arrival: its first values, then the link's query
// string applied the way restoreFromUrl() and the browser do it.
function arrivingValues(fields, params) {
  const values = {};
  for (const [name, first, kind, options] of fields) {
    if (!params.has(name)) {
      values[name] = first;
      continue;
    }
    const given = fromParams(params, name);
    if (kind === "checkbox") values[name] = String(given === "true");
    else if (kind === "select") values[name] = options.includes(given) ? given : "";
    else values[name] = given;
  }
  return values;
}

async function prepare(href) {
  if (python.state !== "ready") return; // never starts Python: only reuses a running one
  let url;
  try {
    url = new URL(href, window.location.href);
  } catch {
    return;
  }
  if (url.origin !== ROOT.origin || !url.pathname.startsWith(ROOT.pathname)) return;
  if (url.pathname === shownPath) return; // an anchor on the page shown: nothing arrives
  const path = url.pathname.slice(ROOT.pathname.length).replace(/index\.html$/, "");
  const calculators = (await loadPageIndex())[path];
  if (!Array.isArray(calculators)) return;
  for (const { name, fields } of calculators) {
    const values = arrivingValues(fields, url.searchParams);
    const key = preparedKey(name, values);
    if (prepared.has(key)) continue;
    const result = post(name, values);
    result.catch(() => {}); // a failure is shown by the shared state, or met again by the widget
    prepared.set(key, result);
    while (prepared.size > PREPARED_MAX) prepared.delete(prepared.keys().next().value);
  }
}

// The same moments Material's own prefetch uses (pointer and focus), and the press and click.
// Values waiting to be shared are written on the press (a press lasts ~100 ms, so that work is
// done before the click starts the navigation), or on the click for the keyboard.
function onIntent(event) {
  if (python.state !== "ready") return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (link && (event.type === "pointerdown" || event.type === "click")) for (const widget of widgets) widget.flushShare();
  if (!link || link.hasAttribute("download") || (link.target && link.target !== "_self")) return;
  // A pointer passing over links while the reader types must not queue work ahead of their figures.
  if (event.type !== "click" && widgets.some((widget) => widget.running)) return;
  prepare(link.href);
}

for (const type of ["pointerover", "focusin", "pointerdown", "click"]) {
  document.addEventListener(type, onIntent, { capture: true, passive: true });
}
// Back and Forward: the address is already the page Material is about to fetch.
window.addEventListener("popstate", () => prepare(window.location.href));

// Performance: a mark each time figures computed by Python are in the page (the first one of a
// page load is its first live result). benchmarks/ reads them; DevTools shows them in Timings.
function markResult(name) {
  if (typeof performance === "undefined" || !performance.mark) return;
  performance.clearMarks("tmg:result"); // keep one: a long visit must not grow the timeline
  performance.mark("tmg:result", { detail: name });
}

// ---- Widgets -----------------------------------------------------------------------------

function readForm(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    values[el.name] = el.type === "checkbox" ? String(el.checked) : String(el.value).slice(0, MAX_VALUE_LENGTH);
  }
  return values;
}

// A value from an address's query string, as a form field receives it.
function fromParams(params, name) {
  return String(params.get(name)).slice(0, MAX_VALUE_LENGTH);
}

function writeField(el, value) {
  if (el.type === "checkbox") el.checked = value === "true";
  else el.value = value;
}

class Widget {
  constructor(root) {
    this.root = root;
    this.name = root.dataset.calculator;
    this.form = root.querySelector("form");
    this.results = root.querySelector("[data-results]");
    this.status = root.querySelector("[data-status]");
    this.retry = root.querySelector("[data-retry]");
    this.announcer = root.querySelector("[data-announce]");
    this.defaults = readForm(this.form);
    this.shown = this.defaults; // the values the figures on screen were computed for
    this.running = false;
    this.dirty = false;
    this.edited = false; // a reader's edit is waiting to be announced
    this.slowTimer = 0;
    this.announceTimer = 0;
    this.shareTimer = 0;
    this.unshared = null; // values waiting to be written into the address
    this.lastState = "";
    this.spoken = "";
    this.onPython = () => this.sync();
  }

  attach() {
    const fromUrl = this.restoreFromUrl();
    this.form.addEventListener("submit", (event) => event.preventDefault());
    // "input" fires for text, select and checkbox edits alike; "change" would only repeat it,
    // and late (on blur), possibly after instant navigation has replaced this widget.
    this.form.addEventListener("input", () => {
      this.edited = true;
      this.schedule();
    });
    this.root.addEventListener("focusin", wake, { once: true });
    this.root.addEventListener("pointerdown", wake, { once: true });
    if (this.retry) {
      this.retry.addEventListener("click", () => {
        // The button hides while Python starts: keep keyboard focus in the widget, on the status.
        if (document.activeElement === this.retry) {
          this.status.setAttribute("tabindex", "-1");
          this.status.focus();
        }
        startPython().catch(() => {}); // the way out of the error state: typing does not restart Python
        this.schedule();
      });
    }
    python.listeners.add(this.onPython);
    if (fromUrl) {
      const typed = readForm(this.form);
      if (Object.keys(typed).some((name) => typed[name] !== this.shown[name])) this.results.setAttribute("data-stale", "");
      wake(); // values from the address: start Python now; sync() computes them once it is ready
    }
    this.sync();
  }

  detach() {
    python.listeners.delete(this.onPython);
    clearTimeout(this.slowTimer);
    clearTimeout(this.announceTimer);
    clearTimeout(this.shareTimer);
  }

  restoreFromUrl() {
    const params = new URLSearchParams(window.location.search);
    let restored = false;
    for (const el of this.form.elements) {
      if (el.name && params.has(el.name)) {
        writeField(el, fromParams(params, el.name));
        restored = true;
      }
    }
    return restored;
  }

  // Reflect the shared Python state (loading, ready, error) in this widget.
  sync() {
    const state = python.state === "idle" ? "static" : python.state;
    this.root.dataset.state = state;
    clearTimeout(this.slowTimer);
    if (state === "loading") {
      this.setStatus(MESSAGES.loading);
      this.slowTimer = setTimeout(() => this.setStatus(MESSAGES.slow), SLOW_MS);
    } else if (state === "error") {
      // The figures stay; say plainly whether they still match what is in the form.
      const typed = readForm(this.form);
      const stale = Object.keys(typed).some((name) => typed[name] !== this.shown[name]);
      if (stale) this.results.setAttribute("data-stale", "");
      const figures = stale
        ? "The figures below are for earlier values, not the ones now in the form."
        : "The figures below are right for the values shown.";
      this.setStatus(
        `The live calculator ${python.wasReady ? "stopped" : "could not start"}: ${python.error} ${figures} Your entries are kept.`,
      );
    } else if (state === "ready" && this.lastState !== "ready") {
      this.schedule(); // first time live here, or live again after a retry
    }
    this.lastState = state;
    if (state === "error") {
      this.root.dataset.errorKind = python.errorKind;
      this.root.dataset.errorDetail = python.detail;
    } else {
      delete this.root.dataset.errorKind;
      delete this.root.dataset.errorDetail;
    }
    if (this.retry) this.retry.hidden = state !== "error";
  }

  setStatus(text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  schedule() {
    if (python.state === "error") {
      // Python failed: no new start on every keystroke (the "Try again" button does that);
      // just say whether the figures still match the form.
      this.sync();
      return;
    }
    this.dirty = true;
    if (!this.running) this.run();
  }

  // Latest-wins: at most one call in flight per widget; edits made meanwhile are coalesced.
  // data-busy marks a computation in flight (for tests and styles; not aria-busy, which would
  // hold back the status announcements inside the widget).
  async run() {
    this.running = true;
    this.root.setAttribute("data-busy", "");
    try {
      while (this.dirty) {
        this.dirty = false;
        const values = readForm(this.form);
        let out;
        try {
          out = await callPython(this.name, values);
        } catch {
          return; // the shared state (error) is shown by sync()
        }
        if (this.dirty) continue; // newer input arrived: skip painting stale figures
        if (!this.root.isConnected) return; // the reader navigated away meanwhile
        this.apply(out, values);
      }
    } finally {
      this.running = false;
      this.root.removeAttribute("data-busy");
    }
  }

  apply(out, values) {
    if (out.fatal) {
      this.root.dataset.state = "error";
      this.setStatus(out.fatal);
      return;
    }
    const errors = out.errors || {};
    for (const el of this.form.elements) {
      if (!el.name) continue;
      const message = Object.prototype.hasOwnProperty.call(errors, el.name) ? String(errors[el.name]) : "";
      const errorEl = this.root.querySelector(`#${CSS.escape(el.id)}-error`);
      if (message) el.setAttribute("aria-invalid", "true");
      else el.removeAttribute("aria-invalid");
      if (errorEl) {
        errorEl.textContent = message;
        errorEl.hidden = !message;
      }
    }
    if (out.html) {
      this.paint(out.html);
      this.shown = values;
      this.results.removeAttribute("data-stale");
      this.shareSoon(values);
      markResult(this.name);
    } else {
      this.results.setAttribute("data-stale", "");
    }
    this.root.dataset.state = "ready";
    if (this.edited) {
      // While the reader types, the status line and the screen reader wait for a pause.
      this.edited = false;
      clearTimeout(this.announceTimer);
      this.announceTimer = setTimeout(() => this.settle(), ANNOUNCE_MS);
    } else {
      this.setStatus(out.html ? MESSAGES.ready : MESSAGES.invalid);
    }
  }

  // After a pause: the status line, and one short sentence for screen readers (the headline
  // figure, or the first field's problem) instead of the whole results region.
  settle() {
    if (!this.root.isConnected || python.state !== "ready") return;
    const invalid = [...this.form.elements].find((el) => el.getAttribute("aria-invalid") === "true");
    this.setStatus(invalid ? MESSAGES.invalid : MESSAGES.ready);
    if (!this.announcer) return;
    const clean = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : "");
    let text;
    if (invalid) {
      const label = clean(this.root.querySelector(`label[for="${CSS.escape(invalid.id)}"]`));
      text = `${label}: ${clean(this.root.querySelector(`#${CSS.escape(invalid.id)}-error`))}`;
    } else {
      const headline = clean(this.results.querySelector(".tmg-headline"));
      text = headline ? `Updated. ${headline}` : "Figures updated.";
    }
    if (text !== this.spoken) {
      this.spoken = text;
      this.announcer.textContent = text;
    }
  }

  // Replace the results, keeping open <details> sections open.
  paint(html) {
    const open = new Set(
      [...this.results.querySelectorAll("details[data-section]")].filter((d) => d.open).map((d) => d.dataset.section),
    );
    const template = document.createElement("template");
    template.innerHTML = html; // produced by the Python renderer, which escapes every value
    for (const details of template.content.querySelectorAll("details[data-section]")) {
      if (open.has(details.dataset.section)) details.open = true;
    }
    this.results.replaceChildren(template.content);
  }

  // Writing the address is slow (history.replaceState: ~5 ms a call in Chromium, 20 ms on a busy
  // machine), so it is written once the reader pauses, not on every keystroke (benchmarks/).
  shareSoon(values) {
    clearTimeout(this.shareTimer);
    this.unshared = values;
    this.shareTimer = setTimeout(() => this.flushShare(), SHARE_MS);
  }

  // Now, not after the pause: a link was clicked, so the page being left keeps the reader's
  // latest values in its history entry (Back brings them back).
  flushShare() {
    clearTimeout(this.shareTimer);
    const values = this.unshared;
    this.unshared = null;
    if (values && this.root.isConnected) this.shareInUrl(values);
  }

  // Only values that differ from the page's defaults go into the address, so links stay short.
  shareInUrl(values) {
    // Material's instant navigation changes the address on the click, before the next page
    // replaces this one: never write this page's values into another page's address.
    if (window.location.pathname !== shownPath) return;
    const url = new URL(window.location.href);
    for (const [name, value] of Object.entries(values)) {
      if (value === this.defaults[name]) url.searchParams.delete(name);
      else url.searchParams.set(name, value);
    }
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }
}

// ---- Attaching, lazily, across instant navigation ------------------------------------------

let widgets = [];
let observer = null;

function attachAll() {
  shownPath = window.location.pathname;
  for (const widget of widgets) widget.detach();
  if (observer) observer.disconnect();
  widgets = [...document.querySelectorAll("[data-calculator]")].map((root) => new Widget(root));
  if (widgets.length === 0) return; // pages without a calculator never download Python
  for (const widget of widgets) widget.attach();
  if (python.state !== "idle") return;
  if ("IntersectionObserver" in window) {
    observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) wake();
      },
      { rootMargin: "300px" },
    );
    for (const widget of widgets) observer.observe(widget.root);
  }
  const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 1500));
  idle(wake, { timeout: 4000 });
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => attachAll()); // Material: fires on load and after each instant navigation
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", attachAll);
} else {
  attachAll();
}
