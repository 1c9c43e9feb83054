// @ts-check
// One calculator on the page: its form, its figures and its status line. The figures arrive
// rendered at build time (data-state="static"); once Python runs, every edit recomputes them
// with the same Python renderer, so nothing shifts when Python takes over.

import { fieldsOf, readForm, restoreFromUrl, shareInUrl } from "./address.js";
import { mark } from "./marks.js";

const SLOW_MS = 8000;
/** Screen readers hear the outcome once the reader pauses, not every keystroke. */
const ANNOUNCE_MS = 900;
/**
 * The address follows the figures once typing pauses: history.replaceState is slow enough to
 * matter on every keystroke (input_latency_p95_ms in benchmarks/budgets.py).
 */
const SHARE_MS = 300;

const MESSAGES = {
  loading: "Starting the live calculator (Python in your browser)…",
  slow:
    "Still starting the live calculator: the connection seems slow. " +
    "The figures shown stay valid for the values they were computed for.",
  ready: "Live: figures update as you type.",
  invalid: "Fix the highlighted field to update the figures. The figures shown are for your last valid values.",
};

/** Why Python is not running, in plain words, by failure kind (runtime/protocol.js). */
const REASONS = {
  network: "its files could not be downloaded (you may be offline, or a network filter blocked them).",
  integrity:
    "its files did not match the ones published with this page (they may be damaged or altered), so they were not run.",
  crash: "it stopped unexpectedly.",
  unresponsive: "it stopped responding.",
  outdated:
    "the guide was just updated on the site, and this page is from another version than its Python files." +
    " Reload the page for live figures.",
};

/** The retry button's words: it starts Python again, or, for a page of another build, reloads it. */
const RETRY = { again: "Try again", reload: "Reload the page" };

/**
 * What a widget shows: the figures from the build, Python starting, live, or stopped.
 * @typedef {"static" | "loading" | "ready" | "error"} WidgetState
 * @typedef {import("./protocol.js").Output} Output
 */

/**
 * @typedef {object} Services What a widget uses of the page's runtime (calculators.js).
 * @property {import("./python.js").PythonRuntime} runtime
 * @property {(name: string, values: Record<string, string>) => Promise<Output>} compute
 * @property {() => string} shownPath the page in the document
 */

export class Widget {
  /**
   * @param {HTMLElement} root the element with data-calculator (markup: calculators/render.py)
   * @param {Services} services
   */
  constructor(root, services) {
    this.root = root;
    this.services = services;
    this.runtime = services.runtime;
    this.name = root.dataset.calculator || "";
    this.form = /** @type {HTMLFormElement} */ (root.querySelector("form"));
    this.results = /** @type {HTMLElement} */ (root.querySelector("[data-results]"));
    this.status = /** @type {HTMLElement} */ (root.querySelector("[data-status]"));
    /** @type {HTMLButtonElement | null} */
    this.retry = root.querySelector("[data-retry]");
    /** @type {HTMLElement | null} */
    this.announcer = root.querySelector("[data-announce]");
    this.defaults = readForm(this.form);
    this.shown = this.defaults; // the values the figures on screen were computed for
    this.running = false;
    this.dirty = false;
    this.edited = false; // a reader's edit is waiting to be announced
    this.slowTimer = 0;
    this.announceTimer = 0;
    this.shareTimer = 0;
    /** @type {Record<string, string> | null} values waiting to be written into the address */
    this.unshared = null;
    /** @type {WidgetState | ""} */
    this.lastState = "";
    this.spoken = "";
    this.listening = new AbortController(); // detach() removes every listener at once
  }

  attach() {
    const signal = this.listening.signal;
    const fromUrl = restoreFromUrl(this.form, window.location.search);
    const wake = () => this.runtime.wake();
    this.form.addEventListener("submit", (event) => event.preventDefault(), { signal });
    // "input" fires for text, select and checkbox edits alike; "change" would only repeat it,
    // and late (on blur), possibly after instant navigation has replaced this widget.
    this.form.addEventListener(
      "input",
      () => {
        this.edited = true;
        this.schedule();
      },
      { signal },
    );
    this.root.addEventListener("focusin", wake, { once: true, signal });
    this.root.addEventListener("pointerdown", wake, { once: true, signal });
    const retry = this.retry;
    if (retry) {
      retry.addEventListener(
        "click",
        () => {
          // The button hides while Python starts: keep keyboard focus in the widget, on the status.
          if (document.activeElement === retry) {
            this.status.setAttribute("tabindex", "-1");
            this.status.focus();
          }
          const { status } = this.runtime;
          if (status.phase === "error" && status.kind === "outdated") {
            // Python of this page's build is gone from the site: the page itself must be the new
            // one. The values typed go into the address first, so the reloaded page has them.
            shareInUrl(readForm(this.form), this.defaults, this.services.shownPath());
            window.location.reload();
            return;
          }
          this.runtime.start().catch(() => {}); // the way out of the error state: typing does not restart Python
          this.schedule();
        },
        { signal },
      );
    }
    this.runtime.addEventListener("status", () => this.sync(), { signal });
    if (fromUrl) {
      if (this.isStale()) this.results.setAttribute("data-stale", "");
      wake(); // values from the address: start Python now; sync() computes them once it is ready
    }
    this.sync();
  }

  detach() {
    this.listening.abort();
    clearTimeout(this.slowTimer);
    clearTimeout(this.announceTimer);
    clearTimeout(this.shareTimer);
  }

