// @ts-check
// Performance marks that benchmarks/ reads (DevTools shows them under Timings).

/**
 * Set the mark ``name``, keeping only the latest one of that name (a long visit must not grow the timeline).
 * @param {string} name
 * @param {unknown} [detail]
 */
export function mark(name, detail) {
  if (typeof performance === "undefined" || !performance.mark) return;
  performance.clearMarks(name);
  performance.mark(name, { detail });
}
