// @ts-check
// Zero the memory Pyodide's allocator holds free, before the build writes the memory snapshot.
//
// A snapshot is the whole WebAssembly memory, and freed blocks keep whatever they last held
// (source text, bytes read while importing): megabytes that are garbage to the restored Python
// but noise to gzip, downloaded by every reader whose start takes the snapshot and unpacked on
// every repeat visit (issue #15's budgets: the phone's first and repeat visits). Zeroed, they
// compress to almost nothing. Used by site_build/make_snapshot.mjs; nothing a live Python can
// reach is touched: only blocks this function itself was handed by malloc, then gives back.

/**
 * The parts of Pyodide's Emscripten module this needs (dlmalloc's exports and the memory).
 * @typedef {{
 *   HEAPU8: Uint8Array,
 *   _malloc: (size: number) => number,
 *   _free: (pointer: number) => void,
 *   _malloc_footprint: () => number,
 *   _malloc_set_footprint_limit: (bytes: number) => number,
 * }} Allocator
 */

/** dlmalloc's "no limit": (size_t)-1 on wasm32. */
const NO_LIMIT = 0xffffffff;

/**
 * Take every free block from the allocator, zero it, and give it back, without growing memory.
 * @param {Allocator} module
 * @returns {number} the bytes zeroed
 */
export function zeroFreeMemory(module) {
  const memory = module.HEAPU8.buffer.byteLength;
  // With the footprint capped where it is, malloc can only hand out blocks that are free now.
  module._malloc_set_footprint_limit(module._malloc_footprint());
  /** @type {number[]} */
  const held = [];
  let zeroed = 0;
  try {
    for (let size = 2 ** 26; size >= 16; size /= 2) {
      for (let pointer = module._malloc(size); pointer; pointer = module._malloc(size)) {
        module.HEAPU8.fill(0, pointer, pointer + size);
        held.push(pointer);
        zeroed += size;
      }
    }
  } finally {
    for (const pointer of held) module._free(pointer);
    module._malloc_set_footprint_limit(NO_LIMIT);
  }
  if (module.HEAPU8.buffer.byteLength !== memory) throw new Error("zeroing free memory grew the heap");
  return zeroed;
}
