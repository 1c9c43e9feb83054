// @ts-check
// Makes the pre-rendered calculators live (the page's entry; the pieces are in runtime/).
//
// Each calculator arrives in the page already rendered by Python at build time, with real
// figures (data-state="static"). Python starts lazily — when a calculator is near the viewport,
// touched, or the browser is idle — once per tab, in a Web Worker (runtime/python.js), and that
// worker is kept across Material's instant navigation while the pages are of its build (a deploy
// since the tab opened gets a new one: runtime/build.js); the widgets are attached again each time.

import { pageBuild } from "./runtime/build.js";
import { Prefetcher, watchLinks } from "./runtime/prefetch.js";
import { PythonRuntime } from "./runtime/python.js";
import { Widget } from "./runtime/widget.js";

const ROOT = new URL("../../", import.meta.url);
const PACKAGE_NAME = "tiktok-money-calculators";

let shownPath = window.location.pathname; // the page in the document (the address changes first)
/** @type {Widget[]} */
let widgets = [];
/** @type {IntersectionObserver | null} */
let observer = null;

const runtime = new PythonRuntime({
  runtimeUrl: new URL("pyodide/", ROOT).href,
  packageName: PACKAGE_NAME,
  createWorker: () => new Worker(new URL("assets/js/pyodide-worker.js", ROOT), { type: "module" }),
});
const prefetcher = new Prefetcher({ runtime, root: ROOT, pagesUrl: new URL("assets/calculator-pages.json", ROOT) });
const services = {
  runtime,
  compute: prefetcher.compute.bind(prefetcher),
  shownPath: () => shownPath,
};

watchLinks({ prefetcher, widgets: () => widgets, shownPath: () => shownPath });

function attachAll() {
  shownPath = window.location.pathname;
  for (const widget of widgets) widget.detach();
  if (observer) observer.disconnect();
  const roots = /** @type {HTMLElement[]} */ ([...document.querySelectorAll("[data-calculator]")]);
  widgets = roots.map((root) => new Widget(root, services));
  if (widgets.length === 0) return; // pages without a calculator never download Python
  // Before any figure is computed: a Python of another build than this page is replaced.
  runtime.showPage(pageBuild());
  for (const widget of widgets) widget.attach();
  if (runtime.status.phase !== "idle") return;
  // data-wake="touch" (the home page's quick estimate): only a touch starts Python (Widget.attach).
  const eager = widgets.filter((widget) => widget.root.dataset.wake !== "touch");
  if (eager.length === 0) return;
  const wake = () => runtime.wake();
  if ("IntersectionObserver" in window) {
    observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && wake(), {
      rootMargin: "300px",
    });
    for (const widget of eager) observer.observe(widget.root);
  }
  if ("requestIdleCallback" in window) window.requestIdleCallback(wake, { timeout: 4000 });
  else setTimeout(wake, 1500);
}

/** @type {{ subscribe?: (next: () => void) => unknown } | undefined} Material's page observable */
const documentObservable = /** @type {any} */ (window).document$;
if (documentObservable && typeof documentObservable.subscribe === "function") {
  documentObservable.subscribe(() => attachAll()); // Material: fires on load and after each instant navigation
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", attachAll);
} else {
  attachAll();
}
