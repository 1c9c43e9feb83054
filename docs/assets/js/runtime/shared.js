// @ts-check
// Names the build and the runtime both rely on, written once, here. The build's Python reads this
// file too (site_build/shared.py parses the object below as JSON), so the object stays plain JSON:
// double-quoted keys and strings, no comments inside, no trailing commas.

// biome-ignore format: read as JSON by site_build/shared.py
const shared = {
  "packageName": "tiktok-money-calculators",
  "runtimeDir": "pyodide",
  "coreFiles": ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"],
  "stdlib": "python_stdlib.zip",
  "lockFile": "pyodide-lock.json",
  "integrityFile": "integrity.json",
  "sizesFile": "sizes.json",
  "buildMeta": "tmg-build",
  "snapshotPrefix": "snapshot-",
  "runtimeCache": "tmg-runtime",
  "pageIndex": "assets/calculator-pages.json",
  "searchMayStart": "tmg:search-may-start",
  "maxValueLength": 200
};

/** The calculators wheel's distribution name, as the worker asks Pyodide to install it. */
export const PACKAGE_NAME = shared.packageName;
/** Where the build puts Pyodide and the wheel, relative to the site's root. */
export const RUNTIME_DIR = shared.runtimeDir;
/** What every start needs from Pyodide's npm package (site_build/bundle.py copies them). */
export const CORE_FILES = Object.freeze([...shared.coreFiles]);
/** The standard library archive: only a start without the snapshot downloads it (site_build/stdlib.py). */
export const STDLIB = shared.stdlib;
/** The trimmed lock file that lists the wheel and its sha256. */
export const LOCK_FILE = shared.lockFile;
/** The build identity and the SRI hashes of the runtime files: {"build": …, "files": {…}} (site_build/build_id.py). */
export const INTEGRITY_FILE = shared.integrityFile;
/** Each runtime file's size in bytes, for the loading status's progress (site_build/bundle.py). */
export const SIZES_FILE = shared.sizesFile;
/** The ``name`` of the meta that says which build a page is (site_build/build_id.py). */
export const BUILD_META = shared.buildMeta;
/** The memory snapshot's name starts so in the integrity file (site_build/snapshot.py). */
export const SNAPSHOT_PREFIX = shared.snapshotPrefix;
/** The cache of the runtime's large files (site_build/service-worker.js; the Python worker's too). */
export const RUNTIME_CACHE = shared.runtimeCache;
/** Which calculators each page holds, relative to the site's root (site_build/page_index.py). */
export const PAGE_INDEX = shared.pageIndex;
/** The event on document that lets Material's search build its index (search-later.js, a classic script, spells it). */
export const SEARCH_MAY_START = shared.searchMayStart;
/**
 * The most characters of one field the page sends to Python: longer is never a number (Python
 * says so), but the page must not ship megabytes to the worker.
 */
export const MAX_VALUE_LENGTH = shared.maxValueLength;
