// How dear data is this visit (docs/assets/js/runtime/connection.js): the plan that decides whether
// Python starts at idle and whether the snapshot is downloaded.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  DEAR_BELOW_MBPS,
  dataIsDear,
  measuredMbps,
  planFor,
  planVisit,
} from "../../docs/assets/js/runtime/connection.js";

/**
 * A Performance with these resource entries (and a navigation of no bytes).
 * @param {Array<[number, number, number]>} downloads [transferSize, responseStart, responseEnd]
 */
const perf = (downloads) => ({
  /** @param {string} type */
  getEntriesByType: (type) =>
    type === "resource"
      ? downloads.map(([transferSize, responseStart, responseEnd]) => ({ transferSize, responseStart, responseEnd }))
      : [{ transferSize: 0, responseStart: 0, responseEnd: 0 }],
});

/** 100 kB in 0.5 s: 1.6 Mbit/s, Slow 4G. */
const SLOW = perf([[100_000, 100, 600]]);
/** 1 MB in 0.4 s: 20 Mbit/s. */
const FAST = perf([[1_000_000, 100, 500]]);

test("throughput counts only the time during which a body was arriving", () => {
  // Two overlapping downloads (100-600, 300-800 ms) and one after a pause (1800-2000 ms):
  // 300 kB over 900 ms busy, not over 1,900 ms elapsed.
  const mbps = measuredMbps(
    perf([
      [100_000, 100, 600],
      [100_000, 300, 800],
      [100_000, 1800, 2000],
    ]),
  );
  assert.ok(mbps !== null);
  assert.ok(Math.abs(mbps - (300_000 * 8) / 900 / 1000) < 1e-9, String(mbps));
});

test("too few bytes over the network, or all from a cache, give no verdict", () => {
  assert.equal(measuredMbps(perf([])), null);
  assert.equal(measuredMbps(perf([[10_000, 0, 1000]])), null);
  assert.equal(measuredMbps(perf([[0, 0, 1000]])), null, "a cache hit has no transfer size");
});

test("data is dear with Save-Data, on a cellular connection, at 3G or less, or when the page came slowly", () => {
  assert.equal(dataIsDear({ saveData: true }, FAST), true);
  assert.equal(dataIsDear({ type: "cellular" }, FAST), true);
  for (const effectiveType of ["slow-2g", "2g", "3g"]) assert.equal(dataIsDear({ effectiveType }, FAST), true);
  assert.equal(dataIsDear(undefined, SLOW), true, "no Network Information API: the measurement decides");
  assert.equal(dataIsDear({ effectiveType: "4g", type: "wifi" }, SLOW), true);
});

test("data is not dear on a fast connection, nor when nothing could be measured", () => {
  assert.equal(dataIsDear({ effectiveType: "4g", type: "wifi" }, FAST), false);
  assert.equal(dataIsDear(undefined, FAST), false);
  assert.equal(dataIsDear(undefined, perf([])), false);
});

test("the threshold sits between Slow 4G (1.6 Mbit/s) and Fast 4G (9 Mbit/s)", () => {
  assert.ok(DEAR_BELOW_MBPS > 1.6 && DEAR_BELOW_MBPS < 9);
});

test("the plan keeps the snapshot for next time unless the reader asked to save data", () => {
  assert.deepEqual(planFor(undefined, FAST), { dear: false, keepForNextTime: true });
  assert.deepEqual(planFor(undefined, SLOW), { dear: true, keepForNextTime: true });
  assert.deepEqual(planFor({ saveData: true }, FAST), { dear: true, keepForNextTime: false });
});

test("a visit the connection says is not dear does not wait for the caches", async () => {
  const never = () => new Promise(() => {}); // the caches never answer
  assert.deepEqual(await planVisit(undefined, FAST, never), { dear: false, keepForNextTime: true });
});

test("a dear visit is not dear when a cache already holds the runtime", async () => {
  assert.deepEqual(await planVisit(undefined, SLOW, async () => true), { dear: false, keepForNextTime: true });
  assert.deepEqual(await planVisit(undefined, SLOW, async () => false), { dear: true, keepForNextTime: true });
  const saving = await planVisit({ saveData: true }, FAST, async () => true);
  assert.deepEqual(
    saving,
    { dear: false, keepForNextTime: false },
    "held already: no download, and none for next time",
  );
});
