// Prepared results: their keys, the values a page will arrive with, and taking one
// (docs/assets/js/runtime/prefetch.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { arrivingValues, Prefetcher, preparedKey } from "../../docs/assets/js/runtime/prefetch.js";
import { MAX_VALUE_LENGTH } from "../../docs/assets/js/runtime/shared.js";

test("a prepared result's key ignores the order of the values", () => {
  assert.equal(preparedKey("likes", { a: "1", b: "2" }), preparedKey("likes", { b: "2", a: "1" }));
  assert.notEqual(preparedKey("likes", { a: "1" }), preparedKey("engagement", { a: "1" }));
  assert.notEqual(preparedKey("likes", { a: "1" }), preparedKey("likes", { a: "2" }));
  assert.notEqual(preparedKey("likes", { a: "1" }), preparedKey("likes", { a: "1", b: "" }));
});

/** @type {import("../../docs/assets/js/runtime/prefetch.js").IndexField[]} */
const FIELDS = [
  ["views", "10000", "text", []],
  ["tier", "mid", "select", ["small", "mid", "large"]],
  ["usd", "true", "checkbox", []],
];

test("a page arrives with its first values where the link sets none", () => {
  assert.deepEqual(arrivingValues(FIELDS, new URLSearchParams("")), { views: "10000", tier: "mid", usd: "true" });
});

test("the link's values arrive as the form receives them", () => {
  const params = new URLSearchParams("views=12k&tier=large&usd=no&other=1");
  assert.deepEqual(arrivingValues(FIELDS, params), { views: "12k", tier: "large", usd: "false" });
});

test("a select's option it does not have arrives empty, as the browser leaves it", () => {
  assert.equal(arrivingValues(FIELDS, new URLSearchParams("tier=huge")).tier, "");
});

test("an over-long value arrives cut to the length the form sends", () => {
  const views = arrivingValues(FIELDS, new URLSearchParams(`views=${"9".repeat(5000)}`)).views;
  assert.equal(views.length, MAX_VALUE_LENGTH);
});

/** A runtime that computes nothing but records what it was asked. */
function fakeRuntime() {
  const runtime = Object.assign(new EventTarget(), {
    /** @type {{ phase: string }} */
    status: { phase: "ready" },
    /** @type {Array<[string, Record<string, string>]>} */
    calls: [],
    /** @param {string} name @param {Record<string, string>} values */
    compute(name, values) {
      runtime.calls.push([name, values]);
      return Promise.resolve({ html: `<p>${name}</p>` });
    },
  });
  return runtime;
}

const ROOT = new URL("http://127.0.0.1:8000/guide/");

/** @param {ReturnType<typeof fakeRuntime>} runtime */
function prefetcherFor(runtime) {
  globalThis.window = /** @type {any} */ ({ location: { href: "http://127.0.0.1:8000/guide/" } });
  const index = { "likes/": [{ name: "likes", fields: FIELDS }] };
  return new Prefetcher({
    runtime: /** @type {any} */ (runtime),
    root: ROOT,
    pagesUrl: new URL("assets/calculator-pages.json", ROOT),
    loadIndex: async () => index,
  });
}

test("a link's figures are computed once and taken once, for exactly those values", async () => {
  const runtime = fakeRuntime();
  const prefetcher = prefetcherFor(runtime);
  await prefetcher.prepare("/guide/likes/?views=5", "/guide/");
  await prefetcher.prepare("/guide/likes/?views=5", "/guide/");
  assert.equal(runtime.calls.length, 1);
  const values = { views: "5", tier: "mid", usd: "true" };
  assert.deepEqual(runtime.calls[0], ["likes", values]);
  assert.deepEqual(await prefetcher.compute("likes", { ...values }), { html: "<p>likes</p>" });
  assert.equal(runtime.calls.length, 1); // taken, not computed again
  await prefetcher.compute("likes", values);
  assert.equal(runtime.calls.length, 2); // taken once only
});

const NOTHING = "nothing is prepared for the page shown, another site, a page without calculators, or a stopped Python";

test(NOTHING, async () => {
  const runtime = fakeRuntime();
  const prefetcher = prefetcherFor(runtime);
  await prefetcher.prepare("/guide/likes/#how", "/guide/likes/");
  await prefetcher.prepare("http://example.com/guide/likes/", "/guide/");
  await prefetcher.prepare("/other/likes/", "/guide/");
  await prefetcher.prepare("/guide/faq/", "/guide/");
  runtime.status = { phase: "loading" };
  await prefetcher.prepare("/guide/likes/", "/guide/");
  assert.deepEqual(runtime.calls, []);
});

test("a failure of Python drops every prepared result", async () => {
  const runtime = fakeRuntime();
  const prefetcher = prefetcherFor(runtime);
  await prefetcher.prepare("/guide/likes/", "/guide/");
  assert.equal(prefetcher.prepared.size, 1);
  runtime.status = { phase: "error" };
  runtime.dispatchEvent(new Event("status"));
  assert.equal(prefetcher.prepared.size, 0);
});

test("a sweep across many links keeps only the latest few", async () => {
  const runtime = fakeRuntime();
  const prefetcher = prefetcherFor(runtime);
  for (let views = 0; views < 20; views++) await prefetcher.prepare(`/guide/likes/?views=${views}`, "/guide/");
  assert.equal(runtime.calls.length, 20);
  assert.ok(prefetcher.prepared.size < 20);
  assert.ok(prefetcher.prepared.has(preparedKey("likes", { views: "19", tier: "mid", usd: "true" })));
  assert.ok(!prefetcher.prepared.has(preparedKey("likes", { views: "0", tier: "mid", usd: "true" })));
});
