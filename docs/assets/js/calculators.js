// @ts-check
// Makes the pre-rendered calculators live (the page's entry; the pieces are in runtime/).
//
// Each calculator arrives in the page already rendered by Python at build time, with real
// figures (data-state="static"). Python starts only on a page with a calculator (where data is dear,
// when one is touched; elsewhere as soon as the calculators are attached), once per tab, in a Web
// Worker (runtime/python.js), and that worker is kept across Material's instant navigation while the
// pages are of its build (a deploy since the tab opened gets a new one: runtime/build.js); the
// widgets are attached again each time. How dear data is, and so whether Python may start before a
// touch and download the memory snapshot, is decided once per visit (runtime/connection.js).
// Once live and idle, what the next visit needs is kept by the service worker (runtime/offline.js).
// Material's search builds its index only once Python has had its start (search-later.js).

import { pageBuild } from "./runtime/build.js";
import { planVisit } from "./runtime/connection.js";
import { registerServiceWorker, runtimeCached } from "./runtime/offline.js";
import { Prefetcher, watchLinks } from "./runtime/prefetch.js";
import { PythonRuntime } from "./runtime/python.js";
import { PACKAGE_NAME, PAGE_INDEX, RUNTIME_DIR, SEARCH_MAY_START } from "./runtime/shared.js";
import { Widget } from "./runtime/widget.js";

const ROOT = new URL("../../", import.meta.url);

/** @param {() => void} fn */
const whenIdle = (fn) =>
  "requestIdleCallback" in window ? window.requestIdleCallback(fn, { timeout: 4000 }) : setTimeout(fn, 1500);

/**
 * This visit's plan: the connection and this page's own downloads decide, and a runtime the
 * service worker already holds costs no data, whatever the connection.
 * @type {Promise<import("./runtime/connection.js").Plan>}
 */
const planned = planVisit(/** @type {any} */ (navigator).connection, performance, runtimeCached);

const QUIET_MS = 1000;
let searchLet = false; // once let, for the whole tab: the search worker outlives instant navigation
let searchTimer = 0;
/**
 * Let Material's search build its index, which search-later.js holds while Python starts: at once
 * where Python does not start on its own or its start failed; after a live figure, once the
 * calculators have been quiet for QUIET_MS, so the build does not slow the reader's first edits
 * either (input_latency_p95_ms).
 */
const letSearchStart = () => {
  if (searchLet) return;
  searchLet = true;
  clearTimeout(searchTimer);
  document.dispatchEvent(new Event(SEARCH_MAY_START));
};
const letSearchStartWhenQuiet = () => {
  if (searchLet) return; // every edit computes: nothing left to schedule
  clearTimeout(searchTimer);
  searchTimer = window.setTimeout(letSearchStart, QUIET_MS);
};

let shownPath = window.location.pathname; // the page in the document (the address changes first)
/** @type {Widget[]} */
let widgets = [];

const runtime = new PythonRuntime({
  runtimeUrl: new URL(`${RUNTIME_DIR}/`, ROOT).href,
  packageName: PACKAGE_NAME,
  createWorker: () => new Worker(new URL("assets/js/pyodide-worker.js", ROOT), { type: "module" }),
  plan: planned.then((plan) => ({ snapshot: plan.dear ? "cached" : "always", keep: plan.keepForNextTime })),
});
runtime.addEventListener("status", () => {
  if (runtime.status.phase === "error") letSearchStart();
});
const prefetcher = new Prefetcher({ runtime, root: ROOT, pagesUrl: new URL(PAGE_INDEX, ROOT) });
const services = {
  runtime,
  /** @type {import("./runtime/widget.js").Services["compute"]} */
  compute: (name, values) => prefetcher.compute(name, values).finally(letSearchStartWhenQuiet),
  shownPath: () => shownPath,
};

watchLinks({ prefetcher, widgets: () => widgets, shownPath: () => shownPath });

function attachAll() {
  shownPath = window.location.pathname;
  for (const widget of widgets) widget.detach();
  const roots = /** @type {HTMLElement[]} */ ([...document.querySelectorAll("[data-calculator]")]);
  widgets = roots.map((root) => new Widget(root, services));
  if (widgets.length === 0) return letSearchStart(); // pages without a calculator never download Python
  // Before any figure is computed: a Python of another build than this page is replaced.
  runtime.showPage(pageBuild());
  for (const widget of widgets) widget.attach();
  if (runtime.status.phase !== "idle") return;
  // data-wake="touch" (the home page's quick estimate): only a touch starts Python (Widget.attach).
  if (widgets.every((widget) => widget.root.dataset.wake === "touch")) return letSearchStart();
  const attached = widgets;
  planned.then((plan) => {
    // Where data is dear, only a touch starts Python (Widget.attach: focus, a tap, typing). Each
    // calculator sits right under its page's answer, so "near the viewport" would be every visit.
    // Elsewhere it starts now, for the same reason: waiting for a frame to report the calculator
    // in view, or for idle time, only delayed the first live result (the cold and warm budgets,
    // and the repeat visit with the service worker). Where data is dear the worker itself is made
    // now, with nothing of Pyodide, so the touch finds it ready (PythonRuntime.prepare).
    if (plan.dear) {
      letSearchStart();
      if (widgets === attached) runtime.prepare();
    }
    if (plan.dear || widgets !== attached || runtime.status.phase !== "idle") return;
    runtime.wake();
  });
}

// The service worker: at idle where data is not dear; where it is, only once a calculator is live
// (installing it downloads the pages, ~0.3 MB); never for a reader who asked to save data.
/** @type {Promise<ServiceWorker | null> | null} */
let serviceWorker = null;
/**
 * @param {boolean} live
 * @returns {Promise<ServiceWorker | null>}
 */
function offerServiceWorker(live) {
  return planned.then((plan) => {
    if (!plan.keepForNextTime || (plan.dear && !live)) return null;
    if (!serviceWorker) serviceWorker = new Promise((resolve) => whenIdle(() => resolve(registerServiceWorker(ROOT))));
    return serviceWorker;
  });
}
offerServiceWorker(false);

// Once live and idle: what the next visit needs (the snapshot above all, which a dear first visit
// did without), downloaded into the caches — by the service worker when one runs, else by the
// Python worker into the HTTP cache, which already holds it all unless this visit was dear.
// Nothing for a reader who asked to save data.
let kept = false;
runtime.addEventListener("status", () => {
  if (kept || runtime.status.phase !== "ready") return;
  kept = true;
  planned.then(async (plan) => {
    if (!plan.keepForNextTime) return;
    const active = await offerServiceWorker(true);
    if (active) whenIdle(() => active.postMessage({ type: "keep" }));
    else if (plan.dear) whenIdle(() => runtime.keepForNextVisit());
  });
});

/** @type {{ subscribe?: (next: () => void) => unknown } | undefined} Material's page observable */
const documentObservable = /** @type {any} */ (window).document$;
if (documentObservable && typeof documentObservable.subscribe === "function") {
  documentObservable.subscribe(() => attachAll()); // Material: fires on load and after each instant navigation
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", attachAll);
} else {
  attachAll();
}