  /** The figures on screen were computed for other values than the form now holds. */
  isStale() {
    const typed = readForm(this.form);
    return Object.keys(typed).some((name) => typed[name] !== this.shown[name]);
  }

  /**
   * The one writer of data-state.
   * @param {WidgetState} state
   */
  setState(state) {
    this.root.dataset.state = state;
  }

  /** Reflect the runtime's status (loading, ready, error) in this widget. */
  sync() {
    const status = this.runtime.status;
    const state = status.phase === "idle" ? "static" : status.phase;
    this.setState(state);
    clearTimeout(this.slowTimer);
    if (status.phase === "loading") {
      this.setStatus(MESSAGES.loading);
      this.slowTimer = window.setTimeout(() => this.setStatus(MESSAGES.slow), SLOW_MS);
    } else if (status.phase === "error") {
      // The figures stay; say plainly whether they still match what is in the form.
      const stale = this.isStale();
      if (stale) this.results.setAttribute("data-stale", "");
      const figures = stale
        ? "The figures below are for earlier values, not the ones now in the form."
        : "The figures below are right for the values shown.";
      const what = status.wasReady ? "stopped" : "could not start";
      const why = REASONS[status.kind] || REASONS.crash;
      this.setStatus(`The live calculator ${what}: ${why} ${figures} Your entries are kept.`);
    } else if (status.phase === "ready" && this.lastState !== "ready") {
      this.schedule(); // first time live here, or live again after a retry
    }
    this.lastState = state;
    if (status.phase === "error") {
      this.root.dataset.errorKind = status.kind;
      this.root.dataset.errorDetail = status.detail;
    } else {
      delete this.root.dataset.errorKind;
      delete this.root.dataset.errorDetail;
    }
    if (this.retry) {
      this.retry.hidden = status.phase !== "error";
      const words = status.phase === "error" && status.kind === "outdated" ? RETRY.reload : RETRY.again;
      if (this.retry.textContent !== words) this.retry.textContent = words;
    }
  }

  /** @param {string} text */
  setStatus(text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  schedule() {
    if (this.runtime.status.phase === "error") {
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
          out = await this.services.compute(this.name, values);
        } catch {
          return; // the runtime's status (error) is shown by sync()
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

  /**
   * @param {Output} out
   * @param {Record<string, string>} values
   */
  apply(out, values) {
    if (out.fatal) {
      this.setState("error");
      this.setStatus(out.fatal);
      return;
    }
    const errors = out.errors || {};
    for (const el of fieldsOf(this.form)) {
      const message = Object.hasOwn(errors, el.name) ? String(errors[el.name]) : "";
      const errorEl = this.root.querySelector(`#${CSS.escape(el.id)}-error`);
      if (message) el.setAttribute("aria-invalid", "true");
      else el.removeAttribute("aria-invalid");
      if (errorEl instanceof HTMLElement) {
        errorEl.textContent = message;
        errorEl.hidden = !message;
      }
    }
    if (out.html) {
      this.paint(out.html);
      this.shown = values;
      this.results.removeAttribute("data-stale");
      this.shareSoon(values);
      mark("tmg:result", this.name); // benchmarks/: the first one of a page load is its first live result
    } else {
      this.results.setAttribute("data-stale", "");
    }
    this.setState("ready");
    if (this.edited) {
      // While the reader types, the status line and the screen reader wait for a pause.
      this.edited = false;
      clearTimeout(this.announceTimer);
      this.announceTimer = window.setTimeout(() => this.settle(), ANNOUNCE_MS);
    } else {
      this.setStatus(out.html ? MESSAGES.ready : MESSAGES.invalid);
    }
  }

  // After a pause: the status line, and one short sentence for screen readers (the headline
  // figure, or the first field's problem) instead of the whole results region.
  settle() {
    if (!this.root.isConnected || this.runtime.status.phase !== "ready") return;
    const invalid = fieldsOf(this.form).find((el) => el.getAttribute("aria-invalid") === "true");
    this.setStatus(invalid ? MESSAGES.invalid : MESSAGES.ready);
    if (!this.announcer) return;
    /** @param {Element | null} node */
    const clean = (node) => (node?.textContent ?? "").replace(/\s+/g, " ").trim();
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

  /**
   * Replace the results, keeping open <details> sections open.
   * @param {string} html produced by the Python renderer, which escapes every value
   */
  paint(html) {
    const sections = /** @type {NodeListOf<HTMLDetailsElement>} */ (
      this.results.querySelectorAll("details[data-section]")
    );
    const open = new Set([...sections].filter((d) => d.open).map((d) => d.dataset.section));
    const template = document.createElement("template");
    template.innerHTML = html;
    for (const details of template.content.querySelectorAll("details[data-section]")) {
      if (details instanceof HTMLDetailsElement && open.has(details.dataset.section)) details.open = true;
    }
    this.results.replaceChildren(template.content);
  }

  /**
   * Write the address once the reader pauses, not on every keystroke.
   * @param {Record<string, string>} values
   */
  shareSoon(values) {
    clearTimeout(this.shareTimer);
    this.unshared = values;
    this.shareTimer = window.setTimeout(() => this.flushShare(), SHARE_MS);
  }

  // Now, not after the pause: a link was clicked, so the page being left keeps the reader's
  // latest values in its history entry (Back brings them back).
  flushShare() {
    clearTimeout(this.shareTimer);
    const values = this.unshared;
    this.unshared = null;
    if (values && this.root.isConnected) shareInUrl(values, this.defaults, this.services.shownPath());
  }
}
