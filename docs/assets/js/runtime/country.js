// @ts-check
// The reader's country: one choice for every calculator on every page (markup: the "country" menu
// that calculators/render.py puts first in each form). The choice is remembered in this browser
// (localStorage), and a change in one calculator moves every other one on the page with it. A
// shared link's country wins over the remembered one, without replacing it: the link is someone
// else's numbers. The built figures are for the stated default (the United States).

/** The field every calculator declares (calculators/common.py, COUNTRY_FIELD). */
export const COUNTRY_FIELD = "country";
/** Where the choice is remembered. */
export const STORAGE_KEY = "tmg-country";
/** Sent on window when the reader picks a country in one calculator; detail: the code. */
export const COUNTRY_EVENT = "tmg:country";

/**
 * Which country a form should show: the address's (a shared link), else the remembered one,
 * else the one it has. A code the menu does not offer (an old link, a damaged store) is skipped.
 * @param {{ fromUrl: string | null, stored: string | null, current: string, options: string[] }} given
 * @returns {string}
 */
export function chooseCountry({ fromUrl, stored, current, options }) {
  for (const code of [fromUrl, stored]) {
    if (code && options.includes(code)) return code;
  }
  return current;
}

/**
 * The browser's store, or null where it is refused (private modes, blocked cookies).
 * @returns {Storage | null}
 */
export function browserStorage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * @param {Storage | null} storage
 * @returns {string | null}
 */
export function rememberedCountry(storage) {
  try {
    return storage ? storage.getItem(STORAGE_KEY) : null;
  } catch {
    return null;
  }
}

/**
 * @param {Storage | null} storage
 * @param {string} code
 */
export function rememberCountry(storage, code) {
  try {
    storage?.setItem(STORAGE_KEY, code);
  } catch {
    // A full or refused store: the choice holds for this page only.
  }
}

/**
 * A form's country menu, if it has one.
 * @param {HTMLFormElement} form
 * @returns {HTMLSelectElement | null}
 */
export function countryMenu(form) {
  const el = form.elements.namedItem(COUNTRY_FIELD);
  return el instanceof HTMLSelectElement ? el : null;
}

/**
 * Set the menu to ``code`` if it offers it; true when that changed the form.
 * @param {HTMLSelectElement} menu
 * @param {string} code
 * @returns {boolean}
 */
export function showCountry(menu, code) {
  if (menu.value === code || ![...menu.options].some((option) => option.value === code)) return false;
  menu.value = code;
  return true;
}

/**
 * On attaching a widget: the remembered country, unless the address names one (restoreFromUrl
 * has put that in already). True when the form changed, so its figures must be computed again.
 * @param {HTMLFormElement} form
 * @param {string} search the address's query string
 * @returns {boolean}
 */
export function restoreCountry(form, search) {
  const menu = countryMenu(form);
  if (!menu) return false;
  const code = chooseCountry({
    fromUrl: new URLSearchParams(search).get(COUNTRY_FIELD),
    stored: rememberedCountry(browserStorage()),
    current: menu.value,
    options: [...menu.options].map((option) => option.value),
  });
  return showCountry(menu, code);
}

/**
 * The reader picked a country in one calculator: remember it, and tell the others on the page.
 * @param {string} code
 */
export function shareCountry(code) {
  rememberCountry(browserStorage(), code);
  window.dispatchEvent(new CustomEvent(COUNTRY_EVENT, { detail: code }));
}
