// Protocol guards: what each side accepts from the other (docs/assets/js/runtime/protocol.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  asPageMessage,
  asWorkerMessage,
  Failure,
  FailureKind,
  isFailureKind,
  MessageType,
  messageOf,
  toFailure,
} from "../../docs/assets/js/runtime/protocol.js";

test("the page accepts each worker message in its own shape", () => {
  assert.deepEqual(asWorkerMessage({ type: "booted" }), { type: "booted" });
  assert.deepEqual(asWorkerMessage({ type: "ready", build: "b1", extra: 1 }), { type: "ready", build: "b1" });
  assert.deepEqual(asWorkerMessage({ type: "fatal", kind: "integrity", message: "x" }), {
    type: "fatal",
    kind: "integrity",
    message: "x",
  });
  assert.deepEqual(asWorkerMessage({ type: "result", id: 3, json: "{}" }), { type: "result", id: 3, json: "{}" });
  assert.deepEqual(asWorkerMessage({ type: "result", id: 3, error: "boom" }), { type: "result", id: 3, error: "boom" });
  assert.deepEqual(asWorkerMessage({ type: "result", id: 3, outdated: "b1" }), {
    type: "result",
    id: 3,
    outdated: "b1",
  });
});

test("download progress reaches the page as two byte counts, never negative or not a number", () => {
  assert.deepEqual(asWorkerMessage({ type: "progress", loaded: 5, total: 10 }), {
    type: "progress",
    loaded: 5,
    total: 10,
  });
  assert.deepEqual(asWorkerMessage({ type: "progress", loaded: -1, total: "x" }), {
    type: "progress",
    loaded: 0,
    total: 0,
  });
});

test("a failure kind the page does not know is a crash", () => {
  assert.equal(asWorkerMessage({ type: "fatal", kind: "toString", message: "x" })?.kind, "crash");
  assert.equal(asWorkerMessage({ type: "fatal", message: "x" })?.kind, "crash");
});

test("anything else from the worker is refused", () => {
  for (const data of [null, undefined, "ready", 7, {}, { type: "update" }, { type: "result", id: "1", json: "{}" }]) {
    assert.equal(asWorkerMessage(data), null, JSON.stringify(data));
  }
});

test("the worker accepts init and update, and reader values only as strings", () => {
  assert.deepEqual(asPageMessage({ type: "init", runtime: "/pyodide/", packageName: "p", build: "b1" }), {
    type: "init",
    runtime: "/pyodide/",
    packageName: "p",
    build: "b1",
    snapshot: "always",
    keep: false,
  });
  const cachedOnly = { type: "init", runtime: "/pyodide/", packageName: "p", build: "b1", snapshot: "cached" };
  assert.equal(asPageMessage(cachedOnly)?.snapshot, "cached");
  assert.equal(asPageMessage({ ...cachedOnly, snapshot: "sometimes" })?.snapshot, "always");
  assert.equal(asPageMessage({ ...cachedOnly, keep: true })?.keep, true);
  assert.equal(asPageMessage({ ...cachedOnly, keep: "yes" })?.keep, false, "only true keeps");
  assert.deepEqual(asPageMessage({ type: "update", id: 1, name: "likes", values: { a: 5, b: "x" } }), {
    type: "update",
    id: 1,
    name: "likes",
    values: { a: "5", b: "x" },
    build: "",
  });
  assert.deepEqual(asPageMessage({ type: "update", id: 2, name: "likes", values: "import os" })?.values, {});
  assert.equal(asPageMessage({ type: "update", name: "likes" }), null);
  assert.equal(asPageMessage({ type: "result", id: 1 }), null);
  assert.equal(asPageMessage(null), null);
});

test("one spelling of each message type and failure kind", () => {
  for (const [key, value] of Object.entries(MessageType)) assert.equal(key, value);
  for (const [key, value] of Object.entries(FailureKind)) assert.equal(key, value);
  assert.ok(Object.isFrozen(MessageType) && Object.isFrozen(FailureKind));
  assert.ok(isFailureKind("network"));
  assert.ok(!isFailureKind("hasOwnProperty"));
});

test("anything thrown becomes a Failure with a message", () => {
  assert.equal(messageOf(new Error("gone")), "gone");
  assert.equal(messageOf("text"), "text");
  assert.equal(messageOf(undefined), "");
  const failure = new Failure("network", "x", { fromSnapshot: true });
  assert.equal(toFailure(failure), failure);
  assert.ok(failure.fromSnapshot);
  const crash = toFailure(new TypeError("bad"));
  assert.ok(crash instanceof Failure);
  assert.deepEqual([crash.kind, crash.message, crash.fromSnapshot], ["crash", "bad", false]);
  assert.equal(toFailure("offline", "network").kind, "network");
});
