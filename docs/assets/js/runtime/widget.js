// @ts-check
// One calculator on the page: its form, its figures and its status line. The figures arrive
// rendered at build time (data-state="static"); once Python runs, every edit recomputes them
// with the same Python renderer, so nothing shifts when Python takes over.

import { fieldsOf, readForm, renderedForm, restoreFromUrl, shareInUrl } from "./address.js";
import { COUNTRY_EVENT, COUNTRY_FIELD, countryMenu, restoreCountry, shareCountry, showCountry } from "./country.js";
import { copyAddress, forgetReadings, showApplicable, showCurrency, showReadings, takePick } from "./form.js";
import { mark } from "./marks.js";

const SLOW_MS = 8000;
/** Screen readers hear the outcome once the reader pauses, not every keystroke. */
const ANNOUNCE_MS = 900;
/**
 * The address follows the figures once typing pauses: history.replaceState is slow enough to
 * matter on every keystroke (input_latency_p95_ms in benchmarks/budgets.py).
 */
const SHARE_MS = 300;

// Plain words, where the reader looks (just under the answer): what is happening, and whether the
// figures shown are right for what is in the form.
const MESSAGES = {
  /** @param {string} progress "" or " (50% downloaded)" */
  loading: (progress) =>
    `Getting the live calculator ready${progress}… The figures shown are right for the values in the form.`,
  /** @param {string} progress */
  slow: (progress) =>
    `Still getting the live calculator ready${progress}: it is a large download the first time. ` +
    "The figures shown are right for the values in the form.",
  /** @param {string} progress */
  pending: (progress) => `Getting the live calculator ready${progress}… Your change will be counted as soon as it is.`,
  /** @param {string} progress */
  slowPending: (progress) =>
    `Still getting the live calculator ready${progress}: it is a large download the first time. ` +
    "Your change will be counted as soon as it is; the figures shown are for the values before it.",
  ready: "Live: figures update as you type.",
  invalid: "Fix the highlighted field to update the figures. The figures shown are for your last valid values.",
  copied: "Link copied: it opens this calculator with your numbers.",
  copyByHand: "Copy this link to share your numbers:",
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
    /** @type {HTMLElement | null} the headline, pinned while the reader edits (older pages have none) */
    this.answer = root.querySelector("[data-answer]");
    /** @type {HTMLButtonElement | null} */
    this.copy = root.querySelector("[data-copy-link]");
    /** @type {HTMLElement | null} */
    this.copied = root.querySelector("[data-copied]");
    this.slow = false; // the start is taking long: say so
    this.status = /** @type {HTMLElement} */ (root.querySelector("[data-status]"));
    /** @type {HTMLButtonElement | null} */
    this.retry = root.querySelector("[data-retry]");
    /** @type {HTMLElement | null} */
    this.announcer = root.querySelector("[data-announce]");
    this.defaults = renderedForm(this.form); // not readForm: the fields may already hold the reader's values
    this.shown = this.defaults; // the values the figures on screen were computed for
    this.running = false;
    this.dirty = false;
    this.edited = false; // a reader's edit is waiting to be announced
    this.slowTimer = 0;
    this.pendingShown = false; // the loading status says an edit waits for Python
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
    // The address's values first (a shared link), then the reader's remembered country.
    const fromUrl = restoreFromUrl(this.form, window.location.search);
    const fromMemory = restoreCountry(this.form, window.location.search);
    const wake = () => this.runtime.wake();
    this.form.addEventListener("submit", (event) => event.preventDefault(), { signal });
    // "input" fires for text, select and checkbox edits alike; "change" would only repeat it,
    // and late (on blur), possibly after instant navigation has replaced this widget.
    this.form.addEventListener(
      "input",
      (event) => {
        const target = /** @type {HTMLSelectElement | null} */ (event.target);
        if (target && target.name === COUNTRY_FIELD) shareCountry(target.value); // every calculator follows
        this.edit();
      },
      { signal },
    );
    // The reader picked a country in another calculator on this page.
    window.addEventListener(
      COUNTRY_EVENT,
      (event) => {
        const menu = countryMenu(this.form);
        const code = /** @type {CustomEvent<string>} */ (event).detail;
        if (menu && typeof code === "string" && showCountry(menu, code)) this.edit();
      },
      { signal },
    );
    // A tap on one reading of an ambiguous entry ("300.000": 300 thousand or 300).
    this.root.addEventListener("click", (event) => takePick(event), { signal });
    const copy = this.copy;
    if (copy) {
      copy.hidden = false;
      copy.addEventListener("click", () => this.copyLink(), { signal });
    }
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
    showApplicable(this.root, this.form, this.defaults);
    const restored = fromUrl || fromMemory;
    if (restored) {
      this.markStale(this.isStale());
      wake(); // values from the address: start Python now; sync() computes them once it is ready
    } else if (this.root.contains(document.activeElement)) {
      wake(); // tapped before the calculator was attached (a phone still reading the page): unheard
    }
    this.sync();
    // Typed before it was attached, likewise unheard: the figures are not for the form's values.
    if (!restored && this.isStale()) this.edit();
  }

  /** The form changed (the reader's edit, or the country picked in another calculator). */
  edit() {
    this.edited = true;
    showApplicable(this.root, this.form, this.defaults); // at once, Python or not
    // Live, the new reading follows within a frame or two; otherwise the old one would stay.
    if (this.runtime.status.phase !== "ready") forgetReadings(this.form, this.shown);
    if (this.runtime.status.phase !== "ready" && this.runtime.status.phase !== "error") {
      // One honest state while Python starts: the figures are for other values now (as after
      // opening a shared link); they are computed the moment Python is ready.
      this.markStale(this.isStale());
      this.showLoading();
    }
    this.schedule();
  }

  detach() {
    this.listening.abort();
    clearTimeout(this.slowTimer);
    clearTimeout(this.announceTimer);
    clearTimeout(this.shareTimer);
  }

  /**
   * Mark the figures (the pinned answer and the results) as computed for other values, or not.
   * @param {boolean} stale
   */
  markStale(stale) {
    for (const el of [this.answer, this.results]) {
      if (!el) continue;
      if (stale) el.setAttribute("data-stale", "");
      else el.removeAttribute("data-stale");
    }
  }

  /**
   * The loading status, in words that match the figures (valid, or waiting for Python), with how
   * much of Python's download has arrived: a thin bar under the status line that fills smoothly
   * (--tmg-progress, silent), and the percentage in the words in steps of a quarter, so a screen
   * reader hears the status line a few times, not on every chunk.
   */
  showLoading() {
    const status = this.runtime.status;
    const loaded = status.phase === "loading" ? status.loaded : 0;
    const total = status.phase === "loading" ? status.total : 0;
    const share = total > 0 ? Math.min(1, loaded / total) : 0;
    this.root.style.setProperty("--tmg-progress", share.toFixed(3));
    this.root.dataset.loaded = String(loaded);
    this.root.dataset.total = String(total);
    const pct = Math.floor(share * 4) * 25;
    const progress = pct > 0 ? ` (${pct}% downloaded)` : "";
    this.pendingShown = this.isStale();
    if (this.slow) this.setStatus((this.pendingShown ? MESSAGES.slowPending : MESSAGES.slow)(progress));
    else this.setStatus((this.pendingShown ? MESSAGES.pending : MESSAGES.loading)(progress));
  }

  /** "Copy link to my numbers": the address with the form's values, to the clipboard. */
  async copyLink() {
    shareInUrl(readForm(this.form), this.defaults, this.services.shownPath());
    const url = window.location.href;
    const copied = await copyAddress(url);
    if (!this.copied) return;
    if (copied) this.copied.textContent = MESSAGES.copied;
    else {
      // No clipboard (an old browser, or permission refused): the link, to copy by hand.
      const link = document.createElement("a");
      link.href = url;
      link.textContent = url;
      this.copied.replaceChildren(`${MESSAGES.copyByHand} `, link);
    }
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
    if (status.phase !== "loading" || this.lastState !== "loading") {
      clearTimeout(this.slowTimer);
      this.slow = false;
      this.root.style.removeProperty("--tmg-progress");
    }
    if (status.phase === "loading") {
      if (this.lastState !== "loading") {
        this.slowTimer = window.setTimeout(() => {
          this.slow = true;
          this.showLoading();
        }, SLOW_MS);
      }
      this.showLoading();
    } else if (status.phase === "error") {
      // The figures stay; say plainly whether they still match what is in the form.
      this.pendingShown = false;
      const stale = this.isStale();
      if (stale) this.markStale(true);
      const figures = stale
        ? "The figures shown are for earlier values, not the ones now in the form."
        : "The figures shown are right for the values in the form.";
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
    showReadings(this.form, out.read || {}, out.picks || {});
    showCurrency(this.form, out.currency);
    if (out.html) {
      this.paint(out.html, out.answer || "");
      this.shown = values;
      this.markStale(false);
      this.shareSoon(values);
      mark("tmg:result", this.name); // benchmarks/: the first one of a page load is its first live result
    } else {
      this.markStale(true);
    }
    this.setState("ready");
    // An edit made while Python started is computed now: say so at once, not after the pause.
    const waited = this.pendingShown;
    this.pendingShown = false;
    if (waited) this.setStatus(out.html ? MESSAGES.ready : MESSAGES.invalid);
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
      const headline = clean(this.root.querySelector(".tmg-headline"));
      text = headline ? `Updated. ${headline}` : "Figures updated.";
    }
    if (text !== this.spoken) {
      this.spoken = text;
      this.announcer.textContent = text;
    }
  }

  /**
   * Replace the results and the pinned answer, keeping open <details> sections open.
   * @param {string} html produced by the Python renderer, which escapes every value
   * @param {string} answer the headline, from the same renderer
   */
  paint(html, answer) {
    if (this.answer && answer) {
      const headline = document.createElement("template");
      headline.innerHTML = answer;
      this.answer.replaceChildren(headline.content);
    }
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
