// The build identity of a page and of the site's Python files (docs/assets/js/runtime/build.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { BUILD_META, pageBuild, parseManifest } from "../../docs/assets/js/runtime/build.js";

/** A document with one meta, or none. @param {string | null} content */
const page = (content) => ({
  /** @param {string} selector */
  querySelector: (selector) =>
    content !== null && selector === `meta[name="${BUILD_META}"]` ? { getAttribute: () => content } : null,
});

test("a page names its build in its meta, or none", () => {
  assert.equal(pageBuild(page("b1")), "b1");
  assert.equal(pageBuild(page(null)), "");
});

test("integrity.json gives the build and each file's checksum, as text", () => {
  assert.deepEqual(parseManifest('{"build": "b1", "files": {"pyodide.mjs": "sha256-x", "n": 5}}'), {
    build: "b1",
    files: { "pyodide.mjs": "sha256-x", n: "5" },
    unpacked: {},
  });
});

test("integrity.json also gives the checksum of what a reader's cache keeps unpacked", () => {
  const text =
    '{"build": "b1", "files": {"snapshot-a.bin.gz": "sha256-x"}, "unpacked": {"snapshot-a.bin": "sha256-y"}}';
  assert.deepEqual(parseManifest(text)?.unpacked, { "snapshot-a.bin": "sha256-y" });
});

test("anything else is not a manifest", () => {
  for (const text of ["", "not json", "null", "[]", '{"files": {}}', '{"build": 1, "files": {}}', '{"build": "b1"}']) {
    assert.equal(parseManifest(text), null, text);
  }
});
