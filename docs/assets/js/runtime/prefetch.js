// @ts-check
// Figures computed before the page arrives.
//
// When Python is running and the reader points at, focuses or clicks a link to a calculator
// page, or goes Back or Forward to one, that page's figures are computed at once, in the worker,
// from the values its form will hold (assets/calculator-pages.json, written by the build:
// site_build/page_index.py, plus the link's query string as restoreFromUrl() applies it). Material's
// instant navigation then fetches and swaps the page (instant_navigation_ms in benchmarks/budgets.py)
// while the worker computes; the widget finds its figures waiting. A prepared result is used only
// when the form really holds the values it was computed for.

import { fromParams } from "./address.js";

/** A sweep across the navigation menu must not keep every page's figures. */
const PREPARED_MAX = 8;

/**
 * One calculator field in the page index: name, first value, kind, and a select's allowed options.
 * @typedef {[name: string, first: string, kind: string, options: string[]]} IndexField
 * @typedef {{ name: string, fields: IndexField[] }} IndexEntry
 * @typedef {Record<string, IndexEntry[]>} PageIndex site path ("" for the home page) → its calculators
 * @typedef {import("./protocol.js").Output} Output
 */

/**
 * The key of one computation: the calculator and its values, in any order.
 * @param {string} name
 * @param {Record<string, string>} values
 * @returns {string}
 */
export function preparedKey(name, values) {
  const fields = Object.keys(values).sort();
  return JSON.stringify([name, fields.map((field) => [field, values[field]])]);
}

/**
 * The values a calculator's form will hold on arrival: its first values, then the link's query
 * string applied the way restoreFromUrl() and the browser do it.
 * @param {IndexField[]} fields
 * @param {URLSearchParams} params
 * @returns {Record<string, string>}
 */
export function arrivingValues(fields, params) {
  /** @type {Record<string, string>} */
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

/** Computations started ahead of a page, taken by its widgets. */
export class Prefetcher {
  /**
   * @param {object} options
   * @param {import("./python.js").PythonRuntime} options.runtime
   * @param {URL} options.root the site's root
   * @param {URL} options.pagesUrl the page index
   * @param {(url: URL) => Promise<PageIndex>} [options.loadIndex]
   */
  constructor({ runtime, root, pagesUrl, loadIndex = fetchIndex }) {
    this.runtime = runtime;
    this.root = root;
    this.pagesUrl = pagesUrl;
    this.loadIndex = loadIndex;
    /** @type {Map<string, Promise<Output>>} preparedKey → the worker's output; oldest first */
    this.prepared = new Map();
    /** @type {Promise<PageIndex> | null} */
    this.index = null;
    runtime.addEventListener("status", () => {
      const { phase } = runtime.status;
      if (phase === "ready") this.pageIndex(); // fetched while nothing else is
      // Failed computations (a retry computes afresh), or a new worker, maybe of another build
      // (PythonRuntime.showPage): nothing the previous worker computed is shown.
      if (phase === "error" || phase === "loading") this.prepared.clear();
    });
  }

  /** @returns {Promise<PageIndex>} */
  pageIndex() {
    if (!this.index) this.index = this.loadIndex(this.pagesUrl);
    return this.index;
  }

  /**
   * A widget's computation: one prepared for exactly these values is taken, else computed now.
   * @param {string} name
   * @param {Record<string, string>} values
   * @returns {Promise<Output>}
   */
  compute(name, values) {
    const key = preparedKey(name, values);
    const ready = this.prepared.get(key);
    if (ready) {
      this.prepared.delete(key);
      return ready;
    }
    return this.runtime.compute(name, values);
  }

  /**
   * Compute the figures of the page at ``href`` (never starts Python: only reuses a running one).
   * @param {string} href
   * @param {string} shownPath the page in the document (an anchor on it prepares nothing)
   */
  async prepare(href, shownPath) {
    if (this.runtime.status.phase !== "ready") return;
    let url;
    try {
      url = new URL(href, window.location.href);
    } catch {
      return;
    }
    if (url.origin !== this.root.origin || !url.pathname.startsWith(this.root.pathname)) return;
    if (url.pathname === shownPath) return;
    const path = url.pathname.slice(this.root.pathname.length).replace(/index\.html$/, "");
    const calculators = (await this.pageIndex())[path];
    if (!Array.isArray(calculators)) return;
    for (const { name, fields } of calculators) {
      const values = arrivingValues(fields, url.searchParams);
      const key = preparedKey(name, values);
      if (this.prepared.has(key)) continue;
      const result = this.runtime.compute(name, values);
      result.catch(() => {}); // a failure is shown by the status, or met again by the widget
      this.prepared.set(key, result);
      for (const oldest of [...this.prepared.keys()].slice(0, -PREPARED_MAX)) this.prepared.delete(oldest);
    }
  }
}

/**
 * The page index; a hint only: without it, figures are computed when the page arrives, as always.
 * @param {URL} url
 * @returns {Promise<PageIndex>}
 */
function fetchIndex(url) {
  return fetch(url, { credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}));
}

/**
 * @typedef {object} LinkWatcher What watchLinks needs of each widget.
 * @property {boolean} running a computation is in flight
 * @property {() => void} flushShare write values waiting to be shared into the address now
 */

/**
 * Prepare pages on the reader's intent: the same moments Material's own prefetch uses (pointer
 * and focus), the press and the click, and Back and Forward. Values waiting to be shared are
 * written on the press (a press outlasts that work, so it is done before the click starts the
 * navigation), or on the click for the keyboard.
 * @param {object} options
 * @param {Prefetcher} options.prefetcher
 * @param {() => LinkWatcher[]} options.widgets the widgets of the page shown
 * @param {() => string} options.shownPath the page in the document (the address changes first)
 * @param {AbortSignal} [options.signal] removes the listeners
 */
export function watchLinks({ prefetcher, widgets, shownPath, signal }) {
  /** @param {Event} event */
  const onIntent = (event) => {
    if (prefetcher.runtime.status.phase !== "ready") return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (link && (event.type === "pointerdown" || event.type === "click")) {
      for (const widget of widgets()) widget.flushShare();
    }
    if (!(link instanceof HTMLAnchorElement) || link.hasAttribute("download")) return;
    if (link.target && link.target !== "_self") return;
    // A pointer passing over links while the reader types must not queue work ahead of their figures.
    if (event.type !== "click" && widgets().some((widget) => widget.running)) return;
    prefetcher.prepare(link.href, shownPath());
  };
  for (const type of ["pointerover", "focusin", "pointerdown", "click"]) {
    document.addEventListener(type, onIntent, { capture: true, passive: true, signal });
  }
  // Back and Forward: the address is already the page Material is about to fetch.
  window.addEventListener("popstate", () => prefetcher.prepare(window.location.href, shownPath()), { signal });
}
