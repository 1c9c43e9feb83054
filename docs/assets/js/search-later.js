// @ts-check
// Holds Material's search index build until the page's calculators are live (a classic script that
// overrides/main.html loads just before Material's bundle).
//
// Material's search worker builds its lunr index from scratch on every full page load, the moment
// the bundle runs: a share of the CPU as large as Pyodide's own restore, taken from Python at the
// very time it starts. On the phone profile, where the page and both workers share a quarter of a
// core, that is whole seconds of the repeat visit (benchmarks/README, "Held: Material's search").
// So what Material sends its search worker waits, in order, until one of:
// - calculators.js says the search may start (a live figure and a quiet second after it, a failed
//   start, or a page where Python does not start on its own), with the event below;
// - the reader reaches for search (the search field takes focus, or the search toggle opens).
// Only the worker at Material's configured search URL is held; any other worker, and a generator
// whose search works otherwise, are left alone.
{
  /** calculators.js dispatches it on document (runtime/shared.js: searchMayStart). */
  const MAY_START = "tmg:search-may-start";

  const config = document.getElementById("__config");
  /** @type {string} */
  let searchWorker = "";
  try {
    const search = JSON.parse(config?.textContent || "{}").search;
    if (typeof search === "string") searchWorker = new URL(search, document.baseURI).href;
  } catch {
    // No readable configuration: nothing to hold.
  }

  /** @type {(() => void)[]} the messages held, each ready to send */
  const held = [];
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    for (const send of held.splice(0)) send();
  };

  const NativeWorker = window.Worker;
  if (searchWorker) {
    window.Worker = class extends NativeWorker {
      /**
       * @param {string | URL} url
       * @param {WorkerOptions} [options]
       */
      constructor(url, options) {
        super(url, options);
        if (new URL(url, document.baseURI).href !== searchWorker) return;
        window.Worker = NativeWorker; // Material makes one search worker per page load
        const post = this.postMessage.bind(this);
        /**
         * @param {any} message
         * @param {any} [transfer]
         */
        this.postMessage = (message, transfer) => {
          if (released) post(message, transfer);
          else held.push(() => post(message, transfer));
        };
      }
    };
  }

  document.addEventListener(MAY_START, release, { once: true });
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.matches("[data-md-component=search-query]")) release();
  });
  document.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.dataset.mdToggle === "search") release();
  });
}
