// @ts-check
// How dear data is for this reader, decided once per visit.
//
// Python's first download is 5-10 MB (benchmarks/README.md). Where data is dear, it is spent only
// when the reader shows intent (touches a calculator: focus, a tap, typing), and the snapshot
// (5 MB) is used only when a cache already has it; it is fetched for next time once the calculator is live
// and the connection idle, unless the reader asked to save data. Elsewhere Python starts as the
// calculators are attached and the snapshot comes with it. Measured in benchmarks/ (phone profiles).

/**
 * Below this, data is dear. On Slow 4G (1.6 Mbit/s) a start without the snapshot is live
 * sooner (5 MB less to download outweighs the CPU the snapshot saves); from Fast 4G (9 Mbit/s)
 * on, the two are about even on a phone, so those readers keep the snapshot.
 */
export const DEAR_BELOW_MBPS = 5;

/** Fewer bytes than this say more about latency than about bandwidth: no verdict. */
const MEASURABLE_BYTES = 32 * 1024;

/**
 * The subset of the Network Information API read here (Chromium; absent in Safari and Firefox).
 * Its ``downlink`` is not read: with no traffic to learn from (a fresh start, or a site on
 * localhost) Chromium reports a default of about 1.3 Mbit/s, which would make every such visit
 * look slow; the page's own downloads are measured instead.
 * @typedef {{ saveData?: boolean, effectiveType?: string, type?: string }} NetInfo
 */

/**
 * The throughput this page's own downloads reached, in Mbit/s: the bytes that came over the
 * network divided by the time during which at least one response body was arriving (overlapping
 * downloads share the connection; gaps between them are not counted). Null when too little came
 * over the network to tell (everything from a cache).
 * @param {Pick<Performance, "getEntriesByType">} perf
 * @returns {number | null}
 */
export function measuredMbps(perf) {
  /** @type {Array<[number, number]>} */
  const spans = [];
  let bytes = 0;
  for (const entry of [...perf.getEntriesByType("navigation"), ...perf.getEntriesByType("resource")]) {
    const timing = /** @type {PerformanceResourceTiming} */ (entry);
    if (!(timing.transferSize > 0) || !(timing.responseEnd > timing.responseStart)) continue;
    bytes += timing.transferSize;
    spans.push([timing.responseStart, timing.responseEnd]);
  }
  if (bytes < MEASURABLE_BYTES) return null;
  spans.sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let [from, to] = spans[0];
  for (const [start, end] of spans.slice(1)) {
    if (start > to) {
      busy += to - from;
      [from, to] = [start, end];
    } else {
      to = Math.max(to, end);
    }
  }
  busy += to - from;
  return (bytes * 8) / busy / 1000;
}

/**
 * Whether data is dear: the reader asked to save data, or the connection is cellular (usually
 * metered) or slow (the browser's estimate says 3G or less, or this page's own downloads were slow).
 * @param {NetInfo | undefined} connection ``navigator.connection``
 * @param {Pick<Performance, "getEntriesByType">} perf
 * @returns {boolean}
 */
export function dataIsDear(connection, perf) {
  if (connection) {
    if (connection.saveData) return true;
    if (connection.type === "cellular") return true;
    if (["slow-2g", "2g", "3g"].includes(String(connection.effectiveType))) return true;
  }
  const mbps = measuredMbps(perf);
  return mbps !== null && mbps < DEAR_BELOW_MBPS;
}

/**
 * The visit's plan, read once (the connection may change, the plan does not).
 * @typedef {object} Plan
 * @property {boolean} dear start Python on intent only, and take the snapshot only from a cache
 * @property {boolean} keepForNextTime fetch the snapshot for the next visit once live and idle
 */

/**
 * @param {NetInfo | undefined} connection
 * @param {Pick<Performance, "getEntriesByType">} perf
 * @returns {Plan}
 */
export function planFor(connection, perf) {
  const dear = dataIsDear(connection, perf);
  return { dear, keepForNextTime: !connection?.saveData };
}

/**
 * The visit's plan as soon as it is known. Where the connection alone says data is not dear, at
 * once: asking the caches whether they hold the runtime (``cached``) could only make a dear visit
 * cheap, and on a phone that look takes a noticeable part of a repeat visit (the repeat visit with
 * the service worker against bare Pyodide's warm visit, and the desktop's repeat visit).
 * Otherwise a runtime a cache already holds costs no data: the visit is not dear.
 * @param {NetInfo | undefined} connection
 * @param {Pick<Performance, "getEntriesByType">} perf
 * @param {() => Promise<boolean>} cached whether a cache holds this runtime (runtime/offline.js)
 * @returns {Promise<Plan>}
 */
export function planVisit(connection, perf, cached) {
  const plan = planFor(connection, perf);
  if (!plan.dear) return Promise.resolve(plan);
  return cached().then((held) => (held ? { ...plan, dear: false } : plan));
}
