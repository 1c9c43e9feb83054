// The reader's country, remembered and shared (docs/assets/js/runtime/country.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  chooseCountry,
  rememberCountry,
  rememberedCountry,
  STORAGE_KEY,
  showCountry,
} from "../../docs/assets/js/runtime/country.js";

const OPTIONS = ["US", "DE", "NG"];

test("a shared link's country wins, then the remembered one, then the form's own", () => {
  assert.equal(chooseCountry({ fromUrl: "DE", stored: "NG", current: "US", options: OPTIONS }), "DE");
  assert.equal(chooseCountry({ fromUrl: null, stored: "NG", current: "US", options: OPTIONS }), "NG");
  assert.equal(chooseCountry({ fromUrl: null, stored: null, current: "US", options: OPTIONS }), "US");
});

test("a code the menu does not offer is skipped, never forced into the form", () => {
  assert.equal(chooseCountry({ fromUrl: "XX", stored: "NG", current: "US", options: OPTIONS }), "NG");
  assert.equal(chooseCountry({ fromUrl: "", stored: "<b>", current: "US", options: OPTIONS }), "US");
});

/** A store like localStorage; ``refuse`` makes every call throw, as a blocked store does. */
function store(refuse = false) {
  /** @type {Map<string, string>} */
  const items = new Map();
  return /** @type {Storage} */ (
    /** @type {unknown} */ ({
      /** @param {string} key */
      getItem(key) {
        if (refuse) throw new Error("SecurityError");
        return items.get(key) ?? null;
      },
      /** @param {string} key @param {string} value */
      setItem(key, value) {
        if (refuse) throw new Error("QuotaExceededError");
        items.set(key, value);
      },
    })
  );
}

test("the choice is remembered under one key, and a refused store costs nothing but the memory", () => {
  const kept = store();
  assert.equal(rememberedCountry(kept), null);
  rememberCountry(kept, "DE");
  assert.equal(rememberedCountry(kept), "DE");
  assert.equal(kept.getItem(STORAGE_KEY), "DE");
  const refused = store(true);
  rememberCountry(refused, "DE");
  assert.equal(rememberedCountry(refused), null);
  assert.equal(rememberedCountry(null), null);
});

test("a menu moves only to a country it offers, and says whether it moved", () => {
  const menu = /** @type {HTMLSelectElement} */ (
    /** @type {unknown} */ ({ value: "US", options: OPTIONS.map((value) => ({ value })) })
  );
  assert.equal(showCountry(menu, "US"), false);
  assert.equal(showCountry(menu, "XX"), false);
  assert.equal(menu.value, "US");
  assert.equal(showCountry(menu, "NG"), true);
  assert.equal(menu.value, "NG");
});
