// @ts-check
// What a calculator's form shows besides its values (markup: calculators/render.py): which fields
// apply to the chosen mode or ticked method, which values are still the page's assumptions, how
// each number was read ("= 300,000"), and the two readings of an ambiguous entry ("300.000").
//
// Which fields apply is decided here too, from data-when on each field, so a field appears the
// moment its mode is chosen, before Python is ready; Python ignores a field that does not apply
// whatever it holds (calculators/engine.py), so the two cannot disagree on a result.

import { fieldsOf, readForm } from "./address.js";

/**
 * Show the fields that apply to the form's current choices and hide the others; in the "More
 * details" summary, list as assumed only the values the reader has not changed.
 * @param {HTMLElement} root the calculator
 * @param {HTMLFormElement} form
 * @param {Record<string, string>} defaults the values the page arrived with
 */
export function showApplicable(root, form, defaults) {
  const values = readForm(form);
  /** @type {Set<string>} */
  const hidden = new Set();
  for (const box of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-when]"))) {
    let allowed = [];
    try {
      allowed = JSON.parse(box.dataset.whenValues || "[]");
    } catch {
      allowed = [];
    }
    const applies = Array.isArray(allowed) && allowed.includes(values[box.dataset.when || ""]);
    box.hidden = !applies;
    if (!applies && box.dataset.field) hidden.add(box.dataset.field);
  }
  for (const item of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-assumed]"))) {
    const name = item.dataset.assumed || "";
    item.hidden = hidden.has(name) || values[name] !== defaults[name];
  }
}

/**
 * How Python read each number, and buttons for an entry that reads two ways.
 * @param {HTMLFormElement} form
 * @param {Record<string, string>} read the echo per field ("= 300,000"), from calculators/api.py
 * @param {Record<string, string>} picks the buttons' HTML per ambiguous field, from the same renderer
 */
export function showReadings(form, read, picks) {
  for (const el of fieldsOf(form)) {
    const echo = document.getElementById(`${el.id}-read`);
    if (echo) {
      const text = Object.hasOwn(read, el.name) ? String(read[el.name]) : "";
      if (echo.textContent !== text) echo.textContent = text;
    }
    const box = document.getElementById(`${el.id}-picks`);
    if (box) {
      const html = Object.hasOwn(picks, el.name) ? String(picks[el.name]) : "";
      if (!html) box.replaceChildren();
      else {
        const template = document.createElement("template");
        template.innerHTML = html; // produced by the Python renderer, which escapes every value
        box.replaceChildren(template.content);
      }
    }
  }
}

/**
 * Until Python computes again, a field changed since the figures were computed shows no reading:
 * "= 4,200" beside a field that now holds 9000 would say the new value was read as the old one.
 * @param {HTMLFormElement} form
 * @param {Record<string, string>} shown the values the figures on screen were computed for
 */
export function forgetReadings(form, shown) {
  const values = readForm(form);
  for (const el of fieldsOf(form)) {
    if (values[el.name] === shown[el.name]) continue;
    const echo = document.getElementById(`${el.id}-read`);
    if (echo?.textContent) echo.textContent = "";
    document.getElementById(`${el.id}-picks`)?.replaceChildren();
  }
}

/**
 * The currency money fields are read in, beside their labels: "(EUR)" once a reader in Germany is
 * computed for, "(USD)" again at home (the built page says USD, the stated default).
 * @param {HTMLFormElement} form
 * @param {string | undefined} currency the code from calculators/api.py
 */
export function showCurrency(form, currency) {
  if (!currency) return;
  for (const unit of form.querySelectorAll("[data-money-unit]")) {
    const text = `(${currency})`;
    if (unit.textContent !== text) unit.textContent = text;
  }
}

/**
 * A tap on one reading of an ambiguous entry puts it in the field, as if typed.
 * @param {Event} event a click inside the calculator
 * @returns {boolean} whether it was such a tap
 */
export function takePick(event) {
  const button = event.target instanceof Element ? event.target.closest("[data-pick]") : null;
  if (!(button instanceof HTMLElement)) return false;
  const field = button.closest(".tmg-field");
  const input = field ? field.querySelector("input[name]") : null;
  if (!(input instanceof HTMLInputElement)) return false;
  input.value = button.dataset.pick || "";
  input.focus();
  input.dispatchEvent(new Event("input", { bubbles: true }));
  return true;
}

/**
 * Put ``url`` on the clipboard; false when the browser has no clipboard or refuses.
 * @param {string} url
 * @returns {Promise<boolean>}
 */
export async function copyAddress(url) {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(url);
    return true;
  } catch {
    return false;
  }
}
