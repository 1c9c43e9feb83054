// The worker client's status transitions, driven by a fake worker (docs/assets/js/runtime/python.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { Failure } from "../../docs/assets/js/runtime/protocol.js";
import { PythonRuntime } from "../../docs/assets/js/runtime/python.js";

/** Stands in for the Web Worker: records what the page posts, and replays what a worker would say. */
class FakeWorker {
  constructor() {
    /** @type {Map<string, Array<(event: any) => void>>} */
    this.listeners = new Map();
    /** @type {any[]} */
    this.posted = [];
    this.terminated = false;
  }
  /** @param {string} type @param {(event: any) => void} listener */
  addEventListener(type, listener) {
    this.listeners.set(type, [...(this.listeners.get(type) || []), listener]);
  }
  /** @param {any} message */
  postMessage(message) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  /** @param {any} data */
  say(data) {
    for (const listener of this.listeners.get("message") || []) listener({ data });
  }
  /** @param {string} message */
  crash(message) {
    const event = { message, prevented: false, preventDefault: () => (event.prevented = true) };
    for (const listener of this.listeners.get("error") || []) listener(event);
    return event;
  }
}

/** A runtime whose workers are fakes; ``phases`` records every status it announces. */
/** @param {{ timeoutMs?: number, plan?: any }} [options] */
function setUp({ timeoutMs = 60_000, plan = undefined } = {}) {
  /** @type {FakeWorker[]} */
  const workers = [];
  const runtime = new PythonRuntime({
    runtimeUrl: "http://127.0.0.1/pyodide/",
    packageName: "tiktok-money-calculators",
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    timeoutMs,
    plan,
  });
  /** @type {any[]} */
  const phases = [];
  runtime.addEventListener("status", () => phases.push({ ...runtime.status }));
  return { runtime, workers, phases };
}

test("idle, then loading, then ready; one worker however often it is woken", async () => {
  const { runtime, workers, phases } = setUp();
  assert.deepEqual(runtime.status, { phase: "idle" });
  runtime.wake();
  runtime.wake();
  const started = runtime.start();
  assert.equal(workers.length, 1);
  await new Promise((resolve) => setImmediate(resolve)); // init waits for the visit's snapshot policy
  assert.deepEqual(workers[0].posted, [
    {
      type: "init",
      runtime: "http://127.0.0.1/pyodide/",
      packageName: "tiktok-money-calculators",
      build: "",
      snapshot: "always",
      keep: false,
    },
  ]);
  workers[0].say({ type: "booted" });
  workers[0].say({ type: "ready" });
  await started;
  assert.deepEqual(
    phases.map((s) => s.phase),
    ["loading", "ready"],
  );
});

test("the worker starts at once and hears the visit's plan when the page knows it", async () => {
  /** @type {(plan: object) => void} */
  let decide = () => {};
  const { runtime, workers } = setUp({ plan: new Promise((resolve) => (decide = resolve)) });
  runtime.start();
  assert.equal(workers.length, 1, "the worker script downloads meanwhile");
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(workers[0].posted, []);
  decide({ snapshot: "cached", keep: true });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(workers[0].posted[0].snapshot, "cached");
  assert.equal(workers[0].posted[0].keep, true, "whether it may keep what it unpacks for the next visit");
});

test("while loading, the status carries the download's progress", async () => {
  const { runtime, workers, phases } = setUp();
  const started = runtime.start();
  assert.deepEqual(runtime.status, { phase: "loading", loaded: 0, total: 0 });
  workers[0].say({ type: "booted" });
  workers[0].say({ type: "progress", loaded: 2_000_000, total: 8_000_000 });
  assert.deepEqual(runtime.status, { phase: "loading", loaded: 2_000_000, total: 8_000_000 });
  workers[0].say({ type: "ready" });
  await started;
  workers[0].say({ type: "progress", loaded: 1, total: 1 });
  assert.deepEqual(runtime.status, { phase: "ready" }, "a late progress message changes nothing once live");
  assert.deepEqual(
    phases.map((s) => s.phase),
    ["loading", "loading", "ready"],
  );
});

test("a start that fails says why, and that Python never ran", async () => {
  const { runtime, workers } = setUp();
  const started = runtime.start();
  workers[0].say({ type: "booted" });
  workers[0].say({ type: "fatal", kind: "integrity", message: "pyodide.asm.wasm does not match" });
  await assert.rejects(started, { kind: "integrity" });
  assert.deepEqual(runtime.status, {
    phase: "error",
    kind: "integrity",
    detail: "pyodide.asm.wasm does not match",
    wasReady: false,
  });
  assert.ok(workers[0].terminated);
});

test("an error before the worker said anything: its script did not arrive", async () => {
  const { runtime, workers } = setUp();
  const started = runtime.start();
  const event = workers[0].crash("");
  await assert.rejects(started, { kind: "network" });
  assert.ok(event.prevented);
  assert.equal(runtime.status.phase, "error");
});

