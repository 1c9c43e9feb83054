// @ts-check
// The form ↔ address round trip: a calculator's values live in the page's query string, so a
// link (or Back) brings them back. Only values that differ from the page's defaults are written.

import { MAX_VALUE_LENGTH } from "./shared.js";

/** @typedef {HTMLInputElement | HTMLSelectElement} Field */

/**
 * The named fields of a form.
 * @param {HTMLFormElement} form
 * @returns {Field[]}
 */
export function fieldsOf(form) {
  return /** @type {Field[]} */ ([...form.elements].filter((el) => "name" in el && el.name));
}

/**
 * A form's values, as text (a checkbox as "true"/"false").
 * @param {HTMLFormElement} form
 * @returns {Record<string, string>}
 */
export function readForm(form) {
  /** @type {Record<string, string>} */
  const values = {};
  for (const el of fieldsOf(form)) {
    values[el.name] =
      el instanceof HTMLInputElement && el.type === "checkbox"
        ? String(el.checked)
        : String(el.value).slice(0, MAX_VALUE_LENGTH);
  }
  return values;
}

/**
 * The values the page was built with (each field's default in the markup), whatever the fields
 * hold now: a reader on a slow phone can type before the calculator is attached, and a browser
 * may refill a form on reload or Back. Either way those values are not what the figures on the
 * page were computed for.
 * @param {HTMLFormElement} form
 * @returns {Record<string, string>}
 */
export function renderedForm(form) {
  /** @type {Record<string, string>} */
  const values = {};
  for (const el of fieldsOf(form)) {
    if (el instanceof HTMLSelectElement) {
      const options = [...el.options];
      values[el.name] = (options.find((option) => option.defaultSelected) || options[0])?.value ?? "";
    } else {
      values[el.name] = el.type === "checkbox" ? String(el.defaultChecked) : el.defaultValue;
    }
  }
  return values;
}

/**
 * A value from an address's query string, as a form field receives it.
 * @param {URLSearchParams} params
 * @param {string} name
 * @returns {string}
 */
export function fromParams(params, name) {
  return String(params.get(name)).slice(0, MAX_VALUE_LENGTH);
}

/**
 * @param {Field} el
 * @param {string} value
 */
export function writeField(el, value) {
  if (el instanceof HTMLInputElement && el.type === "checkbox") el.checked = value === "true";
  else el.value = value;
}

/**
 * Put the address's values into the form; true when there were any.
 * @param {HTMLFormElement} form
 * @param {string} search the address's query string
 * @returns {boolean}
 */
export function restoreFromUrl(form, search) {
  const params = new URLSearchParams(search);
  let restored = false;
  for (const el of fieldsOf(form)) {
    if (params.has(el.name)) {
      writeField(el, fromParams(params, el.name));
      restored = true;
    }
  }
  return restored;
}

/**
 * Write ``values`` into the address of the page shown (``shownPath``); defaults are left out.
 * @param {Record<string, string>} values
 * @param {Record<string, string>} defaults
 * @param {string} shownPath the page in the document
 */
export function shareInUrl(values, defaults, shownPath) {
  // Material's instant navigation changes the address on the click, before the next page
  // replaces this one: never write this page's values into another page's address.
  if (window.location.pathname !== shownPath) return;
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(values)) {
    if (value === defaults[name]) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
}
