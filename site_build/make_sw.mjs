// Build-time service worker (see site_build/offline.py).
//
// usage: node site_build/make_sw.mjs <site dir> <service-worker.js source> <config.json>
//
// Workbox's injectManifest lists every file the config's globs match in the built site with
// a revision (a hash of its bytes; none for names that already carry one) and writes the
// source, with that list in place of self.__WB_MANIFEST, to <site dir>/sw.js.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const [siteDir, source, configPath] = process.argv.slice(2);
if (!siteDir || !source || !configPath) {
  console.error("usage: node make_sw.mjs <site dir> <service-worker.js> <config.json>");
  process.exit(2);
}
const require = createRequire(resolve("package.json"));
const { injectManifest } = require("workbox-build");
const config = JSON.parse(readFileSync(configPath, "utf8"));
const { count, size, warnings } = await injectManifest({
  globDirectory: siteDir,
  swSrc: source,
  swDest: resolve(siteDir, "sw.js"),
  globPatterns: config.globPatterns,
  globIgnores: config.globIgnores,
  dontCacheBustURLsMatching: new RegExp(config.dontCacheBustURLsMatching),
  maximumFileSizeToCacheInBytes: config.maximumFileSizeToCacheInBytes,
});
console.log(JSON.stringify({ count, size, warnings }));
