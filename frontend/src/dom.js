// Building DOM nodes without innerHTML: every string from the API becomes a text node, so an
// article that contains "<script>" is shown as those characters and never runs.

/**
 * h("div", {class: "x", onclick: fn}, "text", child) -> HTMLElement
 * Attributes starting with "on" become listeners; "dataset" sets data-*; everything else is
 * set with setAttribute. Children may be strings, numbers, nodes, arrays, null or false.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (key === "style" && typeof value === "object") {
      Object.assign(el.style, value);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replace the children of ``el``. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function fmtDate(value) {
  if (!value) return "undated";
  return String(value).slice(0, 10);
}

export function fmtNumber(n) {
  if (n === null || n === undefined) return "?";
  return Number(n).toLocaleString("en-US", { maximumFractionDigits: 1 });
}