test("a crash after start fails the computations waiting, and says Python stopped", async () => {
  const { runtime, workers } = setUp();
  const started = runtime.start();
  workers[0].say({ type: "booted" });
  workers[0].say({ type: "ready" });
  await started;
  const call = runtime.compute("likes", { likes: "1" });
  await new Promise((resolve) => setImmediate(resolve)); // compute() posts once the start is settled
  assert.equal(workers[0].posted.at(-1).type, "update");
  workers[0].crash("simulated crash");
  await assert.rejects(call, (error) => error instanceof Failure && error.kind === "crash");
  assert.deepEqual(runtime.status, { phase: "error", kind: "crash", detail: "simulated crash", wasReady: true });
});

test("a result comes back to its call; a Python exception stops the worker", async () => {
  const { runtime, workers } = setUp();
  const started = runtime.start();
  workers[0].say({ type: "ready" });
  await started;
  const first = runtime.compute("likes", { likes: "1" });
  const second = runtime.compute("likes", { likes: "2" });
  await new Promise((resolve) => setImmediate(resolve));
  const [a, b] = workers[0].posted.slice(1);
  workers[0].say({ type: "result", id: b.id, json: '{"html": "<p>2</p>"}' });
  workers[0].say({ type: "result", id: a.id, json: '{"html": "<p>1</p>"}' });
  assert.deepEqual(await first, { html: "<p>1</p>" });
  assert.deepEqual(await second, { html: "<p>2</p>" });
  const third = runtime.compute("likes", { likes: "3" });
  await new Promise((resolve) => setImmediate(resolve));
  workers[0].say({ type: "result", id: workers[0].posted.at(-1).id, error: "ZeroDivisionError" });
  await assert.rejects(third, { kind: "crash", message: "ZeroDivisionError" });
  assert.equal(runtime.status.phase, "error");
  assert.ok(workers[0].terminated);
});

test("a worker that stops answering is given up on", async () => {
  const { runtime, workers } = setUp({ timeoutMs: 1 });
  const started = runtime.start();
  workers[0].say({ type: "ready" });
  await started;
  await assert.rejects(runtime.compute("likes", {}), { kind: "unresponsive" });
  assert.deepEqual(runtime.status, {
    phase: "error",
    kind: "unresponsive",
    detail: "no answer from the worker",
    wasReady: true,
  });
});

test("after a failure only an explicit start retries, with a new worker; the old one is ignored", async () => {
  const { runtime, workers, phases } = setUp();
  const first = runtime.start();
  workers[0].say({ type: "fatal", kind: "network", message: "offline" });
  await assert.rejects(first);
  runtime.wake(); // automatic starts do not retry
  assert.equal(workers.length, 1);
  const second = runtime.start();
  assert.equal(workers.length, 2);
  workers[0].say({ type: "ready" }); // the worker given up on
  assert.equal(runtime.status.phase, "loading");
  workers[1].say({ type: "ready" });
  await second;
  assert.deepEqual(
    phases.map((s) => s.phase),
    ["loading", "error", "loading", "ready"],
  );
});

test("a worker that cannot be created fails the start", async () => {
  const runtime = new PythonRuntime({
    runtimeUrl: "/pyodide/",
    packageName: "p",
    createWorker: () => {
      throw new TypeError("Failed to load worker script");
    },
  });
  await assert.rejects(runtime.start());
  assert.equal(runtime.status.phase, "error");
  assert.equal(runtime.status.phase === "error" && runtime.status.kind, "network");
});

test("prepare() makes the worker without starting Python; the start takes it", async () => {
  const { runtime, workers, phases } = setUp();
  runtime.prepare();
  runtime.prepare();
  assert.equal(workers.length, 1, "one worker, made ahead");
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(workers[0].posted, [], "nothing asked of it: no Pyodide download");
  assert.deepEqual(runtime.status, { phase: "idle" });
  assert.deepEqual(phases, []);
  workers[0].say({ type: "booted" }); // before the start listens
  const started = runtime.start();
  runtime.prepare(); // a running worker needs no other
  assert.equal(workers.length, 1, "the start took the worker made ahead");
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(workers[0].posted[0].type, "init");
  workers[0].crash("simulated");
  await assert.rejects(started);
  assert.equal(
    runtime.status.phase === "error" && runtime.status.kind,
    "crash",
    "its script had run (it said so before the start): a crash, not a missing script",
  );
});

test("a worker made ahead whose script failed is made again by the start", async () => {
  const { runtime, workers } = setUp();
  runtime.prepare();
  const event = workers[0].crash("Failed to load worker script");
  assert.equal(event.prevented, true, "no uncaught error while nobody waits for it");
  assert.deepEqual(runtime.status, { phase: "idle" }, "no start was asked for: nothing to report");
  runtime.start();
  assert.equal(workers.length, 2);
  assert.equal(workers[0].terminated, true);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(workers[0].posted, []);
  assert.equal(workers[1].posted[0].type, "init");
});
