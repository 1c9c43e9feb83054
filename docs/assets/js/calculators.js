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

const MESSAGES = {
  loading: "Starting the live calculator (Python in your browser)…",
  slow: "Still starting the live calculator: the connection seems slow. The figures shown stay valid for the values they were computed for.",
  ready: "Live: figures update as you type.",
  invalid: "Fix the highlighted field to update the figures. The figures shown are for your last valid values.",
};

// ---- One Python per tab ------------------------------------------------------------------

const python = {
  worker: null,
  ready: null, // Promise, set once started
  state: "idle", // idle | loading | ready | error
  error: "",
  nextId: 1,
  pending: new Map(),
  listeners: new Set(),
};

function notify() {
  for (const listener of python.listeners) listener();
}

function fail(message) {
  python.state = "error";
  python.error = message;
  for (const { reject } of python.pending.values()) reject(new Error(message));
  python.pending.clear();
  if (python.worker) python.worker.terminate();
  python.worker = null;
  python.ready = null; // a retry starts afresh
  notify();
}

function startPython() {
  if (python.ready) return python.ready;
  python.state = "loading";
  python.error = "";
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
    worker.addEventListener("message", (event) => {
      const msg = event.data || {};
      if (msg.type === "ready") {
        python.state = "ready";
        resolve();
        notify();
      } else if (msg.type === "fatal") {
        reject(new Error(msg.message));
      } else if (msg.type === "result") {
        const call = python.pending.get(msg.id);
        python.pending.delete(msg.id);
        if (call) call.resolve(msg);
      }
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      reject(new Error(event.message || "the Python worker stopped"));
    });
    worker.postMessage({ type: "init", runtime: RUNTIME_URL, packageName: PACKAGE_NAME });
  });
  python.ready.catch((error) => fail(plainReason(error)));
  return python.ready;
}

// For event handlers: start Python without leaving a rejected promise unhandled (the
// failure itself is shown by every widget through the shared state).
function wake() {
  startPython().catch(() => {});
}

function plainReason(error) {
  const text = String((error && error.message) || error || "");
  if (/fetch|network|load|404|import/i.test(text)) {
    return "its files could not be downloaded (offline, blocked, or missing).";
  }
  return "it stopped unexpectedly.";
}

async function callPython(name, values) {
  await startPython();
  const id = python.nextId++;
  const reply = await new Promise((resolve, reject) => {
    python.pending.set(id, { resolve, reject });
    python.worker.postMessage({ type: "update", id, name, values });
  });
  if (reply.error) throw new Error(reply.error);
  return JSON.parse(reply.json);
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
    this.defaults = readForm(this.form);
    this.running = false;
    this.dirty = false;
    this.slowTimer = 0;
    this.onPython = () => this.sync();
  }

  attach() {
    const fromUrl = this.restoreFromUrl();
    this.form.addEventListener("submit", (event) => event.preventDefault());
    // "input" fires for text, select and checkbox edits alike; "change" would only repeat it,
    // and late (on blur), possibly after instant navigation has replaced this widget.
    this.form.addEventListener("input", () => this.schedule());
    this.root.addEventListener("focusin", wake, { once: true });
    this.root.addEventListener("pointerdown", wake, { once: true });
    if (this.retry) {
      this.retry.addEventListener("click", () => {
        this.schedule();
      });
    }
    python.listeners.add(this.onPython);
    if (fromUrl) this.schedule();
    this.sync();
  }

  detach() {
    python.listeners.delete(this.onPython);
    clearTimeout(this.slowTimer);
  }

  restoreFromUrl() {
    const params = new URLSearchParams(window.location.search);
    let restored = false;
    for (const el of this.form.elements) {
      if (el.name && params.has(el.name)) {
        writeField(el, String(params.get(el.name)).slice(0, MAX_VALUE_LENGTH));
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
      this.setStatus(
        `The live calculator could not start: ${python.error} The figures shown were computed when this page was built, for the values they were computed for. Your entries are kept.`,
      );
    } else if (state === "ready") {
      if (!this.everComputed) this.schedule();
    }
    if (this.retry) this.retry.hidden = state !== "error";
  }

  setStatus(text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  schedule() {
    this.dirty = true;
    if (!this.running) this.run();
  }

  // Latest-wins: at most one call in flight per widget; edits made meanwhile are coalesced.
  async run() {
    this.running = true;
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
        this.everComputed = true;
        this.apply(out, values);
      }
    } finally {
      this.running = false;
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
      this.results.removeAttribute("data-stale");
      this.setStatus(MESSAGES.ready);
      this.shareInUrl(values);
    } else {
      this.results.setAttribute("data-stale", "");
      this.setStatus(MESSAGES.invalid);
    }
    this.root.dataset.state = "ready";
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

  // Only values that differ from the page's defaults go into the address, so links stay short.
  shareInUrl(values) {
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
