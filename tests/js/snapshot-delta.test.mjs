// The snapshot shipped as a delta against the wasm's data segments
// (docs/assets/js/runtime/snapshot-delta.js), on a hand-made module and memory image.
import assert from "node:assert/strict";
import { test } from "node:test";

import { xorDataSegments } from "../../docs/assets/js/runtime/snapshot-delta.js";

const HEADER = 16; // the snapshot's header length, in its second 32-bit word

/**
 * A wasm with a custom section (skipped) and a data section of active segments.
 * @param {Array<{ offset: number[], bytes: number[], flags?: number }>} segments offset as signed LEB128
 */
function wasm(segments) {
  const data = [...uleb(segments.length)];
  for (const { offset, bytes, flags = 0 } of segments) {
    data.push(flags, 0x41, ...offset, 0x0b, ...uleb(bytes.length), ...bytes);
  }
  const custom = [1, 0x61, 9, 9, 9]; // name "a", then three bytes of payload
  return new Uint8Array([
    0,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    0,
    custom.length,
    ...custom,
    11,
    ...uleb(data.length),
    ...data,
  ]);
}

/** @param {number} value a length, as unsigned LEB128 */
function uleb(value) {
  const out = [];
  do {
    const low = value & 0x7f;
    value >>>= 7;
    out.push(value ? low | 0x80 : low);
  } while (value);
  return out;
}

/** A snapshot of ``memory`` bytes of linear memory, holding ``fill`` at the given addresses. */
function snapshot(memory, /** @type {Record<number, number[]>} */ fill = {}) {
  const image = new Uint8Array(HEADER + memory);
  new DataView(image.buffer).setUint32(4, HEADER, true);
  for (const [address, bytes] of Object.entries(fill)) image.set(bytes, HEADER + Number(address));
  return image;
}

// Offsets 3 and 200 (200 takes two bytes of LEB128: 0xc8 0x01).
const MODULE = wasm([
  { offset: [3], bytes: [1, 2, 3] },
  { offset: [0xc8, 0x01], bytes: [7, 8] },
]);

test("memory that still holds the wasm's data becomes zeros there, and the rest is untouched", () => {
  const image = snapshot(256, { 3: [1, 2, 3], 200: [7, 8], 100: [42] });
  xorDataSegments(image, MODULE);
  assert.deepEqual([...image.subarray(HEADER + 3, HEADER + 6)], [0, 0, 0]);
  assert.deepEqual([...image.subarray(HEADER + 200, HEADER + 202)], [0, 0]);
  assert.equal(image[HEADER + 100], 42);
  assert.equal(new DataView(image.buffer).getUint32(4, true), HEADER, "the header is not touched");
});

test("applied twice it gives the image back, changed bytes included", () => {
  const original = snapshot(256, { 3: [1, 9, 3], 200: [7, 8], 100: [42] });
  const image = xorDataSegments(xorDataSegments(original.slice(), MODULE), MODULE);
  assert.deepEqual(image, original);
});

test("a segment this code was not written for is refused, not guessed at", () => {
  assert.throws(() => xorDataSegments(snapshot(256), wasm([{ offset: [3], bytes: [1], flags: 1 }])), /data segment/);
});

test("a wasm whose data lies beyond the snapshot's memory is refused", () => {
  assert.throws(() => xorDataSegments(snapshot(100), MODULE), /does not fit/);
});

test("long segments (lengths of several LEB128 bytes) at any offset give the byte-by-byte XOR", () => {
  // Pyodide's wasm has thousands of segments, many longer than one LEB128 byte can say, in a
  // memory image that may start anywhere in its buffer (here: a view at an odd offset).
  const random = (n, seed) => Array.from({ length: n }, (_, i) => (i * 73 + seed * 31 + ((i * i) % 17)) & 0xff);
  const segments = [
    { offset: [3], bytes: random(301, 1) }, // 3
    { offset: [0x85, 0x04], bytes: random(1000, 2) }, // 517
    { offset: [0xa0, 0x0c], bytes: random(2, 3) }, // 1568: shorter than a word
  ];
  const module = wasm(segments);
  const backing = new Uint8Array(HEADER + 2048 + 1);
  const image = backing.subarray(1);
  new DataView(image.buffer, image.byteOffset).setUint32(4, HEADER, true);
  for (let i = HEADER; i < image.length; i += 1) image[i] = (i * 7) & 0xff;
  const expected = image.slice();
  for (const [at, bytes] of [
    [3, segments[0].bytes],
    [517, segments[1].bytes],
    [1568, segments[2].bytes],
  ]) {
    for (let k = 0; k < bytes.length; k += 1) expected[HEADER + at + k] ^= bytes[k];
  }
  assert.deepEqual(xorDataSegments(image, module), expected);
});
