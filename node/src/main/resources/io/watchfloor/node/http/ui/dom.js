// Small DOM helpers. Data from the API is only ever set as text, never parsed as HTML.

/** Creates an element: el('a', {href: '#'}, 'text', child, ...). Attributes starting with "on" become listeners. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces the children of a node. */
export function show(parent, ...children) {
  parent.replaceChildren(...children.flat(Infinity).filter((c) => c !== undefined && c !== null));
}

/** A timestamp as local date and time, to the second. */
export function time(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { hour12: false }) : '–';
}

/** A number with at most three decimals. */
export function num(value) {
  return typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : '–';
}

/** A message box for errors. */
export function errorBox(message) {
  return el('p', { class: 'error', role: 'alert' }, message);
}
