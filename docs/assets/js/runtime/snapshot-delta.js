// @ts-check
// The memory snapshot is shipped as a delta against what the wasm already carries.
//
// A Pyodide snapshot is a header followed by the whole WebAssembly memory. Its static-data
// region (~3.2 MB) is, byte for byte almost, the wasm's own data segments, which a reader
// downloads anyway in pyodide.asm.wasm: shipped as is, it costs ~1.5 MB of gzip twice. The
// build (site_build's make_snapshot.mjs) XORs each active data segment into the image, which
// turns that region into zeros that gzip to nothing; the worker XORs the same segments again
// to get the image back, from the wasm bytes it has already checked. XOR is its own inverse,
// so both sides call this one function.

/**
 * Read an unsigned LEB128 number.
 * @param {Uint8Array} bytes
 * @param {number} at
 * @returns {[number, number]} the value and the offset after it
 */
function uleb(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

/**
 * Read a signed LEB128 number (an i32.const offset).
 * @param {Uint8Array} bytes
 * @param {number} at
 * @returns {[number, number]}
 */
function sleb(bytes, at) {
  const [value, next] = uleb(bytes, at);
  // The same groups of seven bits; bit 6 of the last byte is the sign.
  return bytes[next - 1] & 0x40 ? [value - 2 ** (7 * (next - at)), next] : [value, next];
}

/**
 * XOR every active data segment of ``wasm`` into the memory image of ``snapshot``, in place.
 * @param {Uint8Array} snapshot a Pyodide memory snapshot: header, then linear memory
 * @param {Uint8Array} wasm the module the snapshot was made with
 * @returns {Uint8Array} ``snapshot``
 */
export function xorDataSegments(snapshot, wasm) {
  // The header's second 32-bit word is its length: memory address 0 is at that offset.
  const base = new DataView(snapshot.buffer, snapshot.byteOffset, 8).getUint32(4, true);
  let at = 8; // magic and version
  while (at < wasm.length) {
    const id = wasm[at++];
    let size;
    [size, at] = uleb(wasm, at);
    if (id === 11) {
      let count;
      let cursor;
      [count, cursor] = uleb(wasm, at);
      for (let i = 0; i < count; i += 1) {
        let flags;
        [flags, cursor] = uleb(wasm, cursor);
        // Pyodide's segments are all "active, memory 0, i32.const offset"; anything else is
        // a wasm this code was not written for, and a wrong image must never be restored.
        if (flags !== 0 || wasm[cursor] !== 0x41) throw new Error("unexpected data segment in the wasm");
        let offset;
        [offset, cursor] = sleb(wasm, cursor + 1);
        if (wasm[cursor] !== 0x0b) throw new Error("unexpected data segment offset in the wasm");
        let length;
        [length, cursor] = uleb(wasm, cursor + 1);
        const target = base + offset;
        if (target < base || target + length > snapshot.length) throw new Error("the snapshot does not fit this wasm");
        for (let k = 0; k < length; k += 1) snapshot[target + k] ^= wasm[cursor + k];
        cursor += length;
      }
    }
    at += size;
  }
  return snapshot;
}
